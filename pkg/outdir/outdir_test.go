package outdir

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// set is a report set whose every file says which run wrote it.
func set(gen string, names ...string) []File {
	var files []File
	for _, n := range names {
		files = append(files, File{Name: n, Write: func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "%s %s\n", gen, n)
			return err
		}})
	}
	return files
}

var names = []string{"report.json", "report.md", "junit/junit_x.xml"}

func open(t *testing.T, dir string) *Dir {
	t.Helper()
	d, err := Open(context.Background(), dir, Options{Create: true, Names: names})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() }) //nolint:errcheck // double Close is harmless here
	return d
}

func publish(t *testing.T, dir, gen string) {
	t.Helper()
	d := open(t, dir)
	if _, err := d.Publish(context.Background(), set(gen, names...)); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

// assertSet fails unless dir holds exactly one complete set, written by gen,
// and no temporary file.
func assertSet(t *testing.T, dir, gen string) {
	t.Helper()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if want := gen + " " + n + "\n"; string(data) != want {
			t.Errorf("%s = %q, want %q (a torn file or a mix of runs)", n, data, want)
		}
	}
	if temps := tempFiles(t, dir); len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
}

func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	for _, pattern := range []string{tempPrefix + "*", "junit/" + tempPrefix + "*"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, m...)
	}
	return found
}

func TestPublishReplacesTheSetInOrder(t *testing.T) {
	dir := t.TempDir()
	publish(t, dir, "old")
	d := open(t, dir)
	paths, err := d.Publish(context.Background(), set("new", names...))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if want := filepath.Join(dir, n); paths[i] != want {
			t.Errorf("paths[%d] = %s, want %s", i, paths[i], want)
		}
	}
	assertSet(t, dir, "new")
}

func TestPublishRemovesAFileTheSetNoLongerHas(t *testing.T) {
	dir := t.TempDir()
	publish(t, dir, "old")
	d := open(t, dir)
	files := set("new", names...)
	files[1].Write = nil // report.md is not part of this set
	if _, err := d.Publish(context.Background(), files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the previous run's report.md survived beside the new set: %v", err)
	}
}

func TestAFailureLeavesThePreviousSet(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		fail int // index of the writer that fails, -1 none
	}{
		{"first writer fails", context.Background(), 0},
		{"JUnit writer fails", context.Background(), 2},
		{"interrupted", cancelled, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			publish(t, dir, "old")
			d := open(t, dir)
			files := set("new", names...)
			if tc.fail >= 0 {
				files[tc.fail].Write = func(w io.Writer) error {
					if _, err := w.Write([]byte(strings.Repeat("x", 100<<10))); err != nil {
						return err
					}
					return errors.New("disk full")
				}
			}
			if _, err := d.Publish(tc.ctx, files); err == nil {
				t.Fatal("Publish succeeded")
			}
			assertSet(t, dir, "old")
		})
	}
}

// A rename that fails once others were done (here another program puts a
// folder at a report's name after Open checked it) undoes those: the
// previous set is whole again.
func TestAFailedRenameIsUndone(t *testing.T) {
	dir := t.TempDir()
	publish(t, dir, "old")
	d := open(t, dir)
	files := set("new", names...)
	files = append(files[:2], File{Name: "new-report.txt", Write: files[0].Write}, files[2])
	inTheWay := filepath.Join(dir, "junit", "junit_x.xml")
	if err := os.Remove(inTheWay); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(inTheWay, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Publish(context.Background(), files); err == nil {
		t.Fatal("Publish over a folder succeeded")
	}
	for _, n := range names[:2] {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if want := "old " + n + "\n"; err != nil || string(data) != want {
			t.Errorf("%s = %q, %v; want the previous %q", n, data, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "new-report.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a report new in this set stayed: %v", err)
	}
	if temps := tempFiles(t, dir); len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
}

// A run killed among its renames (SIGKILL, a power cut) left a journal:
// the next run puts the previous set back whole before anything else.
func TestTheNextRunUndoesAKilledRunsSwaps(t *testing.T) {
	dir := t.TempDir()
	publish(t, dir, "old")
	// The state Publish leaves when killed after its first rename: the
	// journal, a backup of report.json, the new report.json in place, and a
	// report new in that set already renamed.
	journal := "1 report.json\n1 report.md\n1 junit/junit_x.xml\n0 new.txt\n"
	for name, data := range map[string]string{journalName: journal, "new.txt": "new"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Link(filepath.Join(dir, "report.json"), filepath.Join(dir, backupName("report.json"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.json.new"), []byte("new report.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "report.json.new"), filepath.Join(dir, "report.json")); err != nil {
		t.Fatal(err)
	}
	open(t, dir)
	assertSet(t, dir, "old")
	if _, err := os.Stat(filepath.Join(dir, "new.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed run's new report stayed: %v", err)
	}
}

func TestSymlinksInTheFolderAreNotFollowed(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	victim := filepath.Join(outside, "victim")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(dir, "report.json")); err != nil {
		t.Fatal(err)
	}
	publish(t, dir, "new")
	assertSet(t, dir, "new")
	if data, _ := os.ReadFile(victim); string(data) != "keep" {
		t.Errorf("written through a symlink: the file outside holds %q", data)
	}

	// A subfolder of the set that is a symlink is refused before any work.
	dir2 := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir2, "junit")); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), dir2, Options{Names: names})
	if err == nil || !strings.Contains(err.Error(), "junit: not a folder") {
		t.Errorf("Open with junit -> elsewhere: %v", err)
	}
}

func TestOpenChecksTheFolderFirst(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	inTheWay := filepath.Join(base, "in-the-way")
	if err := os.MkdirAll(filepath.Join(inTheWay, "report.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir string
		create    bool
		want      string // "" : opens
	}{
		{"existing folder", base, false, ""},
		{"new folder, parent exists", filepath.Join(base, "new"), true, ""},
		{"missing folder, not to be created", filepath.Join(base, "absent"), false, "does not exist"},
		{"missing parent", filepath.Join(base, "absent", "deeper"), true, "is not an existing folder"},
		{"a file", file, true, "not a folder"},
		{"a folder in the way of a report", inTheWay, false, "a folder is in the way"},
		// /proc is a folder in which nobody, root included, can create a file.
		{"cannot be written", "/proc", false, "cannot create a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Open(context.Background(), tc.dir, Options{Create: tc.create, Names: names})
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				d.Close() //nolint:errcheck // test
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open(%s) = %v, want an error containing %q", tc.dir, err, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(base, "absent")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing parent was created: %v", err)
	}
}

func TestOpenRemovesStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	publish(t, dir, "old")
	for _, n := range []string{tempPrefix + "report.json.1234" + tempSuffix, "junit/" + tempPrefix + "junit_x.xml.99" + tempSuffix} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	open(t, dir)
	assertSet(t, dir, "old")
}

func TestASecondRunWaitsForTheLock(t *testing.T) {
	dir := t.TempDir()
	first := open(t, dir)
	var waited atomic.Bool
	ctx, cancel := context.WithTimeout(context.Background(), 3*lockPoll)
	defer cancel()
	_, err := Open(ctx, dir, Options{Waiting: func() { waited.Store(true) }})
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !waited.Load() {
		t.Fatalf("second Open while the first holds the lock: %v (waited %v)", err, waited.Load())
	}

	done := make(chan error, 1)
	go func() {
		d, err := Open(context.Background(), dir, Options{})
		if err == nil {
			err = d.Close()
		}
		done <- err
	}()
	time.Sleep(2 * lockPoll)
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second Open did not get the lock once the first released it")
	}
}
