package checks

import (
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestTolerations(t *testing.T) {
	secs := int64(300)
	everything := corev1.Toleration{Operator: corev1.TolerationOpExists}
	everyNoExecute := corev1.Toleration{Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute}
	everyNoSchedule := corev1.Toleration{Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}
	master := corev1.Toleration{Key: "node-role.kubernetes.io/master", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}
	unreachable := corev1.Toleration{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute}
	bounded := unreachable
	bounded.TolerationSeconds = &secs
	notReadyNoSchedule := corev1.Toleration{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}
	unschedulable := corev1.Toleration{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists}
	tol := testobj.Tolerations
	runCases(t, Tolerations, []checkCase{
		{name: "the master NoSchedule toleration passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", tol(master)))},
		{name: "tolerating every taint fails outside DaemonSets",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", tol(everything))), want: []string{"Deployment/a"}, msg: "tolerates every taint"},
		{name: "tolerating every NoExecute taint fails",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "s", tol(everyNoExecute))), want: []string{"StatefulSet/s"}},
		{name: "tolerating every NoSchedule taint does not block eviction",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", tol(everyNoSchedule)))},
		{name: "a DaemonSet may tolerate every taint",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", tol(everything)))},
		{name: "a static pod may tolerate every taint",
			snap: testobj.Cluster(testobj.StaticPod(ns, "etcd", "m1", tol(everything)))},
		{name: "a bare pod may not tolerate every taint",
			snap: testobj.Cluster(testobj.Pod(ns, "p", tol(everything))), want: []string{"Pod/p"}},
		{name: "an unbounded unreachable toleration fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", tol(unreachable))), want: []string{"Deployment/a"}, msg: "no tolerationSeconds"},
		{name: "a bounded unreachable toleration passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", tol(bounded)))},
		{name: "a DaemonSet may tolerate unreachable nodes forever",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", tol(unreachable)))},
		{name: "a not-ready NoSchedule toleration does not evict and passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", tol(notReadyNoSchedule)))},
		{name: "tolerating unschedulable fails even for a DaemonSet, and is not told to use tolerationSeconds",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", tol(unschedulable))), want: []string{"DaemonSet/d"},
			msg: "remove the toleration (tolerationSeconds does not apply to NoSchedule)"},
		{name: "several bad tolerations are one finding",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", tol(everything, unreachable, unschedulable))), want: []string{"Deployment/a"}},
	})
}
