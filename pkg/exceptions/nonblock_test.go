//go:build unix

package exceptions

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An exceptions file that is a FIFO nobody writes, a device that never ends
// or a file far too large ends Load at once with a clear problem.
func TestLoadRefusesWhatCouldHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: no disk used, and nothing is read before the size is checked.
	if err := f.Truncate(MaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close() //nolint:errcheck // test
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{fifo, "named pipe (FIFO)"},
		{link, "named pipe (FIFO)"},
		{"/dev/zero", "a device"},
		{huge, "over the 33554432-byte limit"},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := Load([]string{tc.path}, known)
				done <- err
			}()
			select {
			case err := <-done:
				if got := strings.Join(problems(t, err), "\n"); !strings.Contains(got, tc.want) {
					t.Errorf("problems lack %q:\n%s", tc.want, got)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("Load blocked")
			}
		})
	}
}
