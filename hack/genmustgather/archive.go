package main

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

// writeArchive tars the folder root (entries named from its base name, as
// `tar czf mg.tar.gz must-gather.local.N` does) into name, compressed as
// format says, and returns the archive's size.
func writeArchive(root, name, format string, o options) (int64, error) {
	f, err := os.Create(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var w io.WriteCloser
	var wait func() error
	switch format {
	case "tar.gz":
		w, err = gzip.NewWriterLevel(f, gzip.DefaultCompression)
	case "tar.zst":
		w, err = zstd.NewWriter(f, zstd.WithEncoderLevel(zstd.SpeedDefault))
	case "tar.xz":
		w, wait, err = xzWriter(f, o.XZLevel)
	default:
		w = nopCloser{f}
	}
	if err != nil {
		return 0, err
	}
	if err := writeTar(w, root, o); err != nil {
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	if wait != nil {
		if err := wait(); err != nil {
			return 0, err
		}
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), f.Close()
}

// xzWriter uses the xz command, multi-threaded, when there is one: the
// pure-Go encoder takes many minutes for gigabytes.
func xzWriter(f *os.File, level int) (io.WriteCloser, func() error, error) {
	if path, err := exec.LookPath("xz"); err == nil {
		cmd := exec.Command(path, "-T0", fmt.Sprintf("-%d", level), "-c")
		cmd.Stdout, cmd.Stderr = f, os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			return nil, nil, err
		}
		if err := cmd.Start(); err != nil {
			return nil, nil, err
		}
		return in, cmd.Wait, nil
	}
	w, err := xz.NewWriter(f)
	return w, nil, err
}

type nopCloser struct{ io.Writer }

// Close does nothing: the file is closed by its owner.
func (nopCloser) Close() error { return nil }

// tarFormat is GNU tar's: must-gathers are archived with GNU tar, whose
// default format is gnu (long names in ././@LongLink entries), and every
// one of the 12,073 headers of the real sample (testdata/must-gather comes from it) is one.
// Go's default would be USTAR, with PAX records for long names.
const tarFormat = tar.FormatGNU

// writeTar writes the tree under root. With the "fs" order each folder's
// entries come in a pseudo-random but fixed order, as a file system's
// hashed directories give them to tar; "sorted" sorts them.
func writeTar(w io.Writer, root string, o options) error {
	tw := tar.NewWriter(w)
	base := filepath.Dir(root)
	mtime := time.Date(2024, 3, 11, 10, 9, 44, 0, time.UTC)
	var walk func(dir string) error
	walk = func(dir string) error {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		if o.Order == "fs" {
			slices.SortFunc(entries, func(a, b fs.DirEntry) int {
				ha, hb := hash64(o.Seed, nameHash(a.Name())), hash64(o.Seed, nameHash(b.Name()))
				switch {
				case ha < hb:
					return -1
				case ha > hb:
					return 1
				}
				return 0
			})
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			rel, err := filepath.Rel(base, path)
			if err != nil {
				return err
			}
			if e.IsDir() {
				if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: rel + "/", Mode: 0o755, ModTime: mtime, Format: tarFormat}); err != nil {
					return err
				}
				if err := walk(path); err != nil {
					return err
				}
				continue
			}
			if err := copyFile(tw, path, rel, mtime); err != nil {
				return err
			}
		}
		return nil
	}
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: filepath.Base(root) + "/", Mode: 0o755, ModTime: mtime, Format: tarFormat}); err != nil {
		return err
	}
	if err := walk(root); err != nil {
		return err
	}
	return tw.Close()
}

func copyFile(tw *tar.Writer, path, rel string, mtime time.Time) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: rel, Size: st.Size(), Mode: 0o644, ModTime: mtime, Format: tarFormat}); err != nil {
		return err
	}
	n, err := io.Copy(tw, f)
	if err == nil && n != st.Size() {
		err = errors.New("file changed while archived")
	}
	return err
}

// nameHash is FNV-1a of s.
func nameHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// hash64 mixes two numbers into one (splitmix64's finaliser).
func hash64(a, b uint64) uint64 {
	x := a*0x9e3779b97f4a7c15 + b
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func mkdirFor(path string) error { return os.MkdirAll(filepath.Dir(path), 0o755) }
