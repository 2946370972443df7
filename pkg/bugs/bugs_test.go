package bugs

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
)

// A batch folder as docs/batch.md describes it: three runs, a re-scored
// run (only its latest rows count), a failure seen in 3 runs and one in 1.
const runsNDJSON = `{"run_key":"logs/job-a/100","job_name":"job-a","build_id":"100","prow_url":"https://prow.ci.openshift.org/view/gs/test-platform-results/logs/job-a/100","started":"2026-01-01T00:00:00Z","release":"4.20"}
{"run_key":"logs/job-a/200","job_name":"job-a","build_id":"200","prow_url":"https://prow.ci.openshift.org/view/gs/test-platform-results/logs/job-a/200","started":"2026-01-02T00:00:00Z","release":"4.21"}
{"run_key":"logs/job-b/300","job_name":"job-b","build_id":"300","started":"2026-01-03T00:00:00Z","release":"4.21"}
`

func row(run, scored, ns, check, outcome, violations string) string {
	return `{"run_key":"` + run + `","scored_at":"` + scored + `","namespace":"` + ns + `","check":"` + check +
		`","component":"Etcd","test_name":"[Monitor:ha-compliance][Jira:\"Etcd\"] pods in ns/` + ns + ` should define liveness probes","outcome":"` + outcome + `","violations":[` + violations + `]}` + "\n"
}

const etcdV = `{"kind":"Deployment","name":"etcd-guard","container":"guard","rule_key":"apps/v1/Deployment/openshift-etcd/etcd-guard/container/guard/liveness-probe","message":"no liveness probe"}`

func batchDir(t *testing.T) string {
	dir := t.TempDir()
	results := row("logs/job-a/100", "t1", "openshift-etcd", "liveness-probe", "fail", etcdV) +
		row("logs/job-a/200", "t1", "openshift-etcd", "liveness-probe", "fail", etcdV) +
		row("logs/job-b/300", "t1", "openshift-etcd", "liveness-probe", "fail", etcdV) +
		row("logs/job-a/100", "t1", "openshift-console", "liveness-probe", "fail", `{"kind":"Deployment","name":"console","rule_key":"k","message":"m"}`) +
		row("logs/job-a/100", "t0", "openshift-dns", "liveness-probe", "fail", `{"kind":"DaemonSet","name":"dns","rule_key":"k2","message":"m"}`) + // an older scoring
		row("logs/job-a/200", "t1", "openshift-dns", "liveness-probe", "fail", `{"kind":"DaemonSet","name":"dns","rule_key":"k2","message":"m","exception":"dns-x"}`)
	for name, body := range map[string]string{"runs.ndjson": runsNDJSON, "results.ndjson": results} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDraftsFromABatch(t *testing.T) {
	src, err := ReadSource(batchDir(t))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		minRuns int
		want    []string // namespace runs first-build last-build versions
	}{
		{1, []string{"openshift-console 1 100 100 4.20", "openshift-etcd 3 100 300 4.20,4.21"}},
		{2, []string{"openshift-etcd 3 100 300 4.20,4.21"}},
		{4, nil},
	}
	for _, tc := range cases {
		ds := Drafts(src, Options{MinRuns: tc.minRuns, Checks: checks.All()})
		var got []string
		for _, d := range ds {
			got = append(got, d.Namespace+" "+strconv.Itoa(d.Runs)+" "+d.First.BuildID+" "+d.Last.BuildID+" "+strings.Join(d.Versions, ","))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("--min-runs %d (-want +got):\n%s", tc.minRuns, diff)
		}
	}
	d := Drafts(src, Options{MinRuns: 3, Checks: checks.All()})[0]
	f := d.Issue.Fields
	if f.Summary != "[ha-compliance] pods in ns/openshift-etcd should define liveness probes" || f.Project.Key != "OCPBUGS" ||
		f.IssueType.Name != "Bug" || f.Components[0].Name != "Etcd" || f.Labels[0] != "ha-compliance" {
		t.Errorf("fields %+v", f)
	}
	for _, want := range []string{"Deployment etcd-guard, container guard: no liveness probe", "h3. How to fix", "h3. How to verify",
		"--checks liveness-probe --include-namespaces '^openshift-etcd$'", "[Monitor:ha-compliance][Jira:\"Etcd\"] pods in ns/openshift-etcd",
		"3 runs; first: [job-a #100 (2026-01-01T00:00:00Z)|https://prow.ci.openshift.org/view/gs/test-platform-results/logs/job-a/100], last: job-b #300",
		"Affects: 4.20, 4.21", "jira: OCPBUGS-NNNNN", "workload: {kind: Deployment, name: etcd-guard, container: guard}"} {
		if !strings.Contains(f.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, f.Description)
		}
	}
	if got := d.StanzasFor("OCPBUGS-7"); len(got) != 1 || !strings.Contains(got[0], "jira: OCPBUGS-7\n") {
		t.Errorf("stanzas %q", got)
	}
}

func TestReadSourceErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "x.tar")
	badRow := t.TempDir()
	for p, body := range map[string]string{notJSON: "not json", filepath.Join(badRow, "results.ndjson"): "{\"run_key\":\"a\"}\n"} {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ReadSource(notJSON); err != ErrNotResults {
		t.Errorf("not JSON: %v", err)
	}
	if _, err := ReadSource(dir); err != ErrNotResults {
		t.Errorf("folder without results: %v", err)
	}
	if _, err := ReadSource(badRow); err == nil || !strings.Contains(err.Error(), "results.ndjson:1: a row without") {
		t.Errorf("bad row: %v", err)
	}
}
