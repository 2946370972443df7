package snapshot

import (
	"fmt"
	"sort"

	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Builder collects decoded objects, de-duplicates them and builds a Cluster.
// It is not safe for concurrent use: the loader feeds it from one goroutine.
type Builder struct {
	objects   map[string]entry
	order     []string
	collected map[string]bool
	present   map[string]bool
	prov      Provenance
	override  configv1.TopologyMode
}

type entry struct {
	obj       metav1.Object
	kind      Kind
	source    string
	preferred bool
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{objects: map[string]entry{}, collected: map[string]bool{}, present: map[string]bool{}}
}

// Add records one object read from source. The same object seen again (by
// UID, else kind/namespace/name) is kept once: the first copy wins unless a
// later one comes from a preferred source (the release image's folder) and
// the kept one does not. Objects of kinds the snapshot does not hold are
// ignored and Add returns false.
func (b *Builder) Add(obj any, source string, preferred bool) bool {
	kind := kindOf(obj)
	if kind == "" {
		return false
	}
	m := obj.(metav1.Object)
	key := identity(kind, m)
	old, seen := b.objects[key]
	if seen && (old.preferred || !preferred) {
		return true
	}
	if !seen {
		b.order = append(b.order, key)
	}
	b.objects[key] = entry{obj: m, kind: kind, source: source, preferred: preferred}
	return true
}

// MarkCollected records that namespace ns was gathered in full.
func (b *Builder) MarkCollected(ns string) { b.collected[ns] = true }

// MarkPresent records that the input has a folder for namespace ns, even if
// no object of it was read (a folder holding only leases): the namespace is
// then in the snapshot, and partial unless MarkCollected says otherwise.
func (b *Builder) MarkPresent(ns string) { b.present[ns] = true }

// AddInput records one input path as the loader understood it.
func (b *Builder) AddInput(in Input) { b.prov.Inputs = append(b.prov.Inputs, in) }

// AddProblem records a part of the input that could not be read.
func (b *Builder) AddProblem(path string, err error) {
	b.prov.Problems = append(b.prov.Problems, Problem{Path: path, Error: err.Error()})
}

// MarkPartial records that objects of a kind were lost (see Partial). The
// first record of a (namespace, kind) is kept: one file is enough to say why.
func (b *Builder) MarkPartial(p Partial) {
	for _, q := range b.prov.Partial {
		if q.Namespace == p.Namespace && q.Kind == p.Kind {
			return
		}
	}
	b.prov.Partial = append(b.prov.Partial, p)
}

// SetMissing records the kinds the input cannot hold.
func (b *Builder) SetMissing(kinds ...Kind) { b.prov.Missing = kinds }

// OverrideTopology makes every workload use mode, whatever the input says.
func (b *Builder) OverrideTopology(mode configv1.TopologyMode) { b.override = mode }

// Len is the number of distinct objects added so far.
func (b *Builder) Len() int { return len(b.objects) }

func kindOf(obj any) Kind {
	switch obj.(type) {
	case *corev1.Pod:
		return Pod
	case *appsv1.Deployment:
		return Deployment
	case *appsv1.StatefulSet:
		return StatefulSet
	case *appsv1.DaemonSet:
		return DaemonSet
	case *appsv1.ReplicaSet:
		return ReplicaSet
	case *policyv1.PodDisruptionBudget:
		return PodDisruptionBudget
	case *corev1.Service:
		return Service
	case *corev1.Node:
		return Node
	case *corev1.Namespace:
		return KindNamespace
	case *configv1.Infrastructure:
		return Infrastructure
	case *configv1.ClusterVersion:
		return ClusterVersion
	case *configv1.ClusterOperator:
		return ClusterOperator
	}
	return ""
}

// Build indexes everything added so far into a Cluster. The Builder can be
// discarded afterwards.
func (b *Builder) Build() *Cluster {
	c := &Cluster{
		Provenance: b.prov,
		namespaces: map[string]*Namespace{},
		nodes:      map[string]*corev1.Node{},
		counts:     map[Kind]int{},
	}
	c.Topologies.Override = b.override
	sort.SliceStable(c.Provenance.Partial, func(i, j int) bool {
		pi, pj := c.Provenance.Partial[i], c.Provenance.Partial[j]
		if pi.Namespace != pj.Namespace {
			return pi.Namespace < pj.Namespace
		}
		return pi.Kind < pj.Kind
	})
	ns := func(name string) *Namespace {
		n, ok := c.namespaces[name]
		if !ok {
			n = &Namespace{Name: name, Collected: b.collected[name]}
			c.namespaces[name] = n
			c.names = append(c.names, name)
		}
		return n
	}
	for name := range b.present {
		ns(name)
	}
	for _, key := range b.order {
		e := b.objects[key]
		c.counts[e.kind]++
		switch o := e.obj.(type) {
		case *corev1.Pod:
			n := ns(o.Namespace)
			n.Pods = append(n.Pods, o)
		case *appsv1.Deployment:
			n := ns(o.Namespace)
			n.Deployments = append(n.Deployments, o)
		case *appsv1.StatefulSet:
			n := ns(o.Namespace)
			n.StatefulSets = append(n.StatefulSets, o)
		case *appsv1.DaemonSet:
			n := ns(o.Namespace)
			n.DaemonSets = append(n.DaemonSets, o)
		case *appsv1.ReplicaSet:
			n := ns(o.Namespace)
			n.ReplicaSets = append(n.ReplicaSets, o)
		case *policyv1.PodDisruptionBudget:
			n := ns(o.Namespace)
			n.PDBs = append(n.PDBs, o)
		case *corev1.Service:
			n := ns(o.Namespace)
			n.Services = append(n.Services, o)
		case *corev1.Namespace:
			ns(o.Name).Object = o
		case *corev1.Node:
			c.Nodes = append(c.Nodes, o)
			c.nodes[o.Name] = o
		case *configv1.Infrastructure:
			if c.Infrastructure == nil || o.Name == "cluster" {
				c.Infrastructure = o
			}
		case *configv1.ClusterVersion:
			if c.ClusterVersion == nil || o.Name == "version" {
				c.ClusterVersion = o
			}
		case *configv1.ClusterOperator:
			c.ClusterOperators = append(c.ClusterOperators, o)
		}
	}
	if inf := c.Infrastructure; inf != nil {
		c.Topologies.ControlPlane = inf.Status.ControlPlaneTopology
		c.Topologies.Infrastructure = inf.Status.InfrastructureTopology
	}
	sort.Strings(c.names)
	sort.Slice(c.Nodes, func(i, j int) bool { return c.Nodes[i].Name < c.Nodes[j].Name })
	sort.Slice(c.ClusterOperators, func(i, j int) bool { return c.ClusterOperators[i].Name < c.ClusterOperators[j].Name })
	for _, n := range c.namespaces {
		n.sortObjects()
		n.workloads = buildWorkloads(n, b.sourceOf)
	}
	return c
}

func (b *Builder) sourceOf(kind Kind, obj metav1.Object) string {
	return b.objects[identity(kind, obj)].source
}

// identity is the de-duplication key of an object: its UID, else
// kind/namespace/name (objects written by hand or by old gathers lack UIDs).
func identity(kind Kind, obj metav1.Object) string {
	if uid := obj.GetUID(); uid != "" {
		return string(kind) + "#" + string(uid)
	}
	return string(kind) + "/" + obj.GetNamespace() + "/" + obj.GetName()
}

func (n *Namespace) sortObjects() {
	byName(n.Pods)
	byName(n.Deployments)
	byName(n.StatefulSets)
	byName(n.DaemonSets)
	byName(n.ReplicaSets)
	byName(n.PDBs)
	byName(n.Services)
}

func byName[T metav1.Object](s []T) {
	sort.SliceStable(s, func(i, j int) bool { return s[i].GetName() < s[j].GetName() })
}

// String is a one-line summary for debugging.
func (c *Cluster) String() string {
	return fmt.Sprintf("cluster: %d namespaces, %d pods, %d nodes", len(c.names), c.counts[Pod], len(c.Nodes))
}
