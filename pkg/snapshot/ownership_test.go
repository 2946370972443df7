package snapshot

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestLogicalPodName: the same logical workload has the same name whatever
// the revision, retry, node or random suffix of the pod that runs it.
func TestLogicalPodName(t *testing.T) {
	node := "ip-10-0-187-218.ec2.internal"
	runOnce := func(p *corev1.Pod) { p.Spec.RestartPolicy = corev1.RestartPolicyNever; p.Spec.NodeName = node }
	cases := []struct {
		name string
		pod  *corev1.Pod
		want string
	}{
		{"installer without revision and node", pod("ns", "installer-9-"+node, runOnce), "installer"},
		{"revision pruner without revision and node", pod("ns", "revision-pruner-12-"+node, runOnce), "revision-pruner"},
		{"a retried installer drops -retry-N-", pod("ns", "installer-3-retry-2-"+node, runOnce), "installer"},
		{"not yet scheduled: no node to drop", pod("ns", "installer-3", func(p *corev1.Pod) { p.Spec.RestartPolicy = corev1.RestartPolicyNever }), "installer"},
		{"a long-running pod keeps its numbers", pod("ns", "installer-3-"+node, func(p *corev1.Pod) { p.Spec.NodeName = node }), "installer-3"},
		{"a catalog pod by its generateName", pod("openshift-marketplace", "redhat-operators-k6wwt", func(p *corev1.Pod) { p.GenerateName = "redhat-operators-" }), "redhat-operators"},
		{"a bare pod keeps its name", pod("ns", "debug"), "debug"},
		{"a per-node pod drops its node", pod("ns", "guard-"+node, func(p *corev1.Pod) { p.Spec.NodeName = node }), "guard"},
		{"a name that is all suffix stays whole", pod("ns", "-retry-1", runOnce), "-retry-1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := LogicalPodName(tc.pod); got != tc.want {
				t.Errorf("LogicalPodName(%s) = %q, want %q", tc.pod.Name, got, tc.want)
			}
		})
	}
}

func TestJobName(t *testing.T) {
	for job, want := range map[string]string{
		"collect-profiles-29012345": "collect-profiles", // a CronJob's Job: the schedule goes
		"image-pruner-27180000":     "image-pruner",
		"installer-3":               "installer-3", // a Job of its own keeps short numbers
		"migrate":                   "migrate",
	} {
		if got := jobName(job); got != want {
			t.Errorf("jobName(%q) = %q, want %q", job, got, want)
		}
	}
}

// TestGroupsRunOncePods: every installer pod of a namespace is one workload
// "installer", run once when all its pods finished; a Job's pods are always
// run once; static pods never are.
func TestGroupsRunOncePods(t *testing.T) {
	phase := func(ph corev1.PodPhase) func(*corev1.Pod) {
		return func(p *corev1.Pod) { p.Status.Phase = ph; p.Spec.RestartPolicy = corev1.RestartPolicyNever }
	}
	on := func(node string) func(*corev1.Pod) { return func(p *corev1.Pod) { p.Spec.NodeName = node } }
	b := NewBuilder()
	for _, p := range []*corev1.Pod{
		pod("ns", "installer-2-m0", phase(corev1.PodSucceeded), on("m0")),
		pod("ns", "installer-3-m1", phase(corev1.PodFailed), on("m1")),
		pod("ns", "installer-3-retry-1-m1", phase(corev1.PodSucceeded), on("m1")),
		pod("ns", "revision-pruner-3-m0", phase(corev1.PodSucceeded), on("m0")),
		pod("ns", "revision-pruner-4-m0", phase(corev1.PodRunning), on("m0")),
		pod("ns", "collect-profiles-29012345-abcde", ownedBy("Job", "collect-profiles-29012345"), phase(corev1.PodRunning)),
		pod("ns", "collect-profiles-29012360-fghij", ownedBy("Job", "collect-profiles-29012360"), phase(corev1.PodSucceeded)),
		pod("ns", "etcd-m0", mirrorOn("m0")),
		pod("ns", "debug", func(p *corev1.Pod) { p.Status.Phase = corev1.PodRunning }),
		// From 4.9 OLM makes the CatalogSource the controller of its registry pod.
		pod("ns", "redhat-operators-x7k2p", ownedBy("CatalogSource", "redhat-operators"), func(p *corev1.Pod) {
			p.GenerateName = "redhat-operators-"
			p.Status.Phase = corev1.PodRunning
		}),
		pod("ns", "done", func(p *corev1.Pod) { p.Status.Phase = corev1.PodSucceeded }),
	} {
		b.Add(p, "f", false)
	}
	got := map[string]bool{}
	pods := map[string]int{}
	for _, w := range b.Build().Namespace("ns").Workloads() {
		got[string(w.Kind)+"/"+w.Name] = w.RunOnce()
		pods[string(w.Kind)+"/"+w.Name] = len(w.Pods)
	}
	// revision-pruner-4 still runs, but restartPolicy Never makes it finish.
	want := map[string]bool{"Pod/installer": true, "Pod/revision-pruner": true, "Job/collect-profiles": true,
		"StaticPod/etcd": false, "Pod/debug": false, "Pod/done": true, "Pod/redhat-operators": false}
	wantPods := map[string]int{"Pod/installer": 3, "Pod/revision-pruner": 2, "Job/collect-profiles": 2,
		"StaticPod/etcd": 1, "Pod/debug": 1, "Pod/done": 1, "Pod/redhat-operators": 1}
	if len(got) != len(want) {
		t.Fatalf("workloads %v, want %v", got, want)
	}
	for k, ro := range want {
		if got[k] != ro || pods[k] != wantPods[k] {
			t.Errorf("%s: RunOnce %v with %d pods, want %v with %d", k, got[k], pods[k], ro, wantPods[k])
		}
	}
}

// TestGroupJudgesNewestPod: a workload of several pods is judged by its
// newest pod, the latest revision, whatever the order of the input.
func TestGroupJudgesNewestPod(t *testing.T) {
	at := func(sec int64, class string) func(*corev1.Pod) {
		return func(p *corev1.Pod) {
			p.CreationTimestamp = metav1.Unix(sec, 0)
			p.Spec.PriorityClassName = class
			p.Spec.RestartPolicy = corev1.RestartPolicyNever
			p.Spec.NodeName = "m0"
		}
	}
	b := NewBuilder()
	b.Add(pod("ns", "installer-9-m0", at(300, "system-node-critical")), "f", false)
	b.Add(pod("ns", "installer-10-m0", at(900, "")), "f", false) // newest, sorted first by name
	b.Add(pod("ns", "installer-8-m0", at(100, "system-node-critical")), "f", false)
	w := b.Build().Namespace("ns").Workloads(Pod)[0]
	if w.Name != "installer" || len(w.Pods) != 3 || w.Object.(*corev1.Pod).Name != "installer-10-m0" || w.Spec().PriorityClassName != "" {
		t.Errorf("workload %s judged by %s (%d pods), want installer judged by installer-10-m0",
			w.Name, w.Object.(*corev1.Pod).Name, len(w.Pods))
	}
}
