package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// ExceptionsYAML writes ha-compliance-exceptions.yaml: an exceptions file
// with one stanza per unexcepted violation, grouped by component and
// namespace, each after a comment saying what it covers. It is ready to
// edit: file the bug, replace the placeholder key with it, delete what is
// not to be excepted, and pass the file to --exceptions. Until then the
// placeholder makes `exceptions validate` refuse it, so nothing is excepted
// by accident.
func ExceptionsYAML(w io.Writer, a Analysis) error {
	var b strings.Builder
	b.WriteString("# Exceptions that would cover the unexcepted violations of this report.\n" +
		"# Keep only those with a bug filed, replace " + exceptions.JiraPlaceholder + " with its key, then:\n" +
		"#   ha-compliance exceptions validate " + ExceptionsFile + "\n" +
		"#   ha-compliance analyze INPUT --exceptions " + ExceptionsFile + "\n" +
		"# Fields are described in docs/exceptions.md.\n\n" +
		"apiVersion: ha-compliance/v1\nkind: ExceptionList\n")
	var body strings.Builder
	last := ""
	for _, g := range byNamespaceOrdered(a.Results) {
		for _, r := range g {
			if r.Outcome != result.Fail {
				continue
			}
			for _, v := range r.UnexceptedViolations() {
				if head := r.Component + "\x00" + r.Namespace; head != last {
					last = head
					fmt.Fprintf(&body, "\n# %s: %s\n", r.Namespace, orDefault(r.Component, "no known Jira component"))
				}
				fmt.Fprintf(&body, "# %s %s/%s: %s\n", r.Check, v.Kind, v.Name, yamlComment(v.Message))
				body.WriteString(exceptions.Stanza(r.Namespace, r.Check, v))
			}
		}
	}
	if body.Len() == 0 {
		b.WriteString("exceptions: [] # no unexcepted violation\n")
	} else {
		b.WriteString("exceptions:\n" + body.String())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// byNamespaceOrdered groups results by namespace in name order, whatever
// order they come in; checks keep their order within a namespace.
func byNamespaceOrdered(rs []result.Result) [][]result.Result {
	sorted := slices.Clone(rs)
	slices.SortStableFunc(sorted, func(x, y result.Result) int { return strings.Compare(x.Namespace, y.Namespace) })
	return byNamespace(sorted)
}

// yamlComment keeps s on its comment line.
func yamlComment(s string) string { return lineFolder.Replace(s) }
