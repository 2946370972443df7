package checks

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestSpreadAcrossNodes(t *testing.T) {
	two, three := testobj.Deploy(ns, "a", testobj.Replicas(2)), testobj.Deploy(ns, "a", testobj.Replicas(3))
	nodes := []any{testobj.Node("n1"), testobj.Node("n2"), testobj.Node("n3")}
	zones3 := []any{testobj.ZonedNode("n1", "a"), testobj.ZonedNode("n2", "a"), testobj.ZonedNode("n3", "b"), testobj.ZonedNode("n4", "c")}
	zones2 := []any{testobj.ZonedNode("n1", "a"), testobj.ZonedNode("n2", "a"), testobj.ZonedNode("n3", "b")}
	finished := testobj.PodsOf(two, "n1", "n1")
	finished[1].(*corev1.Pod).Status.Phase = corev1.PodSucceeded
	deleting := testobj.PodsOf(two, "n1", "n1")
	deleting[1].(*corev1.Pod).DeletionTimestamp = &metav1.Time{}
	masters := []any{
		testobj.Node("m1", "node-role.kubernetes.io/master", "", "topology.kubernetes.io/zone", "a"),
		testobj.Node("m2", "node-role.kubernetes.io/master", "", "topology.kubernetes.io/zone", "a"),
		testobj.ZonedNode("w1", "b"),
	}
	onMasters := testobj.Deploy(ns, "a", testobj.Replicas(2), testobj.OnMasters())
	fail := []string{"Deployment/a"}
	runCases(t, SpreadAcrossNodes, []checkCase{
		{name: "two replicas on two nodes pass",
			snap: testobj.Cluster(nodes, two, testobj.PodsOf(two, "n1", "n2"))},
		{name: "two replicas on one node fail",
			snap: testobj.Cluster(nodes, two, testobj.PodsOf(two, "n1", "n1")), want: fail, msg: "share node n1"},
		{name: "a StatefulSet with replicas on one node fails",
			snap: func() *snapshot.Cluster {
				s := testobj.StatefulSet(ns, "s", testobj.Replicas(2))
				return testobj.Cluster(nodes, s, testobj.PodsOf(s, "n2", "n2"))
			}(), want: []string{"StatefulSet/s"}},
		{name: "one replica is not judged",
			snap: testobj.Cluster(nodes, testobj.Deploy(ns, "a"))},
		{name: "an unscheduled pod does not count",
			snap: testobj.Cluster(nodes, two, testobj.PodsOf(two, "n1", ""))},
		{name: "a finished pod does not count",
			snap: testobj.Cluster(nodes, two, finished)},
		{name: "a pod being deleted does not count",
			snap: testobj.Cluster(nodes, two, deleting)},
		{name: "three replicas crowding a zone while a third zone is free fail",
			snap: testobj.Cluster(zones3, three, testobj.PodsOf(three, "n1", "n2", "n3")), want: fail, msg: "2 pods in zone a"},
		{name: "three replicas in two zones pass when only two zones exist",
			snap: testobj.Cluster(zones2, three, testobj.PodsOf(three, "n1", "n2", "n3"))},
		{name: "zones are counted among the nodes the workload may use",
			snap: testobj.Cluster(masters, onMasters, testobj.PodsOf(onMasters, "m1", "m2"))},
		{name: "without Node data zones are not judged and the reason says so",
			snap: testobj.Cluster(two, testobj.PodsOf(two, "n1", "n2")), reason: "no Node objects in input"},
		{name: "single-replica topology skips",
			snap: testobj.SNO(two, testobj.PodsOf(two, "n1", "n1")), skip: reasonSingleReplica},
		{name: "an input without pods skips with the reason",
			snap: testobj.Cluster(two, testobj.Missing(snapshot.Pod)), skip: "no Pods in input"},
	})
}
