// Package testobj builds Kubernetes objects and snapshots in one line for
// tests: testobj.Cluster(testobj.Deploy("ns", "a", testobj.Replicas(2))).
// Every builder starts from a minimal valid object (labels app=<name>, one
// container "main" with nothing set) and options add what a case needs.
package testobj

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Opt changes an object under construction. Options that do not apply to
// the object's kind leave it unchanged.
type Opt func(obj any)

// podHash is the pod-template-hash of every ReplicaSet testobj invents.
const podHash = "5d5c4748d4"

func apply(obj any, opts []Opt) {
	for _, o := range opts {
		o(obj)
	}
}

func meta(ns, name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Namespace: ns, Name: name}
}

func template(name string) corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": name}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "example.com/img"}}},
	}
}

func selector(name string) *metav1.LabelSelector {
	return &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}}
}

// Deploy builds a Deployment with nil replicas (one replica).
func Deploy(ns, name string, opts ...Opt) *appsv1.Deployment {
	d := &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: meta(ns, name),
		Spec:       appsv1.DeploymentSpec{Selector: selector(name), Template: template(name)},
	}
	apply(d, opts)
	return d
}

// StatefulSet builds a StatefulSet with nil replicas (one replica).
func StatefulSet(ns, name string, opts ...Opt) *appsv1.StatefulSet {
	s := &appsv1.StatefulSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: meta(ns, name),
		Spec:       appsv1.StatefulSetSpec{Selector: selector(name), Template: template(name)},
	}
	apply(s, opts)
	return s
}

// DaemonSet builds a DaemonSet with no update strategy set.
func DaemonSet(ns, name string, opts ...Opt) *appsv1.DaemonSet {
	d := &appsv1.DaemonSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
		ObjectMeta: meta(ns, name),
		Spec:       appsv1.DaemonSetSpec{Selector: selector(name), Template: template(name)},
	}
	apply(d, opts)
	return d
}

// Pod builds a bare pod (no owner), running.
func Pod(ns, name string, opts ...Opt) *corev1.Pod {
	t := template(name)
	p := &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: t.Labels},
		Spec:       t.Spec,
		Status:     corev1.PodStatus{Phase: corev1.PodRunning},
	}
	apply(p, opts)
	return p
}

// StaticPod builds the mirror pod of static pod name on node: named
// "<name>-<node>", annotated kubernetes.io/config.mirror, owned by the Node.
func StaticPod(ns, name, node string, opts ...Opt) *corev1.Pod {
	p := Pod(ns, name+"-"+node, opts...)
	p.Labels = map[string]string{"app": name}
	if p.Annotations == nil {
		p.Annotations = map[string]string{}
	}
	p.Annotations["kubernetes.io/config.mirror"] = "hash"
	p.Spec.NodeName = node
	return p
}

// PodsOf builds one running pod of workload w (a Deployment, StatefulSet or
// DaemonSet built here) on each of nodes, owned the way its controller owns
// them. An empty node name makes a pending, unscheduled pod.
func PodsOf(w any, nodes ...string) []any {
	var (
		m     metav1.ObjectMeta
		t     corev1.PodTemplateSpec
		owner metav1.OwnerReference
		hash  string
	)
	yes := true
	switch o := w.(type) {
	case *appsv1.Deployment:
		m, t, hash = o.ObjectMeta, o.Spec.Template, podHash
		owner = metav1.OwnerReference{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: o.Name + "-" + podHash, Controller: &yes}
	case *appsv1.StatefulSet:
		m, t = o.ObjectMeta, o.Spec.Template
		owner = metav1.OwnerReference{APIVersion: "apps/v1", Kind: "StatefulSet", Name: o.Name, Controller: &yes}
	case *appsv1.DaemonSet:
		m, t = o.ObjectMeta, o.Spec.Template
		owner = metav1.OwnerReference{APIVersion: "apps/v1", Kind: "DaemonSet", Name: o.Name, Controller: &yes}
	default:
		return nil
	}
	var out []any
	for i, node := range nodes {
		labels := map[string]string{}
		for k, v := range t.Labels {
			labels[k] = v
		}
		name := fmt.Sprintf("%s-%d", m.Name, i)
		if hash != "" {
			labels["pod-template-hash"] = hash
			name = fmt.Sprintf("%s-%s-%d", m.Name, hash, i)
		}
		p := &corev1.Pod{
			TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
			ObjectMeta: metav1.ObjectMeta{Namespace: m.Namespace, Name: name, Labels: labels,
				OwnerReferences: []metav1.OwnerReference{owner}},
			Spec:   *t.Spec.DeepCopy(),
			Status: corev1.PodStatus{Phase: corev1.PodRunning},
		}
		p.Spec.NodeName = node
		if node == "" {
			p.Status.Phase = corev1.PodPending
		}
		out = append(out, p)
	}
	return out
}
