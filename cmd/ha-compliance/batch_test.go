package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsouza/fake-gcs-server/fakestorage"
	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/hack/genruns"
	"github.com/openshift-eng/ha-compliance/pkg/batch"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func ndjson[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, v)
	}
	return rows
}

// TestBatchRowsEqualAnalyze: the rows of every run equal what analyze
// says of the same input, with the same exceptions: Prow runs of every
// kind from a mirror, and a plain must-gather folder.
func TestBatchRowsEqualAnalyze(t *testing.T) {
	dir := t.TempDir()
	if _, err := genruns.WriteMirror(dir, genruns.Options{Runs: 6, Namespaces: 1, Deployments: 2}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	exc := filepath.Join("..", "..", "examples", "exceptions.yaml")
	code, stdout, stderr := runCLI(t, "batch", dir, bundledSample, "--output-dir", out, "--exceptions", exc, "--parallel", "2")
	if code != exitOK {
		t.Fatalf("batch exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "[7/7] ok") {
		t.Errorf("progress lines on a non-terminal: %q", stderr)
	}
	results := map[string][]result.Result{}
	for _, row := range ndjson[batch.ResultRow](t, filepath.Join(out, batch.ResultsFile)) {
		results[row.RunKey] = append(results[row.RunKey], row.Result())
	}
	runs := ndjson[batch.RunRow](t, filepath.Join(out, batch.RunsFile))
	if len(runs) != 7 {
		t.Fatalf("%d run rows, want 7", len(runs))
	}
	for _, r := range runs {
		adir := t.TempDir()
		code, _, stderr := runCLI(t, "analyze", r.RunKey, "--output-dir", adir, "--exceptions", exc, "--fail-on", "never")
		if code != exitOK {
			t.Fatalf("analyze %s: exit %d: %s", r.RunKey, code, stderr)
		}
		a := readAnalysis(t, filepath.Join(adir, "ha-compliance.json"))
		if diff := cmp.Diff(a.Results, results[r.RunKey]); diff != "" {
			t.Errorf("%s: results (-analyze +batch):\n%s", r.RunKey, diff)
		}
		got := result.Summary{Pass: r.Pass, Flake: r.Flake, Fail: r.Fail, Skip: r.Skip}
		if got != a.Summary || r.Version != a.Input.Cluster.Version || r.Platform != a.Input.Cluster.Platform ||
			r.ControlPlaneTopology != a.Input.Cluster.ControlPlaneTopology || !slices.Equal(r.Missing, a.Input.Missing) {
			t.Errorf("%s: run row %+v, analyze %+v %+v", r.RunKey, r, a.Summary, a.Input.Cluster)
		}
		if len(r.Problems) != len(a.Input.Problems) {
			t.Errorf("%s: problems %v, analyze %v", r.RunKey, r.Problems, a.Input.Problems)
		}
	}
}

// TestRuleKeysStableAcrossRuns: two runs of one job whose installer pods
// have other revisions (installer-7-master-0, installer-13-master-0) give
// the same rule_keys: one key for the installer, none naming a revision.
func TestRuleKeysStableAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	infos, err := genruns.WriteMirror(dir, genruns.Options{Runs: 7, Namespaces: 1, Deployments: 1, Kinds: []string{"must-gather"}})
	if err != nil {
		t.Fatal(err)
	}
	first, second := infos[0], infos[6] // the same job, the same violations, other revisions
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "batch", dir, "--output-dir", out, "--no-baseline"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	keys := map[string][]string{}
	for _, row := range ndjson[batch.ResultRow](t, filepath.Join(out, batch.ResultsFile)) {
		for _, v := range row.Violations {
			keys[row.RunKey] = append(keys[row.RunKey], v.RuleKey)
		}
	}
	a := keys[filepath.Join(dir, first.Prefix)]
	b := keys[filepath.Join(dir, second.Prefix)]
	slices.Sort(a)
	slices.Sort(b)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("rule_keys (-run 0 +run 6):\n%s", diff)
	}
	const installer = "v1/Pod/openshift-kube-apiserver/installer/container/installer/requests-no-limits"
	if !slices.Contains(a, installer) {
		t.Errorf("no %s among %v", installer, a)
	}
	for _, k := range a {
		if strings.Contains(k, "installer-") {
			t.Errorf("%s names a revision or node", k)
		}
	}
}

// TestBatchReportPrintsTheSummary: batch report of an output folder prints
// the summary the batch wrote, and with --output-dir writes the same
// summary.md and summary.html.
func TestBatchReportPrintsTheSummary(t *testing.T) {
	dir := t.TempDir()
	if _, err := genruns.WriteMirror(dir, genruns.Options{Runs: 4, Namespaces: 1, Deployments: 1, EmptyEvery: 4}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "batch", dir, "--output-dir", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "batch", "report", out)
	if code != exitOK {
		t.Fatalf("report exit %d: %s", code, stderr)
	}
	want, _ := os.ReadFile(filepath.Join(out, batch.SummaryFile))
	if stdout != string(want) {
		t.Errorf("report printed\n%s\nsummary.md has\n%s", stdout, want)
	}
	merged := t.TempDir()
	if code, _, stderr := runCLI(t, "batch", "report", out, "--output-dir", merged); code != exitOK {
		t.Fatalf("report --output-dir exit %d: %s", code, stderr)
	}
	for _, file := range []string{batch.SummaryFile, batch.SummaryHTMLFile} {
		want, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatalf("batch: %v", err)
		}
		got, err := os.ReadFile(filepath.Join(merged, file))
		if err != nil {
			t.Fatalf("batch report --output-dir: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("batch report --output-dir wrote a %s other than the batch's", file)
		}
	}
}

func TestBatchUsageErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(batch.JobCompletionIndex, "")
	os.Unsetenv(batch.JobCompletionIndex)
	for _, args := range [][]string{
		{"batch"},
		{"batch", dir, "--shard", "3/3"},
		{"batch", dir, "--shard", "auto/3"},
		{"batch", dir, "--shard", "x"},
		{"batch", dir, "--prefer", "insights"},
		{"batch", dir, "--since", "yesterday"},
		{"batch", dir, "--job", "("},
		{"batch", dir, "--max-per-job", "-1"},
		{"batch", dir, "--runs-from", filepath.Join(dir, "none.txt")},
		{"batch", "report"},
	} {
		if code, _, stderr := runCLI(t, append(args, "--output-dir", t.TempDir())...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}

// TestBatchRunsFromAndShardAuto: --runs-from lists runs; --shard auto/N
// reads JOB_COMPLETION_INDEX.
func TestBatchRunsFromAndShardAuto(t *testing.T) {
	dir := t.TempDir()
	infos, err := genruns.WriteMirror(dir, genruns.Options{Runs: 6, Namespaces: 1, Deployments: 1})
	if err != nil {
		t.Fatal(err)
	}
	list := "# runs\n\n" + filepath.Join(dir, infos[0].Prefix) + "\n" + filepath.Join(dir, infos[1].Prefix) + "\n"
	file := filepath.Join(t.TempDir(), "runs.txt")
	if err := os.WriteFile(file, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	total := 0
	for i := range 2 {
		t.Setenv(batch.JobCompletionIndex, string(rune('0'+i)))
		out := t.TempDir()
		if code, _, stderr := runCLI(t, "batch", "--runs-from", file, "--shard", "auto/2", "--output-dir", out); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		total += len(ndjson[batch.RunRow](t, filepath.Join(out, batch.RunsFile)))
	}
	if total != 2 {
		t.Errorf("the two shards judged %d runs, want the 2 listed", total)
	}
}

// TestDiffGatesOnNewFailures: diff of two runs exits 1 on a new failure
// and 0 the other way round (a fix); analyze JSON, inputs and batch
// folders are all accepted.
func TestDiffGatesOnNewFailures(t *testing.T) {
	dir := t.TempDir()
	// Runs 0 and 3 of the first job: both must-gathers; run 3 has a router
	// without a readiness probe.
	infos, err := genruns.WriteMirror(dir, genruns.Options{Runs: 4, Namespaces: 1, Deployments: 1, Kinds: []string{"must-gather"}})
	if err != nil {
		t.Fatal(err)
	}
	before, after := filepath.Join(dir, infos[0].Prefix), filepath.Join(dir, infos[3].Prefix)
	code, stdout, stderr := runCLI(t, "diff", before, after)
	if code != exitFailed || !strings.Contains(stdout, "openshift-ingress/readiness-probe: pass -> fail") {
		t.Errorf("diff before after: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, "diff", after, before, "-o", "json")
	var rep struct {
		NewFailures []any `json:"newFailures"`
		Fixed       []any `json:"fixed"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != exitOK || len(rep.Fixed) != 1 || len(rep.NewFailures) != 0 {
		t.Errorf("diff after before: exit %d, %+v %v", code, rep, err)
	}
	// The same comparison from analyze JSON files and from a batch folder.
	jsonOf := func(input string) string {
		out := t.TempDir()
		if code, _, stderr := runCLI(t, "analyze", input, "--output-dir", out, "--fail-on", "never"); code != exitOK {
			t.Fatalf("analyze: %s", stderr)
		}
		return filepath.Join(out, "ha-compliance.json")
	}
	if code, stdout, _ := runCLI(t, "diff", jsonOf(before), jsonOf(after), "-o", "markdown"); code != exitFailed || !strings.Contains(stdout, "## New failures") {
		t.Errorf("diff of JSON files: exit %d\n%s", code, stdout)
	}
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "batch", dir, "--output-dir", out); code != exitOK {
		t.Fatal(stderr)
	}
	if code, stdout, stderr := runCLI(t, "diff", out, out, "--old-release", "4.18", "--new-release", "4.19"); code != exitOK && code != exitFailed {
		t.Errorf("diff of releases: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if code, _, _ := runCLI(t, "diff", out, out, "--old-release", "3.11", "--new-release", "4.19"); code != exitUsage {
		t.Errorf("a release without runs: exit %d, want 2", code)
	}
}

// TestBatchFromBucketThroughTheClient: the CLI makes its own storage client
// (as in production, here pointed at an in-process fake GCS server on
// loopback by STORAGE_EMULATOR_HOST) and judges gs:// runs and Prow links.
func TestBatchFromBucketThroughTheClient(t *testing.T) {
	// The client reads objects through the XML API, at the server's public
	// host: the server must know its own address, hence a port chosen first.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{Scheme: "http", Host: "127.0.0.1", Port: uint16(port),
		PublicHost: fmt.Sprintf("127.0.0.1:%d", port)})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	infos, err := genruns.FillBucket(srv, "test-platform-results", genruns.Options{Runs: 4, Namespaces: 1, Deployments: 1, EmptyEvery: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("STORAGE_EMULATOR_HOST", srv.URL())
	out := t.TempDir()
	link := "https://prow.ci.openshift.org/view/gs/test-platform-results/" + infos[0].Prefix
	code, stdout, stderr := runCLI(t, "batch", link, "gs://test-platform-results/logs/"+infos[1].Job, "--output-dir", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	rows := ndjson[batch.RunRow](t, filepath.Join(out, batch.RunsFile))
	if len(rows) != 2 {
		t.Fatalf("%d rows, want runs 0 and 1: %+v", len(rows), rows)
	}
	for _, r := range rows {
		if r.Status != batch.StatusOK || !strings.HasPrefix(r.RunKey, "gs://test-platform-results/") || r.Pass == 0 {
			t.Errorf("row %+v", r)
		}
	}
}
