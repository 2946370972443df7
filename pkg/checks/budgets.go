package checks

import (
	policyv1 "k8s.io/api/policy/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// pdbRef identifies a PodDisruptionBudget in violations and rule keys.
func pdbRef(p *policyv1.PodDisruptionBudget) snapshot.Ref {
	return snapshot.Ref{APIVersion: "policy/v1", Kind: snapshot.PodDisruptionBudget, Namespace: p.Namespace, Name: p.Name}
}

// covered returns the Deployments and StatefulSets (not scaled to 0) whose
// pods the budget selects. Static and DaemonSet pods are left out: drains
// do not evict them.
func covered(ns *snapshot.Namespace, p *policyv1.PodDisruptionBudget) []*snapshot.Workload {
	var out []*snapshot.Workload
	for _, w := range applicable(ns, snapshot.Deployment, snapshot.StatefulSet) {
		if selects(p.Spec.Selector, w.Labels()) {
			out = append(out, w)
		}
	}
	return out
}

// budgetTopology is the topology a budget is judged under: that of the first
// workload it covers, else the cluster's infrastructure topology.
func budgetTopology(c *snapshot.Cluster, ws []*snapshot.Workload) snapshot.Topology {
	if len(ws) > 0 {
		return topologyOf(c, ws[0])
	}
	return c.Topologies.For(nil)
}
