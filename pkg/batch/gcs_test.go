package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsouza/fake-gcs-server/fakestorage"
	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/hack/genruns"
)

// TestReportFromBucket: `batch report gs://...` finds the shard folders
// under a prefix and gives the summary of the local folders.
func TestReportFromBucket(t *testing.T) {
	dir, _ := mirror(t, smallRuns)
	shards := t.TempDir()
	for i := range 2 {
		runBatch(t, filepath.Join(shards, "shard-"+string(rune('0'+i))), []string{dir}, func(o *Options) { o.Shard = Shard{i, 2} })
	}
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	srv.CreateBucketWithOpts(fakestorage.CreateBucketOpts{Name: "results"})
	for i := range 2 {
		for _, f := range []string{RunsFile, ResultsFile} {
			shard := "shard-" + string(rune('0'+i))
			data, err := os.ReadFile(filepath.Join(shards, shard, f))
			if err != nil {
				t.Fatal(err)
			}
			srv.CreateObject(fakestorage.Object{ObjectAttrs: fakestorage.ObjectAttrs{BucketName: "results", Name: "2026-01-15/" + shard + "/" + f}, Content: data})
		}
	}
	ctx := context.Background()
	local, err := Summarize(ctx, []string{shards}, nil)
	if err != nil {
		t.Fatal(err)
	}
	remote, err := Summarize(ctx, []string{"gs://results/2026-01-15"}, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	local.Markdown(&a)  //nolint:errcheck // a buffer
	remote.Markdown(&b) //nolint:errcheck // a buffer
	if diff := cmp.Diff(a.String(), b.String()); diff != "" {
		t.Errorf("summary (-local +bucket):\n%s", diff)
	}
	if _, err := Summarize(ctx, []string{"gs://results/nothing"}, srv.Client()); err == nil {
		t.Error("a prefix without runs.ndjson gave no error")
	}
}

// TestBucketPlainObjectAndMissingPrefix: a gs:// URL of one object (a
// must-gather archive) is one plain run; a prefix with nothing is an error
// row.
func TestBucketPlainObjectAndMissingPrefix(t *testing.T) {
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	var tgz []byte
	err = genruns.Each(genruns.Options{Runs: 1, Namespaces: 1, Deployments: 1, Kinds: []string{"must-gather"}}, func(_ genruns.Info, files []genruns.File) error {
		for _, f := range files {
			if strings.HasSuffix(f.Name, "must-gather.tar") {
				tgz = f.Data
			}
		}
		return nil
	})
	if err != nil || tgz == nil {
		t.Fatal("no must-gather generated", err)
	}
	srv.CreateObject(fakestorage.Object{ObjectAttrs: fakestorage.ObjectAttrs{BucketName: "support", Name: "case-123/must-gather.tar.gz"}, Content: tgz})
	out := t.TempDir()
	st := runBatch(t, out, []string{"gs://support/case-123/must-gather.tar.gz", "gs://support/nothing"}, func(o *Options) { o.GCS = srv.Client() })
	rows := runsByKey(t, out)
	if st.Judged != 2 || rows["gs://support/case-123/must-gather.tar.gz"].Status != StatusOK || rows["gs://support/nothing"].Status != StatusError {
		t.Errorf("stats %+v rows %+v", st, rows)
	}
}

// TestProgress: one line per run off a terminal; a live bar on one.
func TestProgress(t *testing.T) {
	for _, terminal := range []bool{false, true} {
		var buf bytes.Buffer
		p := NewProgress(&buf, terminal)
		p.Start(2)
		p.Done(RunRow{RunKey: "a", Status: StatusOK, Pass: 3})
		p.Done(RunRow{RunKey: "b", Status: StatusNoInput, Problems: []ProblemRow{{Path: "b", Error: "empty"}}})
		p.Finish()
		out := buf.String()
		want := []string{"[1/2] ok a: 3 pass", "[2/2] no-input b: empty"}
		if terminal {
			want = []string{"2/2", "1 unreadable"}
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("terminal=%v: %q lacks %q", terminal, out, w)
			}
		}
	}
}
