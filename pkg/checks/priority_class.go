package checks

import (
	"fmt"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// PriorityClass keeps platform pods from being scheduled late or preempted
// by user workloads.
var PriorityClass = Check{
	ID:    IDPriorityClass,
	Title: "Platform pods use a platform priority class",
	Description: "Every workload in a platform namespace sets spec.priorityClassName to a system-* class " +
		"(system-cluster-critical, system-node-critical) or openshift-user-critical, as origin's " +
		"priorityclasses test requires.",
	Subject:    "pods",
	Should:     "use a system or openshift-user-critical priority class",
	Needs:      workloadKinds,
	Convention: conventionPriority,
	Tier:       Extended,
	Lifecycle:  Blocking,
	Fix:        "Set spec.priorityClassName to system-cluster-critical, system-node-critical or openshift-user-critical.",
	Eval:       evalPriorityClass,
}

func evalPriorityClass(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	var v Verdict
	for _, w := range applicable(ns) {
		pc := w.Spec().PriorityClassName
		if strings.HasPrefix(pc, "system-") || strings.EqualFold(pc, "openshift-user-critical") {
			continue
		}
		got := fmt.Sprintf("priority class %q", pc)
		if pc == "" {
			got = "no priority class"
		}
		v.add(w.Ref(), "", topologyOf(c, w), fmt.Sprintf("%s has %s: set spec.priorityClassName to "+
			"system-cluster-critical, system-node-critical or openshift-user-critical", w.Ref(), got))
	}
	return v
}
