package loader

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// repoPath returns a path relative to the repository root.
func repoPath(t testing.TB, parts ...string) string {
	t.Helper()
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

// sharedSamples returns ../shared/samples next to the repository, or skips.
func sharedSamples(t testing.TB) string {
	t.Helper()
	p := repoPath(t, "..", "shared", "samples")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared samples not available: %v", err)
	}
	return p
}

// The fixtures of testdata/.
var (
	trimmedSample = filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8")
	fixtureMG     = filepath.Join("..", "..", "testdata", "loader", "must-gather")
	fixtureInsp   = filepath.Join("..", "..", "testdata", "loader", "inspect.local.7781")
)

// load runs Load and fails the test on an error.
func mustLoad(t testing.TB, opts Options, paths ...string) *snapshot.Cluster {
	t.Helper()
	c, err := Load(context.Background(), paths, opts)
	if err != nil {
		t.Fatalf("load %v: %v", paths, err)
	}
	return c
}

// counts are the object counts a test compares, from the inspect document.
func counts(c *snapshot.Cluster) map[string]int {
	return report.Inspect(c).Objects
}

// packTar writes every file and folder below dir into a tar, under prefix.
func packTar(t testing.TB, dir, prefix string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	walkSorted(t, dir, func(rel string, d fs.DirEntry, data []byte) {
		name := strings.TrimPrefix(prefix+"/"+rel, "/")
		hdr := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}
		if d.IsDir() {
			hdr = &tar.Header{Name: name + "/", Mode: 0o755, Typeflag: tar.TypeDir}
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	})
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// packZip writes every file below dir into a zip, under prefix.
func packZip(t testing.TB, dir, prefix string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	walkSorted(t, dir, func(rel string, d fs.DirEntry, data []byte) {
		if d.IsDir() {
			return
		}
		w, err := zw.Create(strings.TrimPrefix(prefix+"/"+rel, "/"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func walkSorted(t testing.TB, dir string, fn func(rel string, d fs.DirEntry, data []byte)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		var data []byte
		if !d.IsDir() {
			if data, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		fn(filepath.ToSlash(rel), d, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func gzipBytes(t testing.TB, data []byte) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriter(w), nil })
}

func zstdBytes(t testing.TB, data []byte) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) { return zstd.NewWriter(w) })
}

func xzBytes(t testing.TB, data []byte) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) { return xz.NewWriter(w) })
}

// compress writes data through the compressor newWriter makes.
func compress(t testing.TB, data []byte, newWriter func(io.Writer) (io.WriteCloser, error)) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := newWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeFile writes data to dir/name, creating folders.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// problemsMatching returns the problems whose path and error contain the
// given substrings.
func problemsMatching(c *snapshot.Cluster, path, msg string) []snapshot.Problem {
	var out []snapshot.Problem
	for _, p := range c.Provenance.Problems {
		if strings.Contains(p.Path, path) && strings.Contains(p.Error, msg) {
			out = append(out, p)
		}
	}
	return out
}

// tarEntry is one entry of a tar built by hand in a test.
type tarEntry struct {
	name     string
	data     string
	typeflag byte
	link     string
}

func buildTar(t testing.TB, entries ...tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.data)), Typeflag: e.typeflag, Linkname: e.link}
		if e.typeflag == 0 {
			hdr.Typeflag = tar.TypeReg
		}
		if hdr.Typeflag != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if hdr.Size > 0 {
			if _, err := tw.Write([]byte(e.data)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
