package snapshot

import (
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// mirrorAnnotation marks the API copy of a static pod that the kubelet runs
// from a manifest on disk.
const mirrorAnnotation = "kubernetes.io/config.mirror"

// buildWorkloads turns a namespace's controllers and pods into workloads and
// attaches each live pod to the workload that owns it. Pods owned by a Job or
// any other controller are not workloads of their own: their controller is
// judged, or they are out of scope.
func buildWorkloads(n *Namespace, source func(Kind, metav1.Object) string) []*Workload {
	var out []*Workload
	byKey := map[string]*Workload{}
	add := func(w *Workload) {
		out = append(out, w)
		byKey[string(w.Kind)+"/"+w.Name] = w
	}
	for _, d := range n.Deployments {
		add(&Workload{Kind: Deployment, APIVersion: "apps/v1", Namespace: n.Name, Name: d.Name,
			Template: &d.Spec.Template, Selector: d.Spec.Selector, Object: d, replicas: d.Spec.Replicas,
			Source: source(Deployment, d)})
	}
	for _, s := range n.StatefulSets {
		add(&Workload{Kind: StatefulSet, APIVersion: "apps/v1", Namespace: n.Name, Name: s.Name,
			Template: &s.Spec.Template, Selector: s.Spec.Selector, Object: s, replicas: s.Spec.Replicas,
			Source: source(StatefulSet, s)})
	}
	for _, d := range n.DaemonSets {
		add(&Workload{Kind: DaemonSet, APIVersion: "apps/v1", Namespace: n.Name, Name: d.Name,
			Template: &d.Spec.Template, Selector: d.Spec.Selector, Object: d, Source: source(DaemonSet, d)})
	}
	rsOwner := map[string]string{}
	for _, rs := range n.ReplicaSets {
		if ref := metav1.GetControllerOf(rs); ref != nil && ref.Kind == string(Deployment) {
			rsOwner[rs.Name] = ref.Name
		}
	}
	for _, p := range n.Pods {
		ref := metav1.GetControllerOf(p)
		switch {
		// The kubelet makes the Node the controller of its mirror pods.
		case p.Annotations[mirrorAnnotation] != "" && (ref == nil || ref.Kind == string(Node)):
			name := staticPodName(p)
			w := byKey[string(StaticPod)+"/"+name]
			if w == nil {
				w = &Workload{Kind: StaticPod, APIVersion: "v1", Namespace: n.Name, Name: name,
					Template: podTemplate(p), Object: p, Source: source(Pod, p)}
				add(w)
			}
			w.Pods = append(w.Pods, p)
		case ref == nil:
			add(&Workload{Kind: Pod, APIVersion: "v1", Namespace: n.Name, Name: p.Name,
				Template: podTemplate(p), Object: p, Pods: []*corev1.Pod{p}, Source: source(Pod, p)})
		case ref.Kind == "ReplicaSet":
			dep, ok := rsOwner[ref.Name]
			if !ok {
				dep = trimHash(ref.Name, p.Labels["pod-template-hash"])
			}
			if w := byKey[string(Deployment)+"/"+dep]; w != nil {
				w.Pods = append(w.Pods, p)
			}
		case ref.Kind == string(StatefulSet) || ref.Kind == string(DaemonSet):
			if w := byKey[ref.Kind+"/"+ref.Name]; w != nil {
				w.Pods = append(w.Pods, p)
			}
		}
	}
	order := map[Kind]int{Deployment: 0, StatefulSet: 1, DaemonSet: 2, Pod: 3, StaticPod: 4}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return order[out[i].Kind] < order[out[j].Kind]
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// staticPodName drops the "-<node>" suffix the kubelet appends to a mirror
// pod's name, so that etcd-ip-10-0-1-2 on every master is one workload "etcd".
func staticPodName(p *corev1.Pod) string {
	if node := p.Spec.NodeName; node != "" {
		if base, ok := strings.CutSuffix(p.Name, "-"+node); ok && base != "" {
			return base
		}
	}
	return p.Name
}

// trimHash turns a ReplicaSet name into its Deployment's name when the
// ReplicaSet itself is not in the input.
func trimHash(rs, hash string) string {
	if hash != "" {
		if base, ok := strings.CutSuffix(rs, "-"+hash); ok {
			return base
		}
	}
	if i := strings.LastIndexByte(rs, '-'); i > 0 {
		return rs[:i]
	}
	return rs
}

// podTemplate presents a pod as the template of a workload of its own.
func podTemplate(p *corev1.Pod) *corev1.PodTemplateSpec {
	return &corev1.PodTemplateSpec{ObjectMeta: p.ObjectMeta, Spec: p.Spec}
}
