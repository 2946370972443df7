package snapshot

import (
	"regexp"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// mirrorAnnotation marks the API copy of a static pod that the kubelet runs
// from a manifest on disk.
const mirrorAnnotation = "kubernetes.io/config.mirror"

// buildWorkloads turns a namespace's controllers and pods into workloads and
// attaches each live pod to the workload that owns it. Pods without a
// workload controller (bare pods, Job pods, pods an operator's resource
// controls) become workloads of their own, grouped under a logical name
// (LogicalPodName, jobName, the owner's name) so that the same workload has
// the same name in every must-gather.
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
	// pod adds a pod to the workload of (kind, name), creating it from the
	// pod when it is the first: bare, static, Job and operator-owned pods
	// are grouped by their logical name, not by their pod names. The newest
	// pod (the latest revision, the last Job run) is the template judged.
	pod := func(kind Kind, apiVersion, name string, p *corev1.Pod) {
		w := byKey[string(kind)+"/"+name]
		if w == nil {
			w = &Workload{Kind: kind, APIVersion: apiVersion, Namespace: n.Name, Name: name}
			add(w)
		}
		if newest, ok := w.Object.(*corev1.Pod); !ok || newest.CreationTimestamp.Before(&p.CreationTimestamp) {
			w.Template, w.Object, w.Source = podTemplate(p), p, source(Pod, p)
		}
		w.Pods = append(w.Pods, p)
	}
	for _, p := range n.Pods {
		ref := metav1.GetControllerOf(p)
		switch {
		// The kubelet makes the Node the controller of its mirror pods.
		case p.Annotations[mirrorAnnotation] != "" && (ref == nil || ref.Kind == string(Node)):
			pod(StaticPod, "v1", staticPodName(p), p)
		case ref == nil:
			pod(Pod, "v1", LogicalPodName(p), p)
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
		case ref.Kind == string(Job) && ref.Name != "":
			pod(Job, "batch/v1", jobName(ref.Name), p)
		case ref.Kind == string(Job):
			pod(Job, "batch/v1", LogicalPodName(p), p)
		case ref.Kind != "ReplicationController" && ref.Name != "":
			// Pods an operator's own resource controls (a CatalogSource's
			// registry pod) are named after that owner.
			pod(Pod, "v1", ref.Name, p)
		case ref.Kind != "ReplicationController":
			pod(Pod, "v1", LogicalPodName(p), p)
		}
	}
	order := map[Kind]int{Deployment: 0, StatefulSet: 1, DaemonSet: 2, Pod: 3, StaticPod: 4, Job: 5}
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

// runOnceName matches the revision (and retry) of the pods static-pod
// operators run once per revision and node, e.g. installer-7-retry-1 once the
// node suffix is gone. Origin's resources test groups them the same way.
var runOnceName = regexp.MustCompile(`^(installer|revision-pruner)-[0-9]+(-retry-[0-9]+)?$`)

// retry matches the "-retry-N-" a static-pod operator puts in a retried pod's name.
var retry = regexp.MustCompile(`-retry-[0-9]+-`)

// LogicalPodName is the name of the workload a pod without a workload
// controller belongs to: its generateName without the trailing "-" when it
// has one (a catalog pod redhat-operators-k6wwt is redhat-operators), else its
// name; then without the "-<node>" suffix, the "-retry-N" part and, for pods
// that run once (restartPolicy other than Always), the revision of
// installer-<rev> and revision-pruner-<rev>. installer-9-ip-10-0-1-2 and
// installer-3-retry-1-ip-10-0-1-3 are both "installer".
func LogicalPodName(p *corev1.Pod) string {
	name := p.Name
	if g := strings.TrimSuffix(p.GenerateName, "-"); g != "" {
		name = g
	}
	if node := p.Spec.NodeName; node != "" {
		if base, ok := strings.CutSuffix(name, "-"+node); ok && base != "" {
			name = base
		}
	}
	name = retry.ReplaceAllString(name+"-", "-")
	name = strings.TrimSuffix(name, "-")
	if p.Spec.RestartPolicy != "" && p.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		if m := runOnceName.FindStringSubmatch(name); m != nil {
			name = m[1]
		}
	}
	if name == "" { // a name that is all suffix: keep it whole
		return p.Name
	}
	return name
}

// cronSuffix is the scheduled time (minutes since the epoch) a CronJob
// appends to the name of each Job it creates.
var cronSuffix = regexp.MustCompile(`-[0-9]{8,}$`)

// jobName is the logical name of a Job's pods: the Job's name without the
// CronJob schedule suffix, so collect-profiles-29012345 is collect-profiles.
func jobName(job string) string {
	if base := cronSuffix.ReplaceAllString(job, ""); base != "" {
		return base
	}
	return job
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
