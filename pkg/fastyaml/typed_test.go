package fastyaml

import (
	"os"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	sigsyaml "sigs.k8s.io/yaml"
)

// targets maps a document's kind to the typed value the loader decodes it
// into. Kinds not listed decode into a generic map.
var targets = map[string]func() any{
	"Pod": func() any { return &corev1.Pod{} }, "PodList": func() any { return &corev1.PodList{} },
	"Deployment": func() any { return &appsv1.Deployment{} }, "DeploymentList": func() any { return &appsv1.DeploymentList{} },
	"StatefulSet": func() any { return &appsv1.StatefulSet{} }, "StatefulSetList": func() any { return &appsv1.StatefulSetList{} },
	"DaemonSet": func() any { return &appsv1.DaemonSet{} }, "DaemonSetList": func() any { return &appsv1.DaemonSetList{} },
	"ReplicaSet": func() any { return &appsv1.ReplicaSet{} }, "ReplicaSetList": func() any { return &appsv1.ReplicaSetList{} },
	"PodDisruptionBudgetList": func() any { return &policyv1.PodDisruptionBudgetList{} },
	"Service":                 func() any { return &corev1.Service{} }, "ServiceList": func() any { return &corev1.ServiceList{} },
	"Node": func() any { return &corev1.Node{} }, "NodeList": func() any { return &corev1.NodeList{} },
	"Namespace":      func() any { return &corev1.Namespace{} },
	"Infrastructure": func() any { return &configv1.Infrastructure{} }, "InfrastructureList": func() any { return &configv1.InfrastructureList{} },
	"ClusterVersion": func() any { return &configv1.ClusterVersion{} }, "ClusterVersionList": func() any { return &configv1.ClusterVersionList{} },
	"ClusterOperator": func() any { return &configv1.ClusterOperator{} }, "ClusterOperatorList": func() any { return &configv1.ClusterOperatorList{} },
}

// targetFor picks the typed value for src by its kind, as the loader does.
func targetFor(t *testing.T, src []byte) func() any {
	var head struct{ APIVersion, Kind string }
	if err := sigsyaml.Unmarshal(src, &head); err != nil {
		t.Fatalf("read kind: %v", err)
	}
	if head.Kind == "PodDisruptionBudgetList" && head.APIVersion == "policy/v1beta1" {
		return func() any { return &policyv1beta1.PodDisruptionBudgetList{} }
	}
	if mk, ok := targets[head.Kind]; ok {
		return mk
	}
	return func() any { return &map[string]any{} }
}

// dropManagedFields clears metadata.managedFields of an object or of each
// item of a list, the part the fast path skips.
func dropManagedFields(t *testing.T, v any) {
	if obj, ok := v.(runtime.Object); ok && meta.IsListType(obj) {
		if err := meta.EachListItem(obj, func(o runtime.Object) error {
			dropManagedFields(t, o)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return
	}
	if m, ok := v.(metav1.Object); ok {
		m.SetManagedFields(nil)
	}
}

// TestRealFilesDecodeLikeSigsYAML decodes every YAML file of the bundled
// samples and of the real must-gather (when present) into the typed value
// the loader uses, with sigs.k8s.io/yaml and with a testDecoder skipping
// managedFields. The objects must be deeply equal once managedFields are
// cleared from the former, and no file may need the fallback.
func TestRealFilesDecodeLikeSigsYAML(t *testing.T) {
	files := yamlFiles(t, "testdata")
	if _, err := os.Stat(sampleRoot); err == nil {
		files = append(files, yamlFiles(t, sampleRoot)...)
	}
	d := newTestDecoder(Options{Skip: [][]string{ManagedFields}})
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(src) == 0 {
			continue
		}
		mk := targetFor(t, src)
		want, got := mk(), mk()
		if err := sigsyaml.Unmarshal(src, want); err != nil {
			t.Errorf("%s: sigs.k8s.io/yaml: %v", f, err)
			continue
		}
		dropManagedFields(t, want)
		before := d.Stats
		if err := d.Unmarshal(src, got); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if d.Stats.Fast != before.Fast+1 {
			_, why := AppendJSON(nil, src, &d.opts)
			t.Errorf("%s: took the fallback (%v)", f, why)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: objects differ (-sigs.k8s.io/yaml +fast):\n%s", f, cmp.Diff(want, got, cmp.Exporter(func(reflect.Type) bool { return true })))
		}
	}
	t.Logf("%d files, %+v", len(files), d.Stats)
}
