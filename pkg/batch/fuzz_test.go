package batch

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLedger: whatever an output folder holds, opening it either refuses
// with an error naming a file of the folder, or cuts runs.ndjson and
// results.ndjson back to the ends its last complete ledger line records
// and the ledger to its complete lines, keeping what was before them.
func FuzzLedger(f *testing.F) {
	runs := []byte(`{"run_key":"a","status":"judged"}` + "\n")
	results := []byte(`{"run_key":"a","namespace":"ns","check":"pdb","outcome":"pass"}` + "\n")
	line := func(key string, runsEnd, resultsEnd int) string {
		return fmt.Sprintf(`{"run_key":%q,"scored_at":"t","status":"judged","runs_end":%d,"results_end":%d}`+"\n", key, runsEnd, resultsEnd)
	}
	ledger := line("a", len(runs), len(results))
	f.Add([]byte(ledger), runs, results)
	f.Add([]byte(ledger+`{"run_key":"b","runs_`), append(bytes.Clone(runs), `{"run_key":"b"}`...), results) // killed mid-line
	f.Add([]byte(ledger), runs[:3], results)                                                                // cut by hand
	f.Add([]byte(ledger+line("b", 1, 1)), runs, results)                                                    // ends that go back
	f.Add([]byte(line("a", -1, 0)), runs, results)
	f.Add([]byte{}, runs, results)
	f.Fuzz(func(t *testing.T, ledger, runs, results []byte) {
		dir := t.TempDir()
		in := map[string][]byte{LedgerFile: ledger, RunsFile: runs, ResultsFile: results}
		for name, body := range in {
			if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		o, err := openOutput(dir)
		if err != nil {
			if !strings.Contains(err.Error(), dir) {
				t.Fatalf("the error names no file of the folder: %v", err)
			}
			return
		}
		defer o.close()
		ends := map[string]int64{RunsFile: o.runsEnd, ResultsFile: o.resultsEnd}
		for name, body := range in {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(body, got) {
				t.Fatalf("%s is not what it held, cut: %q from %q", name, got, body)
			}
			if end, ok := ends[name]; ok && int64(len(got)) != end {
				t.Fatalf("%s has %d bytes, the ledger says %d", name, len(got), end)
			}
			if name == LedgerFile && len(got) > 0 && got[len(got)-1] != '\n' {
				t.Fatalf("the ledger keeps a cut line: %q", got)
			}
		}
		if n := bytes.Count(ledger, []byte("\n")); len(o.done) > n {
			t.Fatalf("%d runs done from %d ledger lines", len(o.done), n)
		}
	})
}
