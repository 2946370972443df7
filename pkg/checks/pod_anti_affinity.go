package checks

import (
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// PodAntiAffinity keeps the replicas of a redundant workload on distinct
// nodes, so that one node going down takes one replica with it.
var PodAntiAffinity = Check{
	ID:    IDPodAntiAffinity,
	Title: "Replicas are kept on distinct nodes by pod anti-affinity",
	Description: "On HA topologies a Deployment or StatefulSet with 2 replicas has required pod " +
		"anti-affinity on kubernetes.io/hostname selecting its own pods; with 3 or more, required or " +
		"preferred. A hostname topologySpreadConstraint counts the same (DoNotSchedule with maxSkew 1 " +
		"is required, otherwise preferred). Zone and region keys count when the nodes carry them. " +
		"A host port (hostPort, or hostNetwork with container ports) counts as required anti-affinity.",
	Subject:    "deployments and statefulsets",
	Should:     "keep replicas on distinct nodes with pod anti-affinity",
	Needs:      []snapshot.Kind{snapshot.Deployment, snapshot.StatefulSet},
	Convention: conventionHA,
	Tier:       Core,
	Lifecycle:  Blocking,
	Fix: "Add a podAntiAffinity term with topologyKey kubernetes.io/hostname selecting the workload's own pods: " +
		"requiredDuringSchedulingIgnoredDuringExecution for 2 replicas, preferred is enough for 3 or more.",
	Eval: evalPodAntiAffinity,
}

func evalPodAntiAffinity(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	return redundancy(c, ns, []snapshot.Kind{snapshot.Deployment, snapshot.StatefulSet},
		func(w *snapshot.Workload, t snapshot.Topology, v *Verdict) {
			n := w.Replicas()
			if n < 2 {
				return
			}
			s := separationOf(c, ns, w)
			v.Note(s.assumed)
			var msg string
			switch {
			case n == 2 && s.level == softSeparation:
				msg = fmt.Sprintf("%s runs 2 replicas with only preferred anti-affinity, so both can land on one node: "+
					"make the term requiredDuringSchedulingIgnoredDuringExecution", w.Ref())
			case n == 2 && s.level == noSeparation:
				msg = fmt.Sprintf("%s runs 2 replicas with no pod anti-affinity on kubernetes.io/hostname: add a "+
					"requiredDuringSchedulingIgnoredDuringExecution term selecting its own pods", w.Ref())
			case s.level == noSeparation:
				msg = fmt.Sprintf("%s runs %d replicas with no pod anti-affinity on kubernetes.io/hostname: add a "+
					"preferred (or required) term selecting its own pods", w.Ref(), n)
			default:
				return
			}
			if len(s.notes) > 0 {
				msg += " (" + strings.Join(s.notes, "; ") + ")"
			}
			v.add(w.Ref(), "", t, msg)
		})
}
