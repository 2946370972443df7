package typed

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
)

// compare decodes data into fresh values made by mk with encoding/json and
// with this package. A refusal is only acceptable where encoding/json fails
// too, or where wantRefusal says this package declines on purpose.
func compare(t *testing.T, mk func() any, data []byte, wantRefusal bool) {
	t.Helper()
	want, got := mk(), mk()
	stdErr := json.Unmarshal(data, want)
	err := Unmarshal(data, got)
	switch {
	case err != nil && !errors.Is(err, ErrRefused):
		t.Fatalf("error does not wrap ErrRefused: %v", err)
	case err != nil && stdErr == nil && !wantRefusal:
		t.Fatalf("refused what encoding/json accepts: %v", err)
	case err == nil && stdErr != nil:
		t.Fatalf("accepted what encoding/json rejects (%v): %+v", stdErr, got)
	case err == nil && wantRefusal:
		t.Fatalf("accepted input it should refuse: %+v", got)
	case err == nil && !reflect.DeepEqual(want, got):
		t.Fatalf("values differ (-encoding/json +typed):\n%s", cmp.Diff(want, got, cmp.Exporter(func(reflect.Type) bool { return true })))
	}
}

func TestEdgeCasesDecodeLikeEncodingJSON(t *testing.T) {
	pod := func() any { return &corev1.Pod{} }
	co := func() any { return &configv1.ClusterOperator{} }
	generic := func() any { var v any; return &v }
	cases := []struct {
		name   string
		mk     func() any
		data   string
		refuse bool
	}{
		{"keys match fields case-insensitively", pod, `{"Metadata":{"NAME":"x","nameSpace":"ns"}}`, false},
		{"unknown keys are skipped with their nested values", pod, `{"bogus":{"a":[1,{"b":"}"}]},"metadata":{"name":"x"}}`, false},
		{"null leaves a struct alone", pod, `{"spec":null,"metadata":{"name":"x"}}`, false},
		{"null reaches a Time's UnmarshalJSON", pod, `{"metadata":{"creationTimestamp":null}}`, false},
		{"null sets pointers, slices and maps to nil", pod, `{"spec":{"containers":null,"nodeSelector":null,"priority":null}}`, false},
		{"empty array and object are non-nil", pod, `{"spec":{"containers":[],"nodeSelector":{}}}`, false},
		{"inline embedded structs receive their fields", pod, `{"spec":{"volumes":[{"name":"a","emptyDir":{"sizeLimit":"1Gi"}},{"name":"b","configMap":{"name":"c","defaultMode":420}}]}}`, false},
		{"quantities and int-or-strings go through their decoders", pod, `{"spec":{"containers":[{"resources":{"requests":{"cpu":"10m","memory":"100Mi"},"limits":{"cpu":0.5}},"livenessProbe":{"httpGet":{"port":8443}},"readinessProbe":{"httpGet":{"port":"https"}}}]}}`, false},
		{"escaped strings decode", pod, `{"metadata":{"annotations":{"a":"line\nnext \"q\" \\ \u00e9 \t"}}}`, false},
		{"raw extensions get encoding/json's bytes", co, `{"status":{"extension":{"a":[1,2.5e-7],"b":"x\u003cy"}}}`, false},
		{"negative zero and big integers", pod, `{"spec":{"priority":-0,"activeDeadlineSeconds":9007199254740993}}`, false},
		{"a float into an int is refused", pod, `{"spec":{"priority":1.0}}`, false},
		{"an overflowing int32 is refused", pod, `{"spec":{"priority":2147483648}}`, false},
		{"a number into a string is refused", pod, `{"metadata":{"name":1}}`, false},
		{"a bool into a string is refused", pod, `{"metadata":{"labels":{"a":true}}}`, false},
		{"a string into a bool is refused", pod, `{"spec":{"hostNetwork":"true"}}`, false},
		{"an object into a slice is refused", pod, `{"spec":{"containers":{}}}`, false},
		{"generic values are maps, slices and float64", generic, `{"a":[1,"x",true,null,{"b":1e3}],"c":{}}`, false},
		{"truncated input is refused", pod, `{"metadata":{"name":"x"`, false},
		{"trailing data is refused", pod, `{}{}`, false},
		{"invalid numbers are refused", pod, `{"spec":{"priority":01}}`, false},
		{"lone surrogate escapes are declined", pod, `{"metadata":{"name":"\ud800"}}`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { compare(t, tc.mk, []byte(tc.data), tc.refuse) })
	}
}

// TestRawValuesAreReencodedLikeSigsYAML shows why json.Unmarshaler values
// are re-encoded: sigs.k8s.io/yaml hands encoding/json sorted keys and
// escaped HTML characters, so a RawExtension holds those bytes, whatever
// order the YAML had.
func TestRawValuesAreReencodedLikeSigsYAML(t *testing.T) {
	var co configv1.ClusterOperator
	if err := Unmarshal([]byte(`{"status":{"extension":{"b":"x<y","a":[1,2.5e-7]}}}`), &co); err != nil {
		t.Fatal(err)
	}
	if got, want := string(co.Status.Extension.Raw), `{"a":[1,2.5e-7],"b":"x\u003cy"}`; got != want {
		t.Errorf("raw extension = %s, want %s", got, want)
	}
}

// FuzzTyped checks on any input that this package never panics, and on
// JSON in the form sigs.k8s.io/yaml writes never accepts something
// encoding/json rejects or decodes differently. Invalid JSON may pass when
// the damage is inside a value skipped as unknown: the input is fastyaml's
// own output, valid by construction, and validating it again would cost
// what this package exists to save.
func FuzzTyped(f *testing.F) {
	f.Add([]byte(`{"metadata":{"name":"x","labels":{"a":"b"}},"spec":{"containers":[{"name":"c","ports":[{"containerPort":80}]}]}}`))
	f.Add([]byte(`{"Spec":{"volumes":[{"name":"a","emptyDir":{}}]},"status":{"phase":"Running"}}`))
	f.Add([]byte(`{"metadata":{"creationTimestamp":"2021-08-03T09:27:34Z","ownerReferences":[{"controller":true}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			var p corev1.Pod
			_ = Unmarshal(data, &p) // must not panic; the result does not matter
			return
		}
		data, err := canonical(data)
		if err != nil {
			t.Skip("not re-encodable (e.g. a number out of float64 range)")
		}
		compare(t, func() any { return &corev1.Pod{} }, data, Unmarshal(data, &corev1.Pod{}) != nil)
	})
}
