package loader

import (
	"archive/tar"
	"bytes"
	"io"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// noisyTar is the trimmed sample as a tar with an incompressible log beside
// it, so that every compressed form of it is far larger than any buffer
// that reads the head of a file to sniff its format.
func noisyTar(t testing.TB) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(11, 11))
	noise := make([]byte, 3<<20)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	base := packTar(t, trimmedSample, "")
	return appendTarEntry(t, base, "must-gather-aws/noise/current.log", noise)
}

// TestInProcessDecodersReadArchiveFiles is issue 11's report: without the
// programs (or with HA_COMPLIANCE_GO_DECOMPRESS=1) an archive file larger
// than the sniffing buffer was read as corrupt.
func TestInProcessDecodersReadArchiveFiles(t *testing.T) {
	tarred := noisyTar(t)
	dir := t.TempDir()
	want := loadedContents(t, mustLoad(t, Options{}, writeFile(t, dir, "mg", tarred)))
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"xz", xzBytes(t, tarred)},
		{"zst", zstdBytes(t, tarred)},
		{"gz", gzipBytes(t, tarred)},
	} {
		for _, w := range ways {
			t.Run(tc.name+"/"+w.name, func(t *testing.T) {
				w.set(t)
				path := writeFile(t, dir, "mg", tc.data) // the same name: it is part of what loads
				c := mustLoad(t, Options{}, path)
				if len(c.Provenance.Problems) > 0 {
					t.Errorf("problems: %v", c.Provenance.Problems)
				}
				got := loadedContents(t, c)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("loads differ (-plain tar +%s):\n%s", tc.name, diff)
				}
			})
		}
	}
}

// TestSharedTarXZGoDecoder reads the shared real sample with the Go decoder.
func TestSharedTarXZGoDecoder(t *testing.T) {
	path := filepath.Join(sharedSamples(t), "must-gather-aws.tar.xz")
	for _, w := range ways {
		t.Run(w.name, func(t *testing.T) {
			w.set(t)
			checkSample(t, mustLoad(t, Options{}, path), sharedFigures)
		})
	}
}

// appendTarEntry returns tarred with one more regular file at its end.
func appendTarEntry(t testing.TB, tarred []byte, name string, data []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	tw := tar.NewWriter(&out)
	eachTarEntry(t, tarred, func(hdr *tar.Header, body io.Reader) { putEntry(t, tw, hdr, body) })
	putEntry(t, tw, &tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}, bytes.NewReader(data))
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// putEntry writes one entry to a tar.
func putEntry(t testing.TB, tw *tar.Writer, hdr *tar.Header, body io.Reader) {
	t.Helper()
	if err := tw.WriteHeader(hdr); err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(tw, body); err != nil {
		t.Fatal(err)
	}
}
