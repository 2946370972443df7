package decode

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkYAMLPods decodes the largest pods.yaml of the bundled sample: the
// stage a faster decoder replaces. MB/s is YAML bytes in.
func BenchmarkYAMLPods(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8", "*", "*", "namespaces", "openshift-etcd", "core", "pods.yaml"))
	if err != nil || len(files) != 1 {
		b.Skipf("sample pods.yaml not found: %v %v", files, err)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if res := (YAML{}).Decode(data, ""); len(res.Errors) > 0 || len(res.Objects) == 0 {
			b.Fatalf("decode: %d objects, errors %v", len(res.Objects), res.Errors)
		}
	}
}
