package loader

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/loader/internal/stream"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// The hostile archives of issue 16, generated small: each must end with a
// problem at once (docs/reliability.md has the times), keeping what came
// before. Without the checks before the work they take from seconds to
// minutes, and gigabytes.

// zstdFrame builds a zstd frame by hand: raw blocks for data, RLE blocks
// for runs of zeros (four bytes per 128 KiB), so that 40 GiB of zeros
// take 1.3 MB and no time to make.
type zstdFrame struct{ b bytes.Buffer }

const zstdBlock = 128 << 10

func newZstdFrame() *zstdFrame {
	z := &zstdFrame{}
	z.b.Write([]byte{0x28, 0xb5, 0x2f, 0xfd}) // magic
	z.b.WriteByte(0x00)                       // no content size, no checksum, no dictionary
	z.b.WriteByte(7 << 3)                     // window 128 KiB
	return z
}

func (z *zstdFrame) block(last bool, typ, size int) {
	h := size<<3 | typ<<1
	if last {
		h |= 1
	}
	z.b.Write([]byte{byte(h), byte(h >> 8), byte(h >> 16)})
}

func (z *zstdFrame) raw(p []byte) {
	for len(p) > 0 {
		n := min(len(p), zstdBlock)
		z.block(false, 0, n)
		z.b.Write(p[:n])
		p = p[n:]
	}
}

func (z *zstdFrame) zeros(n int64) {
	for n > 0 {
		k := min(n, zstdBlock)
		z.block(false, 1, int(k))
		z.b.WriteByte(0)
		n -= k
	}
}

func (z *zstdFrame) bytes() []byte {
	z.block(true, 0, 0)
	return z.b.Bytes()
}

// tarHeader is the header (PAX records included) of a file of size bytes,
// without its data.
func tarHeader(t *testing.T, name string, size int64) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	if err := tw.WriteHeader(&tar.Header{Name: name, Size: size, Mode: 0o644, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes() // the writer is dropped: the data is the caller's
}

// tarFile is a whole small entry.
func tarFile(t *testing.T, name, data string) []byte {
	t.Helper()
	b := append(tarHeader(t, name, int64(len(data))), data...)
	return append(b, make([]byte, (512-len(data)%512)%512)...)
}

// bigEntryTarZst is a tar.zst with ns.yaml, a log entry of size zero bytes,
// then pods.yaml.
func bigEntryTarZst(t *testing.T, size int64) []byte {
	z := newZstdFrame()
	z.raw(tarFile(t, "mg/img/namespaces/ns/ns.yaml", nsYAML))
	z.raw(tarHeader(t, "mg/img/namespaces/ns/pods/p/c/c/logs/current.log", size))
	z.zeros(size)
	z.raw(tarFile(t, "mg/img/namespaces/ns/core/pods.yaml", podList))
	z.zeros(1024)
	return z.bytes()
}

// deflatedZeros is n zero bytes (a multiple of 1 MiB) deflated, with
// their CRC, made in milliseconds: once 32 KiB of zeros are behind, the
// deflate blocks of one more MiB of zeros are the same bytes every time,
// so they are made once and repeated.
func deflatedZeros(t *testing.T, n int64) ([]byte, uint32) {
	t.Helper()
	const mib = 1 << 20
	var b bytes.Buffer
	fw, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, mib)
	flush := func() []byte {
		if _, err := fw.Write(zeros); err != nil {
			t.Fatal(err)
		}
		if err := fw.Flush(); err != nil {
			t.Fatal(err)
		}
		out := bytes.Clone(b.Bytes())
		b.Reset()
		return out
	}
	first, more := flush(), flush()
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	out := append(first, bytes.Repeat(more, int(n/mib-1))...)
	out = append(out, b.Bytes()...) // the final, empty block
	var crc uint32
	for range n / mib {
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	return out, crc
}

// overlappingZip is a zip whose entries all point at one deflate stream of
// size zeros (the overlapping-entries bomb), after a first honest entry.
func overlappingZip(t *testing.T, entries int, size int64) []byte {
	data, crc := deflatedZeros(t, size)
	var b bytes.Buffer
	le := func(v ...any) {
		for _, x := range v {
			binary.Write(&b, binary.LittleEndian, x) //nolint:errcheck // bytes.Buffer
		}
	}
	name := "mg/img/namespaces/ns/pods/p/c/c/logs/current.log"
	le(uint32(0x04034b50), uint16(20), uint16(0), uint16(8), uint16(0), uint16(0), crc, uint32(len(data)), uint32(size), uint16(len(name)), uint16(0))
	b.WriteString(name)
	b.Write(data)
	cdStart := b.Len()
	for i := range entries {
		n := fmt.Sprintf("mg/img/namespaces/ns%d/pods/p/c/c/logs/current.log", i)
		le(uint32(0x02014b50), uint16(20), uint16(20), uint16(0), uint16(8), uint16(0), uint16(0), crc, uint32(len(data)), uint32(size),
			uint16(len(n)), uint16(0), uint16(0), uint16(0), uint16(0), uint32(0), uint32(0))
		b.WriteString(n)
	}
	le(uint32(0x06054b50), uint16(0), uint16(0), uint16(entries), uint16(entries), uint32(b.Len()-cdStart), uint32(cdStart), uint16(0))
	return b.Bytes()
}

// ratioZip is a zip of ns.yaml, then entries of size zeros each, stored
// once per entry: no overlap, only a ratio of about 1000.
func ratioZip(t *testing.T, entries int, size int64) []byte {
	data, crc := deflatedZeros(t, size)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("mg/img/namespaces/ns/ns.yaml")
	if err == nil {
		_, err = io.WriteString(w, nsYAML)
	}
	for i := 0; err == nil && i < entries; i++ {
		w, err = zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("mg/img/namespaces/ns/pods/p%d/c/c/logs/current.log", i), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(size)})
		if err == nil {
			_, err = w.Write(data)
		}
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// nestedZips is a zip (deflated) of copies of a ratio zip, each named as a
// must-gather archive, so that the loader opens every one.
func nestedZips(t *testing.T, copies int, inner []byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := range copies {
		w, err := zw.Create(fmt.Sprintf("case/must-gather-%d.zip", i))
		if err == nil {
			_, err = w.Write(inner)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ustar is one tar header block written by hand, for what archive/tar
// will not write (sparse files).
func ustar(name string, size int64, typeflag byte) []byte {
	h := make([]byte, 512)
	copy(h[0:], name)
	copy(h[100:], "0000644\x00")
	copy(h[108:], "0000000\x00")
	copy(h[116:], "0000000\x00")
	copy(h[124:], fmt.Sprintf("%011o\x00", size))
	copy(h[136:], "00000000000\x00")
	h[156] = typeflag
	copy(h[257:], "ustar\x0000")
	copy(h[148:], "        ")
	var sum int
	for _, c := range h {
		sum += int(c)
	}
	copy(h[148:], fmt.Sprintf("%06o\x00 ", sum))
	return h
}

func padded(p []byte) []byte { return append(p, make([]byte, (512-len(p)%512)%512)...) }

// paxRecord is one "len key=value\n" record, its length counting itself.
func paxRecord(k, v string) string {
	n := len(k) + len(v) + 3
	n += len(fmt.Sprint(n))
	if len(fmt.Sprint(n)) != len(fmt.Sprint(n-1)) && len(fmt.Sprint(n-1)) != len(fmt.Sprint(n)) {
		n++
	}
	return fmt.Sprintf("%d %s=%s\n", n, k, v)
}

// sparseTarGz is a tar.gz of ns.yaml and pods.yaml files stored as PAX 1.0
// sparse files of size bytes each: one byte of data, the rest a hole.
func sparseTarGz(t *testing.T, files int, size int64) []byte {
	var b bytes.Buffer
	b.Write(tarFile(t, "mg/img/namespaces/ns/ns.yaml", nsYAML))
	for i := range files {
		name := fmt.Sprintf("mg/img/namespaces/ns%d/core/pods.yaml", i)
		recs := paxRecord("GNU.sparse.major", "1") + paxRecord("GNU.sparse.minor", "0") +
			paxRecord("GNU.sparse.name", name) + paxRecord("GNU.sparse.realsize", fmt.Sprint(size))
		b.Write(ustar("PaxHeaders/pods.yaml", int64(len(recs)), tar.TypeXHeader))
		b.Write(padded([]byte(recs)))
		sparseMap := padded([]byte(fmt.Sprintf("1\n%d\n1\n", size-1)))
		b.Write(ustar(fmt.Sprintf("mg/img/namespaces/ns%d/core/GNUSparseFile.0/pods.yaml", i), int64(len(sparseMap))+1, tar.TypeReg))
		b.Write(sparseMap)
		b.Write(padded([]byte("\n")))
	}
	b.Write(make([]byte, 1024))
	return gzipBytes(t, b.Bytes())
}

func TestHostileArchivesEndAtOnce(t *testing.T) {
	const gib = 1 << 30
	cases := []struct {
		name    string
		input   func(t *testing.T) []byte
		stdin   bool
		limits  Limits
		problem string // a problem's error contains this
		wantNS  int    // namespaces kept from before the stop; -1 any
	}{
		{"tar.zst with a 40 GiB entry: over the input size, refused at its header",
			func(t *testing.T) []byte { return bigEntryTarZst(t, 40*gib) }, false, Limits{}, "an entry declares 42949672960 bytes, over the", 1},
		{"tar.zst with a 20 GiB entry in 650 KB: over the ratio, refused at its header",
			func(t *testing.T) []byte { return bigEntryTarZst(t, 20*gib) }, false, Limits{}, "times the", 1},
		{"the same from standard input (size unknown): the ratio stops the skip within a chunk",
			func(t *testing.T) []byte { return bigEntryTarZst(t, 20*gib) }, true, Limits{}, "ratio over 500", 1},
		{"a time limit stops a long skip",
			func(t *testing.T) []byte { return bigEntryTarZst(t, 20*gib) }, true, Limits{MaxDuration: 2 * time.Second, MaxRatio: 1 << 40}, "reading took longer than 2s", -1},
		{"zip of 100 overlapping 400 MiB entries: refused before any entry",
			func(t *testing.T) []byte { return overlappingZip(t, 100, 400<<20) }, false, Limits{}, "overlapping entries", 0},
		{"zip of 16 x 256 MiB entries of zeros: the ratio, checked on declared sizes",
			func(t *testing.T) []byte { return ratioZip(t, 16, 256<<20) }, false, Limits{}, "times the", 1},
		{"zips in a zip draw on one budget",
			func(t *testing.T) []byte { return nestedZips(t, 10, ratioZip(t, 3, 256<<20)) }, false, Limits{}, "times the", 1},
		{"PAX-sparse pods.yaml files of 500 MiB each are not read",
			func(t *testing.T) []byte { return sparseTarGz(t, 6, 500<<20) }, false, Limits{}, "a sparse file of 524288000 bytes; not read", 7},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.input(t)
			opts := Options{Limits: tc.limits}
			path := "-"
			if tc.stdin {
				opts.Stdin = bytes.NewReader(data)
			} else {
				path = writeFile(t, t.TempDir(), "input", data)
			}
			start := time.Now()
			c, err := Load(context.Background(), []string{path}, opts)
			t.Logf("%d-byte input loaded in %v", len(data), time.Since(start).Round(time.Millisecond))
			problems, namespaces := noInputProblems(t, err), 0
			if c != nil {
				problems, namespaces = c.Provenance.Problems, len(c.Namespaces())
			}
			var found bool
			for _, p := range problems {
				found = found || strings.Contains(p.Error, tc.problem)
			}
			if !found {
				t.Errorf("%d-byte input: no problem saying %q: %v", len(data), tc.problem, problems)
			}
			if tc.wantNS >= 0 && namespaces != tc.wantNS {
				t.Errorf("%d namespaces kept, want %d", namespaces, tc.wantNS)
			}
		})
	}
}

// The checks before the work do not depend on which decompressor runs: the
// 40 GiB tar.zst through the Go decoder, as in a build without the zstd
// program.
func TestHostileTarZstWithoutTheProgram(t *testing.T) {
	t.Setenv(stream.GoOnlyEnv, "1")
	t.Setenv("PATH", "")
	path := writeFile(t, t.TempDir(), "bomb.tar.zst", bigEntryTarZst(t, 40<<30))
	c := mustLoad(t, Options{}, path)
	if len(problemsMatching(c, filepath.Base(path), "an entry declares")) != 1 {
		t.Errorf("problems %v", c.Provenance.Problems)
	}
}

// noInputProblems are the problems of a load that found nothing usable
// (nil error: none).
func noInputProblems(t *testing.T, err error) []snapshot.Problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var ni *NoInputError
	if !errors.As(err, &ni) {
		t.Fatal(err)
	}
	return ni.Problems
}

// A folder input has the same time limit: the walk stops with a problem.
func TestAFolderWithinItsTime(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "img/namespaces/ns/ns.yaml", []byte(nsYAML))
	writeFile(t, dir, "img/namespaces/ns/core/pods.yaml", []byte(podList))
	_, err := Load(context.Background(), []string{dir}, Options{Limits: Limits{MaxDuration: time.Nanosecond}})
	problems := noInputProblems(t, err)
	if len(problems) != 1 || !strings.Contains(problems[0].Error, "stopped reading the folder: time limit: reading took longer than 1ns") {
		t.Errorf("problems %v", problems)
	}
}
