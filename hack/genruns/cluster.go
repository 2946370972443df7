package genruns

import (
	"fmt"

	configv1 "github.com/openshift/api/config/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

// cluster is the objects of one run's cluster, by kind.
type cluster struct {
	version      string
	nodes        []any
	namespaces   []any
	pods         []any
	deployments  []any
	replicaSets  []any
	daemonSets   []any
	statefulSets []any
	services     []any
	pdbs         []any
	infra        *configv1.Infrastructure
	cv           *configv1.ClusterVersion
}

// byNamespace returns the namespaced objects of one kind list, by namespace.
func byNamespace(objs []any) map[string][]any {
	out := map[string][]any{}
	for _, o := range objs {
		ns := o.(metav1.Object).GetNamespace()
		out[ns] = append(out[ns], o)
	}
	return out
}

var (
	masters = []string{"master-0", "master-1", "master-2"}
	workers = []string{"worker-0", "worker-1", "worker-2"}
	zones   = []string{"us-east-1a", "us-east-1b", "us-east-1c"}
)

// newCluster builds the cluster of run i: a three-master HA cluster with a
// few namespaces whose violations change from run to run (so that rows,
// summaries and diffs have something to say), installer pods of a revision
// that grows with i, and size filler namespaces of realistic workloads.
func newCluster(o Options, i int, release string) *cluster {
	c := &cluster{version: fmt.Sprintf("%s.0-0.nightly-2026-01-%02d-000000", release, 1+i%28)}
	for j, n := range masters {
		node := testobj.ZonedNode(n, zones[j])
		node.Labels["node-role.kubernetes.io/master"] = ""
		node.Labels["node-role.kubernetes.io/control-plane"] = ""
		c.nodes = append(c.nodes, node)
	}
	for j, n := range workers {
		node := testobj.ZonedNode(n, zones[j])
		node.Labels["node-role.kubernetes.io/worker"] = ""
		c.nodes = append(c.nodes, node)
	}
	c.infra = testobj.Infra(configv1.HighlyAvailableTopologyMode, configv1.HighlyAvailableTopologyMode)
	c.infra.Status.PlatformStatus = &configv1.PlatformStatus{Type: configv1.AWSPlatformType}
	c.cv = &configv1.ClusterVersion{
		TypeMeta:   metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "ClusterVersion"},
		ObjectMeta: metav1.ObjectMeta{Name: "version"},
		Status: configv1.ClusterVersionStatus{
			Desired: configv1.Release{Version: c.version},
			History: []configv1.UpdateHistory{{State: configv1.CompletedUpdate, Version: c.version}},
		},
	}

	// openshift-console: downloads runs one replica in every third run.
	good := []testobj.Opt{testobj.Replicas(2), testobj.AntiAffinity(true, "kubernetes.io/hostname"),
		testobj.PriorityClass("system-cluster-critical"),
		testobj.Each(testobj.Liveness(), testobj.Readiness(), testobj.Requests("cpu", "10m", "memory", "50Mi"), testobj.Port("http", 8080)),
		testobj.MaxUnavailable("25%")}
	c.deploy("openshift-console", "console", masters[:2], true, good...)
	downloads := append([]testobj.Opt{}, good...)
	replicas := masters[:2]
	if i%3 == 0 {
		downloads = append(downloads, testobj.Replicas(1))
		replicas = masters[:1]
	}
	c.deploy("openshift-console", "downloads", replicas, true, downloads...)

	// openshift-ingress: the router lacks a readiness probe in odd runs.
	router := append([]testobj.Opt{}, good...)
	if i%2 == 1 {
		router = append(router, testobj.Each(testobj.Liveness()))
		router = append(router, func(obj any) {
			if d, ok := obj.(*appsv1.Deployment); ok {
				for k := range d.Spec.Template.Spec.Containers {
					d.Spec.Template.Spec.Containers[k].ReadinessProbe = nil
				}
			}
		})
	}
	c.deploy("openshift-ingress", "router-default", workers[:2], true, router...)

	// openshift-dns: a DaemonSet on every node.
	ds := testobj.DaemonSet("openshift-dns", "dns-default", testobj.PriorityClass("system-node-critical"),
		testobj.MaxUnavailable("10%"), testobj.Each(testobj.Liveness(), testobj.Readiness(), testobj.Requests("cpu", "10m")))
	c.daemonSets = append(c.daemonSets, ds)
	c.pods = append(c.pods, testobj.PodsOf(ds, append(append([]string{}, masters...), workers...)...)...)

	// openshift-kube-apiserver: installer pods of this run's revision on
	// every master; their names change from run to run, their rule_keys
	// must not.
	for _, m := range masters {
		p := testobj.Pod("openshift-kube-apiserver", fmt.Sprintf("installer-%d-%s", 7+i, m),
			testobj.Containers(testobj.C("installer", testobj.Requests("cpu", "150m", "memory", "200M"), testobj.Limits("cpu", "150m", "memory", "200M"))),
			testobj.PriorityClass("system-node-critical"))
		p.Spec.NodeName = m
		p.Spec.RestartPolicy = corev1.RestartPolicyNever
		p.Status.Phase = corev1.PodSucceeded
		c.pods = append(c.pods, p)
	}

	// Filler namespaces, for size.
	for n := range o.Namespaces {
		ns := fmt.Sprintf("openshift-synthetic-%02d", n)
		for d := range o.Deployments {
			c.deploy(ns, fmt.Sprintf("operand-%02d", d), workers[:min(o.Replicas, len(workers))], d%2 == 0, good...)
		}
	}

	seen := map[string]bool{}
	for _, list := range [][]any{c.pods, c.deployments, c.daemonSets} {
		for _, obj := range list {
			ns := obj.(metav1.Object).GetNamespace()
			if !seen[ns] {
				seen[ns] = true
				c.namespaces = append(c.namespaces, &corev1.Namespace{
					TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
					ObjectMeta: metav1.ObjectMeta{Name: ns, Labels: map[string]string{"openshift.io/run-level": ""}},
				})
			}
		}
	}
	return c
}

// deploy adds a Deployment, its ReplicaSet, its pods on nodes, a Service and,
// when pdb is set, a PDB.
func (c *cluster) deploy(ns, name string, nodes []string, pdb bool, opts ...testobj.Opt) {
	d := testobj.Deploy(ns, name, opts...)
	c.deployments = append(c.deployments, d)
	yes := true
	rs := &appsv1.ReplicaSet{
		TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "ReplicaSet"},
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name + "-5d5c4748d4",
			Labels:          map[string]string{"app": name, "pod-template-hash": "5d5c4748d4"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "Deployment", Name: name, Controller: &yes}}},
		Spec: appsv1.ReplicaSetSpec{Replicas: d.Spec.Replicas, Selector: d.Spec.Selector, Template: d.Spec.Template},
	}
	c.replicaSets = append(c.replicaSets, rs)
	c.pods = append(c.pods, testobj.PodsOf(d, nodes...)...)
	c.services = append(c.services, testobj.Service(ns, name, testobj.Selects("app", name)))
	if pdb {
		p := testobj.PDB(ns, name, testobj.Selects("app", name), testobj.MinAvailable("1"))
		c.pdbs = append(c.pdbs, p)
	}
}
