package loader

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// withDecompressors runs f with the decompressor programs and the zstd
// library allowed or not.
func withDecompressors(t *testing.T, programs, library bool, f func()) {
	t.Helper()
	oldP, oldL := useExternal, useNative
	useExternal, useNative = programs, library
	defer func() { useExternal, useNative = oldP, oldL }()
	f()
}

// TestDecompressorsLoadAlike loads the trimmed sample, with logs of many
// sizes between its files, as a plain tar and compressed through every
// decompressor this build has: the Go decoders, the xz and zstd programs
// (when installed), which skip the logs without reading them, and the zstd
// library (in cgo builds). Each must load what the plain tar loads.
func TestDecompressorsLoadAlike(t *testing.T) {
	tarred := withLogs(t, packTar(t, trimmedSample, ""))
	dir := t.TempDir()
	write := func(data []byte) string { return writeFile(t, dir, "mg", data) }
	want := loadedContents(t, mustLoad(t, Options{}, write(tarred)))
	_, hasLibrary := nativeZstd(bytes.NewReader(nil))
	for _, tc := range []struct {
		name              string
		format            string
		data              []byte
		programs, library bool
	}{
		{name: "gz", format: formatGzip, data: gzipBytes(t, tarred)},
		{name: "xz Go", format: formatXZ, data: xzBytes(t, tarred)},
		{name: "xz program", format: formatXZ, data: xzBytes(t, tarred), programs: true},
		{name: "zst Go", format: formatZstd, data: zstdBytes(t, tarred)},
		{name: "zst program", format: formatZstd, data: zstdBytes(t, tarred), programs: true},
		{name: "zst library", format: formatZstd, data: zstdBytes(t, tarred), library: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := lookPath()[tc.format]; tc.programs && !ok {
				t.Skipf("no %s program", externalDecompressors[tc.format].args[0])
			}
			if tc.library && !hasLibrary {
				t.Skip("built without cgo: no zstd library")
			}
			path := write(tc.data)
			var got string
			withDecompressors(t, tc.programs, tc.library, func() { got = loadedContents(t, mustLoad(t, Options{}, path)) })
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("loads differ (-plain tar +%s):\n%s", tc.name, diff)
			}
		})
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
// was cut shows the archive is truncated. Every decompressor must say it.
func TestCutAtAnEntryEnd(t *testing.T) {
	whole := buildTar(t, smallMG(t, 10)...)
	first := 512 + (len(nsYAML)+511)/512*512 // the first entry: header and padded data
	cut := func(compress func(testing.TB, []byte) []byte) []byte {
		second := compress(t, whole[first:])
		return append(compress(t, whole[:first]), second[:len(second)/2]...)
	}
	dir := t.TempDir()
	gz, zst := writeFile(t, dir, "cut.tar.gz", cut(gzipBytes)), writeFile(t, dir, "cut.tar.zst", cut(zstdBytes))
	_, hasLibrary := nativeZstd(bytes.NewReader(nil))
	for _, tc := range []struct {
		name, path        string
		programs, library bool
	}{
		{"gz", gz, false, false},
		{"zst Go", zst, false, false},
		{"zst program", zst, true, false},
		{"zst library", zst, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := lookPath()[formatZstd]; tc.programs && !ok {
				t.Skip("no zstd program")
			}
			if tc.library && !hasLibrary {
				t.Skip("built without cgo: no zstd library")
			}
			var c *snapshot.Cluster
			withDecompressors(t, tc.programs, tc.library, func() { c = mustLoad(t, Options{}, tc.path) })
			if len(problemsMatching(c, "", "archive")) == 0 {
				t.Errorf("a cut archive loaded without a problem: %v", c.Provenance.Problems)
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
