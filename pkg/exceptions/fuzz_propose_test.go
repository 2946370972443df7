package exceptions

import (
	"os"
	"strings"
	"testing"
)

// Propose and AppendStanzas edit text by the positions of a YAML node tree:
// whatever the file, they never panic, and when a valid file goes in, what
// comes out is valid too.
func FuzzPropose(f *testing.F) {
	if data, err := os.ReadFile("../../examples/exceptions.yaml"); err == nil {
		f.Add(data, "console-pdb", "monitoring-grafana-readiness")
	}
	f.Add([]byte(header+"exceptions:\n- id: a\n  type: pending-jira\n  jira: OCPBUGS-1\n  checks: [pdb]\n  namespace: x\n"), "a", "a")
	f.Add([]byte(header+"exceptions: [{id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: x}]\n"), "a", "b")
	f.Add([]byte(header+"exceptions:\n  - id: a # c\n    type: pending-jira\n\n    jira: OCPBUGS-1\n    checks: [pdb]\n    namespace: x\n    reason: |\n      long\n      text\n"), "b", "a")
	stanza := strings.Replace(Stanza("ns", "pdb", violation("Deployment", "d", "c")), JiraPlaceholder, "OCPBUGS-9", 1)
	f.Fuzz(func(t *testing.T, data []byte, remove, permanent string) {
		valid := false
		if _, err := Parse("in", data, known); err == nil {
			valid = true
		}
		out, _, err := Propose(data, []Verdict{{ID: remove, Action: Remove}, {ID: permanent, Action: MakePermanent, Reason: "r: x"}},
			func(Verdict) string { return "@me" })
		if valid && err == nil {
			if _, perr := Parse("out", out, known); perr != nil && remove != permanent {
				t.Fatalf("a valid file became invalid: %v\nin:\n%s\nout:\n%s", perr, data, out)
			}
		}
		out, _, err = AppendStanzas(data, []string{stanza})
		if valid && err == nil {
			if _, perr := Parse("out", out, known); perr != nil {
				t.Fatalf("appending made a valid file invalid: %v\nin:\n%s\nout:\n%s", perr, data, out)
			}
		}
	})
}
