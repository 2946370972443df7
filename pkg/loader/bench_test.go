package loader

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The load benchmarks give the performance baseline of the whole pipeline:
// go test -run '^$' -bench Load ./pkg/loader

func benchLoad(b *testing.B, path string) {
	b.Helper()
	st, err := os.Stat(path)
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	if !st.IsDir() {
		b.SetBytes(st.Size())
	}
	for b.Loop() {
		if _, err := Load(context.Background(), []string{path}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadTrimmedFolder(b *testing.B) { benchLoad(b, trimmedSample) }

func BenchmarkLoadSharedFolder(b *testing.B) {
	benchLoad(b, filepath.Join(sharedSamples(b), "must-gather-aws-4.8"))
}

func BenchmarkLoadSharedTarXZ(b *testing.B) {
	benchLoad(b, filepath.Join(sharedSamples(b), "must-gather-aws.tar.xz"))
}
