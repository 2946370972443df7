package decode

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/fastyaml"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// equalResults compares the full results of two decoders: the objects
// themselves, not only their names, the error texts, the skipped kinds and
// whether the file was empty.
func equalResults(t *testing.T, what string, want, got Result) {
	t.Helper()
	if !reflect.DeepEqual(want.Objects, got.Objects) {
		t.Errorf("%s: objects differ (-reference +fast):\n%s", what, cmp.Diff(want.Objects, got.Objects, cmp.Exporter(func(reflect.Type) bool { return true })))
	}
	if diff := cmp.Diff(summarise(want).Errors, summarise(got).Errors); diff != "" {
		t.Errorf("%s: errors differ (-reference +fast):\n%s", what, diff)
	}
	if diff := cmp.Diff(want.Skipped, got.Skipped); diff != "" {
		t.Errorf("%s: skipped kinds differ (-reference +fast):\n%s", what, diff)
	}
	if want.Empty != got.Empty {
		t.Errorf("%s: empty %v (reference), %v (fast)", what, want.Empty, got.Empty)
	}
}

// TestFastDecodesLikeTheReference runs the reference and the fast decoder
// over the unit cases and every YAML and JSON file of the repository's
// test data and of the real sample (when present): the results must be
// equal, errors included.
func TestFastDecodesLikeTheReference(t *testing.T) {
	for _, tc := range decodeCases {
		equalResults(t, tc.name, YAML{}.Decode([]byte(tc.in), tc.hint), Fast().Decode([]byte(tc.in), tc.hint))
	}
	files := eachFile(t, []string{testdataRoot, realSampleRoot}, []string{".yaml", ".json"}, func(path string, data []byte) {
		equalResults(t, path, YAML{}.Decode(data, ""), Fast().Decode(data, ""))
	})
	t.Logf("%d files compared", files)
}

// FuzzFastDecode holds the fast decoder to the reference on any input,
// but for the one documented leniency (see unreadMalformed).
func FuzzFastDecode(f *testing.F) {
	for _, tc := range decodeCases {
		f.Add([]byte(tc.in), string(tc.hint))
	}
	for _, tc := range append(pruneCases, pruneListCases...) {
		f.Add([]byte(tc.in), string(tc.hint))
	}
	f.Add([]byte(managed), "")
	f.Add([]byte(rsWithTemplate), "ReplicaSet")
	f.Fuzz(func(t *testing.T, data []byte, hint string) {
		if len(data) > 64<<10 {
			return
		}
		want := YAML{}.Decode(data, snapshot.Kind(hint))
		got := Fast().Decode(data, snapshot.Kind(hint))
		for _, res := range []Result{want, got} {
			clearMessages(t, res)
		}
		if unreadMalformed(data) {
			return
		}
		equalResults(t, "input "+string(data), want, got)
	})
}

// goTypeWords are what a decoder's error says about Go's types, which
// means nothing to a user reading a problem list (docs/reliability.md).
var goTypeWords = []string{"Go struct field", "Go value of type", "json.RawMessage", "decode.header"}

// clearMessages fails on a result whose errors speak of Go types, or that
// says it is empty while it holds something.
func clearMessages(t *testing.T, res Result) {
	t.Helper()
	for _, err := range res.Errors {
		for _, w := range goTypeWords {
			if strings.Contains(err.Error(), w) {
				t.Fatalf("error names Go types: %v", err)
			}
		}
	}
	if res.Empty && (len(res.Objects) > 0 || len(res.Errors) > 0 || len(res.Skipped) > 0) {
		t.Fatalf("empty, yet %d objects, errors %v, skipped %v", len(res.Objects), res.Errors, res.Skipped)
	}
}

// unreadMalformed reports whether a document of data is YAML the
// reference refuses and the fast conversion takes only because it does
// not read managedFields and pruned subtrees: then the two results
// cannot be compared. Without skipping, the fast conversion must refuse
// it too, so no other leniency hides here.
func unreadMalformed(data []byte) bool {
	for _, doc := range splitDocuments(data) {
		if _, err := slowToJSON(doc); err == nil {
			continue
		}
		if _, err := fastyaml.AppendJSON(nil, doc, fastOptions); err != nil {
			continue
		}
		if _, err := fastyaml.AppendJSON(nil, doc, nil); err != nil {
			return true
		}
	}
	return false
}
