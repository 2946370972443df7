package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/report"
)

// inspectSample is the trimmed real 4.8 must-gather of testdata.
var inspectSample = filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8")

func inspect(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"inspect"}, args...), IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func TestInspectJSON(t *testing.T) {
	code, out, errOut := inspect(t, "", "-o", "json", inspectSample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got report.Inspection
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	want := map[string]int{"Pod": 31, "Deployment": 6, "StatefulSet": 0, "DaemonSet": 1, "ReplicaSet": 8,
		"PodDisruptionBudget": 2, "Service": 10, "Node": 6, "Namespace": 7, "Infrastructure": 1,
		"ClusterVersion": 1, "ClusterOperator": 2}
	if diff := cmp.Diff(want, got.Objects); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}
	if got.SchemaVersion != report.SchemaVersion || got.Cluster.Platform != "AWS" ||
		got.Cluster.ControlPlaneTopology != "HighlyAvailable" || !strings.HasPrefix(got.Cluster.Version, "4.8.") ||
		got.Namespaces != (report.NamespaceCounts{Collected: 7, Partial: 1}) || len(got.Problems) != 0 || len(got.Missing) != 0 {
		t.Errorf("inspection = %+v", got)
	}
	if len(got.Inputs) != 1 || got.Inputs[0].Format != "must-gather" || got.Inputs[0].Archive != "none" {
		t.Errorf("inputs = %+v", got.Inputs)
	}
}

func TestInspectText(t *testing.T) {
	code, out, errOut := inspect(t, "", inspectSample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, line := range []string{"must-gather, archive none", "platform  AWS", "Pod                  31", "Missing: (none)", "Problems: none"} {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
}

func TestInspectStdin(t *testing.T) {
	code, out, errOut := inspect(t, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\n", "-o", "json", "-")
	if code != exitOK || !strings.Contains(out, `"Pod": 1`) || !strings.Contains(out, `"format": "objects"`) {
		t.Errorf("exit %d, out:\n%s\nerr: %s", code, out, errOut)
	}
}

func TestInspectExitCodes(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("just some notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"a text file is no usable input and says what it is", []string{text}, []string{"no must-gather", "notes.txt: a file that could not be decoded", "found text"}},
		{"a folder without inputs is no usable input", []string{dir}, []string{"a folder of 1 entries (notes.txt, ...)"}},
		{"a missing path is no usable input", []string{filepath.Join(dir, "nope")}, []string{"no such file or directory"}},
		{"an unknown output is a usage error", []string{"-o", "yaml", inspectSample}, []string{`unknown output "yaml"`}},
		{"no path is a usage error", nil, []string{"requires at least 1 arg"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := inspect(t, "", tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
}

// TestVerboseNamesTheDecompressor: -v says on standard error which
// decompressor read an archive and why; without it, nothing is said.
func TestVerboseNamesTheDecompressor(t *testing.T) {
	t.Setenv("HA_COMPLIANCE_GO_DECOMPRESS", "1")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\n")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pod.yaml.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := inspect(t, "", "-v", path)
	if code != exitOK || !strings.Contains(errOut, `decompressor="Go decoder klauspost/compress/gzip"`) || !strings.Contains(errOut, "why=") {
		t.Errorf("exit %d, standard error:\n%s", code, errOut)
	}
	if code, _, errOut := inspect(t, "", path); code != exitOK || errOut != "" {
		t.Errorf("without -v: exit %d, standard error:\n%s", code, errOut)
	}
}
