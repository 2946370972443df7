package loader

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// way is one way a machine decompresses: with the xz and zstd programs on
// PATH, without them (a minimal image, a Mac), or with the Go decoders
// forced. Tests set the environment as a user's machine would; the stream
// package reads it at every open.
type way struct {
	name string
	set  func(t *testing.T)
}

var ways = []way{
	{"programs on PATH", func(t *testing.T) { requirePrograms(t) }},
	{"programs hidden from PATH", func(t *testing.T) { t.Setenv("PATH", t.TempDir()) }},
	{"Go decoders forced", func(t *testing.T) { t.Setenv(stream.GoOnlyEnv, "1") }},
}

// requirePrograms skips a test of the programs' path where they are not
// installed, but fails in CI, which installs them (.ci/run): a path that
// CI does not run is a path nobody tests.
func requirePrograms(t *testing.T) {
	t.Helper()
	for _, p := range []string{"xz", "zstd"} {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI must install the %s program (.ci/run)", p)
			}
			t.Skipf("no %s program on PATH", p)
		}
	}
}

// loadedContents is everything a load kept, as JSON, but for the archive
// format it records. Inputs are named mg, one after the other: the loader
// tells formats by content, and the name is part of what it records.
func loadedContents(t *testing.T, c *snapshot.Cluster) string {
	t.Helper()
	c.Provenance.Inputs = slices.Clone(c.Provenance.Inputs)
	for i := range c.Provenance.Inputs {
		c.Provenance.Inputs[i].Archive = ""
	}
	return snapshotJSON(t, c)
}

// TestCutAtAnEntryEnd cuts a tar.zst (tar.gz) inside its second frame
// (member), the first ending exactly where a tar entry does: the tar alone
// would end cleanly there, so only the decompressor's word that the stream
// was cut shows the archive is truncated. Every way must say it.
func TestCutAtAnEntryEnd(t *testing.T) {
	whole := buildTar(t, smallMG(t, 10)...)
	first := 512 + (len(nsYAML)+511)/512*512 // the first entry: header and padded data
	cut := func(compress func(testing.TB, []byte) []byte) []byte {
		second := compress(t, whole[first:])
		return append(compress(t, whole[:first]), second[:len(second)/2]...)
	}
	dir := t.TempDir()
	gz, zst := writeFile(t, dir, "cut.tar.gz", cut(gzipBytes)), writeFile(t, dir, "cut.tar.zst", cut(zstdBytes))
	for _, w := range ways {
		for _, path := range []string{gz, zst} {
			t.Run(w.name+"/"+path[len(dir):], func(t *testing.T) {
				w.set(t)
				c := mustLoad(t, Options{}, path)
				if len(problemsMatching(c, "", "archive")) == 0 {
					t.Errorf("a cut archive loaded without a problem: %v", c.Provenance.Problems)
				}
			})
		}
	}
}

// TestDecompressorFailureIsAProblem cuts an xz archive: on every way the
// decompressor's complaint becomes a problem and the entries before the cut
// still load.
func TestDecompressorFailureIsAProblem(t *testing.T) {
	xzData := xzBytes(t, noisyTar(t))
	path := writeFile(t, t.TempDir(), "cut.tar.xz", xzData[:len(xzData)*9/10])
	for _, w := range ways {
		t.Run(w.name, func(t *testing.T) {
			w.set(t)
			c, err := Load(context.Background(), []string{path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			in := report.Inspect(c)
			if len(in.Problems) != 1 || !strings.Contains(in.Problems[0].Error, "archive") {
				t.Errorf("want one problem about the archive, got %v", in.Problems)
			}
			if in.Objects["Pod"] == 0 {
				t.Errorf("nothing loaded before the cut: %v", in.Objects)
			}
		})
	}
}

// withLogs copies a tar, putting before each YAML file a log file beside it
// whose size cycles from one byte to over a megabyte.
func withLogs(t *testing.T, tarred []byte) []byte {
	t.Helper()
	sizes := []int{1, 511, 512, 4097, 65_537, 300_000, 1<<20 + 3}
	var out bytes.Buffer
	tw := tar.NewWriter(&out)
	n := 0
	eachTarEntry(t, tarred, func(hdr *tar.Header, body io.Reader) {
		if path.Ext(hdr.Name) == ".yaml" {
			log := pattern(sizes[n%len(sizes)])
			name := path.Join(path.Dir(hdr.Name), fmt.Sprintf("current-%d.log", n))
			putEntry(t, tw, &tar.Header{Name: name, Mode: 0o644, Size: int64(len(log)), Typeflag: tar.TypeReg}, bytes.NewReader(log))
		}
		putEntry(t, tw, hdr, body)
		n++
	})
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// pattern is n bytes that differ from their neighbours, so that a skip by
// the wrong amount shows in what is read next.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}
