package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// bundledSample is the trimmed real 4.8 must-gather every test can use.
var bundledSample = filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8")

// analyze runs the CLI with args and returns exit code, stdout and stderr.
func analyze(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"analyze"}, args...), IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func readAnalysis(t *testing.T, path string) report.Analysis {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a report.Analysis
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return a
}

func TestAnalyzeWritesReportsAndExitsOnFailure(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := analyze(t, bundledSample, "--output-dir", dir)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1: the 4.8 sample fails checks\nstderr: %s", code, errOut)
	}
	a := readAnalysis(t, filepath.Join(dir, "ha-compliance.json"))
	if a.SchemaVersion != 1 || a.Tool.Version == "" || a.Input.Cluster.Platform != "AWS" {
		t.Errorf("document header %+v / %+v", a.SchemaVersion, a.Input.Cluster)
	}
	if want := 8 * 14; len(a.Results) != want {
		t.Errorf("%d results, want %d (8 namespaces x 14 checks)", len(a.Results), want)
	}
	if a.Summary != result.Summarize(a.Results) || a.Summary.Fail == 0 {
		t.Errorf("summary %+v", a.Summary)
	}
	for _, name := range []string{"ha-compliance.md", filepath.Join("junit", "junit_ha-compliance.xml")} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	contains(t, "stdout", out, []string{"NAMESPACE", "openshift-etcd", "8 namespaces:"})
	contains(t, "stderr", errOut, []string{"wrote " + filepath.Join(dir, "ha-compliance.json")})
}

// The text summary of the bundled sample, reviewed by hand; rewrite with
// go test ./cmd/ha-compliance -run TestAnalyzeTextGolden -update.
func TestAnalyzeTextGolden(t *testing.T) {
	_, out, _ := analyze(t, bundledSample, "--output-dir", t.TempDir())
	path := filepath.Join("testdata", "analyze-bundled.golden.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (rewrite with -update)", err)
	}
	if string(want) != out {
		t.Errorf("stdout differs from %s:\n%s", path, out)
	}
}

func TestAnalyzeStdoutFormats(t *testing.T) {
	for _, tc := range []struct{ format, file string }{{"json", "ha-compliance.json"}, {"markdown", "ha-compliance.md"}} {
		t.Run(tc.format, func(t *testing.T) {
			// Without --output-dir, -o json and -o markdown write no file,
			// $ARTIFACT_DIR or not.
			sample, err := filepath.Abs(bundledSample)
			if err != nil {
				t.Fatal(err)
			}
			t.Chdir(t.TempDir())
			t.Setenv("ARTIFACT_DIR", t.TempDir())
			if code, _, errOut := analyze(t, sample, "-o", tc.format, "--fail-on", "never"); code != exitOK || strings.Contains(errOut, "wrote") {
				t.Errorf("exit %d, stderr %q", code, errOut)
			}
			for _, d := range []string{".", os.Getenv("ARTIFACT_DIR")} {
				if entries, err := os.ReadDir(d); err != nil || len(entries) > 0 {
					t.Errorf("-o %s without --output-dir wrote into %s: %v %v", tc.format, d, entries, err)
				}
			}

			dir := t.TempDir()
			code, out, _ := analyze(t, sample, "--output-dir", dir, "-o", tc.format, "--fail-on", "never")
			if code != exitOK {
				t.Errorf("exit %d with --fail-on never, want 0", code)
			}
			file, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if out != string(file) {
				t.Errorf("-o %s printed something else than %s", tc.format, tc.file)
			}
		})
	}
}

func TestAnalyzeOutputDirDefaultsToArtifactDir(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ARTIFACT_DIR", dir)
	if code, _, errOut := analyze(t, bundledSample, "--fail-on", "never"); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "ha-compliance.json")); err != nil {
		t.Errorf("report not in $ARTIFACT_DIR: %v", err)
	}
}

func TestAnalyzeOptions(t *testing.T) {
	cases := []struct {
		name  string
		args  []string
		code  int
		check func(t *testing.T, a report.Analysis)
	}{
		{"--topology SingleReplica turns redundancy checks into skips", []string{"--topology", "SingleReplica", "--checks", "replicas,pod-anti-affinity,pdb,spread-across-nodes"},
			exitOK, func(t *testing.T, a report.Analysis) {
				for _, r := range a.Results {
					if r.Outcome != result.Skip {
						t.Errorf("%s/%s: %s, want skip", r.Namespace, r.Check, r.Outcome)
					}
				}
			}},
		{"--checks runs only the named checks", []string{"--checks", "pdb"}, exitFailed, func(t *testing.T, a report.Analysis) {
			for _, r := range a.Results {
				if r.Check != "pdb" {
					t.Errorf("result of %s", r.Check)
				}
				// 4.8 shipped the console without a PodDisruptionBudget.
				if r.Namespace == "openshift-console" && r.Outcome != result.Fail {
					t.Errorf("openshift-console pdb = %s, want fail", r.Outcome)
				}
			}
		}},
		{"informing failures do not fail the run", []string{"--checks", "startup-probe"}, exitOK, func(t *testing.T, a report.Analysis) {
			if a.Summary.Fail == 0 {
				t.Error("want the informing failure of openshift-ingress-canary")
			}
		}},
		{"--exclude-namespaces narrows the scope", []string{"--exclude-namespaces", "^openshift-"}, exitOK, func(t *testing.T, a report.Analysis) {
			if len(a.Results) != 14 || a.Results[0].Namespace != "default" {
				t.Errorf("results %d, first %s", len(a.Results), a.Results[0].Namespace)
			}
		}},
		{"--include-namespaces replaces the scope", []string{"--include-namespaces", "^openshift-etcd$"}, exitFailed, func(t *testing.T, a report.Analysis) {
			if len(a.Results) != 14 || a.Results[0].Namespace != "openshift-etcd" {
				t.Errorf("results %d, first %s", len(a.Results), a.Results[0].Namespace)
			}
		}},
		{"exceptions turn covered failures into flakes and list the unused ones",
			[]string{"--exceptions", filepath.Join("..", "..", "examples", "exceptions.yaml"), "--fail-on", "never"}, exitOK,
			func(t *testing.T, a report.Analysis) {
				if a.Exceptions.Unused == nil || len(a.Exceptions.Unused)+a.Summary.Flake == 0 {
					t.Errorf("exceptions had no effect: %+v %+v", a.Exceptions, a.Summary)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			code, _, errOut := analyze(t, append([]string{bundledSample, "--output-dir", dir}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, errOut)
			}
			tc.check(t, readAnalysis(t, filepath.Join(dir, "ha-compliance.json")))
		})
	}
}

func TestAnalyzeUsageErrors(t *testing.T) {
	empty := t.TempDir()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"an unknown output format", []string{bundledSample, "-o", "yaml"}, `unknown output "yaml"`},
		{"an unknown check", []string{bundledSample, "--checks", "replicas,nope"}, "unknown check nope"},
		{"a bad namespace regexp", []string{bundledSample, "--include-namespaces", "("}, "--include-namespaces: error parsing regexp"},
		{"an unknown topology", []string{bundledSample, "--topology", "Tiny"}, `--topology "Tiny"`},
		{"a bad --permanent-exceptions-as", []string{bundledSample, "--permanent-exceptions-as", "fail"}, "want flake or pass"},
		{"a bad --fail-on", []string{bundledSample, "--fail-on", "sometimes"}, "want fail, problems or never"},
		{"a JUnit name Sippy would not find", []string{bundledSample, "--junit-name", "results.xml"}, "--junit-name \"results.xml\": want a file name junit*.xml"},
		{"a JUnit name with a folder", []string{bundledSample, "--junit-name", "../junit_x.xml"}, "want a file name junit*.xml"},
		{"a missing exceptions file", []string{bundledSample, "--exceptions", filepath.Join(empty, "none.yaml")}, "none.yaml"},
		{"no usable input", []string{empty}, "no must-gather"},
		{"no path", nil, "requires at least 1 arg"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := analyze(t, append(tc.args, "--output-dir", t.TempDir())...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			contains(t, "stderr", errOut, []string{tc.want})
		})
	}
}
