// Package ci tests the ci-operator step in step-registry/ as ci-operator
// runs it: the commands script with ARTIFACT_DIR and SHARED_DIR set, and
// the JUnit it leaves read as Prow's JUnit lens and Sippy find and parse it.
package ci

import (
	"compress/gzip"
	"encoding/xml"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const script = "step-registry/ha-compliance/ha-compliance-commands.sh"

var sample = filepath.Join("..", "testdata", "must-gather", "must-gather-aws-4.8")

// junitObject is how Sippy's loader and Prow's JUnit lens pick a job's
// JUnit files among its artifacts: any path ending in /junit*.xml.
var junitObject = regexp.MustCompile(`/junit[^/]*\.xml$`)

// toolDir holds ha-compliance built as the Containerfile builds it
// (CGO_ENABLED=0), once for every test of the package.
var toolDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ha-compliance-ci")
	if err != nil {
		panic(err)
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "ha-compliance"), "../cmd/ha-compliance")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	toolDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// step runs the commands script as ci-operator does and returns its exit
// code and output.
func step(t *testing.T, path string, env ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("bash", script)
	cmd.Env = append([]string{"PATH=" + path, "HOME=" + t.TempDir()}, env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, string(out)
}

// sippyCase is one test result as Sippy stores it.
type sippyCase struct{ suite, name, status string }

// readJUnit finds the JUnit files under the artifact folder as Sippy does
// and parses them as testgrid's junit package does: a <testsuites> root or
// a bare <testsuite>; a case with <failure> failed, with <skipped> skipped.
func readJUnit(t *testing.T, artifacts string) (files []string, cases []sippyCase) {
	t.Helper()
	type testcase struct {
		Name    string    `xml:"name,attr"`
		Failure *struct{} `xml:"failure"`
		Error   *struct{} `xml:"error"`
		Skipped *struct{} `xml:"skipped"`
	}
	type suite struct {
		Name  string     `xml:"name,attr"`
		Cases []testcase `xml:"testcase"`
	}
	err := filepath.WalkDir(artifacts, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// As uploaded: artifacts/<test>/<step>/artifacts/...
		object := "artifacts/e2e/ha-compliance/artifacts/" + filepath.ToSlash(strings.TrimPrefix(path, artifacts+string(filepath.Separator)))
		if !junitObject.MatchString(object) {
			return nil
		}
		files = append(files, object)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var doc struct {
			XMLName xml.Name
			Suites  []suite    `xml:"testsuite"`
			Name    string     `xml:"name,attr"`
			Cases   []testcase `xml:"testcase"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", object, err)
		}
		suites := doc.Suites
		if doc.XMLName.Local == "testsuite" {
			suites = []suite{{Name: doc.Name, Cases: doc.Cases}}
		}
		for _, s := range suites {
			for _, c := range s.Cases {
				status := "Success"
				switch {
				case c.Failure != nil:
					status = "Failure"
				case c.Error != nil:
					status = "Error"
				case c.Skipped != nil:
					status = "Skipped"
				}
				cases = append(cases, sippyCase{s.Name, c.Name, status})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, cases
}

// tarGz packs dir as a must-gather archive.
func tarGz(t *testing.T, dir, dest string) {
	t.Helper()
	f, err := os.Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tarDir(t, dir, zw)
	for _, e := range []error{zw.Close(), f.Close()} {
		if e != nil {
			t.Fatal(e)
		}
	}
}

func TestStep(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash: the step script runs under bash in ci-operator")
	}
	path := toolDir + string(os.PathListSeparator) + os.Getenv("PATH")

	t.Run("a must-gather archive in SHARED_DIR", func(t *testing.T) {
		shared, artifacts := t.TempDir(), t.TempDir()
		tarGz(t, sample, filepath.Join(shared, "must-gather.tar.gz"))
		code, out := step(t, path, "ARTIFACT_DIR="+artifacts, "SHARED_DIR="+shared)
		if code != 0 {
			t.Fatalf("exit %d (HA_COMPLIANCE_FAIL_ON defaults to never):\n%s", code, out)
		}
		files, cases := readJUnit(t, artifacts)
		if len(files) != 1 || !strings.HasPrefix(files[0], "artifacts/e2e/ha-compliance/artifacts/junit/junit_") {
			t.Errorf("JUnit files %v, want one under the step's artifacts/junit/", files)
		}
		failures := 0
		for _, c := range cases {
			if c.suite != "openshift-tests" || !strings.HasPrefix(c.name, "[Monitor:ha-compliance]") {
				t.Errorf("case %+v: want suite openshift-tests and a [Monitor:ha-compliance] name", c)
			}
			if c.status == "Failure" {
				failures++
			}
		}
		if len(cases) == 0 || failures == 0 {
			t.Errorf("%d cases, %d failures: the 4.8 sample fails checks", len(cases), failures)
		}
		for _, name := range []string{"ha-compliance.md", "ha-compliance.html", "ha-compliance.json"} {
			if _, err := os.Stat(filepath.Join(artifacts, name)); err != nil {
				t.Errorf("%s not beside the JUnit: %v", name, err)
			}
		}
	})
	t.Run("HA_COMPLIANCE_INPUTS and --fail-on fail", func(t *testing.T) {
		artifacts := t.TempDir()
		code, out := step(t, path, "ARTIFACT_DIR="+artifacts, "SHARED_DIR="+t.TempDir(),
			"HA_COMPLIANCE_INPUTS="+sample, "HA_COMPLIANCE_FAIL_ON=fail", "HA_COMPLIANCE_SUITE=ha-compliance")
		if code != 1 {
			t.Errorf("exit %d, want 1 (a blocking check fails):\n%s", code, out)
		}
		if _, cases := readJUnit(t, artifacts); len(cases) == 0 || cases[0].suite != "ha-compliance" {
			t.Errorf("JUnit not written on failure, or not under HA_COMPLIANCE_SUITE: %v", cases)
		}
	})
	t.Run("objects gathered with oc when SHARED_DIR has none", func(t *testing.T) {
		shared, artifacts := t.TempDir(), t.TempDir()
		writeFile(t, filepath.Join(shared, "kubeconfig"), "apiVersion: v1\nkind: Config\n")
		// A stand-in for oc that answers every `get` with what the sample
		// holds for that kind, or an empty List.
		fakeBin := t.TempDir()
		writeFile(t, filepath.Join(fakeBin, "oc"), `#!/bin/bash
kind=""; for a in "$@"; do if [[ "$prev" == get ]]; then kind="$a"; fi; prev="$a"; done
case "$kind" in
namespaces) echo '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"openshift-etcd"}}]}';;
pods) echo '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"etcd-a","namespace":"openshift-etcd"},"spec":{"containers":[{"name":"etcd"}]}}]}';;
*) echo '{"apiVersion":"v1","kind":"List","items":[]}';;
esac
`)
		if err := os.Chmod(filepath.Join(fakeBin, "oc"), 0o755); err != nil {
			t.Fatal(err)
		}
		code, out := step(t, fakeBin+string(os.PathListSeparator)+path, "ARTIFACT_DIR="+artifacts, "SHARED_DIR="+shared)
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, out)
		}
		if _, err := os.Stat(filepath.Join(artifacts, "ha-compliance-input", "pods.json")); err != nil {
			t.Errorf("gathered objects not kept as artifacts: %v", err)
		}
		if _, cases := readJUnit(t, artifacts); len(cases) == 0 {
			t.Errorf("no JUnit from gathered objects:\n%s", out)
		}
	})
	t.Run("nothing to analyze", func(t *testing.T) {
		artifacts := t.TempDir()
		code, out := step(t, path, "ARTIFACT_DIR="+artifacts, "SHARED_DIR="+t.TempDir())
		if files, _ := readJUnit(t, artifacts); code != 0 || len(files) != 0 || !strings.Contains(out, "Nothing to analyze") {
			t.Errorf("exit %d, JUnit %v, output:\n%s", code, files, out)
		}
	})
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
