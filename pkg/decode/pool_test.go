package decode

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestObjectsDoNotHoldRawJSON: the fast decoder recycles the JSON it
// converts documents to, which is only safe while no decoded object can
// point into it. A json.RawMessage field would (the typed decoder shares
// its bytes): no kept type may hold one.
func TestObjectsDoNotHoldRawJSON(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		if typ == reflect.TypeFor[json.RawMessage]() {
			t.Errorf("%s is a json.RawMessage", path)
			return
		}
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(typ.Elem(), path+"[]")
		case reflect.Struct:
			for i := 0; i < typ.NumField(); i++ {
				walk(typ.Field(i).Type, path+"."+typ.Field(i).Name)
			}
		}
	}
	for kind, info := range kept {
		walk(reflect.TypeOf(info.new()), kind)
	}
}

// TestObjectsOutliveTheirJSON decodes every YAML file of the test data and
// the real sample with the fast decoder first, recycling buffers from file
// to file, and compares the kept results with the reference's afterwards:
// an object pointing into a recycled buffer would have changed by then.
func TestObjectsOutliveTheirJSON(t *testing.T) {
	type decoded struct {
		path string
		data []byte
		res  Result
	}
	var all []decoded
	eachFile(t, []string{testdataRoot, realSampleRoot}, []string{".yaml"}, func(path string, data []byte) {
		all = append(all, decoded{path, data, Fast().Decode(data, "")})
	})
	for _, d := range all {
		equalResults(t, d.path, YAML{}.Decode(d.data, ""), d.res)
	}
}
