package exceptions

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// TestBaselineIsValid: the shipped baseline passes the validation of every
// exceptions file, and each entry says why, who and where from.
func TestBaselineIsValid(t *testing.T) {
	list, err := LoadWithBaseline(nil, checks.IDs())
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Exceptions) < 10 {
		t.Fatalf("baseline holds %d exceptions, want origin's allow-lists", len(list.Exceptions))
	}
	for _, e := range list.Exceptions {
		if !e.Baseline || e.Source != BaselineName || !strings.HasPrefix(e.ID, BaselinePrefix) {
			t.Errorf("%s: baseline %v, source %q", e.ID, e.Baseline, e.Source)
		}
		if e.Reason == "" || e.ApprovedBy == "" || !strings.HasPrefix(e.Reference, "https://github.com/openshift/") {
			t.Errorf("%s: reason %q, approvedBy %q, reference %q: each entry says why, who and where from",
				e.ID, e.Reason, e.ApprovedBy, e.Reference)
		}
		if e.Expires != "" {
			t.Errorf("%s expires: the baseline is permanent", e.ID)
		}
	}
}

// TestBaselineAfterUserFiles: a user's exception covers a violation before
// the baseline does; unused baseline entries are not reported; the prefix
// is reserved.
func TestBaselineAfterUserFiles(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "mine.yaml")
	body := header + `exceptions:
- {id: mine, type: pending-jira, jira: OCPBUGS-7, checks: [replicas], namespace: openshift-etcd-operator}
`
	if err := os.WriteFile(user, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := LoadWithBaseline([]string{user}, checks.IDs())
	if err != nil {
		t.Fatal(err)
	}
	rs := []result.Result{
		{Namespace: "openshift-etcd-operator", Check: "replicas", Outcome: result.Fail,
			Violations: []result.Violation{violation("Deployment", "etcd-operator", "")}},
		{Namespace: "openshift-dns-operator", Check: "replicas", Outcome: result.Fail,
			Violations: []result.Violation{violation("Deployment", "dns-operator", "")}},
	}
	a := list.Apply(rs, Options{Now: now, PermanentAs: result.Flake})
	if got := a.Results[0].Violations[0].Exception; got != "mine" {
		t.Errorf("etcd-operator covered by %q, want the user's exception", got)
	}
	w := a.Results[1].Violations[0].Waiver
	if w == nil || w.ID != "baseline.leader-elected-operators" || !w.Baseline || w.Reference == "" || a.Results[1].Outcome != result.Flake {
		t.Errorf("dns-operator: %+v, outcome %s; want the baseline's leader-elected operators, a flake", w, a.Results[1].Outcome)
	}
	if !slices.Equal(a.Unused, []string{}) {
		t.Errorf("unused %v: baseline entries that match nothing are not news", a.Unused)
	}

	plain, err := Load([]string{user}, checks.IDs())
	if err != nil {
		t.Fatal(err)
	}
	if got := plain.Apply(rs, Options{Now: now}).Results[1].Outcome; got != result.Fail {
		t.Errorf("without the baseline dns-operator is %s, want fail", got)
	}
}

// TestBaselineCopy: a copy of the baseline (exceptions baseline > file) is a
// valid exceptions file of its own; given with the baseline applied, its ids
// clash and the problem says what to do.
func TestBaselineCopy(t *testing.T) {
	copied := filepath.Join(t.TempDir(), "baseline.yaml")
	if err := os.WriteFile(copied, BaselineYAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := Load([]string{copied}, checks.IDs())
	if err != nil {
		t.Fatalf("a copy of the baseline is not a valid file: %v", err)
	}
	for _, e := range list.Exceptions {
		if e.Baseline {
			t.Errorf("%s from a user's file counts as the shipped baseline", e.ID)
		}
	}
	_, err = LoadWithBaseline([]string{copied}, checks.IDs())
	if err == nil || !strings.Contains(err.Error(), "a copy of the baseline replaces it only with --no-baseline") {
		t.Errorf("err = %v, want the clash explained", err)
	}
}
