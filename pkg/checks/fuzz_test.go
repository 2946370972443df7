package checks

import (
	"encoding/json"
	"regexp"
	"testing"

	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// decodeAll decodes data as every kind a snapshot holds, keeping those it
// fits, all in namespace "openshift-fuzz" so the engine judges them.
func decodeAll(data []byte, name string) []any {
	objs := []metav1.Object{&appsv1.Deployment{}, &appsv1.StatefulSet{}, &appsv1.DaemonSet{}, &appsv1.ReplicaSet{},
		&corev1.Pod{}, &corev1.Service{}, &policyv1.PodDisruptionBudget{}}
	var out []any
	for _, o := range objs {
		if json.Unmarshal(data, o) != nil {
			continue
		}
		o.SetNamespace("openshift-fuzz")
		if o.GetName() == "" {
			o.SetName(name)
		}
		out = append(out, o)
	}
	node, infra := &corev1.Node{}, &configv1.Infrastructure{}
	if json.Unmarshal(data, node) == nil {
		node.Name = name
		out = append(out, node)
	}
	if json.Unmarshal(data, infra) == nil {
		out = append(out, infra)
	}
	return out
}

// FuzzEngine decodes arbitrary JSON into every kind the checks read and runs
// the whole catalogue: no check may panic (the engine would turn it into a
// failed result, which this test rejects) and every result must be well formed.
func FuzzEngine(f *testing.F) {
	seeds := []string{
		`{}`,
		`{"metadata":{"name":"a","labels":{"app":"a"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"affinity":{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchExpressions":[{"key":"app","operator":"In","values":["a"]}]},"topologyKey":"topology.kubernetes.io/zone","namespaceSelector":{}}]}},"containers":[{"name":"c","ports":[{"containerPort":80,"hostPort":80}]}]}}}}`,
		`{"spec":{"minAvailable":"150%","maxUnavailable":"x%","selector":{"matchExpressions":[{"key":"app","operator":"Bogus"}]},"unhealthyPodEvictionPolicy":"Nope"}}`,
		`{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"0%","maxUnavailable":"-5"}},"replicas":-3,"updateStrategy":{"rollingUpdate":{"maxUnavailable":"10%"}}}}`,
		`{"metadata":{"annotations":{"kubernetes.io/config.mirror":"x"},"ownerReferences":[{"kind":"Node","name":"n","controller":true}]},"spec":{"nodeName":"n","hostNetwork":true,"restartPolicy":"Never","tolerations":[{"operator":"Exists"},{"key":"node.kubernetes.io/unschedulable"}],"initContainers":[{"name":"s","restartPolicy":"Always","resources":{"limits":{"cpu":"1"}}}],"containers":[{"name":"c","ports":[{"name":"metrics"}]}]}}`,
		`{"metadata":{"labels":{"topology.kubernetes.io/zone":"a"}},"status":{"controlPlaneTopology":"SingleReplica","infrastructureTopology":"External"}}`,
		`{"spec":{"selector":{"app":"a"},"ports":[{"name":"https","port":443,"targetPort":"web"},{"port":80,"targetPort":0}]},"metadata":{"ownerReferences":[{"kind":"ReplicaSet","name":"a-x","controller":true}],"labels":{"app":"a","pod-template-hash":"x"}}}`,
	}
	for _, a := range seeds {
		for _, b := range seeds[:3] {
			f.Add([]byte(a), []byte(b))
		}
	}
	all := regexp.MustCompile(`.*`)
	f.Fuzz(func(t *testing.T, a, b []byte) {
		objs := append(decodeAll(a, "a"), decodeAll(b, "b")...)
		c := testobj.Cluster(objs...)
		for _, r := range Run(c, Options{Include: all}) {
			checkWellFormed(t, r)
		}
	})
}

func checkWellFormed(t *testing.T, r result.Result) {
	t.Helper()
	if r.TestName == "" || r.Check == "" || r.Namespace == "" {
		t.Fatalf("incomplete result %+v", r)
	}
	switch r.Outcome {
	case result.Pass, result.Skip:
		if len(r.Violations) != 0 {
			t.Fatalf("%s/%s: %s with violations %+v", r.Namespace, r.Check, r.Outcome, r.Violations)
		}
	case result.Fail:
		if len(r.Violations) == 0 {
			t.Fatalf("%s/%s: fail without violations", r.Namespace, r.Check)
		}
	default:
		t.Fatalf("%s/%s: outcome %q", r.Namespace, r.Check, r.Outcome)
	}
	for _, v := range r.Violations {
		if v.Kind == "Namespace" {
			t.Fatalf("%s/%s: the check panicked: %s", r.Namespace, r.Check, v.Message)
		}
		if v.RuleKey == "" || v.Message == "" || v.Topology == "" || v.Name == "" {
			t.Fatalf("%s/%s: incomplete violation %+v", r.Namespace, r.Check, v)
		}
	}
}

// Objects with every optional field missing must not trip any check.
func TestEmptyObjectsDoNotPanic(t *testing.T) {
	c := testobj.Cluster(decodeAll([]byte(`{}`), "empty")...)
	rs := Run(c, Options{Include: regexp.MustCompile(`.*`)})
	if len(rs) != len(All()) {
		t.Fatalf("got %d results, want one per check", len(rs))
	}
	for _, r := range rs {
		checkWellFormed(t, r)
	}
}
