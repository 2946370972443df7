package batch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsouza/fake-gcs-server/fakestorage"
	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/hack/genruns"
)

// TestStatusesOfGeneratedRuns: every generated run is a row; the empty
// and the broken runs say why they were not judged.
func TestStatusesOfGeneratedRuns(t *testing.T) {
	dir, infos := mirror(t, smallRuns)
	out := t.TempDir()
	st := runBatch(t, out, []string{dir}, nil)
	if st.Found != len(infos) || st.Judged != len(infos) {
		t.Fatalf("stats %+v, want %d runs found and judged", st, len(infos))
	}
	rows := runsByKey(t, out)
	for _, in := range infos {
		key := filepath.Join(dir, filepath.FromSlash(in.Prefix))
		r, ok := rows[key]
		if !ok {
			t.Errorf("no row for %s", key)
			continue
		}
		want := StatusOK
		switch in.Kind {
		case "empty", "broken":
			want = StatusNoInput
		}
		if r.Status != want || (want != StatusOK) != (len(r.Problems) > 0) {
			t.Errorf("%s (%s): status %s, problems %v; want %s", key, in.Kind, r.Status, r.Problems, want)
		}
		if r.BuildID != in.BuildID || r.JobName != in.Job {
			t.Errorf("%s: job %q build %q, want %q %q", key, r.JobName, r.BuildID, in.Job, in.BuildID)
		}
		if in.Kind == "broken" && !slices.ContainsFunc(r.Problems, func(p ProblemRow) bool { return strings.HasSuffix(p.Path, "prowjob.json") }) {
			t.Errorf("%s: the broken prowjob.json is not a problem: %v", key, r.Problems)
		}
		wantKind := map[string]string{"must-gather": "must-gather", "both": "must-gather", "gather-extra": "gather-extra"}[in.Kind]
		if r.InputKind != wantKind {
			t.Errorf("%s (%s): input_kind %q, want %q", key, in.Kind, r.InputKind, wantKind)
		}
	}
}

// TestBucketEqualsMirror: the same runs judged from a fake GCS bucket
// (gzip-encoded objects under Prow's names, read as stored) and from a local
// mirror give the same rows, but for where they come from.
func TestBucketEqualsMirror(t *testing.T) {
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	if _, err := genruns.FillBucket(srv, "test-platform-results", smallRuns); err != nil {
		t.Fatal(err)
	}
	dir, _ := mirror(t, smallRuns)

	fromMirror, fromBucket := t.TempDir(), t.TempDir()
	runBatch(t, fromMirror, []string{dir}, nil)
	st := runBatch(t, fromBucket, []string{"https://prow.ci.openshift.org/view/gs/test-platform-results/"}, func(o *Options) { o.GCS = srv.Client() })
	if st.Judged != smallRuns.Runs {
		t.Fatalf("bucket: %+v", st)
	}
	local := func(key string) string {
		return strings.Replace(key, "gs://test-platform-results", dir, 1)
	}
	bucketRuns := runsByKey(t, fromBucket)
	for key, want := range runsByKey(t, fromMirror) {
		got, ok := bucketRuns[strings.Replace(key, dir, "gs://test-platform-results", 1)]
		if !ok {
			t.Errorf("no bucket row for %s", key)
			continue
		}
		got.RunKey = local(got.RunKey)
		for i := range got.Problems {
			got.Problems[i].Path = local(got.Problems[i].Path)
			got.Problems[i].Error = local(got.Problems[i].Error)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-mirror +bucket):\n%s", key, diff)
		}
	}
	want, got := sortedResults(t, fromMirror), sortedResults(t, fromBucket)
	for i := range got {
		got[i].RunKey = local(got[i].RunKey)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-mirror +bucket):\n%s", diff)
	}
}

// TestShardsAreDisjointAndComplete: the shards of a batch share no run,
// cover every run, and `batch report` over them writes the summary and the
// trend page one process writes.
func TestShardsAreDisjointAndComplete(t *testing.T) {
	dir, _ := mirror(t, smallRuns)
	whole := t.TempDir()
	runBatch(t, whole, []string{dir}, nil)
	const n = 3
	shards := t.TempDir()
	seen := map[string]int{}
	for i := range n {
		out := filepath.Join(shards, "shard-"+string(rune('0'+i)))
		runBatch(t, out, []string{dir}, func(o *Options) { o.Shard = Shard{Index: i, Count: n} })
		for key := range runsByKey(t, out) {
			seen[key]++
		}
	}
	all := runsByKey(t, whole)
	for key := range all {
		if seen[key] != 1 {
			t.Errorf("%s is in %d shards, want 1", key, seen[key])
		}
	}
	if len(seen) != len(all) {
		t.Errorf("shards hold %d runs, the whole %d", len(seen), len(all))
	}
	merged := t.TempDir()
	if err := WriteSummaries(context.Background(), []string{shards}, merged, nil); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{SummaryFile, SummaryHTMLFile} {
		want, err := os.ReadFile(filepath.Join(whole, file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(merged, file))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s (-one process +merged shards):\n%s", file, diff)
		}
	}
}

// TestResumeJudgesOnlyNewRuns: a second run of the same command judges
// nothing; new runs are picked up; --rescore adds rows and the summary
// keeps only the latest.
func TestResumeJudgesOnlyNewRuns(t *testing.T) {
	dir, _ := mirror(t, smallRuns)
	out := t.TempDir()
	first := runBatch(t, out, []string{dir}, nil)
	summary, _ := os.ReadFile(filepath.Join(out, SummaryFile))
	again := runBatch(t, out, []string{dir}, nil)
	if again.Judged != 0 || again.Done != first.Judged {
		t.Errorf("second run: %+v, want nothing judged", again)
	}
	more := smallRuns
	more.Runs += 3
	if _, err := genruns.WriteMirror(dir, more); err != nil {
		t.Fatal(err)
	}
	third := runBatch(t, out, []string{dir}, nil)
	if third.Judged != 3 {
		t.Errorf("third run judged %d, want the 3 new runs", third.Judged)
	}
	rows := len(readRows[RunRow](t, filepath.Join(out, RunsFile)))
	if rows != more.Runs {
		t.Errorf("%d run rows, want %d", rows, more.Runs)
	}
	rescored := runBatch(t, out, []string{dir}, func(o *Options) { o.Rescore = true })
	if rescored.Judged != more.Runs {
		t.Errorf("rescore judged %d, want %d", rescored.Judged, more.Runs)
	}
	if rows := len(readRows[RunRow](t, filepath.Join(out, RunsFile))); rows != 2*more.Runs {
		t.Errorf("%d run rows after rescore, want %d", rows, 2*more.Runs)
	}
	sum, err := Summarize(context.Background(), []string{out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Runs != more.Runs {
		t.Errorf("summary counts %d runs, want %d (the latest row of each)", sum.Runs, more.Runs)
	}
	if len(summary) == 0 {
		t.Error("no summary.md")
	}
}

// TestFiltersAndPreferGatherExtra: --job, --since/--until and
// --max-per-job select runs; --prefer gather-extra judges gather-extra in
// runs that have both.
func TestFiltersAndPreferGatherExtra(t *testing.T) {
	dir, infos := mirror(t, smallRuns)
	out := t.TempDir()
	st := runBatch(t, out, []string{dir}, func(o *Options) {
		o.Filter = Filter{MaxPerJob: 2}
		o.Prefer = PreferGatherExtra
	})
	jobs := map[string]bool{}
	for _, in := range infos {
		jobs[in.Job] = true
	}
	// The broken run's prowjob.json is unreadable: its job comes from the folder name.
	if st.Selected != 2*len(jobs) {
		t.Errorf("selected %d, want 2 per job", st.Selected)
	}
	newest := map[string]string{}
	for _, in := range infos {
		if in.Index >= smallRuns.Runs-3*2 {
			newest[filepath.Join(dir, filepath.FromSlash(in.Prefix))] = in.Kind
		}
	}
	for key, r := range runsByKey(t, out) {
		kind, ok := newest[key]
		if !ok {
			t.Errorf("%s is not among the newest 2 of its job", key)
		}
		if kind == "both" && r.InputKind != "gather-extra" {
			t.Errorf("%s: judged %s, want gather-extra", key, r.InputKind)
		}
	}
}

// TestUnreadablePathIsARow: a path that does not exist is a run with
// status error, and the batch goes on.
func TestUnreadablePathIsARow(t *testing.T) {
	dir, _ := mirror(t, genruns.Options{Runs: 1, Namespaces: 1, Deployments: 1})
	out := t.TempDir()
	missing := filepath.Join(t.TempDir(), "nothing-here")
	st := runBatch(t, out, []string{missing, dir}, nil)
	if st.Judged != 2 || st.ByStatus[StatusError] != 1 || st.ByStatus[StatusOK] != 1 {
		t.Errorf("stats %+v", st)
	}
}
