//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package outdir

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary a writer process that the tests kill.
const helperEnv = "OUTDIR_TEST_WRITER"

func TestMain(m *testing.M) {
	if dir := os.Getenv(helperEnv); dir != "" {
		os.Exit(slowWriter(dir))
	}
	os.Exit(m.Run())
}

// slowWriter publishes a set into dir and says "writing" once every file is half
// written; then it writes on slowly until it is stopped.
func slowWriter(dir string) int {
	d, err := Open(context.Background(), dir, Options{Names: names})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	defer d.Close() //nolint:errcheck // process exit
	started := make(chan struct{}, len(names))
	var files []File
	for _, n := range names {
		files = append(files, File{Name: n, Write: func(w io.Writer) error {
			if _, err := w.Write([]byte(strings.Repeat("half ", 100<<10))); err != nil {
				return err
			}
			started <- struct{}{}
			for {
				if _, err := w.Write([]byte(strings.Repeat("more ", 1<<10))); err != nil {
					return err
				}
				time.Sleep(time.Millisecond)
			}
		}})
	}
	go func() {
		for range names {
			<-started
		}
		fmt.Println("writing")
	}()
	_, err = d.Publish(context.Background(), files)
	fmt.Fprintln(os.Stderr, err)
	if ie := (*InterruptedError)(nil); errors.As(err, &ie) {
		return 128 + int(ie.Signal.(syscall.Signal))
	}
	return 3
}

// A run stopped while it writes leaves the previous set whole: never an
// empty report, never a mix. SIGINT and SIGTERM also remove the temporary
// files; after SIGKILL the next run does.
func TestKilledWhileWriting(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			publish(t, dir, "old")
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(out).ReadString('\n')
			if line != "writing\n" {
				cmd.Process.Kill() //nolint:errcheck // test cleanup
				cmd.Wait()         //nolint:errcheck // test cleanup
				t.Fatalf("writer said %q (%v); stderr: %s", line, err, stderr.String())
			}
			if len(tempFiles(t, dir)) != len(names) {
				t.Errorf("while writing: temporary files %v, want one per report", tempFiles(t, dir))
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			waited := make(chan error, 1)
			go func() { waited <- cmd.Wait() }()
			select {
			case <-waited:
				if sig != syscall.SIGKILL && cmd.ProcessState.ExitCode() != 128+int(sig) {
					t.Errorf("writer exit %d on %v, want %d", cmd.ProcessState.ExitCode(), sig, 128+int(sig))
				}
			case <-time.After(20 * time.Second):
				cmd.Process.Kill() //nolint:errcheck // test cleanup
				t.Fatalf("the writer did not stop on %v", sig)
			}
			if sig == syscall.SIGKILL {
				if len(tempFiles(t, dir)) == 0 {
					t.Error("no temporary file after SIGKILL: the writer was not killed mid-write")
				}
				open(t, dir) // the next run cleans up
			} else if !strings.Contains(stderr.String(), "reports not written") {
				t.Errorf("writer on %v: %s", sig, stderr.String())
			}
			assertSet(t, dir, "old")
		})
	}
}

// Two processes publishing into one folder at once: each file is whole and
// the set is one run's, whichever finished last.
func TestConcurrentWritersNeverTearOrMix(t *testing.T) {
	dir := t.TempDir()
	const writers = 4
	const rounds = 20
	errs := make(chan error, writers)
	for w := range writers {
		go func() {
			for r := range rounds {
				d, err := Open(context.Background(), dir, Options{Create: true, Names: names})
				if err != nil {
					errs <- err
					return
				}
				// Each file is big enough to need many writes.
				gen := fmt.Sprintf("w%d-r%d-%s", w, r, strings.Repeat("x", 200<<10))
				_, err = d.Publish(context.Background(), set(gen, names...))
				if cerr := d.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	// Read the set while the writers go: every file is always whole.
	deadline := time.After(60 * time.Second)
	for done := 0; done < writers; {
		select {
		case err := <-errs:
			if err != nil {
				t.Fatal(err)
			}
			done++
		case <-deadline:
			t.Fatal("writers did not finish")
		default:
			time.Sleep(time.Millisecond) // a reader, not a spinner: the writers need the cores
			for _, n := range names {
				data, err := os.ReadFile(dir + "/" + n)
				if err == nil && !strings.HasSuffix(string(data), " "+n+"\n") {
					t.Fatalf("%s read torn: %d bytes", n, len(data))
				}
			}
		}
	}
	data, err := os.ReadFile(dir + "/" + names[0])
	if err != nil {
		t.Fatal(err)
	}
	assertSet(t, dir, strings.TrimSuffix(string(data), " "+names[0]+"\n"))
}
