package checks

import (
	policyv1 "k8s.io/api/policy/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// PDBUnhealthyPodEvictionPolicy lets drains evict pods that are not ready,
// so a crash-looping replica cannot block an upgrade.
var PDBUnhealthyPodEvictionPolicy = Check{
	ID:    IDPDBUnhealthyPodEvictionPolicy,
	Title: "PodDisruptionBudgets let unhealthy pods be evicted",
	Description: "Every PodDisruptionBudget sets spec.unhealthyPodEvictionPolicy: AlwaysAllow, so that pods " +
		"that are running but not ready never block a node drain. Origin exempts " +
		"openshift-etcd/etcd-guard-pdb; here that is an exception in data, not code.",
	Subject:    "pod disruption budgets",
	Should:     "allow eviction of unhealthy pods",
	Convention: conventionUpgrade,
	Tier:       Extended,
	Lifecycle:  Blocking,
	Needs:      []snapshot.Kind{snapshot.PodDisruptionBudget},
	Fix:        "Set spec.unhealthyPodEvictionPolicy: AlwaysAllow on the PodDisruptionBudget.",
	Eval:       evalPDBUnhealthyPodEvictionPolicy,
}

func evalPDBUnhealthyPodEvictionPolicy(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	var v Verdict
	for _, p := range ns.PDBs {
		got := "unset (IfHealthyBudget)"
		if pol := p.Spec.UnhealthyPodEvictionPolicy; pol != nil {
			if *pol == policyv1.AlwaysAllow {
				continue
			}
			got = string(*pol)
		}
		v.add(pdbRef(p), "", budgetTopology(c, covered(ns, p)), "PodDisruptionBudget/"+p.Name+
			" has unhealthyPodEvictionPolicy "+got+": set it to AlwaysAllow so that pods that are not ready never block a drain")
	}
	return v
}
