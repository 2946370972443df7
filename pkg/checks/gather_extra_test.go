package checks

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// writeList writes objs as gather-extra writes `oc get -o json`: a List.
func writeList(t *testing.T, path string, objs ...any) {
	t.Helper()
	doc := map[string]any{"apiVersion": "v1", "kind": "List", "metadata": map[string]any{"resourceVersion": ""}, "items": objs}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A CI gather-extra folder never holds PodDisruptionBudgets: every check
// that needs them is skipped with the reason, never passed or failed.
func TestGatherExtraSkipsPDBChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "artifacts", "e2e-aws", "gather-extra", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const ns = "openshift-console"
	d := testobj.Deploy(ns, "downloads", testobj.Replicas(2))
	nsObj := &corev1.Namespace{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"}, ObjectMeta: metav1.ObjectMeta{Name: ns}}
	writeList(t, filepath.Join(dir, "pods.json"), testobj.PodsOf(d, "n1", "n2")...)
	writeList(t, filepath.Join(dir, "deployments.json"), d)
	writeList(t, filepath.Join(dir, "namespaces.json"), nsObj)
	writeList(t, filepath.Join(dir, "config-resources.json"),
		testobj.Infra(configv1.HighlyAvailableTopologyMode, configv1.HighlyAvailableTopologyMode))

	c, err := loader.Load(context.Background(), []string{dir}, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdbChecks := map[string]bool{"pdb": true, "pdb-unhealthy-pod-eviction-policy": true, "pdb-allows-disruption": true}
	rs := Run(c, Options{})
	if len(rs) != len(All()) {
		t.Fatalf("got %d results, want one namespace's worth: %v", len(rs), pairs(rs))
	}
	for _, r := range rs {
		switch {
		case pdbChecks[r.Check]:
			if r.Outcome != result.Skip || r.Reason != "no PodDisruptionBudgets in input" {
				t.Errorf("%s: %s %q, want skip %q", r.Check, r.Outcome, r.Reason, "no PodDisruptionBudgets in input")
			}
		case r.Outcome == result.Skip:
			t.Errorf("%s skipped (%s): gather-extra holds its data", r.Check, r.Reason)
		}
	}
	if r := find(t, rs, ns, IDPodAntiAffinity); r.Outcome != result.Fail {
		t.Errorf("pod-anti-affinity: %s, want fail: downloads has two replicas and no anti-affinity", r.Outcome)
	}
}
