package exceptions

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestProposeEditsOnlyTheLinesOfTheChangedExceptions(t *testing.T) {
	data, err := os.ReadFile("../../examples/exceptions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	verdicts := []Verdict{
		{ID: "console-pdb", Action: Remove},
		{ID: "monitoring-grafana-readiness", Jira: "OCPBUGS-12345", Action: MakePermanent, Reason: `OCPBUGS-12345 closed as "Won't Do"`},
		{ID: "olm-operator-startup", Action: Reopen},
	}
	out, changed, err := Propose(data, verdicts, func(v Verdict) string { return v.Jira + " closed as Won't Do" })
	if err != nil || !changed {
		t.Fatal(changed, err)
	}
	if _, err := Parse("proposed", out, known); err != nil {
		t.Fatalf("the proposal does not validate: %v\n%s", err, out)
	}
	// What changed, line by line: nothing else.
	var removed, added []string
	a, b := splitLines(data), splitLines(out)
	for _, l := range a {
		if !contains(b, l) {
			removed = append(removed, strings.TrimRight(l, "\n"))
		}
	}
	for _, l := range b {
		if !contains(a, l) {
			added = append(added, strings.TrimRight(l, "\n"))
		}
	}
	wantRemoved := []string{
		"  type: pending-jira                 # required: pending-jira | permanent",
		`  targetVersion: "4.23"              # optional: the release the fix is planned for.`,
		"                                     # Quote it: YAML reads 4.10 as the number 4.1",
		"  reason: grafana's health endpoint is being added   # optional for pending-jira",
		"# The smallest pending-jira exception: no workload, so it covers every",
		"# violation of the check in the namespace.",
		"- id: console-pdb",
		"  checks: [pdb]",
		"  namespace: openshift-console",
		"  jira: OCPBUGS-34567",
		"  reason: PodDisruptionBudgets for console and downloads are being added",
	}
	wantAdded := []string{
		"  type: permanent                 # required: pending-jira | permanent",
		`  reason: "OCPBUGS-12345 closed as \"Won't Do\""`,
		`  approvedBy: "OCPBUGS-12345 closed as Won't Do"`,
	}
	if d := cmp.Diff(wantRemoved, removed); d != "" {
		t.Errorf("removed lines (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantAdded, added); d != "" {
		t.Errorf("added lines (-want +got):\n%s", d)
	}
	// Two removed lines are not listed above, as the same text remains
	// elsewhere: console-pdb's "type: pending-jira" and the blank line after it.
	if want := len(a) - len(wantRemoved) - 2 + len(wantAdded); len(b) != want {
		t.Errorf("%d lines, want %d", len(b), want)
	}
}

func contains(lines []string, l string) bool {
	for _, x := range lines {
		if x == l {
			return true
		}
	}
	return false
}

// Flow-style items have no lines of their own: the node tree is encoded
// again, and the result still validates, with the comments kept.
func TestProposeFlowStyleFallsBackToTheNodeTree(t *testing.T) {
	data := []byte(header + "exceptions:\n# keep me\n- {id: a, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: x, targetVersion: \"4.23\"}\n- {id: b, type: pending-jira, jira: OCPBUGS-2, checks: [pdb], namespace: y}\n")
	out, changed, err := Propose(data, []Verdict{{ID: "a", Action: MakePermanent, Reason: "accepted"}, {ID: "b", Action: Remove}},
		func(Verdict) string { return "@owner" })
	if err != nil || !changed {
		t.Fatal(changed, err)
	}
	list, err := Parse("proposed", out, known)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(list.Exceptions) != 1 || list.Exceptions[0].Type != Permanent || list.Exceptions[0].TargetVersion != "" ||
		list.Exceptions[0].ApprovedBy != "@owner" || !strings.Contains(string(out), "# keep me") {
		t.Errorf("proposal:\n%s", out)
	}
	// Removing the last one leaves an empty list that still validates.
	out, _, err = Propose(out, []Verdict{{ID: "a", Action: Remove}}, nil)
	if _, perr := Parse("proposed", out, known); err != nil || perr != nil {
		t.Errorf("%v %v\n%s", err, perr, out)
	}
}

func TestAppendStanzas(t *testing.T) {
	stanza := Stanza("openshift-etcd", "pdb", violation("Deployment", "etcd-guard", ""))
	stanza = strings.Replace(stanza, JiraPlaceholder, "OCPBUGS-9", 1)
	cases := []struct {
		name, file string
		wantSkip   []string
	}{
		{"a new file", "", nil},
		{"an empty list", header + "exceptions:\n", nil},
		{"after the last item, before what follows", header + "exceptions:\n  - id: a\n    type: pending-jira\n    jira: OCPBUGS-1\n    checks: [pdb]\n    namespace: x\n\n# overrides\ncomponentOverrides: {x: Etcd}\n", nil},
		{"an id already there is left out", header + "exceptions:\n- id: openshift-etcd-etcd-guard-pdb\n  type: pending-jira\n  jira: OCPBUGS-1\n  checks: [pdb]\n  namespace: x\n", []string{"openshift-etcd-etcd-guard-pdb"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, skipped, err := AppendStanzas([]byte(tc.file), []string{stanza})
			if err != nil {
				t.Fatal(err)
			}
			if !cmp.Equal(skipped, tc.wantSkip) {
				t.Errorf("skipped %v, want %v", skipped, tc.wantSkip)
			}
			list, err := Parse("out", out, known)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if tc.wantSkip == nil && list.Get("openshift-etcd-etcd-guard-pdb") == nil {
				t.Errorf("not added:\n%s", out)
			}
			if !strings.HasPrefix(string(out), tc.file) && tc.file != "" && !strings.Contains(string(out), "# overrides\ncomponentOverrides") {
				t.Errorf("the file's own text moved:\n%s", out)
			}
		})
	}
}
