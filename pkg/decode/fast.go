package decode

import (
	"bytes"
	"errors"

	"sigs.k8s.io/yaml"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
)

// Fast returns the reference Decoder with pkg/fastyaml in front of its two
// costly steps: YAML to JSON for the block-style subset oc and kubectl
// write (dropping managedFields as it parses), and JSON into the typed
// objects. Either step falls back to the reference (sigs.k8s.io/yaml,
// encoding/json) for anything outside what it reproduces, so the objects,
// errors and skipped kinds are the reference's; fast_test.go and
// pkg/fastyaml's differential tests hold it to that. docs/performance.md
// has the speed.
func Fast() Staged {
	return Staged{ToJSON: fastToJSON, Unmarshal: fastyaml.UnmarshalJSON, CutsManagedFields: true}
}

var skipManagedFields = &fastyaml.Options{Skip: [][]string{fastyaml.ManagedFields}}

// fastToJSON converts one document, uncut. Outside the fast subset it does
// what the reference does: convert the text with managedFields cut, and
// the whole text when the cut one does not parse.
func fastToJSON(doc []byte) ([]byte, error) {
	// JSON is rarely longer than the YAML it comes from: one allocation.
	j, err := fastyaml.AppendJSON(make([]byte, 0, len(doc)), doc, skipManagedFields)
	if err == nil || !errors.Is(err, fastyaml.ErrUnsupported) {
		return j, err
	}
	j, err = yaml.YAMLToJSON(stripManagedFields(doc))
	if err != nil && bytes.Contains(doc, managedFieldsKey) {
		j, err = yaml.YAMLToJSON(doc)
	}
	return j, err
}
