package checks

import (
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// PDBAllowsDisruption catches budgets that can never be satisfied: a drain
// then waits forever and the upgrade stalls.
var PDBAllowsDisruption = Check{
	ID:    IDPDBAllowsDisruption,
	Title: "PodDisruptionBudgets allow at least one eviction",
	Description: "At the full replica count of the Deployments and StatefulSets it selects, every " +
		"PodDisruptionBudget allows at least one eviction, resolved as Kubernetes does (percentages of " +
		"minAvailable and maxUnavailable round up). This holds on every topology: on single-node " +
		"clusters a budget with minAvailable >= 1 or maxUnavailable: 0 over one replica blocks drains " +
		"and upgrades.",
	Subject:    "pod disruption budgets",
	Should:     "allow at least one eviction",
	Needs:      []snapshot.Kind{snapshot.PodDisruptionBudget, snapshot.Deployment, snapshot.StatefulSet},
	Convention: conventionUpgrade,
	Tier:       Extended,
	Lifecycle:  Blocking,
	Fix:        "Lower minAvailable or raise maxUnavailable so that one pod can be evicted at full strength.",
	Eval:       evalPDBAllowsDisruption,
}

func evalPDBAllowsDisruption(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	var v Verdict
	for _, p := range ns.PDBs {
		ws := covered(ns, p)
		if len(ws) == 0 {
			continue
		}
		total := 0
		names := make([]string, 0, len(ws))
		for _, w := range ws {
			total += int(w.Replicas())
			names = append(names, w.Ref().String())
		}
		t := budgetTopology(c, ws)
		allowed, err := disruptionsAllowed(p.Spec, total)
		switch {
		case err != nil:
			v.add(pdbRef(p), "", t, fmt.Sprintf("PodDisruptionBudget/%s has an invalid budget (%v): "+
				"the disruption controller then allows no eviction", p.Name, err))
		case allowed < 1:
			v.add(pdbRef(p), "", t, fmt.Sprintf("PodDisruptionBudget/%s (%s) allows no eviction of the %d pods of %s "+
				"at full strength, so a node drain blocks: lower minAvailable or raise maxUnavailable",
				p.Name, budget(p.Spec), total, strings.Join(names, ", ")))
		}
	}
	return v
}
