package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// YAML is the reference Decoder: YAML is converted to JSON by
// sigs.k8s.io/yaml (the library kubectl and oc use), and JSON is decoded into
// the k8s.io/api and openshift/api types by encoding/json. JSON input skips
// the YAML step. Between the two, the subtrees PrunedPaths names are cut
// from each object's JSON, so that their content never reaches the typed
// decode: the fast decoder skips them unread, and both must agree.
//
// Known limit: YAML 1.1 scalars written without quotes where the type expects
// a string (an annotation "enabled: yes") fail to decode, because the JSON is
// built without the target type. oc and kubectl quote such values.
type YAML struct{}

// Decode implements Decoder.
func (YAML) Decode(data []byte, hint snapshot.Kind) Result { return Staged{}.Decode(data, hint) }

// Staged is the reference Decoder with its two costly steps replaceable, so
// that a faster parser can take them over while documents, Lists, kind
// filtering, managedFields, pruning and PDB conversion stay the same. The
// zero value is YAML.
type Staged struct {
	// ToJSON converts one YAML document (managedFields already cut) to
	// JSON. Nil uses sigs.k8s.io/yaml.YAMLToJSON. It may leave out pruned
	// subtrees (see PrunedPaths) or not: they are cut from the JSON after
	// it, which is harmless when they are gone already.
	ToJSON func(doc []byte) ([]byte, error)
	// Unmarshal decodes JSON into a pointer to a typed object, or to a small
	// header struct with json.RawMessage fields, as encoding/json.Unmarshal
	// does. Nil uses encoding/json.
	Unmarshal func(data []byte, v any) error
	// CutsManagedFields says that ToJSON leaves managedFields out by itself,
	// so documents reach it uncut, sparing the text-level cut and its copy.
	CutsManagedFields bool
	// KeepPruned decodes the fields PrunedPaths names as well: the full
	// objects, for tests that prove nothing downstream reads those fields.
	// It takes effect with a ToJSON that keeps them (the default one).
	KeepPruned bool

	// convert, when set, replaces ToJSON with a conversion that also says
	// where the objects are and how far they are pruned (Fast sets it):
	// each object is then decoded in one pass, see once.go. With fallback
	// false it returns fastyaml's ErrUnsupported rather than converting
	// the reference's way.
	convert func(doc []byte, lay *fastyaml.Layout, fallback bool) ([]byte, *fastyaml.Layout, error)
	// release, when set, takes back the JSON convert returned once the
	// document's objects are decoded.
	release func(j []byte)
}

// Decode implements Decoder.
func (s Staged) Decode(data []byte, hint snapshot.Kind) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Errors: []error{fmt.Errorf("decoder failed: %v", r)}}
		}
	}()
	st, res := s.decode(data, hint)
	res.Empty = !st.held && len(res.Objects) == 0 && len(res.Errors) == 0 && len(res.Skipped) == 0
	return res
}

// decode is Decode without the Empty flag, which depends on the state the
// decode ended in.
func (s Staged) decode(data []byte, hint snapshot.Kind) (*state, Result) {
	st := s.state(hint)
	if looksLikeJSON(data) {
		jerr := st.jsonStream(data)
		if jerr == nil || len(st.res.Objects) > 0 || len(st.res.Errors) > 0 {
			st.fail(jerr)
			return st, st.res
		}
		// Not JSON after all: YAML flow style also starts with "{".
		ys := s.state(hint)
		if ys.yamlStream(data) {
			return ys, ys.res
		}
		st.fail(jerr)
		return st, st.res
	}
	st.yamlStream(data)
	return st, st.res
}

// state accumulates the result of one Decode call.
type state struct {
	hint      string
	toJSON    func([]byte) ([]byte, error)
	unmarshal func([]byte, any) error
	convert   func([]byte, *fastyaml.Layout, bool) ([]byte, *fastyaml.Layout, error)
	release   func([]byte)
	cutsMF    bool
	keepAll   bool // KeepPruned
	res       Result
	lay       fastyaml.Layout // reused from document to document
	// held is set by the first document that is more than null: an
	// object, a List (even without items) or an array.
	held bool
}

func (s Staged) state(hint snapshot.Kind) *state {
	st := &state{hint: string(hint), toJSON: s.ToJSON, unmarshal: s.Unmarshal, convert: s.convert, release: s.release, cutsMF: s.CutsManagedFields, keepAll: s.KeepPruned}
	if st.toJSON == nil {
		st.toJSON = yaml.YAMLToJSON
	}
	if st.unmarshal == nil {
		st.unmarshal = json.Unmarshal
	}
	return st
}

// pruned returns the paths to cut from objects of kind.
func (st *state) pruned(kind string) [][]string {
	if st.keepAll {
		return nil
	}
	return prunedPaths[kind]
}

// done hands back the JSON of a document decoded from convert.
func (st *state) done(j []byte) {
	if st.release != nil {
		st.release(j)
	}
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
	if st.wholeOnce(data) {
		return true
	}
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
		if st.convert != nil {
			j, lay, err := st.convert(doc, &st.lay, true)
			if err != nil {
				st.fail(fmt.Errorf("%sparse YAML: %w", where, err))
				continue
			}
			parsed = true
			st.valueOnce(j, lay, where)
			st.done(j)
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
