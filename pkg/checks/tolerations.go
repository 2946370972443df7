package checks

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Tolerations keeps platform pods drainable: a pod that tolerates every
// taint, or unreachable nodes forever, or unschedulable nodes, stays on a
// node that is being drained or is gone.
var Tolerations = Check{
	ID:    IDTolerations,
	Title: "Pods do not tolerate taints that block drains",
	Description: "Outside DaemonSets and static pods, no toleration with operator Exists and no key covers " +
		"NoExecute (effect NoExecute or empty), and no toleration of node.kubernetes.io/unreachable or " +
		"node.kubernetes.io/not-ready for NoExecute lacks tolerationSeconds. No pod at all tolerates " +
		"node.kubernetes.io/unschedulable by key. Run-once pods (Job pods, finished installer pods) are not judged.",
	Subject:    "pods",
	Should:     "not tolerate taints that block drains",
	Needs:      workloadKinds,
	Convention: conventionTolerations,
	Tier:       Extended,
	Lifecycle:  Blocking,
	Fix: "Remove the toleration; a NoExecute toleration of unreachable or not-ready nodes may instead be " +
		"bounded with tolerationSeconds (which applies to NoExecute taints only).",
	Eval: evalTolerations,
}

func evalTolerations(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	var v Verdict
	for _, w := range running(ns) {
		perNode := w.Kind == snapshot.DaemonSet || w.Kind == snapshot.StaticPod
		var problems []string
		for _, t := range w.Spec().Tolerations {
			if p := badToleration(t, perNode); p != "" {
				problems = append(problems, p)
			}
		}
		if len(problems) > 0 {
			v.add(w.Ref(), "", topologyOf(c, w), fmt.Sprintf("%s %s", w.Ref(), strings.Join(problems, "; ")))
		}
	}
	return v
}

// badToleration says what is wrong with one toleration and what to do, ""
// if nothing. perNode pods (DaemonSets, static pods) may tolerate everything.
// tolerationSeconds only bounds how long a pod stays on a node with a
// NoExecute taint, so it is the remedy for NoExecute tolerations alone.
func badToleration(t corev1.Toleration, perNode bool) string {
	noExecute := t.Effect == corev1.TaintEffectNoExecute || t.Effect == ""
	switch {
	case t.Key == corev1.TaintNodeUnschedulable:
		return "tolerates " + corev1.TaintNodeUnschedulable + " (a NoSchedule taint), so an evicted replica can be " +
			"scheduled back onto the node being drained: remove the toleration (tolerationSeconds does not apply to NoSchedule)"
	case perNode || !noExecute:
		return ""
	case t.Key == "" && t.Operator == corev1.TolerationOpExists && t.Effect == "":
		return "tolerates every taint, so it stays on nodes being drained or lost: remove the toleration, " +
			"or name the taints it needs"
	case t.Key == "" && t.Operator == corev1.TolerationOpExists:
		return "tolerates every NoExecute taint, so it stays on nodes being drained or lost: remove the toleration, " +
			"or bound it with tolerationSeconds"
	case (t.Key == corev1.TaintNodeUnreachable || t.Key == corev1.TaintNodeNotReady) && t.TolerationSeconds == nil:
		return "tolerates " + t.Key + " with no tolerationSeconds, so it is never evicted from a lost node: " +
			"set tolerationSeconds (the API's default is 300)"
	}
	return ""
}
