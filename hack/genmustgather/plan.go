package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// cluster is the whole synthetic cluster, decided before anything is
// written.
type cluster struct {
	version  string
	managed  bool // objects carry managedFields (4.10 and later)
	seed     uint64
	logBytes int64
	created  time.Time
	rng      *rand.Rand

	nodes      []*node
	namespaces []*namespace
}

type node struct {
	name, zone, ip string
	master         bool
}

type namespace struct {
	name      string
	uid       string
	workloads []*workload
}

// workload is one controller (or static or bare pod group) and its pods.
type workload struct {
	kind       string // Deployment, StatefulSet, DaemonSet, StaticPod, Pod
	name       string
	uid        string
	hash       string // pod-template-hash / controller-revision-hash
	replicas   int
	masterOnly bool
	oldRS      int // superseded ReplicaSets of a Deployment
	pdb        bool
	service    bool
	anti       bool // pod anti-affinity on the hostname
	containers []string
	image      string
	pods       []*pod
}

type pod struct {
	name     string
	uid      string
	ip       string
	node     *node
	restarts int
}

func (c *cluster) podCount() int {
	n := 0
	for _, ns := range c.namespaces {
		for _, w := range ns.workloads {
			n += len(w.pods)
		}
	}
	return n
}

// plan decides the cluster: nodes, namespaces, workloads and their pods, in
// proportions like a real OpenShift cluster's (DaemonSets on every node
// hold a large share of the pods).
func plan(o options) *cluster {
	c := &cluster{version: o.Version, managed: minorVersion(o.Version) >= 10, seed: o.Seed,
		logBytes: o.LogBytes, rng: rand.New(rand.NewPCG(o.Seed, 0x6d676174686572)),
		created: time.Date(2024, 3, 11, 8, 0, 0, 0, time.UTC)}
	masters := min(3, o.Nodes)
	for i := range o.Nodes {
		n := &node{master: i < masters, zone: "us-east-1" + string(rune('a'+i%3))}
		n.ip = fmt.Sprintf("10.0.%d.%d", 128+c.rng.IntN(64), 1+c.rng.IntN(254))
		n.name = "ip-" + strings.ReplaceAll(n.ip, ".", "-") + ".ec2.internal"
		c.nodes = append(c.nodes, n)
	}
	nsCount := o.Namespaces
	if nsCount <= 0 {
		nsCount = max(5, min(60, o.Pods/40))
	}
	for i := range nsCount {
		name := fmt.Sprintf("openshift-extra-%d", i)
		if i < len(namespaceNames) {
			name = namespaceNames[i]
		}
		c.namespaces = append(c.namespaces, &namespace{name: name, uid: c.uid()})
	}
	left := o.Pods
	next := 0
	add := func(w *workload) {
		ns := c.namespaces[next%len(c.namespaces)]
		next++
		w.uid, w.hash = c.uid(), c.token(10)
		w.image = fmt.Sprintf("quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:%064x", c.rng.Uint64())
		w.containers = []string{w.name}
		if c.rng.IntN(2) == 0 {
			w.containers = append(w.containers, "kube-rbac-proxy")
		}
		ns.workloads = append(ns.workloads, w)
		left -= len(w.pods)
	}
	// DaemonSets: about 40% of the pods, one per node.
	for i := 0; i < int(0.4*float64(o.Pods))/o.Nodes && left >= o.Nodes; i++ {
		w := &workload{kind: "DaemonSet", name: componentName(i, "daemon")}
		for _, n := range c.nodes {
			w.pods = append(w.pods, c.newPod(w.name+"-"+c.token(5), n))
		}
		add(w)
	}
	// Static pods of the control plane, and the installer pods beside them.
	for i, name := range []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"} {
		if left < 2*masters {
			break
		}
		w := &workload{kind: "StaticPod", name: name}
		b := &workload{kind: "Pod", name: "installer-" + fmt.Sprint(3+i)}
		for _, n := range c.nodes[:masters] {
			w.pods = append(w.pods, c.newPod(name+"-"+n.name, n))
			b.pods = append(b.pods, c.newPod(b.name+"-"+n.name, n))
		}
		add(w)
		add(b)
	}
	// Deployments and StatefulSets take the rest.
	for i := 0; left > 0; i++ {
		w := &workload{kind: "Deployment", name: componentName(i, "operator"), oldRS: c.rng.IntN(4)}
		if i%10 == 9 {
			w.kind, w.oldRS = "StatefulSet", 0
		}
		w.replicas = min(left, []int{1, 2, 2, 3, 3}[c.rng.IntN(5)])
		w.anti = w.replicas > 1 && c.rng.IntN(3) > 0
		w.pdb = w.replicas > 1 && c.rng.IntN(5) < 2
		w.service = c.rng.IntN(5) < 3
		w.masterOnly = c.rng.IntN(3) == 0
		for r := range w.replicas {
			name := fmt.Sprintf("%s-%d", w.name, r)
			if w.kind == "Deployment" {
				name = w.name + "-" + c.token(10) + "-" + c.token(5)
			}
			w.pods = append(w.pods, c.newPod(name, c.pickNode(w.masterOnly, r)))
		}
		add(w)
	}
	return c
}

func (c *cluster) newPod(name string, n *node) *pod {
	p := &pod{name: name, uid: c.uid(), node: n, ip: fmt.Sprintf("10.128.%d.%d", c.rng.IntN(256), 2+c.rng.IntN(250))}
	if c.rng.IntN(8) == 0 {
		p.restarts = 1 + c.rng.IntN(5)
	}
	return p
}

func (c *cluster) pickNode(masterOnly bool, replica int) *node {
	masters := min(3, len(c.nodes))
	if masterOnly || masters == len(c.nodes) {
		return c.nodes[replica%masters]
	}
	return c.nodes[masters+c.rng.IntN(len(c.nodes)-masters)]
}

// uid returns a random UUID-shaped string.
func (c *cluster) uid() string {
	a, b := c.rng.Uint64(), c.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, a>>16&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// token returns n characters as Kubernetes' random name suffixes use.
func (c *cluster) token(n int) string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[c.rng.IntN(len(alphabet))]
	}
	return string(b)
}

func componentName(i int, suffix string) string {
	base := componentNames[i%len(componentNames)]
	if i >= len(componentNames) {
		return fmt.Sprintf("%s-%s-%d", base, suffix, i/len(componentNames))
	}
	return base + "-" + suffix
}

func minorVersion(v string) int {
	var major, minor int
	if _, err := fmt.Sscanf(v, "%d.%d", &major, &minor); err != nil || major != 4 {
		return 99
	}
	return minor
}

var namespaceNames = []string{
	"openshift-apiserver", "openshift-apiserver-operator", "openshift-authentication", "openshift-authentication-operator",
	"openshift-cloud-controller-manager", "openshift-cloud-credential-operator", "openshift-cluster-csi-drivers",
	"openshift-cluster-machine-approver", "openshift-cluster-node-tuning-operator", "openshift-cluster-samples-operator",
	"openshift-cluster-storage-operator", "openshift-cluster-version", "openshift-config-operator", "openshift-console",
	"openshift-console-operator", "openshift-controller-manager", "openshift-controller-manager-operator", "openshift-dns",
	"openshift-dns-operator", "openshift-etcd", "openshift-etcd-operator", "openshift-image-registry", "openshift-ingress",
	"openshift-ingress-canary", "openshift-ingress-operator", "openshift-insights", "openshift-kube-apiserver",
	"openshift-kube-apiserver-operator", "openshift-kube-controller-manager", "openshift-kube-controller-manager-operator",
	"openshift-kube-scheduler", "openshift-kube-scheduler-operator", "openshift-kube-storage-version-migrator",
	"openshift-machine-api", "openshift-machine-config-operator", "openshift-marketplace", "openshift-monitoring",
	"openshift-multus", "openshift-network-diagnostics", "openshift-network-operator", "openshift-oauth-apiserver",
	"openshift-operator-lifecycle-manager", "openshift-ovn-kubernetes", "openshift-route-controller-manager",
	"openshift-service-ca", "openshift-service-ca-operator", "openshift-user-workload-monitoring", "openshift-cluster-olm-operator",
	"openshift-kni-infra", "openshift-host-network", "openshift-catalogd", "openshift-operator-controller", "openshift-console-user-settings",
	"openshift-nutanix-infra", "openshift-ovirt-infra", "openshift-vsphere-infra", "openshift-openstack-infra", "openshift-config",
	"openshift-config-managed", "openshift-node",
}

var componentNames = []string{
	"cluster-monitoring", "dns", "ingress", "machine-config", "multus", "ovnkube", "node-exporter", "tuned",
	"node-ca", "network-metrics", "console", "oauth", "apiserver", "etcd-guard", "csi-driver", "cloud-controller",
	"image-registry", "marketplace", "olm", "insights", "service-ca", "prometheus", "alertmanager", "thanos-querier",
	"kube-state-metrics", "telemeter", "router", "authentication", "config", "samples",
}
