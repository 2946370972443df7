package snapshot

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Workload is one thing the checks judge: a Deployment, StatefulSet or
// DaemonSet by its pod template, a bare Pod, or a static pod (all its mirror
// pods under one name). Pods are the live pods it owns, for runtime facts.
type Workload struct {
	Kind       Kind
	APIVersion string // "apps/v1" for controllers, "v1" for pods
	Namespace  string
	Name       string // normalised: static pods drop their "-<node>" suffix
	// Template is the pod template that is the source of truth. For bare and
	// static pods it is built from the pod's own metadata and spec.
	Template *corev1.PodTemplateSpec
	// Selector is the controller's label selector; nil for pods.
	Selector *metav1.LabelSelector
	// Object is the typed object this workload was built from.
	Object any
	// Pods are the live pods owned by this workload, sorted by name.
	Pods []*corev1.Pod
	// Source is the input file the object was read from.
	Source string

	replicas *int32
}

// Replicas is the desired replica count: spec.replicas with nil as 1 for
// Deployments and StatefulSets, the number of live pods for DaemonSets and
// static pods, and 1 for a bare pod.
func (w *Workload) Replicas() int32 {
	switch w.Kind {
	case Deployment, StatefulSet:
		if w.replicas == nil {
			return 1
		}
		return *w.replicas
	case DaemonSet, StaticPod:
		return int32(len(w.Pods))
	default:
		return 1
	}
}

// Spec is the pod spec of the template; never nil.
func (w *Workload) Spec() *corev1.PodSpec {
	if w.Template == nil {
		return &corev1.PodSpec{}
	}
	return &w.Template.Spec
}

// Labels are the pod template's labels.
func (w *Workload) Labels() map[string]string {
	if w.Template == nil {
		return nil
	}
	return w.Template.Labels
}

// Ref identifies the workload in violations and rule keys.
func (w *Workload) Ref() Ref {
	return Ref{APIVersion: w.APIVersion, Kind: w.Kind, Namespace: w.Namespace, Name: w.Name}
}

// Ref identifies a workload across runs: the name is normalised so that the
// same workload has the same Ref in every must-gather of that cluster.
type Ref struct {
	APIVersion string
	Kind       Kind
	Namespace  string
	Name       string
}

// String renders "Kind/name".
func (r Ref) String() string { return string(r.Kind) + "/" + r.Name }

// RuleKey is the stable key of one rule on one workload (and container), e.g.
// apps/v1/Deployment/openshift-console/downloads/container/download-server/readiness-probe.
// Exceptions can be written from it.
func (r Ref) RuleKey(container, check string) string {
	k := r.APIVersion + "/" + string(r.Kind) + "/" + r.Namespace + "/" + r.Name
	if container != "" {
		k += "/container/" + container
	}
	return k + "/" + check
}

// RunOnce reports whether the workload runs to completion rather than for as
// long as the cluster: the pods of a Job, or bare pods that have all finished
// (phase Succeeded or Failed) or are made to finish (restartPolicy Never or
// OnFailure), such as the installer and revision-pruner pods of static-pod
// operators, even while one is still running. Checks about running behaviour (probes,
// tolerations, spread) do not judge them; checks about scheduling and
// resources (priority class, requests) do, as origin's tests do.
func (w *Workload) RunOnce() bool {
	switch {
	case w.Kind == Job:
		return true
	case w.Kind != Pod || len(w.Pods) == 0:
		return false
	}
	for _, p := range w.Pods {
		finished := p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
		completes := p.Spec.RestartPolicy == corev1.RestartPolicyNever || p.Spec.RestartPolicy == corev1.RestartPolicyOnFailure
		if !finished && !completes {
			return false
		}
	}
	return true
}
