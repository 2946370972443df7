package decode

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// header is the part of an object or List the decoder looks at first.
type header struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Items      []json.RawMessage `json:"items"`
	Metadata   struct {
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	} `json:"metadata"`
}

// value decodes one top-level JSON value: an object, a List, or an array of
// objects.
func (st *state) value(raw []byte, where string) {
	trimmed := bytes.TrimSpace(raw)
	switch {
	case len(trimmed) == 0 || string(trimmed) == "null":
		return // an empty document
	}
	st.held = true
	switch {
	case trimmed[0] == '[':
		var items []json.RawMessage
		if err := st.unmarshal(trimmed, &items); err != nil {
			st.fail(fmt.Errorf("%s%w", where, jsonError(err)))
			return
		}
		st.items(items, where, st.hint)
		return
	case trimmed[0] != '{':
		st.fail(fmt.Errorf("%snot a Kubernetes object: found %s", where, describeScalar(trimmed)))
		return
	}
	var h header
	if err := st.unmarshal(trimmed, &h); err != nil {
		st.fail(fmt.Errorf("%s%w", where, jsonError(err)))
		return
	}
	if h.Items != nil || strings.HasSuffix(h.Kind, "List") {
		st.cutList(h, where)
		elem, keep := st.listElem(h.Kind)
		if !keep {
			return
		}
		st.items(h.Items, where, elem)
		return
	}
	st.object(trimmed, h, where, st.hint)
}

// cutList reports a List with items but no kind. oc and kubectl write a
// List's keys sorted, kind after items, and YAML has no end marker: a List
// cut short between two items parses cleanly, with the items before the
// cut. Without its kind it is known for what it is, an incomplete file,
// and its items still load. Files whose path gives the kind (Insights)
// are written without kinds, and are not judged so.
func (st *state) cutList(h header, where string) {
	if h.Items != nil && h.Kind == "" && st.hint == "" {
		st.fail(fmt.Errorf("%sa List without kind: the file was cut short (kind comes after items)", where))
	}
}

func (st *state) items(items []json.RawMessage, where, fallback string) {
	for i, item := range items {
		st.item(item, itemWhere(where, i), fallback)
	}
}

// item decodes one item of a List or an array.
func (st *state) item(raw []byte, where, fallback string) {
	var h header
	if err := st.unmarshal(raw, &h); err != nil {
		st.fail(fmt.Errorf("%s%w", where, jsonError(err)))
		return
	}
	st.object(raw, h, where, fallback)
}

func itemWhere(where string, i int) string {
	return fmt.Sprintf("%sitem %d: ", where, i+1)
}

// object decodes one object whose header is already known.
func (st *state) object(raw []byte, h header, where, fallback string) {
	kind := h.Kind
	if kind == "" {
		kind = fallback
	}
	if kind == "" {
		if h.Metadata.Name == "" {
			st.fail(fmt.Errorf("%snot a Kubernetes object: no kind and no name", where))
		} else {
			st.fail(fmt.Errorf("%sobject %s has no kind", where, name(h)))
		}
		return
	}
	info, ok := lookup(kind, h.APIVersion)
	if !ok {
		st.skip(kind)
		return
	}
	obj := info.new()
	if err := st.unmarshal(pruneJSON(raw, st.pruned(kind)), obj); err != nil {
		st.fail(objectError(h, kind, fmt.Errorf("%sdecode %s %s: %w", where, kind, name(h), jsonError(err))))
		return
	}
	if err := validate(obj); err != nil {
		st.fail(objectError(h, kind, fmt.Errorf("%s%s %s: %w", where, kind, name(h), err)))
		return
	}
	if h.Metadata.Name == "" {
		// Text that happens to parse as a YAML mapping, given a kind by its
		// path, must not become a nameless object.
		st.fail(objectError(h, kind, fmt.Errorf("%s%s without metadata.name", where, kind)))
		return
	}
	finish(obj, kind, h.APIVersion, info)
	st.res.Objects = append(st.res.Objects, obj)
}

// ObjectError is the error of one object whose kind (and namespace, when it
// has one) is known: the loader learns from it which objects a file lost.
type ObjectError struct {
	Kind      snapshot.Kind
	Namespace string
	err       error
}

func (e *ObjectError) Error() string { return e.err.Error() }
func (e *ObjectError) Unwrap() error { return e.err }

func objectError(h header, kind string, err error) error {
	return &ObjectError{Kind: snapshot.Kind(kind), Namespace: h.Metadata.Namespace, err: err}
}

func name(h header) string {
	switch {
	case h.Metadata.Name == "":
		return "(unnamed)"
	case h.Metadata.Namespace == "":
		return h.Metadata.Name
	default:
		return h.Metadata.Namespace + "/" + h.Metadata.Name
	}
}

// describeScalar names what a document held instead of an object, for the
// problem line: a text file parses as one YAML string.
func describeScalar(j []byte) string {
	switch {
	case j[0] == '"':
		return "text"
	case string(j) == "true" || string(j) == "false":
		return "a boolean"
	default:
		return "a number"
	}
}

// listElem returns the kind of the items of a List of kind listKind: the
// kind before "List", or the hint for a plain List. keep is false, and the
// List's kind noted as skipped, when the snapshot keeps no such items.
func (st *state) listElem(listKind string) (elem string, keep bool) {
	elem = strings.TrimSuffix(listKind, "List")
	if elem == "" {
		elem = st.hint
	}
	if elem != "" && !Kept(elem) {
		st.skip(listKind)
		return "", false
	}
	return elem, true
}
