package main

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// podSpec builds the pod spec of a workload the way OpenShift's operators
// write theirs: several containers with commands, env, probes, resources,
// security contexts and mounts, plus volumes, tolerations and scheduling.
func (c *cluster) podSpec(w *workload) corev1.PodSpec {
	spec := corev1.PodSpec{
		RestartPolicy:                 corev1.RestartPolicyAlways,
		TerminationGracePeriodSeconds: ptr(int64(30)),
		DNSPolicy:                     corev1.DNSClusterFirst,
		ServiceAccountName:            w.name,
		DeprecatedServiceAccount:      w.name,
		SchedulerName:                 "default-scheduler",
		PriorityClassName:             []string{"system-cluster-critical", "system-node-critical", "openshift-user-critical"}[c.rng.IntN(3)],
		SecurityContext:               &corev1.PodSecurityContext{RunAsNonRoot: ptr(true), SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault}},
		EnableServiceLinks:            ptr(true),
		PreemptionPolicy:              ptr(corev1.PreemptLowerPriority),
		Tolerations: []corev1.Toleration{
			{Key: "node-role.kubernetes.io/master", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
			{Key: "node.kubernetes.io/unreachable", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr(int64(120))},
			{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr(int64(120))},
			{Key: "node.kubernetes.io/memory-pressure", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
		},
	}
	if w.masterOnly || w.kind == "StaticPod" {
		spec.NodeSelector = map[string]string{"node-role.kubernetes.io/master": ""}
	}
	if w.kind == "DaemonSet" || w.kind == "StaticPod" {
		spec.HostNetwork = true
		spec.Tolerations = append(spec.Tolerations, corev1.Toleration{Operator: corev1.TolerationOpExists})
	}
	if w.anti {
		spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{
				LabelSelector: selector(w), TopologyKey: "kubernetes.io/hostname"}}}}
	}
	for i, name := range w.containers {
		spec.Containers = append(spec.Containers, c.container(w, name, i))
	}
	if c.rng.IntN(4) == 0 {
		init := c.container(w, "init-config", 9)
		init.LivenessProbe, init.ReadinessProbe, init.Ports = nil, nil, nil
		spec.InitContainers = []corev1.Container{init}
	}
	spec.Volumes = []corev1.Volume{
		{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
			LocalObjectReference: corev1.LocalObjectReference{Name: w.name + "-config"}, DefaultMode: ptr(int32(420))}}},
		{Name: "serving-cert", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{
			SecretName: w.name + "-serving-cert", DefaultMode: ptr(int32(420)), Optional: ptr(true)}}},
		{Name: "tmp", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		{Name: "kube-api-access-" + c.token(5), VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{
			DefaultMode: ptr(int32(420)),
			Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{ExpirationSeconds: ptr(int64(3607)), Path: "token"}},
				{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"},
					Items: []corev1.KeyToPath{{Key: "ca.crt", Path: "ca.crt"}}}},
				{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{Path: "namespace",
					FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}},
				{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "openshift-service-ca.crt"},
					Items: []corev1.KeyToPath{{Key: "service-ca.crt", Path: "service-ca.crt"}}}},
			}}}},
	}
	return spec
}

func (c *cluster) container(w *workload, name string, i int) corev1.Container {
	port := int32(8443 + i)
	ct := corev1.Container{
		Name:    name,
		Image:   w.image,
		Command: []string{"/usr/bin/" + w.name},
		Args: []string{"--config=/var/run/configmaps/config/config.yaml", "-v=2",
			fmt.Sprintf("--listen=0.0.0.0:%d", port), "--tls-cert-file=/var/run/secrets/serving-cert/tls.crt",
			"--tls-private-key-file=/var/run/secrets/serving-cert/tls.key",
			"--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
		Env: []corev1.EnvVar{
			{Name: "RELEASE_VERSION", Value: "4.16.3"},
			{Name: "OPERATOR_IMAGE", Value: w.image},
			{Name: "POD_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}},
			{Name: "POD_NAMESPACE", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.namespace"}}},
			{Name: "NODE_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "spec.nodeName"}}},
			{Name: "GOMAXPROCS", Value: "4"},
			{Name: "LOG_LEVEL", Value: []string{"info", "debug", "2"}[c.rng.IntN(3)]},
		},
		Ports: []corev1.ContainerPort{{Name: "https", ContainerPort: port, Protocol: corev1.ProtocolTCP}},
		Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse(fmt.Sprintf("%dm", 5+c.rng.IntN(200))),
			corev1.ResourceMemory: resource.MustParse(fmt.Sprintf("%dMi", 20+c.rng.IntN(500))),
		}},
		VolumeMounts: []corev1.VolumeMount{
			{Name: "config", MountPath: "/var/run/configmaps/config"},
			{Name: "serving-cert", MountPath: "/var/run/secrets/serving-cert"},
			{Name: "tmp", MountPath: "/tmp"},
			{Name: "kube-api-access", MountPath: "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnly: true},
		},
		TerminationMessagePath:   "/dev/termination-log",
		TerminationMessagePolicy: corev1.TerminationMessageFallbackToLogsOnError,
		ImagePullPolicy:          corev1.PullIfNotPresent,
		SecurityContext: &corev1.SecurityContext{AllowPrivilegeEscalation: ptr(false),
			Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}}, ReadOnlyRootFilesystem: ptr(c.rng.IntN(2) == 0)},
	}
	probe := func(path string, delay int32) *corev1.Probe {
		return &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
			Path: path, Port: intstr.FromInt32(port), Scheme: corev1.URISchemeHTTPS}},
			InitialDelaySeconds: delay, TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
	}
	if c.rng.IntN(5) > 0 {
		ct.LivenessProbe = probe("/healthz", 30)
	}
	if c.rng.IntN(5) > 0 {
		ct.ReadinessProbe = probe("/readyz", 0)
	}
	if c.rng.IntN(4) == 0 {
		ct.StartupProbe = probe("/healthz", 0)
		ct.StartupProbe.FailureThreshold = 30
	}
	if c.rng.IntN(6) == 0 {
		ct.Resources.Limits = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("1Gi")}
	}
	return ct
}

func ptr[T any](v T) *T { return &v }
