package checks

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// ReadinessProbe is the enhancement's health check for containers that
// serve traffic: a Service routes only to replicas that are ready.
var ReadinessProbe = Check{
	ID:    IDReadinessProbe,
	Title: "Containers that serve traffic define a readiness probe",
	Description: "Every long-running container that serves traffic sets readinessProbe, so that Services " +
		"route only to ready replicas. A container serves traffic when it declares a port not named " +
		"metrics or https-metrics, or when a Service selecting its pods has a port (not a metrics one) " +
		"whose targetPort resolves to it [proposal].",
	Subject:    "pods",
	Should:     "define readiness probes",
	Needs:      workloadKinds,
	Convention: enhancementHAPolicy,
	Tier:       Core,
	Lifecycle:  Blocking,
	Fix:        "Add a readinessProbe to the container.",
	Eval:       evalReadinessProbe,
}

var readiness = probe{
	field: "readinessProbe",
	get:   func(c *corev1.Container) *corev1.Probe { return c.ReadinessProbe },
	why:   "so that Services send traffic only to ready replicas",
}

func evalReadinessProbe(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	return servingContainers(c, ns, readiness)
}
