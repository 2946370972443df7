package checks

import (
	"regexp"

	policyv1 "k8s.io/api/policy/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// PDBUnhealthyPodEvictionPolicy lets drains evict pods that are not ready,
// so a crash-looping replica cannot block an upgrade.
var PDBUnhealthyPodEvictionPolicy = Check{
	ID:    IDPDBUnhealthyPodEvictionPolicy,
	Title: "PodDisruptionBudgets let unhealthy pods be evicted",
	Description: "Every PodDisruptionBudget in the namespaces openshift and openshift-* sets " +
		"spec.unhealthyPodEvictionPolicy: AlwaysAllow, so that pods that are running but not ready never block " +
		"a node drain. Informing, as origin's pdbunhealthypodevictionpolicy monitor test publishes it (a flake, " +
		"never a failure), and only in the namespaces it judges: other namespaces skip. Clusters before " +
		"OpenShift 4.18 skip. Origin exempts openshift-etcd/etcd-guard-pdb; here that is a baseline exception.",
	Subject:    "pod disruption budgets",
	Should:     "allow eviction of unhealthy pods",
	Convention: originPDBPolicyTest,
	Tier:       Extended,
	Lifecycle:  Informing,
	Needs:      []snapshot.Kind{snapshot.PodDisruptionBudget},
	Since:      snapshot.Release{Major: 4, Minor: 18},
	SinceWhy:   "spec.unhealthyPodEvictionPolicy is GA from Kubernetes 1.31; alpha in 1.26",
	Fix:        "Set spec.unhealthyPodEvictionPolicy: AlwaysAllow on the PodDisruptionBudget.",
	Eval:       evalPDBUnhealthyPodEvictionPolicy,
}

// openshiftNamespace is the scope of origin's monitor test: openshift and
// openshift-*; the must-gather's own namespaces are never judged anyway.
var openshiftNamespace = regexp.MustCompile(`^openshift(-.*)?$`)

// reasonOutsideOriginScope is the skip reason of a namespace origin's
// monitor test does not judge.
const reasonOutsideOriginScope = "origin judges this rule only in the namespaces openshift and openshift-*"

func evalPDBUnhealthyPodEvictionPolicy(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	if !openshiftNamespace.MatchString(ns.Name) {
		return Skip(reasonOutsideOriginScope)
	}
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
