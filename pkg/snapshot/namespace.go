package snapshot

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
)

// Namespace holds every object of one namespace and the workloads built from
// them. Slices are sorted by name.
type Namespace struct {
	Name   string
	Object *corev1.Namespace // nil when the input had no Namespace object
	// Collected is true when the namespace's workload data was gathered in full
	// (a must-gather namespace folder with its Namespace and core/pods.yaml, or
	// any namespace of a cluster-wide gather-extra). A partial namespace holds
	// only some objects (leases, OLM) and its checks have no data.
	Collected bool

	Pods         []*corev1.Pod
	Deployments  []*appsv1.Deployment
	StatefulSets []*appsv1.StatefulSet
	DaemonSets   []*appsv1.DaemonSet
	ReplicaSets  []*appsv1.ReplicaSet
	// PDBs are policy/v1; policy/v1beta1 budgets are converted on load.
	PDBs     []*policyv1.PodDisruptionBudget
	Services []*corev1.Service

	workloads []*Workload
}

// Workloads returns the workloads of the given kinds (all when none given),
// in a stable order: by kind as given, then name.
func (n *Namespace) Workloads(kinds ...Kind) []*Workload {
	if len(kinds) == 0 {
		return n.workloads
	}
	var out []*Workload
	for _, k := range kinds {
		for _, w := range n.workloads {
			if w.Kind == k {
				out = append(out, w)
			}
		}
	}
	return out
}
