package exceptions

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/jira"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// answers is an IssueReader from a table; it records the keys asked.
type answers struct {
	m     map[string]jira.Answer
	asked [][]string
}

func (a *answers) Issues(_ context.Context, keys []string) map[string]jira.Answer {
	a.asked = append(a.asked, keys)
	out := map[string]jira.Answer{}
	for _, k := range keys {
		out[k] = a.m[k]
	}
	return out
}

func closed(res string) jira.Answer {
	return jira.Answer{Issue: jira.Issue{Status: "Closed", StatusCategory: "done", Resolution: res}}
}

func TestVerifyClassifies(t *testing.T) {
	list := mustParse(t, `
- {id: open, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: ns-a}
- {id: gone, type: pending-jira, jira: OCPBUGS-2, checks: [pdb], namespace: ns-a}
- {id: seen-regex, type: pending-jira, jira: OCPBUGS-2, checks: ["*"], namespaceRegex: '^ns-b', workload: {name: x}}
- {id: not-judged, type: pending-jira, jira: OCPBUGS-2, checks: [replicas], namespace: ns-z}
- {id: obsolete, type: pending-jira, jira: OCPBUGS-3, checks: [pdb], namespace: ns-a}
- {id: verified, type: pending-jira, jira: OCPBUGS-4, checks: [pdb], namespace: ns-a}
- {id: dup, type: pending-jira, jira: OCPBUGS-5, checks: [pdb], namespace: ns-a}
- {id: gone404, type: pending-jira, jira: OCPBUGS-6, checks: [pdb], namespace: ns-a}
- {id: denied, type: pending-jira, jira: OCPBUGS-7, checks: [pdb], namespace: ns-a}
- {id: down, type: pending-jira, jira: OCPBUGS-8, checks: [pdb], namespace: ns-a}
- {id: allowed, type: permanent, checks: [pdb], namespace: ns-a, reason: r, approvedBy: me}
`)
	r := &answers{m: map[string]jira.Answer{
		"OCPBUGS-1": {Issue: jira.Issue{Status: "POST", StatusCategory: "indeterminate"}},
		"OCPBUGS-2": closed("Done"),
		"OCPBUGS-3": closed("Obsolete"),
		"OCPBUGS-4": {Issue: jira.Issue{Status: "Verified", StatusCategory: "done"}},
		"OCPBUGS-5": closed("Duplicate"),
		"OCPBUGS-6": {Err: &jira.Error{Op: "get OCPBUGS-6", StatusCode: 404}},
		"OCPBUGS-7": {Err: &jira.Error{Op: "get OCPBUGS-7", StatusCode: 403}},
		"OCPBUGS-8": {Err: errors.New("dial tcp: connection refused")},
	}}
	ev := &Evidence{
		Results: []result.Result{
			{Namespace: "ns-a", Check: "pdb", Outcome: result.Pass},
			{Namespace: "ns-b2", Check: "replicas", Outcome: result.Fail, Violations: []result.Violation{{Kind: "Deployment", Name: "x"}}},
			{Namespace: "ns-z", Check: "replicas", Outcome: result.Skip},
		},
		Runs: []string{"run-1", "https://prow/run-2", "run-3"},
	}
	got := map[string]string{}
	for _, v := range list.Verify(context.Background(), r, ev, "https://jira.example.com") {
		got[v.ID] = string(v.Action)
		switch v.ID {
		case "seen-regex":
			if len(v.Seen) != 1 || v.Seen[0] != "replicas Deployment/x in ns/ns-b2 (https://prow/run-2)" || !strings.Contains(v.Comment, "Seen in: replicas Deployment/x") {
				t.Errorf("seen: %q, comment %q", v.Seen, v.Comment)
			}
		case "obsolete":
			if v.Reason != `OCPBUGS-3 closed https://jira.example.com/browse/OCPBUGS-3 as "Obsolete": the violation is accepted` {
				t.Errorf("reason %q", v.Reason)
			}
		}
	}
	want := map[string]string{"open": "open", "gone": "remove", "seen-regex": "reopen", "not-judged": "check-fixed",
		"obsolete": "make-permanent", "verified": "remove", "dup": "decide", "gone404": "not-found", "denied": "no-permission", "down": "unknown"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("verdicts\n got %v\nwant %v", got, want)
	}
	if len(r.asked) != 1 || len(r.asked[0]) != 10 {
		t.Errorf("asked %v: want one call with every pending-jira key (the reader dedupes)", r.asked)
	}
	for _, a := range []Action{NotFound, NoPermission, Unknown} {
		if a.ToActOn() || !a.Unread() {
			t.Errorf("%s: to act on %v, unread %v", a, a.ToActOn(), a.Unread())
		}
	}
}
