package loader

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"
)

// FuzzSniff: sniffing and unwrapping any bytes never panics, depends only on
// the first bytes, and a stream that opens can be read to its end within the
// limits.
func FuzzSniff(f *testing.F) {
	tiny := buildTar(f, tarEntry{name: "img/namespaces/ns/ns.yaml", data: nsYAML})
	for _, seed := range [][]byte{nil, []byte("apiVersion: v1"), tiny, gzipBytes(f, tiny), zstdBytes(f, tiny), xzBytes(f, tiny),
		packZip(f, "../../testdata/loader/inspect.local.7781", ""), {0x1f, 0x8b}, {0xfd, '7', 'z', 'X', 'Z', 0}, {0x28, 0xb5, 0x2f, 0xfd}} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := sniff(data)
		if len(data) >= sniffLen && sniff(append(bytes.Clone(data[:sniffLen]), 'x')) != got {
			t.Fatalf("sniff depends on bytes past %d", sniffLen)
		}
		s, err := openStream(bytes.NewReader(data))
		if err != nil {
			return
		}
		defer s.close()
		n, err := io.Copy(io.Discard, io.LimitReader(s.r, 1<<20))
		if err == nil && n == 1<<20 {
			return // a small input that decompresses this far is a bomb the limits catch
		}
	})
}

// FuzzLoadArchive feeds any bytes to the loader as standard input with small
// limits: it must not panic or hang, and must either load something or say
// there was no usable input.
func FuzzLoadArchive(f *testing.F) {
	mg := buildTar(f, smallMG(nil, 10)...)
	for _, seed := range [][]byte{mg, gzipBytes(f, mg), zstdBytes(f, mg), xzBytes(f, mg), []byte(nsYAML), []byte(podList),
		packZip(f, "../../testdata/loader/inspect.local.7781", "")} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		opts := Options{Stdin: bytes.NewReader(data), Workers: 1,
			Limits: Limits{MaxFileBytes: 1 << 20, MaxArchiveBytes: 8 << 20, RatioAfter: 1 << 20, MaxRatio: 1000}}
		c, err := Load(ctx, []string{"-"}, opts)
		switch {
		case err == nil && c == nil:
			t.Fatal("no cluster and no error")
		case err != nil && !errors.Is(err, ErrNoInput):
			t.Fatalf("unexpected error: %v", err)
		}
	})
}
