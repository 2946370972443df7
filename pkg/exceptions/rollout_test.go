package exceptions

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

func TestParseRollout(t *testing.T) {
	ids := []string{"pdb", "replicas", "readiness-probe"}
	cases := []struct {
		in      string
		want    string // Rollout.String of the result
		wantErr bool
	}{
		{"", "fail", false},
		{"fail", "fail", false},
		{"flake", "flake", false},
		{"flake:pdb,replicas", "flake:pdb,replicas", false},
		{"flake: pdb , pdb", "flake:pdb", false},
		{"flake:", "", true},
		{"flake:nope", "", true},
		{"pass", "", true},
		{"FLAKE", "", true},
	}
	for _, tc := range cases {
		r, err := ParseRollout(tc.in, ids)
		if (err != nil) != tc.wantErr {
			t.Errorf("%q: error %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		if err == nil && r.String() != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, r.String(), tc.want)
		}
	}
}

// A rollout publishes an unexcepted failure as a flake and marks it, leaves
// an excepted flake and other checks alone, and never touches a failure
// without violations (the check could not judge).
func TestApplyRollout(t *testing.T) {
	list := mustParse(t, `
- {id: covered, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: ns, workload: {name: a}}
`)
	rs := []result.Result{
		{Namespace: "ns", Check: "pdb", Outcome: result.Fail, Violations: []result.Violation{violation("Deployment", "a", "")}},
		{Namespace: "ns", Check: "pdb", Outcome: result.Fail, Violations: []result.Violation{violation("Deployment", "b", "")}},
		{Namespace: "ns", Check: "replicas", Outcome: result.Fail, Violations: []result.Violation{violation("Deployment", "b", "")}},
		{Namespace: "ns", Check: "pdb", Outcome: result.Fail, Reason: "could not judge"},
	}
	type got struct {
		Outcome, As result.Outcome
		Unexc       bool
	}
	cases := []struct {
		name    string
		rollout Rollout
		want    []got
	}{
		{"default fails", Rollout{}, []got{{result.Flake, "", false}, {result.Fail, "", true}, {result.Fail, "", true}, {result.Fail, "", true}}},
		{"every check", Rollout{All: true}, []got{{result.Flake, "", false}, {result.Flake, result.Flake, true}, {result.Flake, result.Flake, true}, {result.Fail, "", true}}},
		{"one check", Rollout{Checks: []string{"replicas"}}, []got{{result.Flake, "", false}, {result.Fail, "", true}, {result.Flake, result.Flake, true}, {result.Fail, "", true}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := list.Apply(rs, Options{Now: now, Rollout: tc.rollout})
			for i, r := range a.Results {
				if g := (got{r.Outcome, r.UnexceptedAs, r.Unexcepted()}); g != tc.want[i] {
					t.Errorf("result %d: %+v, want %+v", i, g, tc.want[i])
				}
			}
		})
	}
}
