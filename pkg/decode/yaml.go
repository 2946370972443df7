package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// YAML is the reference Decoder: YAML is converted to JSON by
// sigs.k8s.io/yaml (the library kubectl and oc use), and JSON is decoded into
// the k8s.io/api and openshift/api types by encoding/json. JSON input skips
// the YAML step.
//
// Known limit: YAML 1.1 scalars written without quotes where the type expects
// a string (an annotation "enabled: yes") fail to decode, because the JSON is
// built without the target type. oc and kubectl quote such values.
type YAML struct{}

// Decode implements Decoder.
func (YAML) Decode(data []byte, hint snapshot.Kind) Result { return Staged{}.Decode(data, hint) }

// Staged is the reference Decoder with its two costly steps replaceable, so
// that a faster parser can take them over while documents, Lists, kind
// filtering, managedFields and PDB conversion stay the same. The zero value
// is YAML.
type Staged struct {
	// ToJSON converts one YAML document (managedFields already cut) to
	// JSON. Nil uses sigs.k8s.io/yaml.YAMLToJSON.
	ToJSON func(doc []byte) ([]byte, error)
	// Unmarshal decodes JSON into a pointer to a typed object, or to a small
	// header struct with json.RawMessage fields, as encoding/json.Unmarshal
	// does. Nil uses encoding/json.
	Unmarshal func(data []byte, v any) error
	// CutsManagedFields says that ToJSON leaves managedFields out by itself,
	// so documents reach it uncut, sparing the text-level cut and its copy.
	CutsManagedFields bool
}

// Decode implements Decoder.
func (s Staged) Decode(data []byte, hint snapshot.Kind) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Errors: []error{fmt.Errorf("decoder failed: %v", r)}}
		}
	}()
	st := s.state(hint)
	if looksLikeJSON(data) {
		jerr := st.jsonStream(data)
		if jerr == nil || len(st.res.Objects) > 0 || len(st.res.Errors) > 0 {
			st.fail(jerr)
			return st.res
		}
		// Not JSON after all: YAML flow style also starts with "{".
		ys := s.state(hint)
		if ys.yamlStream(data) {
			return ys.res
		}
		st.fail(jerr)
		return st.res
	}
	st.yamlStream(data)
	return st.res
}

// state accumulates the result of one Decode call.
type state struct {
	hint      string
	toJSON    func([]byte) ([]byte, error)
	unmarshal func([]byte, any) error
	cutsMF    bool
	res       Result
}

func (s Staged) state(hint snapshot.Kind) *state {
	st := &state{hint: string(hint), toJSON: s.ToJSON, unmarshal: s.Unmarshal, cutsMF: s.CutsManagedFields}
	if st.toJSON == nil {
		st.toJSON = yaml.YAMLToJSON
	}
	if st.unmarshal == nil {
		st.unmarshal = json.Unmarshal
	}
	return st
}

func (st *state) fail(err error) {
	if err != nil {
		st.res.Errors = append(st.res.Errors, err)
	}
}

func (st *state) skip(kind string) {
	for _, k := range st.res.Skipped {
		if k == kind {
			return
		}
	}
	st.res.Skipped = append(st.res.Skipped, kind)
}

// jsonStream decodes one or more concatenated JSON values.
func (st *state) jsonStream(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, bom)))
	for n := 1; ; n++ {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("parse JSON: truncated: %w", err)
			}
			return fmt.Errorf("parse JSON: %w", err)
		}
		st.value(raw, "")
	}
}

// yamlStream decodes every document of a YAML stream. It reports whether at
// least one document parsed.
func (st *state) yamlStream(data []byte) bool {
	docs := splitDocuments(data)
	parsed := len(docs) == 0
	for i, doc := range docs {
		where := ""
		if len(docs) > 1 {
			where = fmt.Sprintf("document %d: ", i+1)
		}
		if k := peekKind(doc); k != "" && !Kept(k) && !IsListKind(k) {
			st.skip(k)
			parsed = true
			continue
		}
		in := doc
		if !st.cutsMF {
			in = stripManagedFields(doc)
		}
		j, err := st.toJSON(in)
		if err != nil && !st.cutsMF && bytes.Contains(doc, managedFieldsKey) {
			j, err = st.toJSON(doc)
		}
		if err != nil {
			st.fail(fmt.Errorf("%sparse YAML: %w", where, err))
			continue
		}
		parsed = true
		st.value(j, where)
	}
	return parsed
}

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
	case trimmed[0] == '[':
		var items []json.RawMessage
		if err := st.unmarshal(trimmed, &items); err != nil {
			st.fail(fmt.Errorf("%sdecode array: %w", where, err))
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
		st.fail(fmt.Errorf("%sdecode: %w", where, err))
		return
	}
	if h.Items != nil || strings.HasSuffix(h.Kind, "List") {
		elem := strings.TrimSuffix(h.Kind, "List")
		if elem == "" {
			elem = st.hint
		}
		if elem != "" && !Kept(elem) {
			st.skip(h.Kind)
			return
		}
		st.items(h.Items, where, elem)
		return
	}
	st.object(trimmed, h, where, st.hint)
}

func (st *state) items(items []json.RawMessage, where, fallback string) {
	for i, item := range items {
		at := fmt.Sprintf("%sitem %d: ", where, i+1)
		var h header
		if err := st.unmarshal(item, &h); err != nil {
			st.fail(fmt.Errorf("%sdecode: %w", at, err))
			continue
		}
		st.object(item, h, at, fallback)
	}
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
	if err := st.unmarshal(raw, obj); err != nil {
		st.fail(fmt.Errorf("%sdecode %s %s: %w", where, kind, name(h), err))
		return
	}
	if h.Metadata.Name == "" {
		// Text that happens to parse as a YAML mapping, given a kind by its
		// path, must not become a nameless object.
		st.fail(fmt.Errorf("%s%s without metadata.name", where, kind))
		return
	}
	finish(obj, kind, h.APIVersion, info)
	st.res.Objects = append(st.res.Objects, obj)
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
