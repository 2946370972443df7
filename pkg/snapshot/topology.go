package snapshot

import (
	"fmt"
	"slices"

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
	// Assumed is true when the input had no value, or one that is not a
	// known topology mode, and HA was assumed.
	Assumed bool
	// Declared is the value the input gave when it is not a known topology
	// mode (e.g. "MegaAvailable"); Mode is then HighlyAvailable, assumed.
	Declared configv1.TopologyMode
}

// knownModes are the topology modes of config.openshift.io/v1.
var knownModes = []configv1.TopologyMode{configv1.HighlyAvailableTopologyMode, configv1.HighlyAvailableArbiterMode,
	configv1.DualReplicaTopologyMode, configv1.SingleReplicaTopologyMode, configv1.ExternalTopologyMode}

// KnownMode reports whether mode is a topology mode of config.openshift.io/v1.
func KnownMode(mode configv1.TopologyMode) bool { return slices.Contains(knownModes, mode) }

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
// "HighlyAvailable (controlPlaneTopology)", "HighlyAvailable (assumed: no topology in input)" or
// "HighlyAvailable (assumed: infrastructureTopology MegaAvailable is not a known topology)".
func (t Topology) String() string {
	if t.Declared != "" {
		return string(t.Mode) + " (assumed: " + t.Field + " " + string(t.Declared) + " is not a known topology)"
	}
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
	switch {
	case mode == "":
		return Topology{Mode: configv1.HighlyAvailableTopologyMode, Field: field, Assumed: true}
	case !KnownMode(mode):
		// A value from a newer release, or a corrupt file: the strictest
		// rules apply, and every output says they were assumed.
		return Topology{Mode: configv1.HighlyAvailableTopologyMode, Field: field, Assumed: true, Declared: mode}
	}
	return Topology{Mode: mode, Field: field}
}

// Warnings say how the topology was decided when the input did not say it
// plainly: no Infrastructure, one without topology fields (before 4.6), or
// a value that is not a known mode. The --topology override silences them.
func (t Topologies) Warnings(hasInfrastructure bool) []string {
	if t.Override != "" {
		return nil
	}
	if !hasInfrastructure {
		return []string{"no Infrastructure in input: topology unknown, every workload judged as HighlyAvailable (set --topology to judge otherwise)"}
	}
	var out []string
	for _, f := range []struct {
		field string
		mode  configv1.TopologyMode
	}{{"controlPlaneTopology", t.ControlPlane}, {"infrastructureTopology", t.Infrastructure}} {
		switch {
		case f.mode == "":
			out = append(out, "the Infrastructure has no "+f.field+" (clusters before 4.6): assumed HighlyAvailable")
		case !KnownMode(f.mode):
			out = append(out, fmt.Sprintf("the Infrastructure's %s %q is not a known topology: assumed HighlyAvailable, the strictest rules", f.field, f.mode))
		}
	}
	return out
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
