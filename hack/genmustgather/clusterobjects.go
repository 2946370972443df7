package main

import (
	"fmt"

	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

func toUID(s string) types.UID { return types.UID(s) }

// nodeObject is a node with the labels, taints and status (50 images
// included) a real node has.
func (c *cluster) nodeObject(n *node) *corev1.Node {
	role := "worker"
	if n.master {
		role = "master"
	}
	labels := map[string]string{
		"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
		"kubernetes.io/hostname": n.name, "kubernetes.io/os": "linux", "node-role.kubernetes.io/" + role: "",
		"node.kubernetes.io/instance-type": "m6i.xlarge", "topology.kubernetes.io/region": "us-east-1",
		"topology.kubernetes.io/zone": n.zone, "node.openshift.io/os_id": "rhcos",
	}
	obj := &corev1.Node{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Node"},
		ObjectMeta: c.meta(n.name, "", c.uid(), labels),
		Spec:       corev1.NodeSpec{ProviderID: "aws:///" + n.zone + "/i-" + c.token(17)},
	}
	obj.Annotations["machineconfiguration.openshift.io/currentConfig"] = "rendered-" + role + "-" + c.token(32)
	obj.Annotations["machineconfiguration.openshift.io/state"] = "Done"
	if n.master {
		obj.Spec.Taints = []corev1.Taint{{Key: "node-role.kubernetes.io/master", Effect: corev1.TaintEffectNoSchedule}}
	}
	capacity := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("4"), corev1.ResourceMemory: resource.MustParse("16115848Ki"),
		corev1.ResourcePods: resource.MustParse("250"), corev1.ResourceEphemeralStorage: resource.MustParse("125293548Ki")}
	obj.Status = corev1.NodeStatus{Capacity: capacity, Allocatable: capacity,
		Addresses: []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: n.ip}, {Type: corev1.NodeHostName, Address: n.name}, {Type: corev1.NodeInternalDNS, Address: n.name}},
		NodeInfo: corev1.NodeSystemInfo{MachineID: c.token(32), SystemUUID: c.uid(), BootID: c.uid(), KernelVersion: "5.14.0-427.26.1.el9_4.x86_64",
			OSImage: "Red Hat Enterprise Linux CoreOS 416.94.202407081958-0", ContainerRuntimeVersion: "cri-o://1.29.6-3.rhaos4.16.gitfd433b7.el9",
			KubeletVersion: "v1.29.6+aba1e8d", OperatingSystem: "linux", Architecture: "amd64"},
	}
	for _, t := range []corev1.NodeConditionType{corev1.NodeMemoryPressure, corev1.NodeDiskPressure, corev1.NodePIDPressure, corev1.NodeReady} {
		status := corev1.ConditionFalse
		if t == corev1.NodeReady {
			status = corev1.ConditionTrue
		}
		obj.Status.Conditions = append(obj.Status.Conditions, corev1.NodeCondition{Type: t, Status: status,
			LastHeartbeatTime: c.at(900), LastTransitionTime: c.at(10), Reason: "Kubelet" + string(t), Message: "kubelet reports " + string(t)})
	}
	for range 50 {
		id := fmt.Sprintf("%016x%016x%016x%016x", c.rng.Uint64(), c.rng.Uint64(), c.rng.Uint64(), c.rng.Uint64())
		obj.Status.Images = append(obj.Status.Images, corev1.ContainerImage{SizeBytes: int64(1e8 + c.rng.IntN(9e8)),
			Names: []string{"quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + id, "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + id[:40] + c.token(24)}})
	}
	return obj
}

func (c *cluster) namespaceObject(ns *namespace) *corev1.Namespace {
	m := c.meta(ns.name, "", ns.uid, map[string]string{"kubernetes.io/metadata.name": ns.name,
		"openshift.io/cluster-monitoring": "true", "pod-security.kubernetes.io/enforce": "privileged"})
	m.Annotations["openshift.io/sa.scc.mcs"] = "s0:c" + fmt.Sprint(c.rng.IntN(30)) + ",c5"
	m.Annotations["openshift.io/sa.scc.uid-range"] = fmt.Sprintf("%d/10000", 1000000000+c.rng.IntN(1000)*10000)
	return &corev1.Namespace{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"}, ObjectMeta: m,
		Spec: corev1.NamespaceSpec{Finalizers: []corev1.FinalizerName{"kubernetes"}}, Status: corev1.NamespaceStatus{Phase: corev1.NamespaceActive}}
}

func (c *cluster) infrastructure() *configv1.Infrastructure {
	mode := configv1.HighlyAvailableTopologyMode
	if len(c.nodes) == 1 {
		mode = configv1.SingleReplicaTopologyMode
	}
	return &configv1.Infrastructure{TypeMeta: metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "Infrastructure"},
		ObjectMeta: c.meta("cluster", "", c.uid(), nil),
		Spec:       configv1.InfrastructureSpec{PlatformSpec: configv1.PlatformSpec{Type: configv1.AWSPlatformType, AWS: &configv1.AWSPlatformSpec{}}},
		Status: configv1.InfrastructureStatus{InfrastructureName: "ci-op-" + c.token(8),
			ControlPlaneTopology: mode, InfrastructureTopology: mode, CPUPartitioning: configv1.CPUPartitioningNone,
			APIServerURL: "https://api.ci.example.com:6443", APIServerInternalURL: "https://api-int.ci.example.com:6443",
			EtcdDiscoveryDomain: "", PlatformStatus: &configv1.PlatformStatus{Type: configv1.AWSPlatformType, AWS: &configv1.AWSPlatformStatus{Region: "us-east-1"}}},
	}
}

func (c *cluster) clusterVersion() *configv1.ClusterVersion {
	return &configv1.ClusterVersion{TypeMeta: metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "ClusterVersion"},
		ObjectMeta: c.meta("version", "", c.uid(), nil),
		Spec:       configv1.ClusterVersionSpec{ClusterID: configv1.ClusterID(c.uid()), Channel: "stable-4.16"},
		Status: configv1.ClusterVersionStatus{Desired: configv1.Release{Version: c.version, Image: "quay.io/openshift-release-dev/ocp-release@sha256:" + c.token(64)},
			History: []configv1.UpdateHistory{{State: configv1.CompletedUpdate, Version: c.version, Image: "quay.io/openshift-release-dev/ocp-release@sha256:" + c.token(64),
				StartedTime: c.at(0), CompletionTime: ptr(c.at(60)), Verified: false}},
			ObservedGeneration: 2, VersionHash: c.token(11)},
	}
}

// clusterOperators relate each platform namespace to an operator, which is
// how must-gather decides which namespaces to collect.
func (c *cluster) clusterOperators() []configv1.ClusterOperator {
	var out []configv1.ClusterOperator
	for i := 0; i < len(c.namespaces); i += 2 {
		name := componentNames[(i/2)%len(componentNames)]
		if i/2 >= len(componentNames) {
			name = fmt.Sprintf("%s-%d", name, i/2)
		}
		co := configv1.ClusterOperator{TypeMeta: metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "ClusterOperator"},
			ObjectMeta: c.meta(name, "", c.uid(), nil)}
		for _, ns := range c.namespaces[i:min(i+2, len(c.namespaces))] {
			co.Status.RelatedObjects = append(co.Status.RelatedObjects, configv1.ObjectReference{Resource: "namespaces", Name: ns.name})
		}
		for _, t := range []configv1.ClusterStatusConditionType{configv1.OperatorAvailable, configv1.OperatorProgressing, configv1.OperatorDegraded, configv1.OperatorUpgradeable} {
			status := configv1.ConditionFalse
			if t == configv1.OperatorAvailable || t == configv1.OperatorUpgradeable {
				status = configv1.ConditionTrue
			}
			co.Status.Conditions = append(co.Status.Conditions, configv1.ClusterOperatorStatusCondition{Type: t, Status: status,
				LastTransitionTime: c.at(100), Reason: "AsExpected", Message: "All is well"})
		}
		co.Status.Versions = []configv1.OperandVersion{{Name: "operator", Version: c.version}}
		out = append(out, co)
	}
	return out
}
