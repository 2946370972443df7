//go:build cgo

package loader

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// skippableFrame is a zstd frame that carries no data (RFC 8878, 3.1.2).
func skippableFrame(payload []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, 0x184D2A50)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	return append(b, payload...)
}

// readNative decompresses data with the zstd library in reads of size step.
func readNative(t testing.TB, data []byte, step int) ([]byte, error) {
	t.Helper()
	zr, ok := nativeZstd(bytes.NewReader(data))
	if !ok {
		t.Fatal("no zstd library in a cgo build")
	}
	defer zr.Close()
	var out bytes.Buffer
	_, err := io.CopyBuffer(&out, struct{ io.Reader }{zr}, make([]byte, step))
	return out.Bytes(), err
}

// zstdWindowBytes compresses data with a zstd window of the given size,
// so that a ring made for it is small and wraps.
func zstdWindowBytes(t testing.TB, data []byte, window int) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) {
		return zstd.NewWriter(w, zstd.WithWindowSize(window))
	})
}

// zstdNoChecksum compresses data in frames that carry no checksum.
func zstdNoChecksum(t testing.TB, data []byte) []byte {
	return compress(t, data, func(w io.Writer) (io.WriteCloser, error) {
		return zstd.NewWriter(w, zstd.WithEncoderCRC(false))
	})
}

// logText is n bytes of log-like lines: compressible, but not one
// repeated pattern, so that blocks of every kind occur.
func logText(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for b.Len() < n {
		fmt.Fprintf(&b, "2024-03-11T10:%02d:%02d.%06dZ I0311 reconcile.go:%d] synced %x in %dms\n",
			rng.IntN(60), rng.IntN(60), rng.IntN(1e6), rng.IntN(900), rng.Uint64(), rng.IntN(5000))
	}
	return b.Bytes()[:n]
}

// ringSizes are the ring's settings the tests run with: the default, and
// rings that wrap many times and make the library wait for the reader at
// every block.
var ringSizes = []struct {
	name      string
	lag, step int
}{
	{"default ring", zstdRingLag, zstdStepOut},
	{"no lag, one block a step", 0, 1},
	{"a small lag", 4093, 100_000},
}

// withRing runs f with the ring's lag and step set.
func withRing(lag, step int, f func()) {
	oldLag, oldStep := zstdRingLag, zstdStepOut
	zstdRingLag, zstdStepOut = lag, step
	defer func() { zstdRingLag, zstdStepOut = oldLag, oldStep }()
	f()
}

// TestNativeZstdReads decompresses what zstd writers produce, in reads
// smaller and larger than the library's steps, with rings that wrap and
// rings that are replaced when a later frame needs a larger window.
func TestNativeZstdReads(t *testing.T) {
	big := pattern(3<<20 + 17)
	text := logText(2<<20 + 5)
	for _, tc := range []struct {
		name       string
		compressed []byte
		want       []byte
	}{
		{"one frame", zstdBytes(t, big), big},
		{"an empty frame", zstdBytes(t, nil), nil},
		{"frames one after another", append(zstdBytes(t, big[:1000]), zstdBytes(t, big[1000:])...), big},
		{"a skippable frame between frames", bytes.Join([][]byte{zstdBytes(t, big[:5]), skippableFrame([]byte("meta")), zstdBytes(t, big[5:])}, nil), big},
		{"a skippable frame larger than the input buffer", bytes.Join([][]byte{skippableFrame(pattern(zstdInput + 99)), zstdBytes(t, big)}, nil), big},
		{"a small window, so the ring wraps", zstdWindowBytes(t, text, 1<<16), text},
		{"frames without checksums", zstdNoChecksum(t, big), big},
		{"stored blocks", zstdBytes(t, randomBytes(300_000)), randomBytes(300_000)},
		{"a larger window in a later frame", append(zstdWindowBytes(t, text[:300_000], 1<<10), zstdBytes(t, text[300_000:])...), text},
	} {
		for _, ring := range ringSizes {
			for _, step := range []int{1, 4093, 1 << 20} {
				t.Run(fmt.Sprintf("%s/%s/reads of %d", tc.name, ring.name, step), func(t *testing.T) {
					withRing(ring.lag, ring.step, func() {
						got, err := readNative(t, tc.compressed, step)
						if err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(got, tc.want) {
							t.Fatalf("%d bytes out, want %d", len(got), len(tc.want))
						}
					})
				})
			}
		}
	}
}

// randomBytes is n bytes that do not compress.
func randomBytes(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// TestNativeZstdSkip skips through the ring as the tar reader does, then
// reads the rest.
func TestNativeZstdSkip(t *testing.T) {
	for _, ring := range ringSizes {
		for _, tc := range skipCases {
			t.Run(ring.name+"/"+tc.name, func(t *testing.T) {
				withRing(ring.lag, ring.step, func() {
					data := pattern(tc.total)
					zr, _ := nativeZstd(bytes.NewReader(zstdWindowBytes(t, data, 1<<16)))
					skipThenRead(t, zr, data, tc.skip)
				})
			})
		}
	}
}

// TestNativeZstdClose: closing while the library waits for the reader to
// give the ring back stops it, and reading after that is an error.
func TestNativeZstdClose(t *testing.T) {
	withRing(0, zstdStepOut, func() {
		zr, _ := nativeZstd(bytes.NewReader(zstdWindowBytes(t, logText(4<<20), 1<<16)))
		if _, err := io.ReadFull(zr, make([]byte, 1000)); err != nil {
			t.Fatal(err)
		}
		zr.Close()
		if n, err := zr.Read(make([]byte, 10)); n != 0 || err == nil {
			t.Fatalf("read after close: %d, %v", n, err)
		}
	})
}

// TestNativeZstdCut: a stream cut anywhere inside a frame, skippable
// frames included, is an error, never a clean end with less data; cut
// between two frames it is not.
func TestNativeZstdCut(t *testing.T) {
	frames := [][]byte{zstdBytes(t, pattern(300_000)), zstdBytes(t, pattern(1000)), skippableFrame(pattern(100))}
	whole := bytes.Join(frames, nil)
	between := map[int]bool{}
	for i, end := range frames[:len(frames)-1] {
		between[len(bytes.Join(frames[:i], nil))+len(end)] = true
	}
	cuts := []int{}
	for cut := 1; cut < len(whole); cut += 1 + cut/7 {
		cuts = append(cuts, cut)
	}
	for at := range between {
		cuts = append(cuts, at-1, at, at+1)
	}
	for _, cut := range cuts {
		_, err := readNative(t, whole[:cut], 64<<10)
		if between[cut] {
			if err != nil {
				t.Errorf("cut between frames, at %d: %v", cut, err)
			}
			continue
		}
		if err == nil {
			t.Fatalf("cut at %d of %d read as a whole stream", cut, len(whole))
		}
	}
}

// TestNativeZstdRefuses: damaged data and a window over the limit are the
// library's errors, named.
func TestNativeZstdRefuses(t *testing.T) {
	data := zstdBytes(t, pattern(500_000))
	flip := func(at int) []byte {
		bad := bytes.Clone(data)
		bad[at] ^= 0x55
		return bad
	}
	// A frame header asking for a 1 GiB window (RFC 8878, 3.1.1.1.2):
	// descriptor 0, window exponent 20.
	hugeWindow := []byte{0x28, 0xb5, 0x2f, 0xfd, 0x00, 20 << 3, 0x01, 0x00, 0x00}
	// Random bytes are stored as they are, in raw blocks: a byte flipped
	// there decodes, and only the checksum tells.
	stored := zstdBytes(t, randomBytes(200_000))
	stored[len(stored)/2] ^= 0x55
	secondFrameBad := append(zstdBytes(t, pattern(1000)), flip(len(data)-2)...)
	for _, tc := range []struct {
		name, want string
		data       []byte
	}{
		{"a byte flipped in a block", "zstd: ", flip(len(data) / 2)},
		{"a byte flipped in a stored block", "checksum", stored},
		{"a second frame's checksum wrong", "checksum", secondFrameBad},
		{"a byte flipped in the checksum", "checksum", flip(len(data) - 2)},
		{"a window of 1 GiB", "memory", hugeWindow},
		{"not zstd", "zstd: ", []byte("apiVersion: v1\nkind: Pod\n")},
	} {
		_, err := readNative(t, tc.data, 64<<10)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}

// FuzzNativeZstd: the zstd library and the Go decoder agree on any input
// both accept, and the library never crashes on what it refuses. Seeds are
// small: the fuzzer minimises what it finds by running it thousands of
// times.
func FuzzNativeZstd(f *testing.F) {
	for _, seed := range [][]byte{zstdBytes(f, pattern(3000)), zstdBytes(f, []byte("apiVersion: v1\nkind: Pod\n")),
		skippableFrame(nil), {0x28, 0xb5, 0x2f, 0xfd}} {
		f.Add(seed)
	}
	const max = 4 << 20 // decompressed bytes read from either: bombs stop here
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(64<<20))
	if err != nil {
		f.Fatal(err)
	}
	defer dec.Close()
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, _ := nativeZstd(bytes.NewReader(data))
		defer zr.Close()
		native, nerr := io.ReadAll(io.LimitReader(zr, max))
		var goOut []byte
		err := dec.Reset(bytes.NewReader(data))
		if err == nil {
			goOut, err = io.ReadAll(io.LimitReader(dec, max))
		}
		if nerr == nil && err == nil && !bytes.Equal(native, goOut) {
			t.Fatalf("the library gives %d bytes, the Go decoder %d, different", len(native), len(goOut))
		}
	})
}
