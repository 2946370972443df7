package checks

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestPriorityClass(t *testing.T) {
	runCases(t, PriorityClass, []checkCase{
		{name: "system-cluster-critical passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.PriorityClass("system-cluster-critical")))},
		{name: "system-node-critical passes",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.PriorityClass("system-node-critical")))},
		{name: "openshift-user-critical passes, in any case as origin compares it",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.PriorityClass("OpenShift-User-Critical")))},
		{name: "no priority class fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a")), want: []string{"Deployment/a"}, msg: "no priority class"},
		{name: "another priority class fails",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "s", testobj.PriorityClass("high-priority"))),
			want: []string{"StatefulSet/s"}, msg: `"high-priority"`},
		{name: "static and bare pods are judged",
			snap: testobj.Cluster(testobj.StaticPod(ns, "etcd", "m1"), testobj.Pod(ns, "p")),
			want: []string{"Pod/p", "StaticPod/etcd"}},
		{name: "a Deployment scaled to 0 is not applicable",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Replicas(0)))},
	})
}
