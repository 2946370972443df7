package checks

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// StartupProbe asks the containers that serve traffic for a startup probe.
// It is informing: the rule has the weakest authority of the health checks,
// and many owners will rightly say a slow start is not their case.
var StartupProbe = Check{
	ID:    IDStartupProbe,
	Title: "Containers that serve traffic define a startup probe (informing)",
	Description: "Every container the readiness-probe check judges also sets startupProbe, so that a slow " +
		"start is not mistaken for a hang. Published as informing.",
	Subject:    "pods",
	Should:     "define startup probes",
	Needs:      workloadKinds,
	Convention: enhancementHAPolicy,
	Tier:       Core,
	Lifecycle:  Informing,
	Since:      snapshot.Release{Major: 4, Minor: 5},
	SinceWhy:   "startupProbe is on by default from Kubernetes 1.18; alpha and off in 1.16",
	Fix:        "Add a startupProbe to the container, or an exception saying why its start is always fast.",
	Eval:       evalStartupProbe,
}

var startup = probe{
	field: "startupProbe",
	get:   func(c *corev1.Container) *corev1.Probe { return c.StartupProbe },
	why:   "so that a slow start is not taken for a hang",
}

func evalStartupProbe(c *snapshot.Cluster, ns *snapshot.Namespace) Verdict {
	return servingContainers(c, ns, startup)
}
