package checks

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// probe names one probe field of a container for the probe checks.
type probe struct {
	field string // livenessProbe, readinessProbe, startupProbe
	get   func(*corev1.Container) *corev1.Probe
	why   string // what the probe buys, for messages
}

// missingProbes reports every container of the namespace's workloads, as
// picked by containers, that lacks the probe.
func missingProbes(c *snapshot.Cluster, ns *snapshot.Namespace, p probe,
	containers func(*snapshot.Workload) []*corev1.Container) Verdict {
	var v Verdict
	for _, w := range running(ns) {
		t := topologyOf(c, w)
		for _, ctr := range containers(w) {
			if p.get(ctr) == nil {
				v.add(w.Ref(), ctr.Name, t, fmt.Sprintf("container %s of %s has no %s: add one %s",
					ctr.Name, w.Ref(), p.field, p.why))
			}
		}
	}
	return v
}

// servingContainers judges the containers that serve traffic and notes when
// Services were not in the input, so only container ports could tell; it
// skips when the namespace's Services were only partly read.
func servingContainers(c *snapshot.Cluster, ns *snapshot.Namespace, p probe) Verdict {
	// Services missing by design leave the ports to decide; Services lost
	// from a broken file could hide a served container, so that is no data.
	if lost, ok := c.Partial(ns.Name, snapshot.Service); ok && !c.Missing(snapshot.Service) {
		return Skip(ReasonPartial(lost))
	}
	v := missingProbes(c, ns, p, func(w *snapshot.Workload) []*corev1.Container { return serving(w, ns.Services) })
	if c.Missing(snapshot.Service) {
		v.Note("no Services in input: serving containers were found by their ports only")
	}
	return v
}
