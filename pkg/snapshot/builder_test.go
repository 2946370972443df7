package snapshot

import (
	"slices"
	"testing"

	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

func pod(ns, name string, mut ...func(*corev1.Pod)) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name}}
	for _, m := range mut {
		m(p)
	}
	return p
}

func ownedBy(kind, name string) func(*corev1.Pod) {
	return func(p *corev1.Pod) {
		yes := true
		p.OwnerReferences = append(p.OwnerReferences, metav1.OwnerReference{Kind: kind, Name: name, Controller: &yes})
	}
}

func mirrorOn(node string) func(*corev1.Pod) {
	return func(p *corev1.Pod) {
		p.Annotations = map[string]string{mirrorAnnotation: "hash"}
		p.Spec.NodeName = node
	}
}

func TestBuilderDeduplicates(t *testing.T) {
	cases := []struct {
		name      string
		adds      []func(*Builder)
		wantPods  int
		wantSrc   string
		wantCount int
	}{
		{
			name: "the same pod from a List and its per-pod copy is one pod",
			adds: []func(*Builder){
				func(b *Builder) { b.Add(pod("ns", "a"), "core/pods.yaml", false) },
				func(b *Builder) { b.Add(pod("ns", "a"), "pods/a/a.yaml", false) },
			},
			wantPods: 1, wantSrc: "core/pods.yaml", wantCount: 1,
		},
		{
			name: "objects with the same UID are one object even under other names",
			adds: []func(*Builder){
				func(b *Builder) { b.Add(pod("ns", "a", withUID("u1")), "one", false) },
				func(b *Builder) { b.Add(pod("ns", "a", withUID("u1")), "two", false) },
				func(b *Builder) { b.Add(pod("ns", "b", withUID("u2")), "two", false) },
			},
			wantPods: 2, wantSrc: "one", wantCount: 2,
		},
		{
			name: "a copy from the preferred image folder replaces an earlier one",
			adds: []func(*Builder){
				func(b *Builder) { b.Add(pod("ns", "a"), "odf/core/pods.yaml", false) },
				func(b *Builder) { b.Add(pod("ns", "a"), "release/core/pods.yaml", true) },
				func(b *Builder) { b.Add(pod("ns", "a"), "cnv/core/pods.yaml", false) },
			},
			wantPods: 1, wantSrc: "release/core/pods.yaml", wantCount: 1,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBuilder()
			for _, add := range tc.adds {
				add(b)
			}
			c := b.Build()
			if got := c.Count(Pod); got != tc.wantCount {
				t.Errorf("Count(Pod) = %d, want %d", got, tc.wantCount)
			}
			ns := c.Namespace("ns")
			if ns == nil || len(ns.Pods) != tc.wantPods {
				t.Fatalf("namespace ns: %+v, want %d pods", ns, tc.wantPods)
			}
			if got := ns.Workloads(Pod)[0].Source; got != tc.wantSrc {
				t.Errorf("source = %q, want %q", got, tc.wantSrc)
			}
		})
	}
}

func withUID(uid string) func(*corev1.Pod) {
	return func(p *corev1.Pod) { p.UID = types.UID(uid) }
}

func TestBuilderIgnoresUnknownKinds(t *testing.T) {
	b := NewBuilder()
	if b.Add(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "x"}}, "cm.yaml", false) {
		t.Error("Add(ConfigMap) = true, want false: the snapshot keeps no ConfigMaps")
	}
	if b.Len() != 0 {
		t.Errorf("Len() = %d, want 0", b.Len())
	}
}

func TestWorkloadsOwnPods(t *testing.T) {
	two := int32(2)
	yes := true
	dep := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "console"},
		Spec: appsv1.DeploymentSpec{Replicas: &two}}
	rs := &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "console-abc",
		OwnerReferences: []metav1.OwnerReference{{Kind: "Deployment", Name: "console", Controller: &yes}}}}
	ds := &appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "dns"}}
	b := NewBuilder()
	for _, o := range []any{
		dep, rs, ds,
		pod("ns", "console-abc-1", ownedBy("ReplicaSet", "console-abc")),
		// Its ReplicaSet is not in the input: the pod-template-hash label names the Deployment.
		pod("ns", "console-def-2", ownedBy("ReplicaSet", "console-def"), func(p *corev1.Pod) {
			p.Labels = map[string]string{"pod-template-hash": "def"}
		}),
		pod("ns", "dns-x", ownedBy("DaemonSet", "dns")),
		pod("ns", "dns-y", ownedBy("DaemonSet", "dns")),
		pod("ns", "etcd-master-0", mirrorOn("master-0")),
		pod("ns", "etcd-master-1", mirrorOn("master-1"), ownedBy("Node", "master-1")),
		pod("ns", "installer-3", ownedBy("Job", "installer")),
		pod("ns", "debug"),
	} {
		b.Add(o, "f", false)
	}
	ns := b.Build().Namespace("ns")
	want := []struct {
		kind     Kind
		name     string
		pods     int
		replicas int32
	}{
		{Deployment, "console", 2, 2},
		{DaemonSet, "dns", 2, 2},
		{Pod, "debug", 1, 1},
		{StaticPod, "etcd", 2, 2},
		{Job, "installer", 1, 1},
	}
	got := ns.Workloads()
	if len(got) != len(want) {
		t.Fatalf("got %d workloads, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.kind || g.Name != w.name || len(g.Pods) != w.pods || g.Replicas() != w.replicas {
			t.Errorf("workload %d = %s/%s with %d pods, %d replicas; want %s/%s with %d pods, %d replicas",
				i, g.Kind, g.Name, len(g.Pods), g.Replicas(), w.kind, w.name, w.pods, w.replicas)
		}
	}
	if key := got[3].Ref().RuleKey("etcd", "liveness-probe"); key != "v1/StaticPod/ns/etcd/container/etcd/liveness-probe" {
		t.Errorf("static pod rule key = %q", key)
	}
}

func TestReplicasNilMeansOne(t *testing.T) {
	b := NewBuilder()
	b.Add(&appsv1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "s"}}, "f", false)
	if got := b.Build().Namespace("ns").Workloads(StatefulSet)[0].Replicas(); got != 1 {
		t.Errorf("Replicas() = %d, want 1", got)
	}
}

func TestTopologiesFor(t *testing.T) {
	master := &corev1.PodSpec{NodeSelector: map[string]string{"node-role.kubernetes.io/master": ""}}
	worker := &corev1.PodSpec{}
	cases := []struct {
		name  string
		topo  Topologies
		spec  *corev1.PodSpec
		want  Topology
		class Class
	}{
		{"a pod pinned to masters uses the control-plane topology",
			Topologies{ControlPlane: "HighlyAvailable", Infrastructure: "SingleReplica"}, master,
			Topology{Mode: "HighlyAvailable", Field: "controlPlaneTopology"}, ClassHA},
		{"any other pod uses the infrastructure topology",
			Topologies{ControlPlane: "HighlyAvailable", Infrastructure: "SingleReplica"}, worker,
			Topology{Mode: "SingleReplica", Field: "infrastructureTopology"}, ClassSNO},
		{"an empty topology is assumed HA and says so",
			Topologies{}, worker,
			Topology{Mode: "HighlyAvailable", Field: "infrastructureTopology", Assumed: true}, ClassHA},
		{"the override wins over both",
			Topologies{ControlPlane: "HighlyAvailable", Infrastructure: "HighlyAvailable", Override: "SingleReplica"}, master,
			Topology{Mode: "SingleReplica", Field: "override"}, ClassSNO},
		{"arbiter clusters are HA", Topologies{ControlPlane: "HighlyAvailableArbiter"}, master,
			Topology{Mode: "HighlyAvailableArbiter", Field: "controlPlaneTopology"}, ClassHA},
		{"two-node clusters are HA", Topologies{ControlPlane: "DualReplica"}, master,
			Topology{Mode: "DualReplica", Field: "controlPlaneTopology"}, ClassHA},
		{"hosted control planes are External", Topologies{ControlPlane: configv1.ExternalTopologyMode}, master,
			Topology{Mode: configv1.ExternalTopologyMode, Field: "controlPlaneTopology"}, ClassExternal},
		{"an unknown value is assumed HA and kept to be shown", Topologies{Infrastructure: "MegaAvailable"}, worker,
			Topology{Mode: "HighlyAvailable", Field: "infrastructureTopology", Assumed: true, Declared: "MegaAvailable"}, ClassHA},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.topo.For(tc.spec)
			if got != tc.want {
				t.Errorf("For() = %+v, want %+v", got, tc.want)
			}
			if got.Class() != tc.class {
				t.Errorf("Class() = %s, want %s", got.Class(), tc.class)
			}
		})
	}
}

func TestFacts(t *testing.T) {
	node := func(name string, labels map[string]string) *corev1.Node {
		return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
	}
	b := NewBuilder()
	for _, o := range []any{
		node("m0", map[string]string{"node-role.kubernetes.io/master": "", "topology.kubernetes.io/zone": "a"}),
		node("m1", map[string]string{"node-role.kubernetes.io/control-plane": "", "topology.kubernetes.io/zone": "b"}),
		node("w0", map[string]string{"failure-domain.beta.kubernetes.io/zone": "b"}),
		&configv1.Infrastructure{ObjectMeta: metav1.ObjectMeta{Name: "cluster"}, Status: configv1.InfrastructureStatus{
			ControlPlaneTopology: "HighlyAvailable", InfrastructureTopology: "HighlyAvailable",
			PlatformStatus: &configv1.PlatformStatus{Type: configv1.AWSPlatformType}}},
		&configv1.ClusterVersion{ObjectMeta: metav1.ObjectMeta{Name: "version"}, Status: configv1.ClusterVersionStatus{
			Desired: configv1.Release{Version: "4.9.1"},
			History: []configv1.UpdateHistory{{State: configv1.PartialUpdate, Version: "4.9.1"}, {State: configv1.CompletedUpdate, Version: "4.8.0"}}}},
	} {
		b.Add(o, "f", false)
	}
	want := Facts{Version: "4.8.0", Platform: "AWS", ControlPlaneTopology: "HighlyAvailable",
		InfrastructureTopology: "HighlyAvailable", Nodes: 3, ControlPlaneNodes: 2, Zones: 2}
	if got := b.Build().Facts(); got != want {
		t.Errorf("Facts() = %+v, want %+v", got, want)
	}
}

func TestTopologyWarnings(t *testing.T) {
	cases := []struct {
		name  string
		topo  Topologies
		infra bool
		want  []string
	}{
		{"known values say nothing", Topologies{ControlPlane: "HighlyAvailable", Infrastructure: "SingleReplica"}, true, nil},
		{"no Infrastructure says the topology is assumed", Topologies{}, false,
			[]string{"no Infrastructure in input: topology unknown, every workload judged as HighlyAvailable (set --topology to judge otherwise)"}},
		{"an Infrastructure without topology fields says which",
			Topologies{Infrastructure: "HighlyAvailable"}, true,
			[]string{"the Infrastructure has no controlPlaneTopology (clusters before 4.6): assumed HighlyAvailable"}},
		{"an unknown value is named", Topologies{ControlPlane: "MegaAvailable", Infrastructure: "HighlyAvailable"}, true,
			[]string{`the Infrastructure's controlPlaneTopology "MegaAvailable" is not a known topology: assumed HighlyAvailable, the strictest rules`}},
		{"the override silences them", Topologies{ControlPlane: "MegaAvailable", Override: "SingleReplica"}, false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.topo.Warnings(tc.infra); !slices.Equal(got, tc.want) {
				t.Errorf("Warnings() = %q, want %q", got, tc.want)
			}
		})
	}
	if s := (Topologies{Infrastructure: "MegaAvailable"}).For(nil).String(); s != "HighlyAvailable (assumed: infrastructureTopology MegaAvailable is not a known topology)" {
		t.Errorf("String() = %q", s)
	}
}

func TestPartial(t *testing.T) {
	b := NewBuilder()
	b.Add(pod("a", "p"), "a/core/pods.yaml", false)
	b.MarkPartial(Partial{Namespace: "a", Kind: Deployment, Path: "a/apps/deployments.yaml", Why: "empty file"})
	b.MarkPartial(Partial{Namespace: "a", Kind: Deployment, Path: "second", Why: "ignored: one file says why"})
	b.MarkPartial(Partial{Kind: Service, Path: "services.json", Why: "truncated"})
	c := b.Build()
	cases := []struct {
		ns       string
		kind     Kind
		wantPath string
	}{
		{"a", Deployment, "a/apps/deployments.yaml"},
		{"a", Pod, ""},
		{"b", Deployment, ""},
		{"a", Service, "services.json"},
		{"b", Service, "services.json"},
	}
	for _, tc := range cases {
		p, ok := c.Partial(tc.ns, tc.kind)
		if ok != (tc.wantPath != "") || p.Path != tc.wantPath {
			t.Errorf("Partial(%s, %s) = %+v, %v; want path %q", tc.ns, tc.kind, p, ok, tc.wantPath)
		}
	}
	if len(c.Provenance.Partial) != 2 {
		t.Errorf("partial %+v, want one record per (namespace, kind)", c.Provenance.Partial)
	}
}
