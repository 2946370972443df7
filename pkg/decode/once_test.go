package decode

import (
	"encoding/json"
	"os"
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
	objects, once := 0, 0
	files := eachFile(t, []string{testdataRoot, realSampleRoot}, []string{".yaml"}, func(path string, data []byte) {
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
		objects += len(want.Objects)
	})
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
	if _, err := os.Stat(realSampleRoot); err != nil {
		t.Skipf("real sample absent: %v", err)
	}
	pruned := 0
	eachFile(t, []string{realSampleRoot}, []string{".yaml"}, func(path string, data []byte) {
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
	})
	if pruned == 0 {
		t.Error("no object of a pruned kind in the sample")
	}
	t.Logf("%d objects pruned while parsing", pruned)
}
