package bugs

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/jira"
)

// SchemaVersion versions the JSON of WriteJSON.
const SchemaVersion = 1

// draftsDoc is the JSON of `bugs draft -o json`: issueUpdates is the body
// of Jira's bulk create (POST /rest/api/2/issue/bulk) and each of its items
// the body of a single create; drafts says, in the same order, what each
// bug is about and the exceptions that will point at it.
type draftsDoc struct {
	SchemaVersion int             `json:"schemaVersion"`
	IssueUpdates  []jira.NewIssue `json:"issueUpdates"`
	Drafts        []Draft         `json:"drafts"`
}

// WriteJSON writes the drafts as JSON.
func WriteJSON(w io.Writer, ds []Draft) error {
	doc := draftsDoc{SchemaVersion: SchemaVersion, IssueUpdates: []jira.NewIssue{}, Drafts: []Draft{}}
	for _, d := range ds {
		doc.IssueUpdates = append(doc.IssueUpdates, d.Issue)
		doc.Drafts = append(doc.Drafts, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// WriteMarkdown writes the drafts for people: per bug its summary, fields,
// the violations, and the description as it will be filed.
func WriteMarkdown(w io.Writer, ds []Draft) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Bug drafts (%s)\n\n", count(len(ds), "draft"))
	if len(ds) == 0 {
		b.WriteString("No violation without an exception: nothing to file.\n")
	}
	for i, d := range ds {
		f := d.Issue.Fields
		fmt.Fprintf(&b, "## %d. %s\n\n", i+1, f.Summary)
		fmt.Fprintf(&b, "- project: `%s`, type: %s, label: `%s`\n", f.Project.Key, f.IssueType.Name, strings.Join(f.Labels, "`, `"))
		fmt.Fprintf(&b, "- component: %s\n", orDash(d.Component))
		fmt.Fprintf(&b, "- affects: %s\n", orDash(strings.Join(d.Versions, ", ")))
		fmt.Fprintf(&b, "- test: `%s`\n", d.TestName)
		if d.First != nil {
			fmt.Fprintf(&b, "- seen in %s; first: %s, last: %s\n", count(d.Runs, "run"), runText(d.First, false), runText(d.Last, false))
		}
		b.WriteString("\n| workload | container | what is wrong |\n|---|---|---|\n")
		for _, v := range d.Violations {
			fmt.Fprintf(&b, "| `%s/%s` | %s | %s |\n", v.Kind, v.Name, orDash(v.Container), strings.ReplaceAll(v.Message, "|", `\|`))
		}
		fmt.Fprintf(&b, "\n<details><summary>Description (Jira wiki markup)</summary>\n\n```\n%s```\n\n</details>\n\n", f.Description)
		fmt.Fprintf(&b, "Exceptions, once filed (`bugs file --write-exceptions` adds them):\n\n```yaml\n%s```\n\n", d.Exceptions)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
