package exceptions

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

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
