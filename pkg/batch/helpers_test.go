package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/openshift-eng/ha-compliance/hack/genruns"
	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
)

// fixedNow is the clock of every test batch.
var fixedNow = func() time.Time { return time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC) }

// smallRuns are the generated runs most tests judge: every job, every kind
// of input, an empty run and a broken one.
var smallRuns = genruns.Options{Runs: 12, Namespaces: 1, Deployments: 2, EmptyEvery: 10, BrokenEvery: 7}

// mirror writes runs below a new temporary folder.
func mirror(t *testing.T, o genruns.Options) (string, []genruns.Info) {
	t.Helper()
	dir := t.TempDir()
	infos, err := genruns.WriteMirror(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return dir, infos
}

// baseline is the list analyze applies by default.
func baseline(t *testing.T) *exceptions.List {
	t.Helper()
	l, err := exceptions.LoadWithBaseline(nil, checks.IDs())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// runBatch judges paths into out and fails the test on error.
func runBatch(t *testing.T, out string, paths []string, tweak func(*Options)) Stats {
	t.Helper()
	o := Options{OutputDir: out, Parallel: 2, Now: fixedNow, Exceptions: baseline(t)}
	if tweak != nil {
		tweak(&o)
	}
	b, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	st, err := b.Run(context.Background(), paths)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// readRows decodes every line of an NDJSON file.
func readRows[T any](t *testing.T, file string) []T {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out = append(out, v)
	}
	return out
}

// runsByKey reads runs.ndjson of dir by run_key.
func runsByKey(t *testing.T, dir string) map[string]RunRow {
	t.Helper()
	out := map[string]RunRow{}
	for _, r := range readRows[RunRow](t, filepath.Join(dir, RunsFile)) {
		out[r.RunKey] = r
	}
	return out
}

// sortedResults reads results.ndjson of dir, sorted by run, namespace, check.
func sortedResults(t *testing.T, dir string) []ResultRow {
	t.Helper()
	rows := readRows[ResultRow](t, filepath.Join(dir, ResultsFile))
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.RunKey != b.RunKey {
			return a.RunKey < b.RunKey
		}
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		return a.Check < b.Check
	})
	return rows
}
