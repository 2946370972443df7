package checks

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// RolloutStrategy keeps a redundant Deployment serving during a rollout. It
// is informing.
var RolloutStrategy = Check{
	ID:    IDRolloutStrategy,
	Title: "Redundant Deployments roll out without downtime (informing)",
	Description: "A Deployment with 2 or more replicas does not use the Recreate strategy. With hard " +
		"anti-affinity (required on hostname, a DoNotSchedule spread constraint or a host port) its " +
		"maxUnavailable must not resolve to 0 pods: Deployments round maxUnavailable down (25% of 2 " +
		"is 0), and the surge pod has no free node to start on, so the rollout stalls. Published as informing.",
	Subject:    "deployments",
	Should:     "roll out without downtime",
	Needs:      []snapshot.Kind{snapshot.Deployment},
	Convention: conventionHA,
	Tier:       Extended,
	Lifecycle:  Informing,
	Fix:        "Use the RollingUpdate strategy, with maxUnavailable of at least 1 pod when anti-affinity is required.",
	Eval:       evalRolloutStrategy,
}

func evalRolloutStrategy(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	var v Verdict
	for _, w := range applicable(ns, snapshot.Deployment) {
		d, ok := w.Object.(*appsv1.Deployment)
		n := w.Replicas()
		if !ok || n < 2 {
			continue
		}
		t := topologyOf(c, w)
		if d.Spec.Strategy.Type == appsv1.RecreateDeploymentStrategyType {
			v.add(w.Ref(), "", t, fmt.Sprintf("%s uses the Recreate strategy, which stops every replica before "+
				"starting new ones: use RollingUpdate", w.Ref()))
			continue
		}
		if s := separationOf(c, ns, w); s.level != hardSeparation {
			continue
		}
		_, unavailable, err := rollingFenceposts(d.Spec.Strategy.RollingUpdate, n)
		switch {
		case err != nil:
			v.add(w.Ref(), "", t, fmt.Sprintf("%s has an invalid rolling update (%v): set maxUnavailable to 1", w.Ref(), err))
		case unavailable == 0:
			v.add(w.Ref(), "", t, fmt.Sprintf("%s keeps its %d replicas on distinct nodes but maxUnavailable resolves to 0 pods, "+
				"so a rollout waits for a free node for the surge pod: set maxUnavailable to 1", w.Ref(), n))
		}
	}
	return v
}
