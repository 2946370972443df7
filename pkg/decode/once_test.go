package decode

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
)

// counting is a Staged decoder with the fast steps whose Unmarshal counts
// its calls: the passes over JSON a decode makes.
func counting(fast bool) (Staged, *int) {
	n := new(int)
	s := Staged{Unmarshal: func(data []byte, v any) error {
		*n++
		return json.Unmarshal(data, v)
	}}
	if fast {
		s.ToJSON, s.CutsManagedFields, s.convert = fastToJSON, true, fastConvert
	}
	return s, n
}

// TestListsDecodeInOnePass: the fast path decodes each object of a List
// once, where the reference decodes its header first (one more call per
// object), and the results are the same. It runs over every YAML file of
// the test data and the real sample that the fast conversion takes.
func TestListsDecodeInOnePass(t *testing.T) {
	roots := []string{filepath.Join("..", "..", "testdata"), filepath.Join("..", "..", "..", "shared", "samples", "must-gather-aws-4.8")}
	files, objects, once := 0, 0, 0
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			t.Logf("skip %s: %v", root, err)
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
			ref, refCalls := counting(false)
			fast, fastCalls := counting(true)
			want, got := ref.Decode(data, ""), fast.Decode(data, "")
			equalResults(t, path, want, got)
			if len(want.Errors) == 0 && inFastSubset(data) {
				once++
				if *refCalls-*fastCalls != len(want.Objects) {
					t.Errorf("%s: %d objects in %d decode calls, the reference %d", path, len(want.Objects), *fastCalls, *refCalls)
				}
			}
			files++
			objects += len(want.Objects)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d files, %d objects, %d files in one pass", files, objects, once)
}

// inFastSubset reports whether every document of data takes the fast
// conversion: hand-written test files in flow style do not.
func inFastSubset(data []byte) bool {
	for _, doc := range splitDocuments(data) {
		if _, err := fastyaml.AppendJSON(nil, doc, fastOptions); err != nil {
			return false
		}
	}
	return true
}

// TestSampleIsPrunedWhileParsing: on oc's output, where kind comes before
// spec and status, every object of a kind with pruned paths is pruned by
// the conversion itself, so no JSON is pruned after it.
func TestSampleIsPrunedWhileParsing(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "samples", "must-gather-aws-4.8")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("real sample absent: %v", err)
	}
	pruned := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, doc := range splitDocuments(data) {
			var lay fastyaml.Layout
			if _, err := fastyaml.AppendJSONLayout(nil, doc, fastOptions, &lay); err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			for _, o := range append([]fastyaml.Object{lay.Root}, lay.Items...) {
				if len(prunedPaths[o.Kind]) == 0 {
					continue
				}
				if o.PrunedAs != o.Kind {
					t.Errorf("%s: a %s not pruned while parsing", path, o.Kind)
				}
				pruned++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pruned == 0 {
		t.Error("no object of a pruned kind in the sample")
	}
	t.Logf("%d objects pruned while parsing", pruned)
}
