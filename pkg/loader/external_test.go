package loader

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/report"
)

// withGoDecoders runs f with the external decompressors turned off.
func withGoDecoders(t *testing.T, f func()) {
	t.Helper()
	old := useExternal
	useExternal = false
	defer func() { useExternal = old }()
	f()
}

// TestExternalDecompressorsLoadLikeGo loads the trimmed sample, with logs
// of many sizes between its files, as tar.xz and tar.zst through the xz
// and zstd programs (when installed), which skip the logs without reading
// them, and through the Go decoders: what is loaded must be the same.
func TestExternalDecompressorsLoadLikeGo(t *testing.T) {
	tarred := withLogs(t, packTar(t, trimmedSample, ""))
	dir := t.TempDir()
	for _, tc := range []struct {
		format string
		data   []byte
	}{{formatXZ, xzBytes(t, tarred)}, {formatZstd, zstdBytes(t, tarred)}} {
		t.Run(tc.format, func(t *testing.T) {
			if _, ok := lookPath()[tc.format]; !ok {
				t.Skipf("no %s program", externalDecompressors[tc.format].args[0])
			}
			path := writeFile(t, dir, "mg.tar."+tc.format, tc.data)
			load := func() report.Inspection {
				c, err := Load(context.Background(), []string{path}, Options{})
				if err != nil {
					t.Fatal(err)
				}
				return report.Inspect(c)
			}
			external := load()
			var inProcess report.Inspection
			withGoDecoders(t, func() { inProcess = load() })
			if diff := cmp.Diff(inProcess, external); diff != "" {
				t.Errorf("loads differ (-Go +%s):\n%s", externalDecompressors[tc.format].args[0], diff)
			}
			if len(external.Problems) > 0 {
				t.Errorf("problems: %v", external.Problems)
			}
		})
	}
}

// TestExternalDecompressorFailureIsAProblem cuts an xz archive: the
// program's complaint becomes a problem and the entries before the cut
// still load, as with the Go decoder.
func TestExternalDecompressorFailureIsAProblem(t *testing.T) {
	if _, ok := lookPath()[formatXZ]; !ok {
		t.Skip("no xz program")
	}
	xzData := xzBytes(t, packTar(t, trimmedSample, ""))
	path := writeFile(t, t.TempDir(), "cut.tar.xz", xzData[:len(xzData)*9/10])
	c, err := Load(context.Background(), []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := report.Inspect(c)
	if len(in.Problems) != 1 || !strings.Contains(in.Problems[0].Error, "xz") {
		t.Errorf("want one problem naming xz, got %v", in.Problems)
	}
	if in.Objects["Pod"] == 0 {
		t.Errorf("nothing loaded before the cut: %v", in.Objects)
	}
}

// withLogs copies a tar, putting before each YAML file a log file beside it
// whose size cycles from one byte to over a megabyte.
func withLogs(t *testing.T, tarred []byte) []byte {
	t.Helper()
	sizes := []int{1, 511, 512, 4097, 65_537, 300_000, 1<<20 + 3}
	var out bytes.Buffer
	tr, tw := tar.NewReader(bytes.NewReader(tarred)), tar.NewWriter(&out)
	for n := 0; ; n++ {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if path.Ext(hdr.Name) == ".yaml" {
			log := pattern(sizes[n%len(sizes)])
			name := path.Join(path.Dir(hdr.Name), fmt.Sprintf("current-%d.log", n))
			if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(log)), Typeflag: tar.TypeReg}); err != nil {
				t.Fatal(err)
			}
			if _, err := tw.Write(log); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(tw, tr); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
