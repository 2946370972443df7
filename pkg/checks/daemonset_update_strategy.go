package checks

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// DaemonSetUpdateStrategy makes node-wide DaemonSets roll out fast enough
// on large clusters and gently enough on small ones.
var DaemonSetUpdateStrategy = Check{
	ID:    IDDaemonSetUpdateStrategy,
	Title: "DaemonSets roll out 10% or 33% of nodes at a time",
	Description: "A DaemonSet not pinned to control-plane nodes uses the RollingUpdate strategy with " +
		"maxUnavailable 10% (33% when it affects no other workload), or maxSurge 10%, as origin's " +
		"daemon_set test requires. Origin excepts openshift-multus/cni-sysctl-allowlist-ds; here that " +
		"is an exception in data, not code.",
	Subject:    "daemonsets",
	Should:     "update at most 10% or 33% of nodes at a time",
	Needs:      []snapshot.Kind{snapshot.DaemonSet},
	Convention: originDaemonSetTest,
	Tier:       Extended,
	Lifecycle:  Blocking,
	Fix:        "Set updateStrategy.rollingUpdate.maxUnavailable to 10% (or 33%), or maxSurge to 10%.",
	Eval:       evalDaemonSetUpdateStrategy,
}

func evalDaemonSetUpdateStrategy(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	var v Verdict
	for _, w := range applicable(ns, snapshot.DaemonSet) {
		d, ok := w.Object.(*appsv1.DaemonSet)
		if !ok || snapshot.PinnedToControlPlane(w.Spec()) {
			continue
		}
		us := d.Spec.UpdateStrategy
		if us.Type == appsv1.OnDeleteDaemonSetStrategyType {
			v.add(w.Ref(), "", topologyOf(c, w), fmt.Sprintf("%s uses the OnDelete strategy, so upgrades never replace "+
				"its pods: use RollingUpdate with maxUnavailable 10%%", w.Ref()))
			continue
		}
		var mu, ms *intstr.IntOrString
		if ru := us.RollingUpdate; ru != nil {
			mu, ms = ru.MaxUnavailable, ru.MaxSurge
		}
		if percent(mu, "10%", "33%") || percent(ms, "10%") {
			continue
		}
		got := "1 (the default)"
		if mu != nil {
			got = mu.String()
		}
		v.add(w.Ref(), "", topologyOf(c, w), fmt.Sprintf("%s rolls out with maxUnavailable %s: set it to 10%% "+
			"(33%% if it affects no other workload), or maxSurge to 10%%", w.Ref(), got))
	}
	return v
}

// percent reports whether v is one of the given percentage strings.
func percent(v *intstr.IntOrString, allowed ...string) bool {
	if v == nil || v.Type != intstr.String {
		return false
	}
	for _, a := range allowed {
		if v.StrVal == a {
			return true
		}
	}
	return false
}
