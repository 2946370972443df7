package checks

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// longRunning returns the containers that run as long as the pod: every
// container, plus sidecar init containers (restartPolicy: Always). A pod
// that runs to completion (restartPolicy Never or OnFailure, e.g. the
// installer pods of static-pod operators) has none.
func longRunning(spec *corev1.PodSpec) []*corev1.Container {
	if spec.RestartPolicy != "" && spec.RestartPolicy != corev1.RestartPolicyAlways {
		return nil
	}
	var out []*corev1.Container
	for i := range spec.InitContainers {
		if rp := spec.InitContainers[i].RestartPolicy; rp != nil && *rp == corev1.ContainerRestartPolicyAlways {
			out = append(out, &spec.InitContainers[i])
		}
	}
	for i := range spec.Containers {
		out = append(out, &spec.Containers[i])
	}
	return out
}

// allContainers returns init containers then containers.
func allContainers(spec *corev1.PodSpec) []*corev1.Container {
	out := make([]*corev1.Container, 0, len(spec.InitContainers)+len(spec.Containers))
	for i := range spec.InitContainers {
		out = append(out, &spec.InitContainers[i])
	}
	for i := range spec.Containers {
		out = append(out, &spec.Containers[i])
	}
	return out
}

// metricsPort reports whether a port name says it only serves metrics.
func metricsPort(name string) bool { return name == "metrics" || name == "https-metrics" }

// serving returns the long-running containers of w that serve traffic
// [proposal, our interpretation of docs/checks.md]:
//   - a container declaring a port not named metrics or https-metrics, or
//   - a container a Service of the namespace routes to: the Service's
//     selector matches the template labels, and one of its ports, not named
//     metrics or https-metrics, has a targetPort that resolves to the
//     container. A named targetPort resolves to the container declaring a
//     port of that name (not a metrics one); a numeric targetPort (the port
//     number when unset) to the container declaring that containerPort,
//     or to the only long-running container when none declares it.
func serving(w *snapshot.Workload, services []*corev1.Service) []*corev1.Container {
	lr := longRunning(w.Spec())
	on := make(map[*corev1.Container]bool, len(lr))
	for _, c := range lr {
		for _, p := range c.Ports {
			if !metricsPort(p.Name) {
				on[c] = true
			}
		}
	}
	for _, svc := range services {
		if !serviceSelects(svc, w.Labels()) {
			continue
		}
		for _, sp := range svc.Spec.Ports {
			if metricsPort(sp.Name) {
				continue
			}
			if c := targetOf(sp, lr); c != nil {
				on[c] = true
			}
		}
	}
	var out []*corev1.Container
	for _, c := range lr {
		if on[c] {
			out = append(out, c)
		}
	}
	return out
}

// targetOf resolves a service port to the container it routes to, or nil.
func targetOf(sp corev1.ServicePort, lr []*corev1.Container) *corev1.Container {
	tp := sp.TargetPort
	if tp.Type == intstr.String && tp.StrVal != "" {
		if metricsPort(tp.StrVal) {
			return nil
		}
		for _, c := range lr {
			for _, p := range c.Ports {
				if p.Name == tp.StrVal {
					return c
				}
			}
		}
		return nil
	}
	num := tp.IntVal
	if tp.Type == intstr.String || num == 0 {
		num = sp.Port
	}
	for _, c := range lr {
		for _, p := range c.Ports {
			if p.ContainerPort == num {
				if metricsPort(p.Name) {
					return nil
				}
				return c
			}
		}
	}
	if len(lr) == 1 {
		return lr[0]
	}
	return nil
}
