package checks

import (
	"fmt"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// RequestsNoLimits: platform components request what they need and may
// burst beyond it, rather than being throttled or OOM-killed at a limit.
var RequestsNoLimits = Check{
	ID:    IDRequestsNoLimits,
	Title: "Containers request cpu and memory and set no limits",
	Description: "Every container requests cpu and memory, and no container (init containers included) sets " +
		"a limit other than management.workload.openshift.io/cores, as origin's resources test requires. " +
		"Init containers that run to completion need no requests; pods annotated " +
		"target.workload.openshift.io/management (workload partitioning) need no cpu request.",
	Subject:    "pods",
	Should:     "request cpu and memory without limits",
	Needs:      workloadKinds,
	Convention: conventionResources,
	Tier:       Extended,
	Lifecycle:  Blocking,
	Fix:        "Set resources.requests for cpu and memory and remove resources.limits.",
	Eval:       evalRequestsNoLimits,
}

const (
	managementCores      = "management.workload.openshift.io/cores"
	managementAnnotation = "target.workload.openshift.io/management"
)

func evalRequestsNoLimits(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	var v Verdict
	for _, w := range applicable(ns) {
		spec := w.Spec()
		needRequests := map[*corev1.Container]bool{}
		for i := range spec.Containers {
			needRequests[&spec.Containers[i]] = true
		}
		for _, ctr := range longRunning(spec) {
			needRequests[ctr] = true
		}
		partitioned := w.Template != nil && w.Template.Annotations[managementAnnotation] != ""
		for _, ctr := range allContainers(spec) {
			var problems []string
			if needRequests[ctr] {
				if missing := missingRequests(ctr, partitioned); len(missing) > 0 {
					problems = append(problems, "requests no "+strings.Join(missing, " or "))
				}
			}
			if limits := forbiddenLimits(ctr); len(limits) > 0 {
				problems = append(problems, "sets limits "+strings.Join(limits, ", "))
			}
			if len(problems) > 0 {
				v.add(w.Ref(), ctr.Name, topologyOf(c, w), fmt.Sprintf("container %s of %s %s: request cpu and memory "+
					"and remove limits", ctr.Name, w.Ref(), strings.Join(problems, " and ")))
			}
		}
	}
	return v
}

func missingRequests(ctr *corev1.Container, partitioned bool) []string {
	var out []string
	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if r == corev1.ResourceCPU && partitioned {
			continue
		}
		if q, ok := ctr.Resources.Requests[r]; !ok || q.IsZero() {
			out = append(out, string(r))
		}
	}
	return out
}

func forbiddenLimits(ctr *corev1.Container) []string {
	var out []string
	for name, q := range ctr.Resources.Limits {
		if name != managementCores {
			out = append(out, string(name)+"="+q.String())
		}
	}
	sort.Strings(out)
	return out
}
