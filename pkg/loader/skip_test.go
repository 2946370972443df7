package loader

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"testing/iotest"
)

// pattern is n bytes that differ from their neighbours, so that a skip by
// the wrong amount shows in what is read next.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

// skipCases skip into, across and past streams larger than a pipe's buffer.
var skipCases = []struct {
	name        string
	total, skip int
}{
	{"skipping nothing reads everything", 100_000, 0},
	{"skipping one byte", 100_000, 1},
	{"skipping more than a pipe holds", 3 << 20, 1<<20 + 12345},
	{"skipping all but the last byte", 200_000, 199_999},
	{"skipping past the end stops at the end", 70_000, 90_000},
}

// checkRest reads what follows a skip and compares it with the pattern.
func checkRest(t *testing.T, r io.Reader, want []byte, skipped int64, wantSkipped int) {
	t.Helper()
	if skipped != int64(wantSkipped) {
		t.Fatalf("skipped %d bytes, want %d", skipped, wantSkipped)
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read after the skip: %v", err)
	}
	if !bytes.Equal(rest, want[wantSkipped:]) {
		t.Fatalf("read %d bytes after the skip, not the %d that follow it", len(rest), len(want)-wantSkipped)
	}
}

// TestPipeSkip skips through both kinds of decompressor pipe, read at
// once and lazily.
func TestPipeSkip(t *testing.T) {
	for _, lazy := range []bool{false, true} {
		for _, tc := range skipCases {
			t.Run(fmt.Sprintf("%s (lazy %v)", tc.name, lazy), func(t *testing.T) {
				data := pattern(tc.total)
				pr, pw, err := newPipe(lazy)
				if err != nil {
					t.Fatal(err)
				}
				defer pr.Close()
				go func() {
					pw.Write(data) //nolint:errcheck // a failed write shows as a short read
					pw.Close()
				}()
				skipped, err := pr.skip(int64(tc.skip))
				if err != nil {
					t.Fatal(err)
				}
				checkRest(t, pr, data, skipped, min(tc.skip, tc.total))
			})
		}
	}
}

// TestSeekSkip skips through an uncompressed tar file by seeking, past
// what the reader has buffered.
func TestSeekSkip(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range skipCases {
		t.Run(tc.name, func(t *testing.T) {
			data := pattern(tc.total)
			f, err := os.Open(writeFile(t, dir, "data", data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			br := bufio.NewReaderSize(f, 64<<10)
			if _, err := br.Peek(10); err != nil { // something buffered to drop first
				t.Fatal(err)
			}
			skip := seekSkip(f)
			if skip == nil {
				t.Fatal("a regular file cannot skip")
			}
			skipped, err := bufferedSkip(br, skip)(int64(tc.skip))
			if err != nil {
				t.Fatal(err)
			}
			checkRest(t, br, data, skipped, min(tc.skip, tc.total))
		})
	}
	if seekSkip(iotest.OneByteReader(bytes.NewReader(nil))) != nil {
		t.Error("a reader that cannot seek was given a skip")
	}
}

// TestChildSkip skips through the output of the real zstd program, past
// what the reader has buffered: the path a tar.zst's logs take.
func TestChildSkip(t *testing.T) {
	if _, ok := lookPath()[formatZstd]; !ok {
		t.Skip("no zstd program")
	}
	for _, tc := range skipCases {
		t.Run(tc.name, func(t *testing.T) {
			data := pattern(tc.total)
			c, ok, err := startExternal(formatZstd, bytes.NewReader(zstdBytes(t, data)))
			if !ok || err != nil {
				t.Fatalf("start zstd: %v", err)
			}
			defer c.Close()
			br := bufio.NewReaderSize(c, 64<<10)
			if _, err := br.Peek(10); err != nil { // something buffered to drop first
				t.Fatal(err)
			}
			skipped, err := bufferedSkip(br, c.skip)(int64(tc.skip))
			if err != nil {
				t.Fatal(err)
			}
			checkRest(t, br, data, skipped, min(tc.skip, tc.total))
		})
	}
}

func TestBudgetSeek(t *testing.T) {
	data := pattern(10_000)
	canSkip := func(r *bytes.Reader) skipFunc {
		return func(n int64) (int64, error) { return copySkip(r, n) }
	}
	for _, tc := range []struct {
		name     string
		skips    bool
		maxBytes int64
		offset   int64
		whence   int
		wantPos  int64
		wantErr  error
	}{
		{"a stream that cannot skip refuses to seek", false, 1 << 20, 100, io.SeekCurrent, -1, errNoSeek},
		{"asking for the position is a seek by zero", true, 1 << 20, 0, io.SeekCurrent, 10, nil},
		{"a forward skip moves the position", true, 1 << 20, 500, io.SeekCurrent, 510, nil},
		{"seeking from the start is refused", true, 1 << 20, 500, io.SeekStart, -1, errNoSeek},
		{"seeking backwards is refused", true, 1 << 20, -5, io.SeekCurrent, -1, errNoSeek},
		{"skipped bytes count against the archive budget", true, 300, 500, io.SeekCurrent, 510, errBomb},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := bytes.NewReader(data)
			b := &budget{r: r, lim: Limits{MaxArchiveBytes: tc.maxBytes}.withDefaults()}
			if tc.skips {
				b.skip = canSkip(r)
			}
			if _, err := io.ReadFull(b, make([]byte, 10)); err != nil {
				t.Fatal(err)
			}
			pos, err := b.Seek(tc.offset, tc.whence)
			if pos != tc.wantPos || !errors.Is(err, tc.wantErr) {
				t.Fatalf("Seek = %d, %v; want %d, %v", pos, err, tc.wantPos, tc.wantErr)
			}
		})
	}
}
