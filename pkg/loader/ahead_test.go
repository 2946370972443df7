package loader

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestAheadSkip skips through ahead's chunks as the tar reader does, then
// reads the rest.
func TestAheadSkip(t *testing.T) {
	for _, tc := range skipCases {
		t.Run(tc.name, func(t *testing.T) {
			data := pattern(tc.total)
			skipThenRead(t, newAhead(bytes.NewReader(data)), data, tc.skip)
		})
	}
}

// skipThenRead skips n bytes of r, a stream of data, as the tar reader
// does, checks what follows, and closes r.
func skipThenRead(t *testing.T, r aheadReader, data []byte, n int) {
	t.Helper()
	defer r.Close()
	skipped, err := r.skip(int64(n))
	if err != nil {
		t.Fatal(err)
	}
	checkRest(t, r, data, skipped, min(n, len(data)))
}

// TestAheadReadsInOrder reads and skips in steps of many sizes through a
// stream longer than all of ahead's chunks together, so that every chunk is
// filled again, and checks every byte read against the source.
func TestAheadReadsInOrder(t *testing.T) {
	data := pattern((aheadChunks+3)*aheadChunk + 12345)
	for _, tc := range []struct {
		name        string
		read, skip  int // bytes per step
		sourceSteps bool
	}{
		{name: "small reads", read: 4093},
		{name: "reads across chunks", read: aheadChunk + 7},
		{name: "reads and skips", read: 512, skip: 300_001},
		{name: "skips of whole chunks", read: 1, skip: 2 * aheadChunk},
		{name: "a source that returns one byte at a time", read: 100_003, skip: 70_000, sourceSteps: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := io.Reader(bytes.NewReader(data))
			if tc.sourceSteps {
				src = iotest.OneByteReader(src)
			}
			a := newAhead(src)
			defer a.Close()
			buf := make([]byte, tc.read)
			for pos := 0; pos < len(data); {
				n, err := io.ReadFull(a, buf[:min(tc.read, len(data)-pos)])
				if err != nil {
					t.Fatalf("read at %d: %v", pos, err)
				}
				if !bytes.Equal(buf[:n], data[pos:pos+n]) {
					t.Fatalf("bytes at %d differ from the source", pos)
				}
				pos += n
				skipped, err := a.skip(int64(tc.skip))
				if err != nil || skipped != int64(min(tc.skip, len(data)-pos)) {
					t.Fatalf("skip at %d = %d, %v", pos, skipped, err)
				}
				pos += int(skipped)
			}
			if n, err := a.Read(buf); n != 0 || !errors.Is(err, io.EOF) {
				t.Fatalf("after the end: %d, %v; want 0, EOF", n, err)
			}
		})
	}
}

// TestAheadSourceError: a source's error comes after its last byte,
// unchanged (a cut inside a zstd frame stays io.ErrUnexpectedEOF, not a
// clean end), and a skip across it stops there.
func TestAheadSourceError(t *testing.T) {
	data := pattern(aheadChunk + 1000)
	for _, tc := range []struct {
		name   string
		skip   int64
		errSrc error
	}{
		{"read up to the error", 0, errors.New("corrupt input")},
		{"skip up to the error", int64(len(data)) + 5, errors.New("corrupt input")},
		{"a stream cut short stays cut short", 0, io.ErrUnexpectedEOF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errCorrupt := tc.errSrc
			a := newAhead(io.MultiReader(bytes.NewReader(data), iotest.ErrReader(errCorrupt)))
			defer a.Close()
			skipped, err := a.skip(tc.skip)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(a)
			if !errors.Is(err, errCorrupt) {
				t.Fatalf("error %v, want %v", err, errCorrupt)
			}
			if int(skipped)+len(got) != len(data) {
				t.Fatalf("%d bytes skipped and %d read before the error, want %d in all", skipped, len(got), len(data))
			}
		})
	}
}

// closeRecorder is a source that notes whether it was closed.
type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

// TestAheadClose: Close returns only once the source is closed, whether
// the stream was read to its end, stopped in the middle, or never read while
// ahead had filled every chunk; closing twice is harmless.
func TestAheadClose(t *testing.T) {
	for _, tc := range []struct {
		name string
		read int64
	}{
		{"never read", 0},
		{"stopped in the middle", aheadChunk / 2},
		{"read to the end", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Longer than every chunk together: the filler is left waiting.
			src := &closeRecorder{Reader: bytes.NewReader(pattern((aheadChunks + 2) * aheadChunk))}
			a := newAhead(src)
			switch {
			case tc.read < 0:
				if _, err := io.Copy(io.Discard, a); err != nil {
					t.Fatal(err)
				}
			case tc.read > 0:
				if _, err := io.CopyN(io.Discard, a, tc.read); err != nil {
					t.Fatal(err)
				}
			}
			a.Close()
			if !src.closed {
				t.Fatal("the source is still open after Close")
			}
			a.Close()
		})
	}
}
