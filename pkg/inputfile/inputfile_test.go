//go:build unix

package inputfile

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOpenAcceptsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	p := func(n string) string { return filepath.Join(dir, n) }
	if err := os.WriteFile(p("file"), []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(p("file"), p("link")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", p("sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close() //nolint:errcheck // test
	for _, tc := range []struct {
		name, path string
		follow     bool
		want       string // "" : opens
	}{
		{"a regular file", p("file"), false, ""},
		{"a symlink the user named", p("link"), true, ""},
		{"a symlink found in a tree", p("link"), false, "a symlink, not followed"},
		{"a FIFO nobody writes", p("fifo"), true, "named pipe (FIFO)"},
		{"a device", "/dev/zero", true, "a device"},
		{"a socket", p("sock"), true, ""}, // open fails: ENXIO, not a hang
		{"a folder", dir, true, "a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _, err := Open(tc.path, tc.follow)
			if f != nil {
				f.Close() //nolint:errcheck // test
			}
			switch {
			case tc.name == "a socket":
				if err == nil {
					t.Error("a socket opened")
				}
			case tc.want == "" && err != nil:
				t.Errorf("Open: %v", err)
			case tc.want != "" && (!errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Open = %v, want ErrNotRegular saying %q", err, tc.want)
			}
		})
	}
}

func TestReadFileCapsTheSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(p, false, 5); err != nil || string(data) != "12345" {
		t.Errorf("ReadFile at the limit = %q, %v", data, err)
	}
	if _, err := ReadFile(p, false, 4); err == nil || !strings.Contains(err.Error(), "over the 4-byte limit") {
		t.Errorf("ReadFile over the limit: %v", err)
	}
}
