package snapshot

import (
	"slices"

	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
)

// Zone labels, newest first; nodes of clusters before 1.17 carry only the beta one.
var zoneLabels = []string{"topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"}

// Cluster is the read-only snapshot of one cluster. Build it with a Builder;
// do not modify it afterwards: checks may run over it concurrently.
type Cluster struct {
	Provenance Provenance
	Topologies Topologies

	Infrastructure   *configv1.Infrastructure
	ClusterVersion   *configv1.ClusterVersion
	ClusterOperators []*configv1.ClusterOperator
	Nodes            []*corev1.Node

	namespaces map[string]*Namespace
	names      []string
	nodes      map[string]*corev1.Node
	counts     map[Kind]int
}

// Namespaces returns every namespace seen in the input, sorted by name.
func (c *Cluster) Namespaces() []*Namespace {
	out := make([]*Namespace, 0, len(c.names))
	for _, n := range c.names {
		out = append(out, c.namespaces[n])
	}
	return out
}

// Namespace returns the named namespace, or nil.
func (c *Cluster) Namespace(name string) *Namespace { return c.namespaces[name] }

// Node returns the named node, or nil.
func (c *Cluster) Node(name string) *corev1.Node { return c.nodes[name] }

// Missing reports whether the input cannot hold objects of kind k (PDBs in
// gather-extra or before 4.8): checks that need them have no data.
func (c *Cluster) Missing(k Kind) bool { return slices.Contains(c.Provenance.Missing, k) }

// Partial returns what says that objects of kind k in namespace ns were not
// all read (a record for ns, else a cluster-wide one), or false when the
// input holds them in full.
func (c *Cluster) Partial(ns string, k Kind) (Partial, bool) {
	var wide *Partial
	for i, p := range c.Provenance.Partial {
		switch {
		case p.Kind != k:
		case p.Namespace == ns:
			return p, true
		case p.Namespace == "" && wide == nil:
			wide = &c.Provenance.Partial[i]
		}
	}
	if wide != nil {
		return *wide, true
	}
	return Partial{}, false
}

// Warnings are what a reader must know to trust the results: how the
// topology was decided when the input did not say it plainly.
func (c *Cluster) Warnings() []string {
	if len(c.names) == 0 && len(c.Nodes) == 0 {
		return nil // nothing to judge under any topology
	}
	return c.Topologies.Warnings(c.Infrastructure != nil)
}

// Count is the number of distinct objects of kind k after de-duplication.
func (c *Cluster) Count(k Kind) int { return c.counts[k] }

// Facts summarises the cluster for reports.
func (c *Cluster) Facts() Facts {
	f := Facts{
		ControlPlaneTopology:   string(c.Topologies.ControlPlane),
		InfrastructureTopology: string(c.Topologies.Infrastructure),
		Nodes:                  len(c.Nodes),
	}
	if cv := c.ClusterVersion; cv != nil {
		f.Version = clusterVersion(cv)
	}
	if inf := c.Infrastructure; inf != nil {
		//lint:ignore SA1019 clusters before 4.2 set only the deprecated field
		f.Platform = string(inf.Status.Platform)
		if ps := inf.Status.PlatformStatus; ps != nil && ps.Type != "" {
			f.Platform = string(ps.Type)
		}
	}
	zones := map[string]bool{}
	for _, n := range c.Nodes {
		if IsControlPlaneNode(n) {
			f.ControlPlaneNodes++
		}
		if z := NodeZone(n); z != "" {
			zones[z] = true
		}
	}
	f.Zones = len(zones)
	return f
}

// Facts are the cluster facts of the inspect and analyze outputs.
type Facts struct {
	Version                string `json:"version"`
	Platform               string `json:"platform"`
	ControlPlaneTopology   string `json:"controlPlaneTopology"`
	InfrastructureTopology string `json:"infrastructureTopology"`
	Nodes                  int    `json:"nodes"`
	ControlPlaneNodes      int    `json:"controlPlaneNodes"`
	Zones                  int    `json:"zones"`
}

// clusterVersion is the version the cluster runs: the newest completed
// history entry, else the desired version.
func clusterVersion(cv *configv1.ClusterVersion) string {
	for _, h := range cv.Status.History {
		if h.State == configv1.CompletedUpdate {
			return h.Version
		}
	}
	return cv.Status.Desired.Version
}

// IsControlPlaneNode reports whether the node carries a control-plane role label.
func IsControlPlaneNode(n *corev1.Node) bool {
	for _, l := range controlPlaneRoleLabels {
		if _, ok := n.Labels[l]; ok {
			return true
		}
	}
	return false
}

// NodeZone returns the node's zone label, or "".
func NodeZone(n *corev1.Node) string {
	for _, l := range zoneLabels {
		if z := n.Labels[l]; z != "" {
			return z
		}
	}
	return ""
}

// NodesCarry reports whether any node carries label key. With no Node data it
// returns true and known=false: callers must say they assumed it.
func (c *Cluster) NodesCarry(key string) (carry, known bool) {
	if len(c.Nodes) == 0 {
		return true, false
	}
	for _, n := range c.Nodes {
		if _, ok := n.Labels[key]; ok {
			return true, true
		}
	}
	return false, true
}
