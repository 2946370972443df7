package exceptions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// JiraPlaceholder stands for the bug key in a suggested stanza. It is not a
// valid key, so a stanza pasted without filing the bug fails validation
// instead of silently excepting the violation.
const JiraPlaceholder = "OCPBUGS-NNNNN"

// Stanza returns a pending-jira exception, as an item of the YAML
// `exceptions:` list, that covers exactly violation v of check in namespace
// ns and nothing else. Its jira is JiraPlaceholder, to be replaced by the
// key of the bug once it is filed.
func Stanza(ns, check string, v result.Violation) string {
	var b strings.Builder
	b.WriteString("- id: " + scalar(stanzaID(ns, v, check)) + "\n")
	b.WriteString("  type: " + string(PendingJira) + "\n")
	b.WriteString("  checks: [" + scalar(check) + "]\n")
	b.WriteString("  namespace: " + scalar(ns) + "\n")
	wl := "{kind: " + scalar(v.Kind) + ", name: " + scalar(v.Name)
	if v.Container != "" {
		wl += ", container: " + scalar(v.Container)
	}
	b.WriteString("  workload: " + wl + "}\n")
	b.WriteString("  jira: " + JiraPlaceholder + "\n")
	return b.String()
}

var notInID = regexp.MustCompile(`[^a-z0-9._-]+`)

// stanzaID names an exception after what it covers, which is unique per
// violation and stable across runs, like the rule key it comes from.
func stanzaID(ns string, v result.Violation, check string) string {
	parts := []string{ns, v.Name}
	if v.Container != "" {
		parts = append(parts, v.Container)
	}
	id := notInID.ReplaceAllString(strings.ToLower(strings.Join(append(parts, check), "-")), "-")
	return strings.Trim(id, "-._")
}

var plainScalar = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._/-]*$`)

// yamlWords are plain scalars YAML 1.1 reads as booleans or null.
var yamlWords = []string{"y", "n", "yes", "no", "on", "off", "true", "false", "null"}

// scalar renders s as a YAML scalar that reads back as the string s: plain
// when that is safe, else double-quoted (a JSON string is a valid YAML one).
func scalar(s string) string {
	if plainScalar.MatchString(s) && !slices.Contains(yamlWords, strings.ToLower(s)) {
		return s
	}
	q, err := json.Marshal(s)
	if err != nil { // a string always marshals; keep the compiler honest
		return strconv.Quote(s)
	}
	return string(q)
}

// AppendStanzas adds exception stanzas (YAML list items, as Stanza writes
// them) to the exceptions list of the file data, after its last item and
// in its indentation, leaving every other byte as it was. Stanzas whose id
// the file already has are left out; their ids are returned as skipped.
// Empty data starts a new file.
func AppendStanzas(data []byte, stanzas []string) (out []byte, skipped []string, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("apiVersion: " + APIVersion + "\nkind: " + FileKind + "\nexceptions:\n")
	}
	doc, err := parseTree(data)
	if err != nil {
		return nil, nil, err
	}
	root := doc.Content[0]
	list := value(root, "exceptions")
	ids := map[string]bool{}
	if list != nil {
		for _, item := range list.Content {
			if id := value(item, "id"); id != nil {
				ids[id.Value] = true
			}
		}
	}
	var add []string
	for _, s := range stanzas {
		var items []struct{ ID string }
		if err := yaml.Unmarshal([]byte(s), &items); err != nil || len(items) != 1 {
			return nil, nil, fmt.Errorf("stanza %q: not one list item", s)
		}
		if ids[items[0].ID] {
			skipped = append(skipped, items[0].ID)
			continue
		}
		ids[items[0].ID] = true
		add = append(add, s)
	}
	if len(add) == 0 {
		return data, skipped, nil
	}
	p := &proposal{lines: splitLines(data), root: root, list: list}
	text := strings.Join(add, "")
	switch {
	case list == nil:
		// No exceptions key: a new one at the end.
		return []byte(strings.Join(p.lines, "") + "exceptions:\n" + text), skipped, nil
	case list.Kind == yaml.ScalarNode && list.Tag == "!!null":
		// "exceptions:" with nothing under it: the items go right below it.
		at := list.Line
		return []byte(strings.Join(p.lines[:at], "") + text + strings.Join(p.lines[at:], "")), skipped, nil
	case list.Kind != yaml.SequenceNode || list.Style&yaml.FlowStyle != 0 || len(list.Content) == 0:
		return nil, nil, fmt.Errorf("exceptions is not a block list: write the stanzas in by hand")
	}
	_, end := p.itemSpan(len(list.Content) - 1)
	// Before the blank lines that end the last item.
	for end > 0 && strings.TrimSpace(p.lines[end-1]) == "" {
		end--
	}
	indent := strings.Repeat(" ", max(list.Content[0].Column-3, 0))
	var ind strings.Builder
	for _, l := range splitLines([]byte(text)) {
		ind.WriteString(indent + l)
	}
	head := strings.Join(p.lines[:end], "")
	return []byte(head + ind.String() + strings.Join(p.lines[end:], "")), skipped, nil
}
