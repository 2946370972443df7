package loader

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dsnet/compress/bzip2"
	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/gzip"
	"github.com/pierrec/lz4/v4"

	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
)

// The every-path matrix (issue 11): each sample, repacked in every format
// this tool reads, through every way of decompressing, loads to the same
// snapshot as its plain tar. `make test` runs it in a cgo and a
// CGO_ENABLED=0 build; the ways hide the programs from PATH or force the Go
// decoders as a user's machine would.

// matrixFormat is one format an archive is repacked in.
type matrixFormat struct {
	archive string // as the Input record names it
	pack    func(t testing.TB, tarred []byte) []byte
	// programs is true when a program may decompress it: only then do the
	// ways differ.
	programs bool
}

var matrixFormats = []matrixFormat{
	{"tar", func(_ testing.TB, b []byte) []byte { return b }, false},
	{"tar.gz", func(t testing.TB, b []byte) []byte { return gzipFast(t, b) }, false},
	{"tar.xz", xzBytes, true},
	{"tar.zst", zstdBytes, true},
	{"tar.bz2", bzip2Bytes, false},
	{"tar.lz4", lz4Bytes, false},
	{"zip", tarToZip, false},
	{"7z", tarTo7z, false},
	{"rar", tarToRar, false},
}

// matrixSample is a tar to repack, and the figures its load must give.
type matrixSample struct {
	name    string
	tar     func(t testing.TB) []byte
	figures map[string]int
	// formats, when set, limits the formats: the real sample is 93 MB
	// unpacked, and the formats the issue names for it (its own tar.xz and
	// the repacks users send) are enough; the others' paths run on the
	// bundled sample.
	formats []string
	// original, when set, is the archive as it came, used for its format
	// instead of a repack.
	original map[string]func(t testing.TB) []byte
}

var matrixSamples = []matrixSample{
	{name: "bundled sample with generated logs", tar: noisyTar},
	{"shared real must-gather", func(t testing.TB) []byte {
		f, err := os.Open(filepath.Join(sharedSamples(t), "must-gather-aws.tar.xz"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		s, err := stream.Open(f, stream.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		data, err := io.ReadAll(s)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}, sharedFigures, []string{"tar.xz", "tar.gz", "tar.zst", "tar.bz2", "zip"}, map[string]func(t testing.TB) []byte{
		"tar.xz": func(t testing.TB) []byte {
			data, err := os.ReadFile(filepath.Join(sharedSamples(t), "must-gather-aws.tar.xz"))
			if err != nil {
				t.Fatal(err)
			}
			return data
		},
	}},
}

func TestEveryPathMatrix(t *testing.T) {
	for _, s := range matrixSamples {
		t.Run(s.name, func(t *testing.T) {
			tarred := s.tar(t)
			dir := t.TempDir()
			want := loadedContents(t, mustLoad(t, Options{}, writeFile(t, dir, "mg", tarred)))
			for _, f := range matrixFormats {
				if s.formats != nil && !slices.Contains(s.formats, f.archive) {
					continue
				}
				t.Run(f.archive, func(t *testing.T) {
					var data []byte
					if orig := s.original[f.archive]; orig != nil {
						data = orig(t)
					} else {
						data = f.pack(t, tarred)
					}
					for _, w := range ways {
						if !f.programs && w.name != "programs hidden from PATH" {
							continue // no program reads it: every way is this one
						}
						t.Run(w.name, func(t *testing.T) {
							w.set(t)
							c := mustLoad(t, Options{}, writeFile(t, dir, "mg", data))
							if got := c.Provenance.Inputs[0].Archive; got != f.archive {
								t.Errorf("archive %q, want %q", got, f.archive)
							}
							if len(c.Provenance.Problems) > 0 {
								t.Errorf("problems: %v", c.Provenance.Problems)
							}
							if s.figures != nil {
								checkSample(t, c, s.figures)
							}
							if diff := cmp.Diff(want, loadedContents(t, c)); diff != "" {
								t.Errorf("loads differ from the plain tar's (-tar +%s):\n%s", f.archive, diff)
							}
						})
					}
				})
			}
		})
	}
}

// TestEveryPathStdin reads the bundled sample in every format from
// standard input, which no program reads directly and zip and 7z must
// hold in memory.
func TestEveryPathStdin(t *testing.T) {
	tarred := noisyTar(t)
	want := loadedContents(t, mustLoad(t, Options{Stdin: bytes.NewReader(tarred)}, "-"))
	for _, f := range matrixFormats {
		data := f.pack(t, tarred)
		for _, w := range ways {
			t.Run(f.archive+"/"+w.name, func(t *testing.T) {
				w.set(t)
				c := mustLoad(t, Options{Stdin: bytes.NewReader(data)}, "-")
				if diff := cmp.Diff(want, loadedContents(t, c)); diff != "" {
					t.Errorf("loads differ from the plain tar's (-tar +%s):\n%s", f.archive, diff)
				}
			})
		}
	}
}

func gzipFast(t testing.TB, data []byte) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriterLevel(w, gzip.BestSpeed) })
}

func bzip2Bytes(t testing.TB, data []byte) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) {
		return bzip2.NewWriter(w, &bzip2.WriterConfig{Level: bzip2.BestSpeed})
	})
}

func lz4Bytes(t testing.TB, data []byte) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) { return lz4.NewWriter(w), nil })
}

// tarToZip repacks a tar as a zip, entry for entry, deflated.
func tarToZip(t testing.TB, tarred []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	eachTarEntry(t, tarred, func(hdr *tar.Header, body io.Reader) {
		fh := &zip.FileHeader{Name: hdr.Name, Method: zip.Deflate}
		fh.SetMode(hdr.FileInfo().Mode())
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, body); err != nil {
			t.Fatal(err)
		}
	})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarTo7z repacks a tar as a 7z with the 7-Zip program (7zz or 7z). No Go
// library writes 7z; where no program is installed the bundled 7z of the
// trimmed sample (testdata/loader/must-gather.7z) still runs in
// TestSevenZipFixture, and CI installs the program.
func tarTo7z(t testing.TB, tarred []byte) []byte {
	t.Helper()
	prog := ""
	for _, p := range []string{"7zz", "7z"} {
		if _, err := exec.LookPath(p); err == nil {
			prog = p
			break
		}
	}
	if prog == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI must install the 7zip package (.ci/run)")
		}
		t.Skip("no 7zz or 7z program to write a 7z")
	}
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree")
	eachTarEntry(t, tarred, func(hdr *tar.Header, body io.Reader) {
		p := filepath.Join(tree, filepath.FromSlash(hdr.Name))
		if hdr.Typeflag == tar.TypeDir {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return
		}
		data, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, tree, hdr.Name, data)
	})
	out := filepath.Join(dir, "mg.7z")
	cmd := exec.Command(prog, "a", "-mx1", "-bd", "-bso0", out, ".")
	cmd.Dir = tree
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", prog, err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// eachTarEntry calls fn for every entry of a tar.
func eachTarEntry(t testing.TB, tarred []byte, fn func(*tar.Header, io.Reader)) {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(tarred))
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		fn(hdr, tr)
	}
}
