package batch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// field is one column of a BigQuery schema file.
type field struct {
	Name        string  `json:"name"`
	Type        string  `json:"type"`
	Mode        string  `json:"mode"`
	Description string  `json:"description,omitempty"`
	Fields      []field `json:"fields,omitempty"`
}

func loadSchema(t *testing.T, file string) []field {
	t.Helper()
	data, err := Schema(file)
	if err != nil {
		t.Fatal(err)
	}
	var fs []field
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fs); err != nil {
		t.Fatalf("%s schema: %v", file, err)
	}
	return fs
}

// TestSchemaMatchesTypes: every JSON field of the row types is a column of
// the schema with a matching type and mode, and every column is a field.
func TestSchemaMatchesTypes(t *testing.T) {
	for file, typ := range map[string]reflect.Type{RunsFile: reflect.TypeOf(RunRow{}), ResultsFile: reflect.TypeOf(ResultRow{})} {
		t.Run(file, func(t *testing.T) { compareType(t, file, loadSchema(t, file), typ) })
	}
}

func compareType(t *testing.T, where string, fs []field, typ reflect.Type) {
	cols := map[string]field{}
	for _, f := range fs {
		cols[f.Name] = f
	}
	seen := map[string]bool{}
	for i := range typ.NumField() {
		sf := typ.Field(i)
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		col, ok := cols[name]
		if !ok {
			t.Errorf("%s: field %s (%s) has no column", where, name, sf.Name)
			continue
		}
		seen[name] = true
		wantType, repeated := bqType(sf.Type)
		// Timestamps are strings in TimeLayout; TestRowsMatchSchema checks the format.
		if col.Type != wantType && (col.Type != "TIMESTAMP" || wantType != "STRING") {
			t.Errorf("%s.%s: column type %s, Go type %s wants %s", where, name, col.Type, sf.Type, wantType)
		}
		switch {
		case repeated && col.Mode != "REPEATED":
			t.Errorf("%s.%s: a slice needs mode REPEATED, not %s", where, name, col.Mode)
		case !repeated && col.Mode == "REQUIRED" && strings.Contains(opts, "omitempty"):
			t.Errorf("%s.%s: REQUIRED but left out when empty", where, name)
		case !repeated && col.Mode == "REPEATED":
			t.Errorf("%s.%s: REPEATED but not a slice", where, name)
		}
		if wantType == "RECORD" {
			compareType(t, where+"."+name, col.Fields, sf.Type.Elem())
		}
	}
	for name := range cols {
		if !seen[name] {
			t.Errorf("%s: column %s is no field of %s", where, name, typ)
		}
	}
}

func bqType(t reflect.Type) (string, bool) {
	if t.Kind() == reflect.Slice {
		inner, _ := bqType(t.Elem())
		return inner, true
	}
	switch t.Kind() {
	case reflect.String:
		return "STRING", false
	case reflect.Int, reflect.Int64:
		return "INTEGER", false
	case reflect.Bool:
		return "BOOLEAN", false
	case reflect.Struct:
		return "RECORD", false
	}
	return fmt.Sprint("unsupported ", t), false
}

// TestRowsMatchSchema: every written row, as bq reads it, has only
// columns of the schema, values of their types, and every REQUIRED column;
// timestamps are in the format bq loads.
func TestRowsMatchSchema(t *testing.T) {
	dir, _ := mirror(t, smallRuns)
	out := t.TempDir()
	runBatch(t, out, []string{dir}, nil)
	for _, file := range []string{RunsFile, ResultsFile} {
		fs := loadSchema(t, file)
		rows := readRows[map[string]any](t, filepath.Join(out, file))
		if len(rows) == 0 {
			t.Fatalf("%s: no rows", file)
		}
		for i, row := range rows {
			checkRow(t, fmt.Sprintf("%s:%d", file, i+1), fs, row)
		}
		// The schema file in the output folder is the embedded one.
		got, err := os.ReadFile(filepath.Join(out, SchemaDir, strings.TrimSuffix(file, ".ndjson")+".json"))
		want, _ := Schema(file)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: the schema file in the output folder is not the embedded one (%v)", file, err)
		}
	}
}

func checkRow(t *testing.T, where string, fs []field, row map[string]any) {
	cols := map[string]field{}
	for _, f := range fs {
		cols[f.Name] = f
		if _, ok := row[f.Name]; !ok && f.Mode == "REQUIRED" {
			t.Errorf("%s: REQUIRED %s missing", where, f.Name)
		}
	}
	for name, v := range row {
		col, ok := cols[name]
		if !ok {
			t.Errorf("%s: %s is not in the schema", where, name)
			continue
		}
		if col.Mode == "REPEATED" {
			list, ok := v.([]any)
			if !ok {
				t.Errorf("%s: %s is %T, want a list", where, name, v)
				continue
			}
			for _, item := range list {
				checkValue(t, where+"."+name, col, item)
			}
			continue
		}
		checkValue(t, where+"."+name, col, v)
	}
}

func checkValue(t *testing.T, where string, col field, v any) {
	ok := false
	switch col.Type {
	case "STRING":
		_, ok = v.(string)
	case "INTEGER":
		f, isNum := v.(float64)
		ok = isNum && f == float64(int64(f))
	case "BOOLEAN":
		_, ok = v.(bool)
	case "TIMESTAMP":
		s, isStr := v.(string)
		if isStr {
			_, err := time.Parse(TimeLayout, s)
			ok = err == nil
		}
	case "RECORD":
		var m map[string]any
		if m, ok = v.(map[string]any); ok {
			checkRow(t, where, col.Fields, m)
		}
	}
	if !ok {
		t.Errorf("%s: %v (%T) is not a %s", where, v, v, col.Type)
	}
}
