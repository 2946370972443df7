package stream

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dsnet/compress/bzip2"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"
)

// compressors write each compressed format this package reads.
var compressors = map[Kind]func(io.Writer) (io.WriteCloser, error){
	// The fastest settings and small windows: fuzz targets compress every
	// input, and the decoders read any setting the same way; small windows
	// make the megabyte tests cross more of them.
	Gzip: func(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriterLevel(w, gzip.BestSpeed) },
	XZ:   func(w io.Writer) (io.WriteCloser, error) { return xz.WriterConfig{DictCap: 64 << 10}.NewWriter(w) },
	Zstd: func(w io.Writer) (io.WriteCloser, error) {
		return zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(64<<10))
	},
	Bzip: func(w io.Writer) (io.WriteCloser, error) {
		return bzip2.NewWriter(w, &bzip2.WriterConfig{Level: bzip2.BestSpeed})
	},
	LZ4: func(w io.Writer) (io.WriteCloser, error) { return lz4.NewWriter(w), nil },
}

func compressed(t testing.TB, format Kind, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := compressors[format](&buf)
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

// way is how a machine decompresses (see the loader's matrix test).
type way struct {
	name string
	set  func(t *testing.T)
}

var ways = []way{
	{"programs", func(t *testing.T) {
		for _, p := range []string{"xz", "zstd"} {
			if _, err := exec.LookPath(p); err != nil {
				if os.Getenv("CI") == "true" {
					t.Fatalf("CI must install the %s program (.ci/run)", p)
				}
				t.Skipf("no %s program", p)
			}
		}
	}},
	{"no programs", func(t *testing.T) { t.Setenv("PATH", t.TempDir()) }},
	{"Go forced", func(t *testing.T) { t.Setenv(GoOnlyEnv, "1") }},
}

// asFile writes data to a file and opens it, as the loader opens inputs:
// a program then reads the file itself.
func asFile(t testing.TB, data []byte) *os.File {
	t.Helper()
	p := filepath.Join(t.TempDir(), "input")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestSniff(t *testing.T) {
	tarHead := make([]byte, SniffLen)
	copy(tarHead[257:], "ustar")
	for _, tc := range []struct {
		name, head        string
		kind, unsupported string
	}{
		{"gzip", "\x1f\x8b\x08", Gzip, ""},
		{"xz", "\xfd7zXZ\x00\x00", XZ, ""},
		{"zstd", "\x28\xb5\x2f\xfd\x00", Zstd, ""},
		{"bzip2 with a block", "BZh91AY&SY....", Bzip, ""},
		{"bzip2, empty", "BZh9\x17\x72\x45\x38\x50\x90", Bzip, ""},
		{"text that starts like bzip2", "BZh is not a header", None, ""},
		{"lz4", "\x04\x22\x4d\x18", LZ4, ""},
		{"zip", "PK\x03\x04", Zip, ""},
		{"7z", "7z\xbc\xaf\x27\x1c", SevenZip, ""},
		{"rar 5", "Rar!\x1a\x07\x01\x00", Rar, ""},
		{"tar", string(tarHead), Tar, ""},
		{"an empty tar", string(make([]byte, SniffLen)), Tar, ""},
		{"lzip", "LZIP\x01", None, "lzip"},
		{"compress", "\x1f\x9d\x90", None, "compress (.Z)"},
		{"cpio", "070701000", None, "cpio"},
		{"YAML", "apiVersion: v1\n", None, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff([]byte(tc.head)); got != tc.kind {
				t.Errorf("Sniff = %q, want %q", got, tc.kind)
			}
			if got := Unsupported([]byte(tc.head)); got != tc.unsupported {
				t.Errorf("Unsupported = %q, want %q", got, tc.unsupported)
			}
		})
	}
}

// TestUnsupported: an archive this package does not read, even inside a
// compressed stream, is named so that the user extracts it.
func TestUnsupported(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"lzip", []byte("LZIP\x01\x0c\x00\x00\x00"), "unsupported archive format lzip: extract it first"},
		{"a cpio inside gzip", compressed(t, Gzip, []byte("070701000000000000000000000000")), "unsupported archive format cpio inside gz: extract it first"},
		{"a zip inside xz", compressed(t, XZ, []byte("PK\x03\x04")), "unsupported archive format zip inside xz: extract it first"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(bytes.NewReader(tc.data), Options{})
			if err == nil || err.Error() != tc.want {
				t.Errorf("Open: %v, want %q", err, tc.want)
			}
		})
	}
}

// tarOf is a tar of one file.
func tarOf(t testing.TB, name string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// walk reads every entry of an archive, skipping the bodies, and returns
// the error of the walk and what bad was told.
func walk(t *testing.T, src io.Reader) (bad []string, walkErr error) {
	t.Helper()
	r, err := Open(src, Options{})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	err = r.Entries(context.Background(), func(Entry) error { return nil },
		func(name string, err error) { bad = append(bad, name+": "+err.Error()) })
	return bad, err
}

// TestIntegrity: a compressed tar whose checksum is wrong, or that has
// garbage after its end, fails on every way, although the tar inside
// reads cleanly: every stream is read to its end.
func TestIntegrity(t *testing.T) {
	tarred := tarOf(t, "mg/namespaces/ns/ns.yaml", bytes.Repeat([]byte("kind: Namespace\n"), 1000))
	for _, format := range []Kind{Gzip, XZ, Zstd, Bzip, LZ4} {
		good := compressed(t, format, tarred)
		// The last bytes are a checksum or a footer that holds one.
		badSum := bytes.Clone(good)
		badSum[len(badSum)-5] ^= 0x55
		trailing := append(bytes.Clone(good), []byte("trailing garbage")...)
		for _, w := range ways {
			t.Run(format+"/"+w.name, func(t *testing.T) {
				w.set(t)
				if _, err := walk(t, asFile(t, good)); err != nil {
					t.Fatalf("the good archive: %v", err)
				}
				if _, err := walk(t, asFile(t, badSum)); err == nil {
					t.Error("a wrong checksum read cleanly")
				}
				if _, err := walk(t, asFile(t, trailing)); err == nil {
					t.Error("garbage after the end read cleanly")
				}
				if _, err := walk(t, bytes.NewReader(trailing)); err == nil {
					t.Error("garbage after the end read cleanly from a stream")
				}
			})
		}
	}
}

// TestZipEntryCRC: a zip entry whose bytes do not match its CRC is bad,
// by name, whether it was read or passed over; the others still read.
func TestZipEntryCRC(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"a.yaml", "logs/b.log", "c.yaml"} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte("content of " + name + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	i := bytes.Index(data, []byte("content of logs/b.log"))
	data[i] ^= 0x20
	for _, read := range []bool{false, true} {
		r, err := Open(bytes.NewReader(data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var names, bad []string
		err = r.Entries(context.Background(), func(e Entry) error {
			names = append(names, e.Name)
			if read {
				_, err := io.ReadAll(e.Body)
				return err
			}
			return nil
		}, func(name string, err error) { bad = append(bad, name+": "+err.Error()) })
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != 3 || len(bad) != 1 || !strings.HasPrefix(bad[0], "logs/b.log: zip: checksum error") {
			t.Errorf("read %v: entries %v, bad %v", read, names, bad)
		}
	}
}

// skipThenRead applies a schedule to r: each step skips (even) or reads
// (odd) that many bytes, then the rest is read. It returns what was read,
// with the skipped bytes zeroed, so that it compares with the source.
func skipThenRead(r *Reader, steps []uint16) ([]byte, error) {
	var out []byte
	for i, n := range steps {
		if i%2 == 0 {
			k, err := r.Skip(int64(n) * 37)
			out = append(out, make([]byte, k)...)
			if err != nil {
				return out, err
			}
			continue
		}
		b := make([]byte, int(n)*37)
		k, err := io.ReadFull(r, b)
		out = append(out, b[:k]...)
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return out, nil
			}
			return out, err
		}
	}
	rest, err := io.ReadAll(r)
	return append(out, rest...), err
}

// checkSkipVsRead is the property FuzzSkipVsRead and TestSkipVsReadLarge
// hold: through the decoder of format, a schedule of skips and reads yields
// the source's bytes at the same places as reading it whole does. Skips
// decompress and drop; they never jump. The Go decoders: a program per
// input would make fuzzing crawl, and TestSkipThroughPrograms runs the
// schedules through the programs.
func checkSkipVsRead(t *testing.T, format Kind, data []byte, steps []uint16) {
	t.Helper()
	t.Setenv(GoOnlyEnv, "1")
	r, err := Open(bytes.NewReader(compressed(t, format, data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !strings.HasPrefix(r.Decompressor(), "Go decoder") {
		t.Fatalf("%s read by %q", format, r.Decompressor())
	}
	got, err := skipThenRead(r, steps)
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	want := bytes.Clone(data)
	pos := 0
	for i, n := range steps {
		k := min(int(n)*37, len(want)-pos)
		if i%2 == 0 {
			clear(want[pos : pos+k])
		}
		pos += k
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: %d bytes read differ from the source's %d", format, len(got), len(want))
	}
}

// skipData is 3 MiB of bytes that compress, but not to nothing: past the
// 64 KiB sniff buffer, xz's and zstd's windows and bzip2's 900 KB blocks.
func skipData() []byte {
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte(i*7 + i/251 + i/65536)
	}
	return big
}

// TestSkipVsReadLarge holds the fuzz target's property on the schedules
// that need megabytes: skips across decoder windows and blocks, and a skip
// longer than the stream.
func TestSkipVsReadLarge(t *testing.T) {
	big := skipData()
	for _, tc := range []struct {
		name  string
		data  []byte
		steps []uint16
	}{
		{"small steps over 100 KB", big[:100_000], []uint16{1, 2, 200}},
		{"skips of 2.4 MB across windows", big, []uint16{0xffff, 1, 0x7fff}},
		{"skip past the end", big[:1<<20], []uint16{0xffff, 0xffff}},
	} {
		for _, format := range formats {
			t.Run(tc.name+"/"+format, func(t *testing.T) { checkSkipVsRead(t, format, tc.data, tc.steps) })
		}
	}
}

// formats are the compressed formats, in a fixed order for the fuzz
// target's format byte.
var formats = slices.Sorted(maps.Keys(compressors))

// FuzzSkipVsRead fuzzes checkSkipVsRead's property, one format per input
// (the fuzzer's choice). Inputs are capped at 256 KiB: each is compressed
// first, and a decoder is made for it, so every exec costs milliseconds
// whatever its size; TestSkipVsReadLarge holds the property on megabytes.
func FuzzSkipVsRead(f *testing.F) {
	big := skipData()
	for i := range formats {
		f.Add(big[:100_000], []byte{1, 0, 2, 0, 200, 0}, byte(i))
		f.Add(big[:256<<10], []byte{0xff, 0x0f, 1, 0, 0xff, 0x07}, byte(i))
		f.Add([]byte("short"), []byte{3, 0}, byte(i))
		f.Add([]byte{}, []byte{}, byte(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, sched []byte, format byte) {
		if len(data) > 256<<10 {
			return
		}
		if k := Sniff(data); k == Zip || k == SevenZip || k == Rar || IsCompressed(k) || Unsupported(data) != "" {
			return // refused inside a compressed stream by design ("extract it first")
		}
		var steps []uint16
		for i := 0; i+1 < len(sched); i += 2 {
			steps = append(steps, uint16(sched[i])|uint16(sched[i+1])<<8)
		}
		checkSkipVsRead(t, formats[int(format)%len(formats)], data, steps)
	})
}

// TestSkipThroughPrograms runs the fuzz seeds' schedules through the
// programs, which read a file of their own.
func TestSkipThroughPrograms(t *testing.T) {
	ways[0].set(t)
	data := make([]byte, 3<<20)
	for i := range data {
		data[i] = byte(i*7 + i/251)
	}
	for _, format := range []Kind{XZ, Zstd} {
		r, err := Open(asFile(t, compressed(t, format, data)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.Decompressor(), "program") {
			t.Fatalf("%s read by %s", format, r.Decompressor())
		}
		got, err := skipThenRead(r, []uint16{0xffff, 1, 0x1000, 300})
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(data) || !bytes.Equal(got[0xffff*37:0xffff*37+37], data[0xffff*37:0xffff*37+37]) ||
			!bytes.Equal(got[len(got)-1000:], data[len(data)-1000:]) {
			t.Errorf("%s: the bytes after skips differ", format)
		}
	}
}

// FuzzSniff: opening any bytes never panics, sniffing depends only on the
// first bytes, and a stream that opens reads to its end or fails.
func FuzzSniff(f *testing.F) {
	tiny := tarOf(f, "img/namespaces/ns/ns.yaml", []byte("kind: Namespace\n"))
	f.Add(tiny)
	for format := range compressors {
		f.Add(compressed(f, format, tiny))
	}
	for _, m := range append(append([]magic{}, magics...), unsupported...) {
		f.Add([]byte(m.magic))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		t.Setenv(GoOnlyEnv, "1") // a process per input would make fuzzing crawl
		got := Sniff(data)
		if len(data) >= SniffLen && Sniff(append(bytes.Clone(data[:SniffLen]), 'x')) != got {
			t.Fatalf("Sniff depends on bytes past %d", SniffLen)
		}
		r, err := Open(bytes.NewReader(data), Options{Limits: Limits{MaxArchiveBytes: 1 << 20, MaxFileBytes: 1 << 20}})
		if err != nil {
			return
		}
		defer r.Close()
		if r.IsArchive() {
			r.Entries(context.Background(), func(Entry) error { return nil }, func(string, error) {}) //nolint:errcheck // any outcome but a panic or hang
			return
		}
		io.Copy(io.Discard, r) //nolint:errcheck // any outcome but a panic or hang
	})
}

// TestLZ4Frames: lz4 frames written one after the other read as one
// stream, as lz4(1) reads them; anything else after a frame is an error.
func TestLZ4Frames(t *testing.T) {
	two := append(compressed(t, LZ4, []byte("hello\n")), compressed(t, LZ4, []byte("world\n"))...)
	r, err := Open(bytes.NewReader(two), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if b, err := io.ReadAll(r); err != nil || string(b) != "hello\nworld\n" {
		t.Errorf("read %q, %v", b, err)
	}
}
