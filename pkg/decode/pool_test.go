package decode

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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
	for _, root := range []string{filepath.Join("..", "..", "testdata"), filepath.Join("..", "..", "..", "shared", "samples", "must-gather-aws-4.8")} {
		if _, err := os.Stat(root); err != nil {
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			all = append(all, decoded{path, data, Fast().Decode(data, "")})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range all {
		equalResults(t, d.path, YAML{}.Decode(d.data, ""), d.res)
	}
}
