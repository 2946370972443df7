package report

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	policyv1 "k8s.io/api/policy/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Observation is a fact of this cluster at gather time that the checks do not
// judge, because it is state rather than configuration: a workload with
// replicas that are not ready, a PodDisruptionBudget that allows no eviction
// right now. It is what a support engineer tells the customer first: the
// same configuration is healthy on other clusters.
type Observation struct {
	Namespace string `json:"namespace"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	// What is one sentence: what was seen and why it matters.
	What string `json:"what"`
}

// Observe lists the not-ready workloads and the budgets that allow no
// disruption, in namespace order. A status that was never written (no
// observed generation and no counts, as in hand-made inputs) says nothing
// and is left out: missing data is never a finding, nor compliance.
func Observe(c *snapshot.Cluster) []Observation {
	var out []Observation
	for _, ns := range c.Namespaces() {
		add := func(kind, name, format string, args ...any) {
			out = append(out, Observation{Namespace: ns.Name, Kind: kind, Name: name, What: fmt.Sprintf(format, args...)})
		}
		for _, d := range ns.Deployments {
			want := replicasOf(d.Spec.Replicas)
			if s := d.Status; statusKnown(s.ObservedGeneration, s.Replicas) && want > 0 && s.ReadyReplicas < want {
				add("Deployment", d.Name, "%d of %d %s ready", s.ReadyReplicas, want, plural(int(want), "replica"))
			}
		}
		for _, s := range ns.StatefulSets {
			want := replicasOf(s.Spec.Replicas)
			if st := s.Status; statusKnown(st.ObservedGeneration, st.Replicas) && want > 0 && st.ReadyReplicas < want {
				add("StatefulSet", s.Name, "%d of %d %s ready", st.ReadyReplicas, want, plural(int(want), "replica"))
			}
		}
		for _, d := range ns.DaemonSets {
			if s := d.Status; daemonSetBehind(s) {
				add("DaemonSet", d.Name, "%d of %d pods ready", s.NumberReady, s.DesiredNumberScheduled)
			}
		}
		for _, p := range ns.PDBs {
			if s := p.Status; pdbBlocks(s) {
				add("PodDisruptionBudget", p.Name, "allows no eviction now (%d of %d pods healthy, %d needed): a node drain or upgrade waits on it",
					s.CurrentHealthy, s.ExpectedPods, s.DesiredHealthy)
			}
		}
	}
	return out
}

func replicasOf(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}

// statusKnown tells a written status from an empty one.
func statusKnown(generation int64, replicas int32) bool { return generation > 0 || replicas > 0 }

func daemonSetBehind(s appsv1.DaemonSetStatus) bool {
	return s.DesiredNumberScheduled > 0 && s.NumberReady < s.DesiredNumberScheduled
}

func pdbBlocks(s policyv1.PodDisruptionBudgetStatus) bool {
	return s.ExpectedPods > 0 && s.DisruptionsAllowed == 0
}
