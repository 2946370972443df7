package fastyaml

import (
	"encoding/json"
	"errors"
	"reflect"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml/internal/typed"
)

// UnmarshalJSON decodes JSON into the zero value v points to with the
// result encoding/json.Unmarshal gives on the same values written the way
// sigs.k8s.io/yaml writes them (sorted keys, encoding/json's escaping);
// the difference only shows in json.Unmarshaler values that keep their
// bytes, such as runtime.RawExtension. Anything its decoder does not
// reproduce, errors included, goes to encoding/json.
//
// Unlike encoding/json, it does not copy json.RawMessage values: they
// share data's memory, so data must not change while they are in use.
func UnmarshalJSON(data []byte, v any) error {
	err := typed.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	if !errors.Is(err, typed.ErrRefused) {
		return err
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
	return json.Unmarshal(data, v)
}
