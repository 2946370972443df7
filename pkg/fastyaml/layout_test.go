package fastyaml

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// checkLayout holds a Layout to the values the output decodes to: spans
// that hold the root, the items array and each item, and the kind,
// apiVersion and items key each object root really has. got is out
// decoded.
func checkLayout(out []byte, got any, lay *Layout) error {
	if string(out[lay.Root.Start:lay.Root.End]) != string(out) {
		return fmt.Errorf("layout: root span %d:%d of %d bytes", lay.Root.Start, lay.Root.End, len(out))
	}
	root, isMap := got.(map[string]any)
	if lay.Root.Mapping != isMap {
		return fmt.Errorf("layout: root mapping %v, decoded %T", lay.Root.Mapping, got)
	}
	if !isMap {
		return nil
	}
	if err := checkObject(lay.Root, root, got); err != nil {
		return fmt.Errorf("layout: root: %w", err)
	}
	items, isArray := root["items"].([]any)
	if lay.HasItems != isArray {
		return fmt.Errorf("layout: HasItems %v, items decoded as %T", lay.HasItems, root["items"])
	}
	if !isArray {
		if len(lay.Items) > 0 {
			return fmt.Errorf("layout: %d items without an items array", len(lay.Items))
		}
		return nil
	}
	span, err := genericJSON(out[lay.ItemsStart:lay.ItemsEnd])
	if err != nil || !cmp.Equal(span, items) {
		return fmt.Errorf("layout: items span %q (%v) is not the items array", out[lay.ItemsStart:lay.ItemsEnd], err)
	}
	if len(lay.Items) != len(items) {
		return fmt.Errorf("layout: %d items recorded, %d decoded", len(lay.Items), len(items))
	}
	for i, it := range lay.Items {
		v, err := genericJSON(out[it.Start:it.End])
		if err != nil || !cmp.Equal(v, items[i]) {
			return fmt.Errorf("layout: item %d span %q (%v) is not the item", i+1, out[it.Start:it.End], err)
		}
		m, isMap := items[i].(map[string]any)
		if it.Mapping != isMap {
			return fmt.Errorf("layout: item %d mapping %v, decoded %T", i+1, it.Mapping, items[i])
		}
		if isMap {
			if err := checkObject(it, m, items[i]); err != nil {
				return fmt.Errorf("layout: item %d: %w", i+1, err)
			}
		}
	}
	return nil
}

// simpleString is what a kind or apiVersion must look like for the Layout
// to be sure to report it: no character that JSON escapes.
var simpleString = regexp.MustCompile(`^[A-Za-z0-9./_-]+$`)

func checkObject(o Object, m map[string]any, whole any) error {
	for _, f := range []struct {
		key, got string
	}{{"kind", o.Kind}, {"apiVersion", o.APIVersion}} {
		want, isString := m[f.key].(string)
		switch {
		case f.got != "" && f.got != want:
			return fmt.Errorf("%s %q recorded, %v decoded", f.key, f.got, m[f.key])
		case f.got == "" && isString && simpleString.MatchString(want):
			return fmt.Errorf("%s %q not recorded", f.key, want)
		}
	}
	if o.PrunedAs != "" && o.PrunedAs != o.Kind {
		return fmt.Errorf("pruned as %q, kind %q", o.PrunedAs, o.Kind)
	}
	items := false
	for k := range m {
		items = items || strings.EqualFold(k, "items") && !strings.ContainsFunc(k, func(r rune) bool { return r >= 0x80 })
	}
	if o.ItemsKey != items {
		return fmt.Errorf("items key %v recorded, %v decoded (%v)", o.ItemsKey, items, whole)
	}
	return nil
}

// dropPruned removes from the decoded sigs.k8s.io/yaml value the paths of
// prune, for the object roots the Layout says were pruned. It walks the
// value on its own (anchored at each object, through maps only), so that
// the parser's matcher is checked, not reused.
func dropPruned(v any, prune map[string][][]string, lay *Layout) {
	root, ok := v.(map[string]any)
	if !ok || len(prune) == 0 {
		return
	}
	drop := func(o Object, obj any) {
		m, ok := obj.(map[string]any)
		if !ok || o.PrunedAs == "" {
			return
		}
		for _, path := range prune[o.PrunedAs] {
			dropAnchored(m, path)
		}
	}
	drop(lay.Root, root)
	if items, ok := root["items"].([]any); ok && lay.HasItems {
		for i, it := range items {
			drop(lay.Items[i], it)
		}
	}
}

func dropAnchored(m map[string]any, path []string) {
	if path[0] == AnyEntry {
		return // a mapping's key never matches a sequence's entries
	}
	if len(path) == 1 {
		delete(m, path[0])
		return
	}
	switch child := m[path[0]].(type) {
	case map[string]any:
		dropAnchored(child, path[1:])
	case []any:
		dropEntries(child, path[1:])
	}
}

// dropEntries goes on with path in the entries of a sequence.
func dropEntries(s []any, path []string) {
	if path[0] != AnyEntry || len(path) == 1 {
		return
	}
	for _, e := range s {
		switch e := e.(type) {
		case map[string]any:
			dropAnchored(e, path[1:])
		case []any:
			dropEntries(e, path[1:])
		}
	}
}
