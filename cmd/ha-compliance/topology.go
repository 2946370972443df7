package main

import (
	"fmt"
	"slices"
	"strings"

	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// topologyAliases are the names people use for the topologies, lowercase:
// the API's own values, and those of the OpenShift docs and CI job names.
var topologyAliases = map[string]configv1.TopologyMode{
	"highlyavailable":        configv1.HighlyAvailableTopologyMode,
	"ha":                     configv1.HighlyAvailableTopologyMode,
	"highlyavailablearbiter": configv1.HighlyAvailableArbiterMode,
	"arbiter":                configv1.HighlyAvailableArbiterMode,
	"tna":                    configv1.HighlyAvailableArbiterMode, // two nodes with arbiter
	"dualreplica":            configv1.DualReplicaTopologyMode,
	"tnf":                    configv1.DualReplicaTopologyMode, // two nodes with fencing
	"two-node":               configv1.DualReplicaTopologyMode,
	"singlereplica":          configv1.SingleReplicaTopologyMode,
	"sno":                    configv1.SingleReplicaTopologyMode,
	"single-node":            configv1.SingleReplicaTopologyMode,
	"external":               configv1.ExternalTopologyMode,
	"hypershift":             configv1.ExternalTopologyMode,
	"hcp":                    configv1.ExternalTopologyMode, // hosted control planes
}

// parseTopology reads a --topology value, ignoring case and accepting the
// aliases; "" stays "" (the input decides).
func parseTopology(s string) (configv1.TopologyMode, error) {
	if s == "" {
		return "", nil
	}
	if t, ok := topologyAliases[strings.ToLower(strings.TrimSpace(s))]; ok {
		return t, nil
	}
	names := topologyNames()
	return "", usageError("--topology %q: want one of %s (or an alias: sno, ha, arbiter, tnf, two-node, hypershift, external)%s",
		s, strings.Join(names, ", "), didYouMean(s, append(names, aliasNames()...)))
}

func topologyNames() []string {
	out := make([]string, len(topologies))
	for i, t := range topologies {
		out[i] = string(t)
	}
	return out
}

func aliasNames() []string {
	var out []string
	for a := range topologyAliases {
		if !slices.ContainsFunc(topologies, func(t configv1.TopologyMode) bool { return strings.EqualFold(string(t), a) }) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// topologyWarning says when the topology the cluster is judged under
// contradicts its nodes: SingleReplica on several control-plane nodes, or an
// HA topology on one node. The verdicts then mislead, so the user hears it;
// "" when they agree or the input has no nodes.
// The topology is the one --topology gives (override), else the one the
// Infrastructure declares.
func topologyWarning(f snapshot.Facts, override configv1.TopologyMode) string {
	if f.Nodes == 0 {
		return ""
	}
	cp, source := configv1.TopologyMode(f.ControlPlaneTopology), "as the input's Infrastructure declares"
	if override != "" {
		cp, source = override, "as --topology says"
	}
	switch {
	case cp == configv1.SingleReplicaTopologyMode && f.ControlPlaneNodes > 1:
		return fmt.Sprintf("the cluster is judged as SingleReplica (%s), but the input has %d control-plane nodes and %s: "+
			"the redundancy checks (replicas, anti-affinity, budgets, spread) are skipped, so its HA goes unjudged; pass --topology HighlyAvailable to judge it",
			source, f.ControlPlaneNodes, count(f.Nodes, "node"))
	case f.Nodes == 1 && cp != "" && cp != configv1.SingleReplicaTopologyMode && cp != configv1.ExternalTopologyMode:
		return fmt.Sprintf("the cluster is judged as %s (%s), but the input has 1 node: the redundancy checks fail on "+
			"every workload; pass --topology SingleReplica if this is a single-node cluster", cp, source)
	}
	return ""
}

// count renders "1 node" or "n nodes".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
