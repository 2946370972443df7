package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/report"
)

// brokenCorpus is the corpus of broken inputs: one folder per case, with its
// expectations in case.yaml and, for small cases, its input committed
// beside it; larger cases are generated from the bundled must-gather as
// case.yaml says (docs/reliability.md describes every case).
var brokenCorpus = filepath.Join("..", "..", "testdata", "broken")

// brokenCase is one case.yaml.
type brokenCase struct {
	// Input is the committed input, relative to the case folder; empty
	// when Generate builds it.
	Input    string    `json:"input"`
	Generate *generate `json:"generate"`
	// Args are added after the input and --output-dir.
	Args []string `json:"args"`
	// Exit is the exit code analyze must give.
	Exit int `json:"exit"`
	// Problems are regular expressions, each matching one problem as
	// "path: error"; ProblemCount, when set, is how many there must be.
	Problems     []string `json:"problems"`
	ProblemCount *int     `json:"problemCount"`
	// Results are the outcomes of the surviving (namespace/check) results
	// that must hold, and Reasons regular expressions their reasons match.
	Results map[string]string `json:"results"`
	Reasons map[string]string `json:"reasons"`
	// NeverPass lists namespaces where no check may pass: their data broke.
	NeverPass []string `json:"neverPass"`
	// Completeness is the outcome of the input-completeness JUnit case.
	Completeness string `json:"completeness"`
	// Warnings and Stderr are regular expressions the warnings and the
	// standard error must match.
	Warnings []string `json:"warnings"`
	Stderr   []string `json:"stderr"`
}

// generate builds a large input from the bundled must-gather: edits to its
// files (paths below its image folder), then optionally a tar (gzipped)
// cut to a fraction of its length.
type generate struct {
	Edits []struct {
		File    string `json:"file"`
		Content string `json:"content"`
		Remove  bool   `json:"remove"`
		// Replace, when set, replaces its first occurrence with With
		// instead of writing Content; Cut drops everything from it on.
		Replace string `json:"replace"`
		With    string `json:"with"`
		WithHex string `json:"withHex"` // With as hex, for bytes YAML cannot hold
		Cut     string `json:"cut"`
	} `json:"edits"`
	Pack  string  `json:"pack"`  // "", "tar" or "tar.gz"
	CutAt float64 `json:"cutAt"` // keep this fraction of the packed bytes
}

// TestBrokenCorpus runs analyze, the real CLI path, on every case of the
// corpus and checks its exit code, problems, surviving results and the
// input-completeness JUnit case.
func TestBrokenCorpus(t *testing.T) {
	entries, err := os.ReadDir(brokenCorpus)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			dir := filepath.Join(brokenCorpus, e.Name())
			data, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			var bc brokenCase
			if err := yaml.UnmarshalStrict(data, &bc); err != nil {
				t.Fatalf("case.yaml: %v", err)
			}
			input := filepath.Join(dir, bc.Input)
			if bc.Generate != nil {
				input = bc.Generate.build(t)
			}
			out := t.TempDir()
			code, _, stderr := analyze(t, append([]string{input, "--output-dir", out}, bc.Args...)...)
			if code != bc.Exit {
				t.Errorf("exit %d, want %d\nstderr: %s", code, bc.Exit, stderr)
			}
			bc.check(t, out, stderr)
		})
	}
	if n < 15 {
		t.Errorf("%d cases in %s, want the whole corpus", n, brokenCorpus)
	}
}

func (bc brokenCase) check(t *testing.T, out, stderr string) {
	a := readAnalysis(t, filepath.Join(out, "ha-compliance.json"))
	var problems []string
	for _, p := range a.Input.Problems {
		problems = append(problems, p.Path+": "+p.Error)
	}
	for _, re := range bc.Problems {
		if !matchAny(t, re, problems) {
			t.Errorf("no problem matches %q:\n  %s", re, strings.Join(problems, "\n  "))
		}
	}
	if bc.ProblemCount != nil && len(problems) != *bc.ProblemCount {
		t.Errorf("%d problems, want %d:\n  %s", len(problems), *bc.ProblemCount, strings.Join(problems, "\n  "))
	}
	got := map[string]string{}
	reasons := map[string]string{}
	for _, r := range a.Results {
		key := r.Namespace + "/" + r.Check
		got[key], reasons[key] = string(r.Outcome), r.Reason
		for _, ns := range bc.NeverPass {
			if r.Namespace == ns && r.Outcome == "pass" {
				t.Errorf("%s passes on broken data", key)
			}
		}
	}
	for _, key := range sortedKeys(bc.Results) {
		if got[key] != bc.Results[key] {
			t.Errorf("%s: %q (%s), want %q", key, got[key], reasons[key], bc.Results[key])
		}
	}
	for _, key := range sortedKeys(bc.Reasons) {
		if !regexp.MustCompile(bc.Reasons[key]).MatchString(reasons[key]) {
			t.Errorf("%s: reason %q does not match %q", key, reasons[key], bc.Reasons[key])
		}
	}
	for _, re := range bc.Warnings {
		if !matchAny(t, re, a.Input.Warnings) {
			t.Errorf("no warning matches %q: %q", re, a.Input.Warnings)
		}
	}
	for _, re := range bc.Stderr {
		if !regexp.MustCompile(re).MatchString(stderr) {
			t.Errorf("stderr does not match %q:\n%s", re, stderr)
		}
	}
	if c := completenessOutcome(t, out); c != bc.Completeness {
		t.Errorf("input-completeness case: %q, want %q", c, bc.Completeness)
	}
}

func matchAny(t *testing.T, expr string, lines []string) bool {
	t.Helper()
	re, err := regexp.Compile(expr)
	if err != nil {
		t.Fatalf("%q: %v", expr, err)
	}
	for _, l := range lines {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// completenessOutcome reads the input-completeness case of the JUnit file
// as Sippy does: a failure and a pass of one name is a flake.
func completenessOutcome(t *testing.T, out string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "junit", "*.xml"))
	if len(files) != 1 {
		t.Fatalf("junit files %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Name    string    `xml:"name,attr"`
			Failure *struct{} `xml:"failure"`
		} `xml:"testsuite>testcase"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var failed, passed int
	for _, c := range doc.Cases {
		if c.Name != report.CompletenessTestName {
			continue
		}
		if c.Failure != nil {
			failed++
		} else {
			passed++
		}
	}
	switch {
	case failed == 1 && passed == 1:
		return "flake"
	case failed == 1 && passed == 0:
		return "fail"
	case failed == 0 && passed == 1:
		return "pass"
	}
	return "absent or repeated"
}

// build writes the generated input into a temporary folder and returns
// its path.
func (g *generate) build(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "must-gather")
	copyDir(t, bundledSample, root)
	image := ""
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "namespaces" {
			image = filepath.Dir(p)
		}
		return err
	})
	for _, e := range g.Edits {
		p := filepath.Join(image, filepath.FromSlash(e.File))
		if e.Remove {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		data := []byte(e.Content)
		if e.Replace != "" || e.Cut != "" {
			old, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			from, to := e.Replace, e.With
			if e.WithHex != "" {
				b, err := hex.DecodeString(e.WithHex)
				if err != nil {
					t.Fatal(err)
				}
				to = string(b)
			}
			if e.Cut != "" {
				from, to = e.Cut, ""
			}
			i := bytes.Index(old, []byte(from))
			if i < 0 {
				t.Fatalf("%s has no %q", e.File, from)
			}
			data = append(append(append([]byte(nil), old[:i]...), to...), old[i+len(from):]...)
			if e.Cut != "" {
				data = old[:i]
			}
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if g.Pack == "" {
		return root
	}
	packed := tarDir(t, root)
	if g.Pack == "tar.gz" {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		if _, err := zw.Write(packed); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		packed = b.Bytes()
	}
	if g.CutAt > 0 {
		packed = packed[:int(float64(len(packed))*g.CutAt)]
	}
	p := filepath.Join(t.TempDir(), "must-gather."+g.Pack)
	if err := os.WriteFile(p, packed, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// copyDir copies the folders and regular files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tarDir packs a folder as `tar c` does, in sorted order.
func tarDir(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(filepath.Dir(dir), p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if d.IsDir() {
			return tw.WriteHeader(&tar.Header{Name: name + "/", Typeflag: tar.TypeDir, Mode: 0o755})
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(data))}); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
