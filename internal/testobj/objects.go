package testobj

import (
	configv1 "github.com/openshift/api/config/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// PDB builds a PodDisruptionBudget with no selector and no budget; add
// Selects and MinAvailable or MaxUnavailable.
func PDB(ns, name string, opts ...Opt) *policyv1.PodDisruptionBudget {
	p := &policyv1.PodDisruptionBudget{
		TypeMeta:   metav1.TypeMeta{APIVersion: "policy/v1", Kind: "PodDisruptionBudget"},
		ObjectMeta: meta(ns, name),
	}
	apply(p, opts)
	return p
}

// Selects sets the label selector (key, value...) of a PodDisruptionBudget
// or Service. With no arguments a PDB gets the empty selector, which selects
// every pod of its namespace.
func Selects(kv ...string) Opt {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(obj any) {
		switch o := obj.(type) {
		case *policyv1.PodDisruptionBudget:
			o.Spec.Selector = &metav1.LabelSelector{MatchLabels: m}
		case *corev1.Service:
			o.Spec.Selector = m
		}
	}
}

// SelectsExpr sets a PodDisruptionBudget's selector to one matchExpressions
// requirement.
func SelectsExpr(key string, op metav1.LabelSelectorOperator, values ...string) Opt {
	return func(obj any) {
		if o, ok := obj.(*policyv1.PodDisruptionBudget); ok {
			o.Spec.Selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
				{Key: key, Operator: op, Values: values}}}
		}
	}
}

// MinAvailable sets a PodDisruptionBudget's minAvailable ("1", "50%").
func MinAvailable(v string) Opt {
	x := intstr.Parse(v)
	return func(obj any) {
		if o, ok := obj.(*policyv1.PodDisruptionBudget); ok {
			o.Spec.MinAvailable = &x
		}
	}
}

// AlwaysAllow sets unhealthyPodEvictionPolicy: AlwaysAllow.
func AlwaysAllow() Opt { return EvictionPolicy(policyv1.AlwaysAllow) }

// EvictionPolicy sets a PodDisruptionBudget's unhealthyPodEvictionPolicy.
func EvictionPolicy(p policyv1.UnhealthyPodEvictionPolicyType) Opt {
	return func(obj any) {
		if o, ok := obj.(*policyv1.PodDisruptionBudget); ok {
			o.Spec.UnhealthyPodEvictionPolicy = &p
		}
	}
}

// Service builds a Service; add Selects and ServicePort.
func Service(ns, name string, opts ...Opt) *corev1.Service {
	s := &corev1.Service{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: meta(ns, name),
	}
	apply(s, opts)
	return s
}

// ServicePort adds a service port; target is a number, a container port
// name, or "" (then the port number is the target).
func ServicePort(name string, port int32, target string) Opt {
	return func(obj any) {
		if o, ok := obj.(*corev1.Service); ok {
			sp := corev1.ServicePort{Name: name, Port: port, Protocol: corev1.ProtocolTCP}
			if target != "" {
				sp.TargetPort = intstr.Parse(target)
			}
			o.Spec.Ports = append(o.Spec.Ports, sp)
		}
	}
}

// Node builds a node with the hostname label and extra labels (key, value...).
func Node(name string, kv ...string) *corev1.Node {
	n := &corev1.Node{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Node"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/hostname": name}},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Labels[kv[i]] = kv[i+1]
	}
	return n
}

// ZonedNode builds a node in zone (label topology.kubernetes.io/zone).
func ZonedNode(name, zone string) *corev1.Node {
	return Node(name, "topology.kubernetes.io/zone", zone)
}

// Infra builds the cluster Infrastructure with the given topologies; ""
// leaves a field empty, as clusters before 4.6 do.
func Infra(controlPlane, infrastructure configv1.TopologyMode) *configv1.Infrastructure {
	return &configv1.Infrastructure{
		TypeMeta:   metav1.TypeMeta{APIVersion: "config.openshift.io/v1", Kind: "Infrastructure"},
		ObjectMeta: metav1.ObjectMeta{Name: "cluster"},
		Status: configv1.InfrastructureStatus{
			ControlPlaneTopology:   controlPlane,
			InfrastructureTopology: infrastructure,
		},
	}
}
