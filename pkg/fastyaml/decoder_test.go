package fastyaml

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml/internal/typed"
	sigsyaml "sigs.k8s.io/yaml"
)

// testDecoder decodes YAML documents into typed values, fast when it can
// and through sigs.k8s.io/yaml when it cannot, counting which path each
// took: the tests and benchmarks hold the fast path to sigs.k8s.io/yaml
// through it. (pkg/decode is the loader's way in.) It reuses one buffer
// between calls, so it is not safe for concurrent use.
type testDecoder struct {
	opts Options
	buf  []byte

	// Stats counts what happened so far; a fallback on real oc output is a
	// gap worth looking at, not an error.
	Stats decodeStats
}

// decodeStats counts decoded documents by the path they took.
type decodeStats struct {
	Fast          int   // converted and decoded by this package
	FallbackYAML  int   // outside the YAML subset
	FallbackTyped int   // the typed decode refused (e.g. a number where a string goes)
	Bytes         int64 // input bytes of all documents
}

// newTestDecoder returns a testDecoder that leaves out the paths in
// opts.Skip and opts.Prune on the fast path.
func newTestDecoder(opts Options) *testDecoder {
	return &testDecoder{opts: opts}
}

// Unmarshal decodes the YAML document src into the zero value v points to.
// The result is what sigs.k8s.io/yaml.Unmarshal(src, v) gives, except that
// on the fast path the values under the skip and pruned paths are left
// zero. Errors
// are sigs.k8s.io/yaml's: the fast path never reports one of its own.
func (d *testDecoder) Unmarshal(src []byte, v any) error {
	d.Stats.Bytes += int64(len(src))
	var err error
	d.buf, err = AppendJSON(d.buf[:0], src, &d.opts)
	if err != nil {
		d.Stats.FallbackYAML++
		return fallback(src, v)
	}
	if err := typed.Unmarshal(d.buf, v); err != nil {
		if !errors.Is(err, typed.ErrRefused) {
			return fmt.Errorf("decode: %w", err)
		}
		d.Stats.FallbackTyped++
		reflect.ValueOf(v).Elem().SetZero()
		return fallback(src, v)
	}
	d.Stats.Fast++
	return nil
}

func fallback(src []byte, v any) error {
	return sigsyaml.Unmarshal(src, v)
}
