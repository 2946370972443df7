package exceptions

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/jira"
)

// issues is an IssueReader over a fixed table that counts its calls.
type issues struct {
	byKey map[string]jira.Issue
	calls int
}

func (f *issues) Issue(_ context.Context, key string) (jira.Issue, error) {
	f.calls++
	is, ok := f.byKey[key]
	if !ok {
		return jira.Issue{}, errors.New("get " + key + ": 404 Not Found")
	}
	return is, nil
}

func TestVerify(t *testing.T) {
	list := mustParse(t, `
- {id: open, type: pending-jira, jira: OCPBUGS-1, checks: [pdb], namespace: a}
- {id: closed, type: pending-jira, jira: OCPBUGS-2, checks: [pdb], namespace: b}
- {id: closed-too, type: pending-jira, jira: OCPBUGS-2, checks: [pdb], namespace: c}
- {id: allow, type: permanent, jira: OCPBUGS-2, checks: [pdb], namespace: d, reason: r, approvedBy: me}
- {id: gone, type: pending-jira, jira: OCPBUGS-3, checks: [pdb], namespace: e}
`)
	r := &issues{byKey: map[string]jira.Issue{
		"OCPBUGS-1": {Key: "OCPBUGS-1", Status: "New", StatusCategory: "new"},
		"OCPBUGS-2": {Key: "OCPBUGS-2", Status: "Closed", StatusCategory: "done", Resolution: "Done"},
	}}
	got := list.Verify(context.Background(), r)
	type row struct {
		ID     string
		Stale  bool
		Failed bool
	}
	var rows []row
	for _, s := range got {
		rows = append(rows, row{s.ID, s.Stale(), s.Err != nil})
	}
	want := []row{{"open", false, false}, {"closed", true, false}, {"closed-too", true, false}, {"gone", false, true}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	if r.calls != 3 {
		t.Errorf("asked Jira %d times, want 3 (once per distinct key, permanent ones never)", r.calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r.calls = 0
	for _, s := range list.Verify(ctx, r) {
		if !errors.Is(s.Err, context.Canceled) {
			t.Errorf("%s: error %v after cancel, want context.Canceled", s.ID, s.Err)
		}
	}
	if r.calls != 0 {
		t.Errorf("asked Jira %d times after cancel", r.calls)
	}
}
