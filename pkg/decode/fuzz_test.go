package decode

import (
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// FuzzDecode feeds arbitrary bytes to the reference decoder: it must never
// panic (a recovered panic shows as a "decoder failed" error), must return
// only kept kinds with managedFields cleared, and must be deterministic.
func FuzzDecode(f *testing.F) {
	for _, tc := range decodeCases {
		f.Add([]byte(tc.in), string(tc.hint))
	}
	f.Add([]byte(managed), "")
	f.Fuzz(func(t *testing.T, data []byte, hint string) {
		if len(data) > 64<<10 {
			return // YAML parsing is superlinear on pathological input; real files are split already
		}
		res := YAML{}.Decode(data, snapshot.Kind(hint))
		for _, err := range res.Errors {
			if strings.HasPrefix(err.Error(), "decoder failed") {
				t.Fatalf("panic: %v", err)
			}
		}
		for _, o := range res.Objects {
			m, ok := o.(metav1.Object)
			if !ok {
				t.Fatalf("object %T has no metadata", o)
			}
			if m.GetManagedFields() != nil {
				t.Fatalf("managedFields kept on %s", m.GetName())
			}
		}
		again := summarise(YAML{}.Decode(data, snapshot.Kind(hint)))
		first := summarise(res)
		if len(again.Objects) != len(first.Objects) || len(again.Errors) != len(first.Errors) {
			t.Fatalf("not deterministic: %v then %v", first, again)
		}
	})
}
