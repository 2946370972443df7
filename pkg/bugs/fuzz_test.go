package bugs

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
)

// Whatever a batch folder holds, reading it and drafting from it never
// panics: a bad row is an error naming the file and line.
func FuzzReadBatch(f *testing.F) {
	f.Add([]byte(runsNDJSON), []byte(row("logs/job-a/100", "t1", "openshift-etcd", "liveness-probe", "fail", etcdV)))
	f.Add([]byte(""), []byte("{}\n{\"run_key\":1}\n"))
	f.Add([]byte("{\"run_key\":\"a\",\"started\":\"x\"}"), []byte(row("a", "", "ns", "pdb", "fail", `{"kind":"Pod"}`)))
	f.Fuzz(func(t *testing.T, runs, results []byte) {
		dir := t.TempDir()
		for name, body := range map[string][]byte{"runs.ndjson": runs, "results.ndjson": results} {
			if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		src, err := ReadSource(dir)
		if err != nil {
			return
		}
		if len(src.Runs) != len(src.Results) {
			t.Fatalf("%d runs for %d results", len(src.Runs), len(src.Results))
		}
		for _, d := range Drafts(src, Options{Checks: checks.All()}) {
			if d.Runs < 1 || d.First == nil || d.Last == nil || d.Issue.Fields.Summary == "" {
				t.Fatalf("draft %+v", d)
			}
		}
	})
}
