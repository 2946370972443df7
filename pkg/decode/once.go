package decode

import (
	"bytes"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
)

// The reference reads a List three times: its header (items kept raw),
// then each item's header, then each item into its type. With the
// Layout the conversion gives, the fast path decodes each object once,
// straight into the type its kind names, and checks afterwards that the
// decoded kind and apiVersion are those it guessed from. Whatever the
// Layout leaves uncertain, and every error, goes the reference's way
// (value, item), so the Result stays the reference's to the byte.

// wholeOnce decodes data at once when it is one document of a kept kind
// that the fast conversion takes, as nearly every file oc writes is, and
// reports whether it did. That spares the scans of the whole text for
// document separators and for the kind (near the end of a List), which
// cost 5 to 9% of the decode. The result is the one yamlStream would give
// the same document: with one document there is no "document n: " to
// name, and a root kind that is kept or a List is one peekKind would not
// skip (the fast conversion takes no other line starting with "kind:" at
// column 0 but the root's own keys). Anything else, and any document the
// conversion refuses (a second document among them), goes the way of
// yamlStream: the conversion then is done twice.
func (st *state) wholeOnce(data []byte) bool {
	if st.convert == nil || bytes.HasPrefix(data, bom) {
		return false
	}
	j, lay, err := st.convert(data, &st.lay, false)
	if err != nil {
		return false
	}
	defer st.done(j)
	if !(Kept(lay.Root.Kind) || IsListKind(lay.Root.Kind)) {
		return false
	}
	st.valueOnce(j, lay, "")
	return true
}

// valueOnce decodes one converted document, j, whose objects lay locates
// (nil when the conversion fell back to sigs.k8s.io/yaml).
func (st *state) valueOnce(j []byte, lay *fastyaml.Layout, where string) {
	switch {
	case lay == nil || !lay.Root.Mapping:
		st.value(j, where)
	case lay.HasItems:
		st.listOnce(j, lay, where)
	case lay.Root.ItemsKey || strings.HasSuffix(lay.Root.Kind, "List"):
		st.value(j, where) // a List without items, or one the Layout does not see
	case !st.objectOnce(j[lay.Root.Start:lay.Root.End], lay.Root, st.hint):
		st.value(j, where)
	}
}

// listOnce decodes a document holding an items sequence: a List.
func (st *state) listOnce(j []byte, lay *fastyaml.Layout, where string) {
	st.held = true
	// The header without the items is a few bytes: decode that.
	hj := make([]byte, 0, len(j)-(lay.ItemsEnd-lay.ItemsStart)+2)
	hj = append(append(append(hj, j[:lay.ItemsStart]...), "[]"...), j[lay.ItemsEnd:]...)
	var h header
	if err := st.unmarshal(hj, &h); err != nil {
		st.value(j, where) // for the reference's error
		return
	}
	st.cutList(h, where)
	elem, keep := st.listElem(h.Kind)
	if !keep {
		return
	}
	for i, it := range lay.Items {
		raw := j[it.Start:it.End]
		if !st.objectOnce(raw, it, elem) {
			st.item(raw, itemWhere(where, i), elem)
		}
	}
}

// objectOnce decodes raw, one object the Layout describes as rec, in one
// pass, and reports whether it did; false leaves the Result untouched
// for the caller to decode raw the reference's way. It never reports an
// error of its own: errors are the reference's to word.
func (st *state) objectOnce(raw []byte, rec fastyaml.Object, fallback string) bool {
	if !rec.Mapping || rec.ItemsKey {
		return false // the reference's header decode may fail on items
	}
	kind := rec.Kind
	if kind == "" {
		kind = fallback
	}
	info, ok := lookup(kind, rec.APIVersion)
	if !ok {
		return false // skipped, or an error: the reference says which
	}
	obj := info.new()
	data := raw
	if rec.PrunedAs != kind {
		data = pruneJSON(raw, st.pruned(kind))
	}
	if err := st.unmarshal(data, obj); err != nil {
		return false
	}
	// The guess holds when the object has the kind and apiVersion it was
	// decoded for: the reference's header, read from the same keys with
	// the same rules, then has them too.
	tm, ok := obj.GetObjectKind().(*metav1.TypeMeta)
	if !ok || tm.Kind != rec.Kind || tm.APIVersion != rec.APIVersion {
		return false
	}
	if obj.(metav1.Object).GetName() == "" || validate(obj) != nil {
		return false // an error, worded by the reference
	}
	finish(obj, kind, rec.APIVersion, info)
	st.held = true
	st.res.Objects = append(st.res.Objects, obj)
	return true
}
