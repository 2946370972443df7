package main

import (
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func selector(w *workload) *metav1.LabelSelector {
	return &metav1.LabelSelector{MatchLabels: map[string]string{"app": w.name}}
}

func (c *cluster) at(minutes int) metav1.Time {
	return metav1.NewTime(c.created.Add(time.Duration(minutes) * time.Minute))
}

func (c *cluster) meta(name, ns, uid string, labels map[string]string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Namespace: ns, UID: toUID(uid), Labels: labels,
		ResourceVersion: fmt.Sprint(10000 + c.rng.IntN(900000)), CreationTimestamp: c.at(c.rng.IntN(600)),
		Annotations: map[string]string{"include.release.openshift.io/self-managed-high-availability": "true"}}
}

// template is a controller's pod template.
func (c *cluster) template(w *workload) corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": w.name}, Annotations: map[string]string{
			"target.workload.openshift.io/management": `{"effect": "PreferredDuringScheduling"}`}},
		Spec: c.podSpec(w),
	}
}

// podObject is one live pod with its status.
func (c *cluster) podObject(ns string, w *workload, p *pod) *corev1.Pod {
	labels := map[string]string{"app": w.name}
	m := c.meta(p.name, ns, p.uid, labels)
	m.Annotations["openshift.io/scc"] = "restricted-v2"
	m.Annotations["k8s.v1.cni.cncf.io/network-status"] = fmt.Sprintf(
		"[{\n    \"name\": \"ovn-kubernetes\",\n    \"interface\": \"eth0\",\n    \"ips\": [\n        \"%s\"\n    ],\n    \"mac\": \"0a:58:0a:80:00:%02x\",\n    \"default\": true,\n    \"dns\": {}\n}]", p.ip, c.rng.IntN(256))
	switch w.kind {
	case "Deployment":
		labels["pod-template-hash"] = w.hash
		m.GenerateName = w.name + "-" + w.hash + "-"
		m.OwnerReferences = owner("apps/v1", "ReplicaSet", w.name+"-"+w.hash, w.uid)
	case "DaemonSet", "StatefulSet":
		labels["controller-revision-hash"] = w.hash
		m.OwnerReferences = owner("apps/v1", w.kind, w.name, w.uid)
	case "StaticPod":
		m.Annotations["kubernetes.io/config.mirror"] = w.hash
		m.Annotations["kubernetes.io/config.source"] = "file"
		m.OwnerReferences = owner("v1", "Node", p.node.name, c.uid())
	}
	spec := c.podSpec(w)
	spec.NodeName = p.node.name
	pod := &corev1.Pod{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"}, ObjectMeta: m, Spec: spec}
	pod.Status = c.podStatus(w, p, spec)
	return pod
}

func (c *cluster) podStatus(w *workload, p *pod, spec corev1.PodSpec) corev1.PodStatus {
	started := c.at(700 + c.rng.IntN(60))
	st := corev1.PodStatus{Phase: corev1.PodRunning, HostIP: p.node.ip, PodIP: p.ip, QOSClass: corev1.PodQOSBurstable,
		HostIPs: []corev1.HostIP{{IP: p.node.ip}}, PodIPs: []corev1.PodIP{{IP: p.ip}}, StartTime: &started}
	if w.kind == "Pod" {
		st.Phase = corev1.PodSucceeded
	}
	for _, t := range []corev1.PodConditionType{"PodReadyToStartContainers", corev1.PodInitialized, corev1.PodReady, corev1.ContainersReady, corev1.PodScheduled} {
		st.Conditions = append(st.Conditions, corev1.PodCondition{Type: t, Status: corev1.ConditionTrue, LastTransitionTime: c.at(700 + c.rng.IntN(60))})
	}
	for _, ct := range spec.Containers {
		cs := corev1.ContainerStatus{Name: ct.Name, Ready: true, Started: ptr(true), Image: ct.Image, ImageID: ct.Image,
			RestartCount: int32(p.restarts), ContainerID: fmt.Sprintf("cri-o://%016x%016x%016x%016x", c.rng.Uint64(), c.rng.Uint64(), c.rng.Uint64(), c.rng.Uint64()),
			State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: c.at(710)}}}
		if p.restarts > 0 {
			cs.LastTerminationState = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 255,
				Reason: "Error", StartedAt: c.at(700), FinishedAt: c.at(705), ContainerID: cs.ContainerID,
				Message: "I0311 08:14:02.123456       1 leaderelection.go:248] attempting to acquire leader lease " + w.name + "/" + w.name + "-lock...\nF0311 08:14:32.654321       1 main.go:71] failed to start: context deadline exceeded\n"}}
		}
		st.ContainerStatuses = append(st.ContainerStatuses, cs)
	}
	return st
}

func owner(apiVersion, kind, name, uid string) []metav1.OwnerReference {
	return []metav1.OwnerReference{{APIVersion: apiVersion, Kind: kind, Name: name, UID: toUID(uid),
		Controller: ptr(true), BlockOwnerDeletion: ptr(true)}}
}

func (c *cluster) deployment(ns string, w *workload) *appsv1.Deployment {
	d := &appsv1.Deployment{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: c.meta(w.name, ns, w.uid, map[string]string{"app": w.name}),
		Spec: appsv1.DeploymentSpec{Replicas: ptr(int32(w.replicas)), Selector: selector(w), Template: c.template(w),
			RevisionHistoryLimit: ptr(int32(10)), ProgressDeadlineSeconds: ptr(int32(600)),
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxUnavailable: ptr(intstr.FromString("25%")), MaxSurge: ptr(intstr.FromString("25%"))}}},
		Status: appsv1.DeploymentStatus{ObservedGeneration: 3, Replicas: int32(w.replicas), ReadyReplicas: int32(w.replicas),
			AvailableReplicas: int32(w.replicas), UpdatedReplicas: int32(w.replicas), Conditions: []appsv1.DeploymentCondition{
				{Type: appsv1.DeploymentAvailable, Status: corev1.ConditionTrue, Reason: "MinimumReplicasAvailable", Message: "Deployment has minimum availability.", LastUpdateTime: c.at(720), LastTransitionTime: c.at(720)},
				{Type: appsv1.DeploymentProgressing, Status: corev1.ConditionTrue, Reason: "NewReplicaSetAvailable", Message: fmt.Sprintf("ReplicaSet %q has successfully progressed.", w.name+"-"+w.hash), LastUpdateTime: c.at(720), LastTransitionTime: c.at(700)}}},
	}
	d.Annotations["deployment.kubernetes.io/revision"] = fmt.Sprint(1 + w.oldRS)
	return d
}

// replicaSets are a Deployment's current ReplicaSet and the old ones its
// revision history keeps, scaled to 0.
func (c *cluster) replicaSets(ns string, w *workload) []appsv1.ReplicaSet {
	var out []appsv1.ReplicaSet
	for i := 0; i <= w.oldRS; i++ {
		hash, n := w.hash, int32(w.replicas)
		if i > 0 {
			hash, n = c.token(10), 0
		}
		rs := appsv1.ReplicaSet{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "ReplicaSet"},
			ObjectMeta: c.meta(w.name+"-"+hash, ns, c.uid(), map[string]string{"app": w.name, "pod-template-hash": hash}),
			Spec:       appsv1.ReplicaSetSpec{Replicas: ptr(n), Selector: selector(w), Template: c.template(w)},
			Status:     appsv1.ReplicaSetStatus{Replicas: n, ReadyReplicas: n, AvailableReplicas: n, FullyLabeledReplicas: n, ObservedGeneration: 1}}
		rs.OwnerReferences = owner("apps/v1", "Deployment", w.name, w.uid)
		out = append(out, rs)
	}
	return out
}

func (c *cluster) daemonSet(ns string, w *workload) *appsv1.DaemonSet {
	n := int32(len(w.pods))
	return &appsv1.DaemonSet{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
		ObjectMeta: c.meta(w.name, ns, w.uid, map[string]string{"app": w.name}),
		Spec: appsv1.DaemonSetSpec{Selector: selector(w), Template: c.template(w), RevisionHistoryLimit: ptr(int32(10)),
			UpdateStrategy: appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxUnavailable: ptr(intstr.FromString("10%")), MaxSurge: ptr(intstr.FromInt32(0))}}},
		Status: appsv1.DaemonSetStatus{CurrentNumberScheduled: n, DesiredNumberScheduled: n, NumberReady: n, NumberAvailable: n, UpdatedNumberScheduled: n, ObservedGeneration: 1},
	}
}

func (c *cluster) statefulSet(ns string, w *workload) *appsv1.StatefulSet {
	n := int32(w.replicas)
	return &appsv1.StatefulSet{TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: c.meta(w.name, ns, w.uid, map[string]string{"app": w.name}),
		Spec: appsv1.StatefulSetSpec{Replicas: ptr(n), Selector: selector(w), Template: c.template(w), ServiceName: w.name,
			PodManagementPolicy: appsv1.ParallelPodManagement, UpdateStrategy: appsv1.StatefulSetUpdateStrategy{Type: appsv1.RollingUpdateStatefulSetStrategyType}},
		Status: appsv1.StatefulSetStatus{Replicas: n, ReadyReplicas: n, CurrentReplicas: n, UpdatedReplicas: n, AvailableReplicas: n,
			CurrentRevision: w.name + "-" + w.hash, UpdateRevision: w.name + "-" + w.hash, ObservedGeneration: 1},
	}
}

func (c *cluster) pdb(ns string, w *workload) policyv1.PodDisruptionBudget {
	return policyv1.PodDisruptionBudget{TypeMeta: metav1.TypeMeta{APIVersion: "policy/v1", Kind: "PodDisruptionBudget"},
		ObjectMeta: c.meta(w.name+"-pdb", ns, c.uid(), nil),
		Spec: policyv1.PodDisruptionBudgetSpec{MaxUnavailable: ptr(intstr.FromInt32(1)), Selector: selector(w),
			UnhealthyPodEvictionPolicy: ptr(policyv1.AlwaysAllow)},
		Status: policyv1.PodDisruptionBudgetStatus{CurrentHealthy: int32(w.replicas), DesiredHealthy: int32(w.replicas - 1),
			ExpectedPods: int32(w.replicas), DisruptionsAllowed: 1, ObservedGeneration: 1}}
}

func (c *cluster) service(ns string, w *workload) corev1.Service {
	ip := fmt.Sprintf("172.30.%d.%d", c.rng.IntN(256), 1+c.rng.IntN(254))
	s := corev1.Service{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: c.meta(w.name, ns, c.uid(), map[string]string{"app": w.name}),
		Spec: corev1.ServiceSpec{Selector: map[string]string{"app": w.name}, Type: corev1.ServiceTypeClusterIP,
			ClusterIP: ip, ClusterIPs: []string{ip}, SessionAffinity: corev1.ServiceAffinityNone,
			IPFamilies: []corev1.IPFamily{corev1.IPv4Protocol}, IPFamilyPolicy: ptr(corev1.IPFamilyPolicySingleStack),
			InternalTrafficPolicy: ptr(corev1.ServiceInternalTrafficPolicyCluster),
			Ports:                 []corev1.ServicePort{{Name: "https", Port: 443, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromString("https")}}}}
	s.Annotations["service.beta.openshift.io/serving-cert-secret-name"] = w.name + "-serving-cert"
	return s
}
