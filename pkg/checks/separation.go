package checks

import (
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// strength is how firmly the scheduler keeps a workload's replicas on
// distinct nodes.
type strength int

const (
	noSeparation   strength = iota // replicas may share a node
	softSeparation                 // the scheduler prefers distinct nodes
	hardSeparation                 // the scheduler never puts two on one node
)

const hostnameKey = "kubernetes.io/hostname"

// domainKeys are topology keys whose domains (zones, regions) hold whole
// nodes: keeping replicas in distinct domains keeps them on distinct nodes.
var domainKeys = []string{
	"topology.kubernetes.io/zone",
	"topology.kubernetes.io/region",
	"failure-domain.beta.kubernetes.io/zone",
	"failure-domain.beta.kubernetes.io/region",
}

// separationOf says how firmly w's replicas are kept on distinct nodes, from
// its pod anti-affinity terms and topology spread constraints that select its
// own pods, and from host ports. Its notes say which terms did not count, for
// messages; assumed says what was taken on trust (zone terms counted with no
// Node data), for the verdict's reason.
func separationOf(c *snapshot.Cluster, ns *snapshot.Namespace, w *snapshot.Workload) *separation {
	s := &separation{c: c, ns: ns, w: w}
	spec := w.Spec()
	if p := hostPort(spec); p != "" {
		s.raise(hardSeparation)
		s.notes = append(s.notes, p)
	}
	if a := spec.Affinity; a != nil && a.PodAntiAffinity != nil {
		for _, t := range a.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution {
			if s.ownTerm(t) {
				s.raise(hardSeparation)
			}
		}
		for _, t := range a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution {
			if s.ownTerm(t.PodAffinityTerm) {
				s.raise(softSeparation)
			}
		}
	}
	for _, tsc := range spec.TopologySpreadConstraints {
		if !selects(tsc.LabelSelector, w.Labels()) || !s.separates(tsc.TopologyKey) {
			continue
		}
		if tsc.WhenUnsatisfiable == corev1.DoNotSchedule && tsc.MaxSkew == 1 {
			s.raise(hardSeparation)
		} else {
			s.raise(softSeparation)
		}
	}
	return s
}

type separation struct {
	c       *snapshot.Cluster
	ns      *snapshot.Namespace
	w       *snapshot.Workload
	level   strength
	notes   []string
	assumed string
}

func (s *separation) raise(l strength) { s.level = max(s.level, l) }

// ownTerm reports whether an anti-affinity term keeps w's own replicas apart
// on a key that separates nodes.
func (s *separation) ownTerm(t corev1.PodAffinityTerm) bool {
	lbls := s.w.Labels()
	if !selects(t.LabelSelector, lbls) || !s.coversOwnNamespace(t) {
		return false
	}
	for _, k := range t.MismatchLabelKeys {
		// Replicas share their template's value for k, so the term skips them.
		if _, ok := lbls[k]; ok {
			return false
		}
	}
	return s.separates(t.TopologyKey)
}

func (s *separation) coversOwnNamespace(t corev1.PodAffinityTerm) bool {
	if len(t.Namespaces) == 0 && t.NamespaceSelector == nil {
		return true
	}
	return slices.Contains(t.Namespaces, s.ns.Name) ||
		selects(t.NamespaceSelector, namespaceLabels(s.ns.Name, s.ns.Object))
}

// separates reports whether distinct values of key mean distinct nodes. A
// zone or region key counts only when nodes carry it: the scheduler ignores
// a key no node has. Without Node data it counts, and a note says so.
func (s *separation) separates(key string) bool {
	if key == hostnameKey {
		return true
	}
	if !slices.Contains(domainKeys, key) {
		s.note(fmt.Sprintf("a term on %s does not keep replicas on distinct nodes", key))
		return false
	}
	carry, known := s.c.NodesCarry(key)
	switch {
	case !known:
		s.assumed = "no Node objects in input: zone and region terms were counted as separating nodes"
		return true
	case !carry:
		s.note(fmt.Sprintf("a term on %s does not count: no node carries that label", key))
		return false
	}
	return true
}

func (s *separation) note(n string) {
	if !slices.Contains(s.notes, n) {
		s.notes = append(s.notes, n)
	}
}

// hostPort describes the host port the pods claim, "" if none. Two pods
// claiming one host port never share a node: the scheduler's NodePorts
// filter forbids it. With hostNetwork every container port is a host port.
func hostPort(spec *corev1.PodSpec) string {
	for _, c := range allContainers(spec) {
		for _, p := range c.Ports {
			switch {
			case p.HostPort > 0:
				return fmt.Sprintf("host port %d keeps replicas on distinct nodes", p.HostPort)
			case spec.HostNetwork && p.ContainerPort > 0:
				return fmt.Sprintf("host network port %d keeps replicas on distinct nodes", p.ContainerPort)
			}
		}
	}
	return ""
}
