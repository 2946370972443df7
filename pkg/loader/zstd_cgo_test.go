//go:build cgo

package loader

import (
	"bytes"
	"encoding/binary"
	"io"
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

// TestNativeZstdReads decompresses what zstd writers produce, in reads
// smaller and larger than the library's steps.
func TestNativeZstdReads(t *testing.T) {
	big := pattern(3<<20 + 17)
	for _, tc := range []struct {
		name       string
		compressed []byte
		want       []byte
	}{
		{"one frame", zstdBytes(t, big), big},
		{"an empty frame", zstdBytes(t, nil), nil},
		{"frames one after another", append(zstdBytes(t, big[:1000]), zstdBytes(t, big[1000:])...), big},
		{"a skippable frame between frames", bytes.Join([][]byte{zstdBytes(t, big[:5]), skippableFrame([]byte("meta")), zstdBytes(t, big[5:])}, nil), big},
	} {
		for _, step := range []int{1, 4093, 1 << 20} {
			got, err := readNative(t, tc.compressed, step)
			if err != nil {
				t.Fatalf("%s, reads of %d: %v", tc.name, step, err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("%s, reads of %d: %d bytes out, want %d", tc.name, step, len(got), len(tc.want))
			}
		}
	}
}

// TestNativeZstdCut: a stream cut anywhere inside a frame is an error,
// never a clean end with less data; cut between two frames it is not.
func TestNativeZstdCut(t *testing.T) {
	first := zstdBytes(t, pattern(300_000))
	whole := append(bytes.Clone(first), zstdBytes(t, pattern(1000))...)
	for cut := 1; cut < len(whole); cut += 1 + cut/7 {
		_, err := readNative(t, whole[:cut], 64<<10)
		if cut == len(first) {
			if err != nil {
				t.Errorf("cut between frames: %v", err)
			}
			continue
		}
		if err == nil {
			t.Fatalf("cut at %d of %d read as a whole stream", cut, len(whole))
		}
	}
	if _, err := readNative(t, whole[:len(first)], 64<<10); err != nil {
		t.Errorf("the first frame alone: %v", err)
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
	for _, tc := range []struct {
		name, want string
		data       []byte
	}{
		{"a byte flipped in a block", "zstd: ", flip(len(data) / 2)},
		{"a byte flipped in the checksum", "checksum", flip(len(data) - 2)},
		{"a window of 1 GiB", "memory", hugeWindow},
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
