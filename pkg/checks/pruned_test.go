package checks

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/decode"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
)

// TestChecksDoNotReadPrunedFields runs the catalogue on the real samples
// decoded as usual and decoded whole (decode.Staged.KeepPruned): the
// results must be the same. A check that starts reading a field the
// decoders leave out (decode.PrunedPaths) sees nothing there in real use;
// this test fails then, and that field's entry must leave the prune table.
func TestChecksDoNotReadPrunedFields(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			pruned := Run(loadSample(t, s.path, loader.Options{}), Options{})
			whole := Run(loadSample(t, s.path, loader.Options{Decoder: decode.Staged{KeepPruned: true}}), Options{})
			if diff := cmp.Diff(whole, pruned); diff != "" {
				t.Errorf("results depend on pruned fields (-whole +pruned):\n%s", diff)
			}
		})
	}
}
