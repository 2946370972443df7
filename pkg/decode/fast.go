package decode

import (
	"bytes"
	"errors"
	"sync"

	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
)

// Fast returns the reference Decoder with pkg/fastyaml in front of its two
// costly steps: YAML to JSON for the block-style subset oc and kubectl
// write (dropping managedFields and the PrunedPaths subtrees as it
// parses, unread), and JSON into the typed objects, each object of a
// List decoded in one pass. Either step falls back to the reference
// (sigs.k8s.io/yaml, encoding/json) for anything outside what it
// reproduces, so the objects, errors and skipped kinds are the
// reference's; fast_test.go and pkg/fastyaml's differential tests hold it
// to that. The one difference is the price of not reading: a malformed
// managedFields or pruned subtree that sigs.k8s.io/yaml would refuse goes
// unnoticed. docs/performance.md has the speed.
func Fast() Staged {
	return Staged{ToJSON: fastToJSON, Unmarshal: fastyaml.UnmarshalJSON, CutsManagedFields: true,
		convert: fastConvert, release: releaseJSON}
}

// fastOptions leave out managedFields everywhere and the pruned paths of
// each object whose kind comes first.
var fastOptions = &fastyaml.Options{Skip: [][]string{fastyaml.ManagedFields}, Prune: prunedPaths}

// fastConvert converts one document, uncut, and says where its objects
// are; the Layout is nil when the document took the reference's way, which
// it only does when fallback is set.
func fastConvert(doc []byte, lay *fastyaml.Layout, fallback bool) ([]byte, *fastyaml.Layout, error) {
	j, err := fastyaml.AppendJSONLayout(jsonBuffer(len(doc)), doc, fastOptions, lay)
	if err == nil {
		return j, lay, nil
	}
	releaseJSON(j)
	if !fallback || !errors.Is(err, fastyaml.ErrUnsupported) {
		return nil, nil, err
	}
	j, err = slowToJSON(doc)
	return j, nil, err
}

// jsonBuffers recycle the JSON documents convert to, a quarter of what a
// load allocates otherwise. It is safe because no decoded object points
// into the JSON: the typed decoder copies strings, json.Unmarshaler
// methods are handed copies, encoding/json copies everything, and no
// kept type holds a json.RawMessage (TestObjectsDoNotHoldRawJSON).
var jsonBuffers sync.Pool

// maxPooledJSON keeps a rare huge document from pinning its buffer.
const maxPooledJSON = 32 << 20

// jsonBuffer returns an empty buffer with room for the JSON of a document
// of n bytes (rarely longer than the YAML it comes from).
func jsonBuffer(n int) []byte {
	if b, ok := jsonBuffers.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:0]
	}
	return make([]byte, 0, n)
}

// releaseJSON hands back the buffer of a document whose objects are all
// decoded.
func releaseJSON(j []byte) {
	if c := cap(j); c > 0 && c <= maxPooledJSON {
		j = j[:0]
		jsonBuffers.Put(&j)
	}
}

// fastToJSON converts one document, uncut.
func fastToJSON(doc []byte) ([]byte, error) {
	j, err := fastyaml.AppendJSON(make([]byte, 0, len(doc)), doc, fastOptions)
	if err == nil || !errors.Is(err, fastyaml.ErrUnsupported) {
		return j, err
	}
	return slowToJSON(doc)
}

// slowToJSON does what the reference does outside the fast subset:
// convert the text with managedFields cut, and the whole text when the
// cut one does not parse.
func slowToJSON(doc []byte) ([]byte, error) {
	j, err := yaml.YAMLToJSON(stripManagedFields(doc))
	if err != nil && bytes.Contains(doc, managedFieldsKey) {
		j, err = yaml.YAMLToJSON(doc)
	}
	return j, err
}
