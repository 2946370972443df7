package loader

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/mikelolasagasti/xz"

	"github.com/openshift-eng/ha-compliance/pkg/decode"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// The stage benchmarks measure the loader on the big synthetic must-gather
// that hack/bench/compare.sh generates into .bench/mg (120 nodes, 6,000
// pods, logs included; see docs/performance.md). They skip when it is
// absent. MB/s is over the unpacked tree (YAML and logs) for the archive
// benchmarks, and over the YAML the loader reads for the folder ones.
//
//	go test -run '^$' -bench . -benchtime 3x ./pkg/loader

var benchData = filepath.Join("..", "..", ".bench", "mg")

// bigSample returns the generated must-gather folder and its archives.
func bigSample(b *testing.B) (dir string, archives map[string]string) {
	b.Helper()
	dirs, err := filepath.Glob(filepath.Join(benchData, "must-gather.local.*"))
	if err != nil || len(dirs) != 1 {
		b.Skipf("no generated must-gather in %s: run hack/bench/compare.sh (or go run ./hack/genmustgather -nodes 120 -pods 6000 -log-bytes 150000 -out .bench/mg -archive all)", benchData)
	}
	archives = map[string]string{}
	for _, f := range []string{"tar.gz", "tar.zst", "tar.xz", "tar.xz1"} {
		if p := filepath.Join(benchData, "must-gather."+f); fileExists(p) {
			archives[f] = p
		}
	}
	return dirs[0], archives
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// treeBytes sums the sizes of the files under dir, all of them or only the
// YAML ones.
func treeBytes(b *testing.B, dir string, yamlOnly bool) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (yamlOnly && !strings.HasSuffix(p, ".yaml")) {
			return err
		}
		info, err := d.Info()
		n += info.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkStageRead reads every YAML file of the folder, the bytes a
// folder load needs (per-pod copies included), without decoding.
func BenchmarkStageRead(b *testing.B) {
	dir, _ := bigSample(b)
	b.SetBytes(treeBytes(b, dir, true))
	b.ReportAllocs()
	for b.Loop() {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
				return err
			}
			_, err = os.ReadFile(p)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageDecompress decompresses each archive to nothing with the
// libraries the loader uses: the floor of an archive load in this process.
func BenchmarkStageDecompress(b *testing.B) {
	dir, archives := bigSample(b)
	size := treeBytes(b, dir, false)
	cases := []struct {
		name, format string
		open         func(io.Reader) (io.Reader, error)
	}{
		{"tar.gz", "tar.gz", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
		{"tar.zst", "tar.zst", func(r io.Reader) (io.Reader, error) { return zstd.NewReader(r, zstd.WithDecoderConcurrency(1)) }},
		{"tar.xz", "tar.xz", func(r io.Reader) (io.Reader, error) { return xz.NewReader(r, 0) }},
		{"tar.xz1", "tar.xz1", func(r io.Reader) (io.Reader, error) { return xz.NewReader(r, 0) }},
	}
	for _, tc := range cases {
		path, ok := archives[tc.format]
		if !ok {
			continue
		}
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				r, err := tc.open(bufio.NewReaderSize(f, 64<<10))
				if err != nil {
					b.Fatal(err)
				}
				if err := drain(r); err != nil {
					b.Fatal(err)
				}
				if c, ok := r.(io.Closer); ok {
					c.Close() //nolint:errcheck // the read above saw every error
				}
				if err := f.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// drain reads r to its end.
func drain(r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}

// BenchmarkStageLoad runs the whole loader (read, decompress, decode,
// snapshot) on the folder and on each archive, with the reference decoder
// and with the default one. live-MB is the heap still in use once the
// snapshot is built and garbage collected: what the snapshot costs.
func BenchmarkStageLoad(b *testing.B) {
	dir, archives := bigSample(b)
	yamlBytes, size := treeBytes(b, dir, true), treeBytes(b, dir, false)
	inputs := []struct{ name, path string }{{"dir", dir}}
	for _, f := range []string{"tar.gz", "tar.zst", "tar.xz", "tar.xz1"} {
		if p, ok := archives[f]; ok {
			inputs = append(inputs, struct{ name, path string }{f, p})
		}
	}
	for _, in := range inputs {
		for _, dec := range []struct {
			name string
			d    decode.Decoder
		}{{"reference", decode.YAML{}}, {"default", decode.Default()}} {
			b.Run(in.name+"/"+dec.name, func(b *testing.B) {
				b.SetBytes(size)
				if in.name == "dir" {
					b.SetBytes(yamlBytes)
				}
				b.ReportAllocs()
				var c *snapshot.Cluster
				for b.Loop() {
					var err error
					if c, err = Load(context.Background(), []string{in.path}, Options{Decoder: dec.d}); err != nil {
						b.Fatal(err)
					}
				}
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapAlloc)/1e6, "live-MB")
				runtime.KeepAlive(c)
			})
		}
	}
}
