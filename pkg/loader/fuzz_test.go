package loader

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"
)

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
