package typed

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	"k8s.io/apimachinery/pkg/api/apitesting/fuzzer"
	"k8s.io/apimachinery/pkg/api/resource"
	metafuzzer "k8s.io/apimachinery/pkg/apis/meta/fuzzer"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"
	"sigs.k8s.io/randfill"
)

// roots are the types the loader decodes, and so the types this package
// must get exactly right.
func roots() []func() any {
	return []func() any{
		func() any { return &corev1.PodList{} },
		func() any { return &corev1.Pod{} },
		func() any { return &appsv1.DeploymentList{} },
		func() any { return &appsv1.StatefulSetList{} },
		func() any { return &appsv1.DaemonSetList{} },
		func() any { return &appsv1.ReplicaSetList{} },
		func() any { return &policyv1.PodDisruptionBudgetList{} },
		func() any { return &policyv1beta1.PodDisruptionBudgetList{} },
		func() any { return &corev1.ServiceList{} },
		func() any { return &corev1.Node{} },
		func() any { return &corev1.NamespaceList{} },
		func() any { return &configv1.InfrastructureList{} },
		func() any { return &configv1.ClusterVersionList{} },
		func() any { return &configv1.ClusterOperatorList{} },
		func() any { return &map[string]any{} },
	}
}

// filler makes random but valid API objects, as apimachinery's round-trip
// tests do, with the value types the generic filler cannot make valid.
func filler(seed int64) *randfill.Filler {
	custom := func(serializer.CodecFactory) []any {
		return []any{
			func(q *resource.Quantity, c randfill.Continue) {
				*q = *resource.NewQuantity(c.Int63n(1<<40), []resource.Format{resource.DecimalSI, resource.BinarySI, resource.DecimalExponent}[c.Intn(3)])
			},
			func(v *intstr.IntOrString, c randfill.Continue) {
				if c.Bool() {
					*v = intstr.FromInt32(c.Int31())
				} else {
					*v = intstr.FromString(c.String(10))
				}
			},
			func(r *runtime.RawExtension, c randfill.Continue) {
				if c.Bool() {
					r.Raw = []byte(`{"b":[1,2.5,"x<y"],"a":{"z":null}}`)
				}
			},
			func(m *map[string]any, c randfill.Continue) {
				*m = map[string]any{"s": c.String(5), "n": float64(c.Int31()), "l": []any{true, nil}, "o": map[string]any{}}
			},
		}
	}
	codecs := serializer.NewCodecFactory(runtime.NewScheme())
	f := fuzzer.FuzzerFor(fuzzer.MergeFuzzerFuncs(metafuzzer.Funcs, custom), rand.NewSource(seed), codecs)
	return f.NilChance(0.3).NumElements(0, 3)
}

// TestRandomObjectsDecodeLikeEncodingJSON fills every root type with
// random values, encodes them as sigs.k8s.io/yaml's JSON looks (through a
// generic value: sorted keys, encoding/json escaping) and decodes the bytes
// both ways: the results must be deeply equal.
func TestRandomObjectsDecodeLikeEncodingJSON(t *testing.T) {
	for _, mk := range roots() {
		name := reflect.TypeOf(mk()).Elem().String()
		t.Run(name, func(t *testing.T) {
			f := filler(int64(len(name)))
			for i := 0; i < 60; i++ {
				obj := mk()
				f.Fill(obj)
				raw, err := json.Marshal(obj)
				if err != nil {
					t.Fatalf("marshal: %v", err)
				}
				data, err := canonical(raw)
				if err != nil {
					t.Fatalf("re-encode: %v", err)
				}
				want, got := mk(), mk()
				if err := json.Unmarshal(data, want); err != nil {
					t.Fatalf("encoding/json: %v", err)
				}
				if err := Unmarshal(data, got); err != nil {
					t.Fatalf("typed refused valid input: %v\n%s", err, data)
				}
				if !reflect.DeepEqual(want, got) {
					t.Fatalf("decoded values differ (-encoding/json +typed):\n%s", cmp.Diff(want, got, cmp.Exporter(func(reflect.Type) bool { return true })))
				}
			}
		})
	}
}
