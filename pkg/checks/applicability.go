package checks

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// Skip reasons shared by several checks. They are part of the outputs: keep
// them stable.
const (
	reasonSingleReplica = "single-replica topology: one replica is by design"
	reasonExternal      = "external topology: the control plane runs outside this cluster"
	noteAssumedHA       = "topology unknown (no Infrastructure topology in input): evaluated as HighlyAvailable"
)

// workloadKinds are the kinds workloads are built from: a check that judges
// every workload needs all of them (a lost pods.yaml hides bare and static
// pods as a lost deployments.yaml hides Deployments).
var workloadKinds = []snapshot.Kind{snapshot.Deployment, snapshot.StatefulSet, snapshot.DaemonSet, snapshot.Pod}

// applicable returns the workloads of kinds (every kind when none given),
// leaving out Deployments and StatefulSets scaled to 0: they run nothing.
func applicable(ns *snapshot.Namespace, kinds ...snapshot.Kind) []*snapshot.Workload {
	var out []*snapshot.Workload
	for _, w := range ns.Workloads(kinds...) {
		if (w.Kind == snapshot.Deployment || w.Kind == snapshot.StatefulSet) && w.Replicas() == 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}

// running returns the applicable workloads of kinds that run for as long as
// the cluster, leaving out run-once workloads (Job pods, finished installer
// pods): checks about running behaviour have nothing to judge in them.
func running(ns *snapshot.Namespace, kinds ...snapshot.Kind) []*snapshot.Workload {
	var out []*snapshot.Workload
	for _, w := range applicable(ns, kinds...) {
		if !w.RunOnce() {
			out = append(out, w)
		}
	}
	return out
}

// redundancy judges the workloads of kinds that the HA class covers, with
// the topology each was judged under. Workloads under the SNO or External
// class are not judged; when nothing is judged because of the topology, or
// the whole cluster is single-replica, the verdict is a skip saying so. An
// assumed topology is noted in the verdict's reason.
func redundancy(c *snapshot.Cluster, ns *snapshot.Namespace, kinds []snapshot.Kind,
	judge func(w *snapshot.Workload, t snapshot.Topology, v *Verdict)) Verdict {
	var (
		v      Verdict
		judged bool
		skip   string
	)
	for _, w := range applicable(ns, kinds...) {
		t := c.Topologies.For(w.Spec())
		if r := notHA(t); r != "" {
			skip = r
			continue
		}
		judged = true
		if t.Assumed {
			v.Note(assumedNote(t))
		}
		judge(w, t, &v)
	}
	if judged {
		return v
	}
	if skip != "" {
		return Skip(skip)
	}
	if r := clusterNotHA(c); r != "" {
		return Skip(r)
	}
	return v
}

// assumedNote is the note of a verdict judged under an assumed topology.
func assumedNote(t snapshot.Topology) string {
	if t.Declared != "" {
		return fmt.Sprintf("topology unknown (%s %q is not a known topology): evaluated as HighlyAvailable", t.Field, t.Declared)
	}
	return noteAssumedHA
}

// notHA is the skip reason of a topology the redundancy rules do not cover,
// "" for the HA class.
func notHA(t snapshot.Topology) string {
	switch t.Class() {
	case snapshot.ClassSNO:
		return reasonSingleReplica
	case snapshot.ClassExternal:
		return reasonExternal
	}
	return ""
}

// clusterNotHA is the skip reason when neither control-plane nor other
// workloads could be judged by the redundancy rules on this cluster, so a
// namespace with nothing to judge is not reported as passing them.
func clusterNotHA(c *snapshot.Cluster) string {
	worker := notHA(c.Topologies.For(&corev1.PodSpec{}))
	master := notHA(c.Topologies.For(&corev1.PodSpec{NodeSelector: map[string]string{"node-role.kubernetes.io/master": ""}}))
	if worker != "" && master != "" {
		return worker
	}
	return ""
}

// topologyOf is the topology a workload is judged under.
func topologyOf(c *snapshot.Cluster, w *snapshot.Workload) snapshot.Topology {
	return c.Topologies.For(w.Spec())
}
