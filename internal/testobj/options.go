package testobj

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// podParts returns the pod metadata and spec of a workload or pod.
func podParts(obj any) (*metav1.ObjectMeta, *corev1.PodSpec) {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec
	case *appsv1.StatefulSet:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec
	case *appsv1.DaemonSet:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec
	case *corev1.Pod:
		return &o.ObjectMeta, &o.Spec
	}
	return nil, nil
}

// onSpec makes an Opt that changes the pod spec of a workload or pod.
func onSpec(f func(m *metav1.ObjectMeta, s *corev1.PodSpec)) Opt {
	return func(obj any) {
		if m, s := podParts(obj); s != nil {
			f(m, s)
		}
	}
}

// Replicas sets spec.replicas of a Deployment or StatefulSet.
func Replicas(n int32) Opt {
	return func(obj any) {
		switch o := obj.(type) {
		case *appsv1.Deployment:
			o.Spec.Replicas = &n
		case *appsv1.StatefulSet:
			o.Spec.Replicas = &n
		}
	}
}

// Labels adds labels (key, value, key, value...) to the pod template or pod.
func Labels(kv ...string) Opt {
	return onSpec(func(m *metav1.ObjectMeta, _ *corev1.PodSpec) {
		if m.Labels == nil {
			m.Labels = map[string]string{}
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m.Labels[kv[i]] = kv[i+1]
		}
	})
}

// Annotations adds annotations (key, value...) to the pod template or pod.
func Annotations(kv ...string) Opt {
	return onSpec(func(m *metav1.ObjectMeta, _ *corev1.PodSpec) {
		if m.Annotations == nil {
			m.Annotations = map[string]string{}
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m.Annotations[kv[i]] = kv[i+1]
		}
	})
}

// Containers replaces the containers of the pod template or pod.
func Containers(cs ...corev1.Container) Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) { s.Containers = cs })
}

// InitContainers sets the init containers of the pod template or pod.
func InitContainers(cs ...corev1.Container) Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) { s.InitContainers = cs })
}

// Each applies container options to every container (not init containers).
func Each(opts ...ContainerOpt) Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) {
		for i := range s.Containers {
			for _, o := range opts {
				o(&s.Containers[i])
			}
		}
	})
}

// NodeSelector adds nodeSelector entries (key, value...).
func NodeSelector(kv ...string) Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) {
		if s.NodeSelector == nil {
			s.NodeSelector = map[string]string{}
		}
		for i := 0; i+1 < len(kv); i += 2 {
			s.NodeSelector[kv[i]] = kv[i+1]
		}
	})
}

// OnMasters pins the pods to control-plane nodes, as control-plane operators do.
func OnMasters() Opt { return NodeSelector("node-role.kubernetes.io/master", "") }

// HostNetwork sets hostNetwork: true.
func HostNetwork() Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) { s.HostNetwork = true })
}

// PriorityClass sets spec.priorityClassName.
func PriorityClass(name string) Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) { s.PriorityClassName = name })
}

// Tolerations appends tolerations.
func Tolerations(ts ...corev1.Toleration) Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) { s.Tolerations = append(s.Tolerations, ts...) })
}

// AntiAffinity adds a pod anti-affinity term on topologyKey selecting the
// workload's own pods (app=<its app label>): required, or preferred with weight 100.
func AntiAffinity(required bool, topologyKey string) Opt {
	return onSpec(func(m *metav1.ObjectMeta, s *corev1.PodSpec) {
		addAntiAffinity(s, required, corev1.PodAffinityTerm{
			TopologyKey:   topologyKey,
			LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": m.Labels["app"]}},
		})
	})
}

// AntiAffinityTerm adds the given pod anti-affinity term.
func AntiAffinityTerm(required bool, term corev1.PodAffinityTerm) Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) { addAntiAffinity(s, required, term) })
}

func addAntiAffinity(s *corev1.PodSpec, required bool, term corev1.PodAffinityTerm) {
	if s.Affinity == nil {
		s.Affinity = &corev1.Affinity{}
	}
	if s.Affinity.PodAntiAffinity == nil {
		s.Affinity.PodAntiAffinity = &corev1.PodAntiAffinity{}
	}
	a := s.Affinity.PodAntiAffinity
	if required {
		a.RequiredDuringSchedulingIgnoredDuringExecution = append(a.RequiredDuringSchedulingIgnoredDuringExecution, term)
		return
	}
	a.PreferredDuringSchedulingIgnoredDuringExecution = append(a.PreferredDuringSchedulingIgnoredDuringExecution,
		corev1.WeightedPodAffinityTerm{Weight: 100, PodAffinityTerm: term})
}

// Spread adds a topology spread constraint on topologyKey selecting the
// workload's own pods.
func Spread(topologyKey string, when corev1.UnsatisfiableConstraintAction, maxSkew int32) Opt {
	return onSpec(func(m *metav1.ObjectMeta, s *corev1.PodSpec) {
		s.TopologySpreadConstraints = append(s.TopologySpreadConstraints, corev1.TopologySpreadConstraint{
			MaxSkew: maxSkew, TopologyKey: topologyKey, WhenUnsatisfiable: when,
			LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": m.Labels["app"]}},
		})
	})
}

// Recreate sets a Deployment's strategy to Recreate.
func Recreate() Opt {
	return func(obj any) {
		if d, ok := obj.(*appsv1.Deployment); ok {
			d.Spec.Strategy = appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}
		}
	}
}

// OnDelete sets a DaemonSet's update strategy to OnDelete.
func OnDelete() Opt {
	return func(obj any) {
		if d, ok := obj.(*appsv1.DaemonSet); ok {
			d.Spec.UpdateStrategy = appsv1.DaemonSetUpdateStrategy{Type: appsv1.OnDeleteDaemonSetStrategyType}
		}
	}
}

// MaxUnavailable sets maxUnavailable ("1", "25%") of a Deployment's or
// DaemonSet's rolling update, or of a PodDisruptionBudget.
func MaxUnavailable(v string) Opt {
	x := intstr.Parse(v)
	return func(obj any) {
		switch o := obj.(type) {
		case *appsv1.Deployment:
			deployRolling(o).MaxUnavailable = &x
		case *appsv1.DaemonSet:
			daemonRolling(o).MaxUnavailable = &x
		case *policyv1.PodDisruptionBudget:
			o.Spec.MaxUnavailable = &x
		}
	}
}

// MaxSurge sets maxSurge of a Deployment's or DaemonSet's rolling update.
func MaxSurge(v string) Opt {
	x := intstr.Parse(v)
	return func(obj any) {
		switch o := obj.(type) {
		case *appsv1.Deployment:
			deployRolling(o).MaxSurge = &x
		case *appsv1.DaemonSet:
			daemonRolling(o).MaxSurge = &x
		}
	}
}

func deployRolling(d *appsv1.Deployment) *appsv1.RollingUpdateDeployment {
	d.Spec.Strategy.Type = appsv1.RollingUpdateDeploymentStrategyType
	if d.Spec.Strategy.RollingUpdate == nil {
		d.Spec.Strategy.RollingUpdate = &appsv1.RollingUpdateDeployment{}
	}
	return d.Spec.Strategy.RollingUpdate
}

func daemonRolling(d *appsv1.DaemonSet) *appsv1.RollingUpdateDaemonSet {
	d.Spec.UpdateStrategy.Type = appsv1.RollingUpdateDaemonSetStrategyType
	if d.Spec.UpdateStrategy.RollingUpdate == nil {
		d.Spec.UpdateStrategy.RollingUpdate = &appsv1.RollingUpdateDaemonSet{}
	}
	return d.Spec.UpdateStrategy.RollingUpdate
}

// RunOnce sets restartPolicy: Never, as pods that run to completion have.
func RunOnce() Opt {
	return onSpec(func(_ *metav1.ObjectMeta, s *corev1.PodSpec) { s.RestartPolicy = corev1.RestartPolicyNever })
}
