package checks

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// benchCluster loads the generated 120-node must-gather when
// hack/bench/compare.sh has made one, else the bundled 4.8 sample.
func benchCluster(b *testing.B) (string, *snapshot.Cluster) {
	b.Helper()
	name, path := "sample-4.8", filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8")
	if dirs, _ := filepath.Glob(filepath.Join("..", "..", ".bench", "mg", "must-gather.local.*")); len(dirs) == 1 {
		name, path = "generated-120-nodes", dirs[0]
	}
	c, err := loader.Load(context.Background(), []string{path}, loader.Options{})
	if err != nil {
		b.Fatalf("load %s: %v", path, err)
	}
	return name, c
}

// BenchmarkStageChecks runs the whole catalogue over a loaded snapshot.
// The figure to watch is ns/op: it is the checks' share of an analyze.
func BenchmarkStageChecks(b *testing.B) {
	name, c := benchCluster(b)
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if rs := Run(c, Options{}); len(rs) == 0 {
				b.Fatal("no results")
			}
		}
	})
}
