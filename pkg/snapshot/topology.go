package snapshot

import (
	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
)

// Class groups topology modes by what the HA conventions demand of them.
type Class string

const (
	// ClassHA covers HighlyAvailable, HighlyAvailableArbiter and DualReplica:
	// platform workloads must survive the loss of one node.
	ClassHA Class = "HA"
	// ClassSNO is single-node OpenShift: the replicas needed are always 1.
	ClassSNO Class = "SNO"
	// ClassExternal is a hosted control plane: the control plane runs elsewhere.
	ClassExternal Class = "External"
)

// Topology is the topology mode that applies to one workload, with where the
// value came from so that outputs can say why a check applied.
type Topology struct {
	// Mode is the Infrastructure topology mode, e.g. HighlyAvailable.
	Mode configv1.TopologyMode
	// Field is "controlPlaneTopology", "infrastructureTopology" or "override".
	Field string
	// Assumed is true when the input had no value and HA was assumed.
	Assumed bool
}

// Class maps the mode onto the class that decides which checks apply. Unknown
// and empty modes count as HA: clusters before 4.6 have no topology fields.
func (t Topology) Class() Class {
	switch t.Mode {
	case configv1.SingleReplicaTopologyMode:
		return ClassSNO
	case configv1.ExternalTopologyMode:
		return ClassExternal
	default:
		return ClassHA
	}
}

// SingleReplica reports whether redundancy checks do not apply.
func (t Topology) SingleReplica() bool { return t.Class() == ClassSNO }

// String renders the topology for reports, e.g.
// "HighlyAvailable (controlPlaneTopology)" or "HighlyAvailable (assumed: no Infrastructure in input)".
func (t Topology) String() string {
	if t.Assumed {
		return string(t.Mode) + " (assumed: no topology in input)"
	}
	return string(t.Mode) + " (" + t.Field + ")"
}

// Topologies is the pair of modes a cluster declares, plus an optional
// user override that wins over both.
type Topologies struct {
	ControlPlane   configv1.TopologyMode
	Infrastructure configv1.TopologyMode
	Override       configv1.TopologyMode
}

// controlPlaneRoleLabels are the node-role labels a nodeSelector uses to pin a
// workload to control-plane nodes.
var controlPlaneRoleLabels = []string{
	"node-role.kubernetes.io/master",
	"node-role.kubernetes.io/control-plane",
}

// For resolves the topology of a pod spec: control-plane topology when the
// spec is pinned to control-plane nodes, infrastructure topology otherwise.
func (t Topologies) For(spec *corev1.PodSpec) Topology {
	if t.Override != "" {
		return Topology{Mode: t.Override, Field: "override"}
	}
	mode, field := t.Infrastructure, "infrastructureTopology"
	if spec != nil && PinnedToControlPlane(spec) {
		mode, field = t.ControlPlane, "controlPlaneTopology"
	}
	if mode == "" {
		return Topology{Mode: configv1.HighlyAvailableTopologyMode, Field: field, Assumed: true}
	}
	return Topology{Mode: mode, Field: field}
}

// PinnedToControlPlane reports whether the spec's nodeSelector targets
// control-plane nodes.
func PinnedToControlPlane(spec *corev1.PodSpec) bool {
	for _, l := range controlPlaneRoleLabels {
		if _, ok := spec.NodeSelector[l]; ok {
			return true
		}
	}
	return false
}
