package fastyaml

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/go-cmp/cmp"
	sigsyaml "sigs.k8s.io/yaml"
)

// genericJSON decodes JSON keeping numbers as written, so that 1 and 1.0
// or a rounded big integer are told apart.
func genericJSON(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// dropPaths removes the values at the skip paths from a generic value,
// matching paths the way Options.Skip documents: against the innermost
// mapping keys, sequences not counted. It is written independently of the
// parser's matcher so that a bug in one is not hidden by the other.
func dropPaths(v any, skip [][]string, path []string) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			full := append(append([]string(nil), path...), k)
			drop := false
			for _, sp := range skip {
				if len(sp) <= len(full) && cmp.Equal(sp, full[len(full)-len(sp):]) {
					drop = true
				}
			}
			if drop {
				delete(t, k)
				continue
			}
			dropPaths(child, skip, full)
		}
	case []any:
		for _, child := range t {
			dropPaths(child, skip, path)
		}
	}
}

// differ compares the fast conversion of src with sigs.k8s.io/yaml's. It
// returns errSkipped when the fast path declined, and an error describing
// any disagreement otherwise.
func differ(src []byte, opts *Options) error {
	var lay Layout
	fast, fastErr := AppendJSONLayout(nil, src, opts, &lay)
	if fastErr != nil {
		if !errors.Is(fastErr, ErrUnsupported) {
			return fmt.Errorf("fast path failed without ErrUnsupported: %w", fastErr)
		}
		// Not calling go-yaml here keeps the fuzzer off its slow paths
		// (alias expansion) that the fast path never takes.
		return errDeclined
	}
	want, sigsErr := sigsyaml.YAMLToJSON(src)
	if sigsErr != nil {
		if opts != nil && (len(opts.Skip) > 0 || len(opts.Prune) > 0) {
			// Skipped and pruned subtrees are not validated: that leniency
			// is allowed, none other.
			if plain, err := AppendJSON(nil, src, nil); err == nil {
				return fmt.Errorf("sigs.k8s.io/yaml failed (%v) but the fast path gave %s even without skipping", sigsErr, plain)
			}
			return errDeclined
		}
		return fmt.Errorf("sigs.k8s.io/yaml failed (%v) but the fast path gave %s", sigsErr, fast)
	}
	got, err := genericJSON(fast)
	if err != nil {
		return fmt.Errorf("fast path wrote invalid JSON %q: %w", fast, err)
	}
	exp, err := genericJSON(want)
	if err != nil {
		return fmt.Errorf("sigs.k8s.io/yaml wrote invalid JSON %q: %w", want, err)
	}
	if err := checkLayout(fast, got, &lay); err != nil {
		return err
	}
	if opts != nil {
		dropPaths(exp, opts.Skip, nil)
		dropPruned(exp, opts.Prune, &lay)
	}
	if diff := cmp.Diff(exp, got); diff != "" {
		return fmt.Errorf("values differ (-sigs.k8s.io/yaml +fast):\n%s", diff)
	}
	return nil
}

var errDeclined = errors.New("declined")
