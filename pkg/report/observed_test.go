package report

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestObserve(t *testing.T) {
	two := int32(2)
	meta := func(name string) metav1.ObjectMeta {
		return metav1.ObjectMeta{Name: name, Namespace: "openshift-monitoring"}
	}
	b := snapshot.NewBuilder()
	b.Add(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "openshift-monitoring"}}, "ns.yaml", true)
	b.MarkCollected("openshift-monitoring")
	for _, obj := range []any{
		&appsv1.Deployment{ObjectMeta: meta("half"), Spec: appsv1.DeploymentSpec{Replicas: &two},
			Status: appsv1.DeploymentStatus{ObservedGeneration: 3, Replicas: 2, ReadyReplicas: 1}},
		&appsv1.Deployment{ObjectMeta: meta("ready"), Spec: appsv1.DeploymentSpec{Replicas: &two},
			Status: appsv1.DeploymentStatus{ObservedGeneration: 3, Replicas: 2, ReadyReplicas: 2}},
		// No status at all (a hand-made input): says nothing, so no finding.
		&appsv1.Deployment{ObjectMeta: meta("no-status"), Spec: appsv1.DeploymentSpec{Replicas: &two}},
		&appsv1.StatefulSet{ObjectMeta: meta("prometheus-k8s"), Spec: appsv1.StatefulSetSpec{Replicas: &two},
			Status: appsv1.StatefulSetStatus{ObservedGeneration: 1, Replicas: 2, ReadyReplicas: 0}},
		&appsv1.DaemonSet{ObjectMeta: meta("node-exporter"), Status: appsv1.DaemonSetStatus{DesiredNumberScheduled: 6, NumberReady: 5}},
		&policyv1.PodDisruptionBudget{ObjectMeta: meta("blocking"), Status: policyv1.PodDisruptionBudgetStatus{
			ExpectedPods: 2, CurrentHealthy: 1, DesiredHealthy: 1, DisruptionsAllowed: 0}},
		&policyv1.PodDisruptionBudget{ObjectMeta: meta("fine"), Status: policyv1.PodDisruptionBudgetStatus{
			ExpectedPods: 2, CurrentHealthy: 2, DesiredHealthy: 1, DisruptionsAllowed: 1}},
	} {
		b.Add(obj, "objects.yaml", true)
	}
	var got []string
	for _, o := range Observe(b.Build()) {
		got = append(got, o.Kind+"/"+o.Name+": "+o.What)
	}
	want := []string{
		"Deployment/half: 1 of 2 replicas ready",
		"StatefulSet/prometheus-k8s: 0 of 2 replicas ready",
		"DaemonSet/node-exporter: 5 of 6 pods ready",
		"PodDisruptionBudget/blocking: allows no eviction now (1 of 2 pods healthy, 1 needed): a node drain or upgrade waits on it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("observed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
