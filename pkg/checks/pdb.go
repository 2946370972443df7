package checks

import (
	"fmt"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// PDB makes voluntary disruptions (node drains in upgrades) respect the
// redundancy of a workload.
var PDB = Check{
	ID:    IDPDB,
	Title: "Redundant workloads are covered by a PodDisruptionBudget",
	Description: "On HA topologies every Deployment and StatefulSet with 2 or more replicas is selected by " +
		"a PodDisruptionBudget of its namespace (a non-nil selector matching its pod template's labels), " +
		"so that drains never take down all replicas at once.",
	Subject:    "deployments and statefulsets",
	Should:     "be covered by a PodDisruptionBudget",
	Needs:      []snapshot.Kind{snapshot.PodDisruptionBudget, snapshot.Deployment, snapshot.StatefulSet},
	Convention: conventionUpgrade,
	Tier:       Core,
	Lifecycle:  Blocking,
	Fix:        "Add a PodDisruptionBudget with maxUnavailable: 1 whose selector matches the workload's pod labels.",
	Eval:       evalPDB,
}

func evalPDB(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	return redundancy(c, ns, []snapshot.Kind{snapshot.Deployment, snapshot.StatefulSet},
		func(w *snapshot.Workload, t snapshot.Topology, v *Verdict) {
			if w.Replicas() < 2 {
				return
			}
			for _, p := range ns.PDBs {
				if selects(p.Spec.Selector, w.Labels()) {
					return
				}
			}
			v.add(w.Ref(), "", t, fmt.Sprintf("%s runs %d replicas and no PodDisruptionBudget selects its pods: "+
				"add one with maxUnavailable: 1 so that drains keep a replica running", w.Ref(), w.Replicas()))
		})
}
