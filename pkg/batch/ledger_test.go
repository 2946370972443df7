package batch

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/openshift-eng/ha-compliance/hack/genruns"
)

// killRuns are enough runs for a kill to land halfway.
var killRuns = genruns.Options{Runs: 40, Namespaces: 2, Deployments: 3, EmptyEvery: 10, BrokenEvery: 7}

// TestHelperBatchProcess is the child of TestKillHalfwayThenRerun: a batch
// in its own process, to be killed with SIGKILL.
func TestHelperBatchProcess(t *testing.T) {
	out, in := os.Getenv("HA_BATCH_HELPER_OUT"), os.Getenv("HA_BATCH_HELPER_IN")
	if out == "" {
		t.Skip("run by TestKillHalfwayThenRerun")
	}
	runBatch(t, out, []string{in}, func(o *Options) { o.Parallel = 1 })
}

// TestKillHalfwayThenRerun: a batch killed with SIGKILL halfway, then run
// again, leaves the same rows as one clean batch: none lost, none twice.
func TestKillHalfwayThenRerun(t *testing.T) {
	dir, _ := mirror(t, killRuns)
	clean, killed := t.TempDir(), t.TempDir()
	runBatch(t, clean, []string{dir}, nil)

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBatchProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "HA_BATCH_HELPER_OUT="+killed, "HA_BATCH_HELPER_IN="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ledger := filepath.Join(killed, LedgerFile)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		data, _ := os.ReadFile(ledger)
		if strings.Count(string(data), "\n") >= killRuns.Runs/2 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill() //nolint:errcheck // giving up
			t.Fatal("the child never got halfway")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred code runs
		t.Fatal(err)
	}
	cmd.Wait() //nolint:errcheck // killed on purpose
	data, _ := os.ReadFile(ledger)
	if done := strings.Count(string(data), "\n"); done >= killRuns.Runs {
		t.Fatalf("the child finished (%d runs) before the kill; the test proves nothing", done)
	}

	st := runBatch(t, killed, []string{dir}, nil)
	if st.Done == 0 || st.Judged == 0 {
		t.Errorf("re-run: %+v, want some runs kept and the rest judged", st)
	}
	ignore := cmpopts.IgnoreFields(RunRow{}, "ScoredAt")
	if diff := cmp.Diff(rowsOf(t, clean), rowsOf(t, killed), ignore); diff != "" {
		t.Errorf("runs (-clean +killed and re-run):\n%s", diff)
	}
	ignoreR := cmpopts.IgnoreFields(ResultRow{}, "ScoredAt")
	if diff := cmp.Diff(sortedResults(t, clean), sortedResults(t, killed), ignoreR); diff != "" {
		t.Errorf("results (-clean +killed and re-run):\n%s", diff)
	}
}

// rowsOf reads runs.ndjson sorted by key, failing on a duplicate.
func rowsOf(t *testing.T, dir string) []RunRow {
	t.Helper()
	rows := readRows[RunRow](t, filepath.Join(dir, RunsFile))
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.RunKey] {
			t.Errorf("%s: %s twice", dir, r.RunKey)
		}
		seen[r.RunKey] = true
	}
	slices.SortFunc(rows, func(a, b RunRow) int { return strings.Compare(a.RunKey, b.RunKey) })
	return rows
}

// TestRecoverCutsUncommittedRows: rows written after the last complete
// ledger line (a crash between the writes) and a torn ledger line are cut.
func TestRecoverCutsUncommittedRows(t *testing.T) {
	dir, _ := mirror(t, genruns.Options{Runs: 3, Namespaces: 1, Deployments: 1})
	out := t.TempDir()
	runBatch(t, out, []string{dir}, nil)
	sizes := map[string]int64{}
	for _, f := range []string{RunsFile, ResultsFile, LedgerFile} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		sizes[f] = st.Size()
	}
	appendTo := func(name, text string) {
		f, err := os.OpenFile(filepath.Join(out, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(text) //nolint:errcheck // checked by the sizes below
		f.Close()
	}
	appendTo(ResultsFile, `{"run_key":"half-written","namespace":"x"}`+"\n"+`{"run_key":"half`)
	appendTo(RunsFile, `{"run_key":"half-written"}`+"\n")
	appendTo(LedgerFile, `{"run_key":"half-written","runs_end":99`)

	o, err := openOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	if o.done["half-written"] || len(o.done) != 3 {
		t.Errorf("done = %v", o.done)
	}
	o.close()
	for f, want := range sizes {
		st, _ := os.Stat(filepath.Join(out, f))
		if st.Size() != want {
			t.Errorf("%s: %d bytes after recovery, want %d", f, st.Size(), want)
		}
	}
}

// TestOutputFolderLocked: a second batch on the same folder is refused
// while the first holds it.
func TestOutputFolderLocked(t *testing.T) {
	out := t.TempDir()
	o, err := openOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	defer o.close()
	b, err := New(Options{OutputDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Run(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("second batch: %v, want the folder in use", err)
	}
}

// TestLedgerChangedByHand: a ledger that no crash can leave is refused with
// the file, line and what to do, and nothing in the folder is cut.
func TestLedgerChangedByHand(t *testing.T) {
	runs := `{"run_key":"a"}` + "\n" + `{"run_key":"b"}` + "\n"
	for _, tc := range []struct{ name, ledger, want string }{
		{"ends going back", `{"run_key":"a","runs_end":32,"results_end":0}` + "\n" + `{"run_key":"b","runs_end":16,"results_end":0}` + "\n",
			"ledger.ndjson:2: the files end before the previous line says they did"},
		{"negative end", `{"run_key":"a","runs_end":-1,"results_end":0}` + "\n", "ledger.ndjson:1: the files end before"},
		{"files shorter than the ledger says", `{"run_key":"a","runs_end":99,"results_end":0}` + "\n" + `{"run_key":"b","ru`, "runs.ndjson has 32 bytes but ledger.ndjson says it had 99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range map[string]string{LedgerFile: tc.ledger, RunsFile: runs, ResultsFile: ""} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o, err := openOutput(dir)
			if err == nil {
				o.close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "changed by hand") {
				t.Errorf("got %v, want %q", err, tc.want)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, RunsFile)); string(got) != runs {
				t.Errorf("runs.ndjson cut to %q", got)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, LedgerFile)); string(got) != tc.ledger {
				t.Errorf("ledger.ndjson cut to %q", got)
			}
		})
	}
}
