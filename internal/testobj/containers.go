package testobj

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// ContainerOpt changes a container under construction.
type ContainerOpt func(*corev1.Container)

// C builds a container with nothing set but its name and image.
func C(name string, opts ...ContainerOpt) corev1.Container {
	c := corev1.Container{Name: name, Image: "example.com/" + name}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Sidecar builds a sidecar init container (restartPolicy: Always): it runs
// as long as the pod does.
func Sidecar(name string, opts ...ContainerOpt) corev1.Container {
	always := corev1.ContainerRestartPolicyAlways
	c := C(name, opts...)
	c.RestartPolicy = &always
	return c
}

func probe() *corev1.Probe {
	return &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{}}}
}

// Liveness sets a livenessProbe.
func Liveness() ContainerOpt { return func(c *corev1.Container) { c.LivenessProbe = probe() } }

// Readiness sets a readinessProbe.
func Readiness() ContainerOpt { return func(c *corev1.Container) { c.ReadinessProbe = probe() } }

// Startup sets a startupProbe.
func Startup() ContainerOpt { return func(c *corev1.Container) { c.StartupProbe = probe() } }

// Probes sets liveness, readiness and startup probes.
func Probes() ContainerOpt {
	return func(c *corev1.Container) { Liveness()(c); Readiness()(c); Startup()(c) }
}

// Port adds a container port; name may be "".
func Port(name string, port int32) ContainerOpt {
	return func(c *corev1.Container) {
		c.Ports = append(c.Ports, corev1.ContainerPort{Name: name, ContainerPort: port, Protocol: corev1.ProtocolTCP})
	}
}

// HostPort adds a container port that also claims the node's port.
func HostPort(port int32) ContainerOpt {
	return func(c *corev1.Container) {
		c.Ports = append(c.Ports, corev1.ContainerPort{ContainerPort: port, HostPort: port, Protocol: corev1.ProtocolTCP})
	}
}

// Requests sets resource requests (name, quantity...), e.g. Requests("cpu", "10m").
func Requests(kv ...string) ContainerOpt {
	return func(c *corev1.Container) { c.Resources.Requests = resources(c.Resources.Requests, kv) }
}

// Limits sets resource limits (name, quantity...).
func Limits(kv ...string) ContainerOpt {
	return func(c *corev1.Container) { c.Resources.Limits = resources(c.Resources.Limits, kv) }
}

func resources(l corev1.ResourceList, kv []string) corev1.ResourceList {
	if l == nil {
		l = corev1.ResourceList{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		l[corev1.ResourceName(kv[i])] = resource.MustParse(kv[i+1])
	}
	return l
}
