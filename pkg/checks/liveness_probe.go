package checks

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// LivenessProbe is the enhancement's health check: every long-running
// container can be restarted by the kubelet when it hangs.
var LivenessProbe = Check{
	ID:    IDLivenessProbe,
	Title: "Long-running containers define a liveness probe",
	Description: "Every container that runs as long as its pod (containers and sidecar init containers " +
		"with restartPolicy Always) sets livenessProbe, so that the kubelet restarts it when it hangs. " +
		"Pods that run to completion are not judged.",
	Subject:    "pods",
	Should:     "define liveness probes",
	Needs:      workloadKinds,
	Convention: enhancementHAPolicy,
	Tier:       Core,
	Lifecycle:  Blocking,
	Fix:        "Add a livenessProbe to the container.",
	Eval:       evalLivenessProbe,
}

var liveness = probe{
	field: "livenessProbe",
	get:   func(c *corev1.Container) *corev1.Probe { return c.LivenessProbe },
	why:   "so that the kubelet restarts the container when it hangs",
}

func evalLivenessProbe(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	return missingProbes(c, ns, liveness, func(w *snapshot.Workload) []*corev1.Container { return longRunning(w.Spec()) })
}
