package checks

import (
	"fmt"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Replicas is the enhancement's redundancy config: on HA topologies a
// Deployment or StatefulSet survives the loss of one replica.
var Replicas = Check{
	ID:    IDReplicas,
	Title: "Deployments and StatefulSets run at least 2 replicas",
	Description: "On HA topologies every Deployment and StatefulSet sets spec.replicas to 2 or more " +
		"(unset means 1). Not applicable on single-replica topologies or to workloads scaled to 0. " +
		"Leader-elected singletons are expected to carry a permanent exception.",
	Subject:    "deployments and statefulsets",
	Should:     "run at least two replicas",
	Needs:      []snapshot.Kind{snapshot.Deployment, snapshot.StatefulSet},
	Convention: conventionHA,
	Tier:       Core,
	Lifecycle:  Blocking,
	Fix:        "Set spec.replicas to 2 or more, or add a permanent exception that says why 1 is enough.",
	Eval:       evalReplicas,
}

func evalReplicas(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	return redundancy(c, ns, []snapshot.Kind{snapshot.Deployment, snapshot.StatefulSet},
		func(w *snapshot.Workload, t snapshot.Topology, v *Verdict) {
			if n := w.Replicas(); n < 2 {
				v.add(w.Ref(), "", t, fmt.Sprintf("%s runs %d replica: set spec.replicas to 2 or more so that it survives the loss of a node", w.Ref(), n))
			}
		})
}
