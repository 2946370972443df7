package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/outdir"
)

// mainEnv makes the test binary run the CLI: the tests that kill it or run
// two at once need a process of their own.
const mainEnv = "HA_COMPLIANCE_TEST_MAIN"

func TestMain(m *testing.M) {
	if args := os.Getenv(mainEnv); args != "" {
		os.Args = append([]string{"ha-compliance"}, strings.Split(args, "\x1f")...)
		main()
	}
	os.Exit(m.Run())
}

// cli is the CLI as a process of its own.
func cli(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), mainEnv+"="+strings.Join(args, "\x1f"))
	return cmd
}

// noRead fails the test if the input is read: the run had to stop before.
type noRead struct{ t *testing.T }

func (r noRead) Read([]byte) (int, error) {
	r.t.Error("the input was read: the output folder should have been refused first")
	return 0, io.EOF
}

// An output folder that cannot be used is an I/O error (exit 3), found
// before the input is read; nothing is created on the way.
func TestAnalyzeRefusesAnUnusableOutputFolderFirst(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, artifactDir string
		args              []string
		want              string
	}{
		{"$ARTIFACT_DIR that does not exist", filepath.Join(base, "nonexistent"), nil, "does not exist (named by $ARTIFACT_DIR)"},
		{"--output-dir whose parent does not exist", "", []string{"--output-dir", filepath.Join(base, "a", "b")}, "is not an existing folder"},
		{"--output-dir that is a file", "", []string{"--output-dir", file}, "not a folder"},
		{"--output-dir that cannot be written", "", []string{"--output-dir", "/proc"}, "cannot create a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ARTIFACT_DIR", tc.artifactDir)
			var out, errOut bytes.Buffer
			code := run(append([]string{"analyze", "-"}, tc.args...), IOStreams{In: noRead{t}, Out: &out, ErrOut: &errOut})
			if code != exitIO || !strings.Contains(errOut.String(), tc.want) {
				t.Errorf("exit %d, want %d, stderr %q, want %q", code, exitIO, errOut.String(), tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(base); len(entries) != 1 {
		t.Errorf("folders created: %v", entries)
	}
}

// A second run with the default JUnit name replaces the first run's file.
func TestAnalyzeJUnitName(t *testing.T) {
	dir := t.TempDir()
	for range 2 {
		analyze(t, bundledSample, "--output-dir", dir, "--checks", "replicas")
	}
	analyze(t, bundledSample, "--output-dir", dir, "--checks", "replicas", "--junit-name", "junit_second-step.xml")
	entries, err := os.ReadDir(filepath.Join(dir, "junit"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "junit_ha-compliance.xml junit_second-step.xml" {
		t.Errorf("junit/ holds %s", got)
	}
}

func TestAnalyzeFailOnProblems(t *testing.T) {
	// One broken object of a namespace the sample does not have: a problem,
	// and no check of the sample loses its data (a file that does not parse
	// at all could have held any kind anywhere: nothing would be judged).
	broken := filepath.Join(t.TempDir(), "pods.yaml")
	if err := os.WriteFile(broken, []byte("kind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: elsewhere}, spec: {containers: 3}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		failOn string
		code   int
	}{{"never", exitOK}, {"fail", exitOK}, {"problems", exitFailed}} {
		t.Run(tc.failOn, func(t *testing.T) {
			// startup-probe is informing: the checks alone never fail this run.
			code, _, errOut := analyze(t, bundledSample, broken, "--checks", "startup-probe", "--output-dir", t.TempDir(), "--fail-on", tc.failOn)
			if code != tc.code {
				t.Errorf("--fail-on %s: exit %d, want %d: %s", tc.failOn, code, tc.code, errOut)
			}
			if tc.failOn == "problems" {
				contains(t, "stderr", errOut, []string{"--fail-on problems: 1 of the input's files could not be read"})
			}
		})
	}
}

// reportSet reads the set in dir and says which run wrote it (the check it
// ran), failing when a file is torn or the files disagree.
func reportSet(t *testing.T, dir string) string {
	t.Helper()
	a := readAnalysis(t, filepath.Join(dir, "ha-compliance.json"))
	check := a.Results[0].Check
	md, err := os.ReadFile(filepath.Join(dir, "ha-compliance.md"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "junit", "junit_ha-compliance.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Name string `xml:"name,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("JUnit torn: %v", err)
	}
	if len(doc.Suites) != 1 || doc.Suites[0].Name != "suite-"+check || !bytes.Contains(md, []byte(check)) {
		t.Fatalf("a mix of runs: JSON from the %s run, JUnit suite %+v", check, doc.Suites)
	}
	return check
}

// Runs into one folder at once wait for each other: every file is whole and
// the set is one run's.
func TestAnalyzeConcurrentRunsIntoOneFolder(t *testing.T) {
	dir := t.TempDir()
	checks := []string{"replicas", "pdb", "liveness-probe", "tolerations"}
	cmds := make([]*exec.Cmd, len(checks))
	for i, c := range checks {
		cmds[i] = cli("analyze", bundledSample, "--output-dir", dir, "--checks", c, "--suite-name", "suite-"+c, "--fail-on", "never")
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("a run failed: %v", err)
		}
	}
	reportSet(t, dir)
}

// A run stopped at any moment leaves a whole set, the previous one or its
// own (after SIGKILL, once the next run has looked at the folder), and
// SIGINT and SIGTERM leave no temporary file.
func TestAnalyzeStoppedAtAnyMoment(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := analyze(t, bundledSample, "--output-dir", dir, "--checks", "pdb", "--suite-name", "suite-pdb"); code != exitFailed {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// How long a whole run takes, to spread the signals over it.
	start := time.Now()
	whole := cli("analyze", bundledSample, "--output-dir", dir, "--checks", "pdb", "--suite-name", "suite-pdb")
	if err := whole.Run(); whole.ProcessState.ExitCode() != exitFailed {
		t.Fatalf("a whole run: %v", err)
	}
	took := time.Since(start)
	const tries = 12
	for i := range tries {
		sig := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL}[i%3]
		delay := took * time.Duration(i) / tries
		t.Run(fmt.Sprintf("%v after %v", sig, delay.Round(time.Millisecond)), func(t *testing.T) {
			cmd := cli("analyze", bundledSample, "--output-dir", dir, "--checks", "replicas", "--suite-name", "suite-replicas")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			cmd.Process.Signal(sig) //nolint:errcheck // it may have ended already
			cmd.Wait()              //nolint:errcheck // any ending is fine here
			if sig == syscall.SIGKILL {
				// Killed among its renames (microseconds), a run leaves the
				// next one to put the previous set back: be that next run.
				d, err := outdir.Open(context.Background(), dir, outdir.Options{})
				if err != nil {
					t.Fatal(err)
				}
				d.Close() //nolint:errcheck // test
			}
			reportSet(t, dir)
			if sig != syscall.SIGKILL {
				temps, _ := filepath.Glob(filepath.Join(dir, "*", ".ha-compliance.*"))
				top, _ := filepath.Glob(filepath.Join(dir, ".ha-compliance.*"))
				if len(temps)+len(top) > 0 {
					t.Errorf("temporary files after %v: %v %v", sig, temps, top)
				}
			}
		})
	}
}

// failingWriter is a standard output that cannot be written (a full disk
// behind a redirection).
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

func TestAnalyzeStdoutFailureIsAnIOError(t *testing.T) {
	var errOut bytes.Buffer
	code := run([]string{"analyze", bundledSample, "-o", "json", "--fail-on", "never"}, IOStreams{In: strings.NewReader(""), Out: failingWriter{}, ErrOut: &errOut})
	if code != exitIO || !strings.Contains(errOut.String(), "write standard output: no space left on device") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}
