package checks

import (
	"testing"

	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestReplicas(t *testing.T) {
	master := testobj.OnMasters()
	topo := func(cp, infra configv1.TopologyMode, objs ...any) any {
		return append(objs, testobj.Infra(cp, infra))
	}
	runCases(t, Replicas, []checkCase{
		{name: "two replicas pass",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Replicas(2)))},
		{name: "nil replicas count as one",
			snap: testobj.Cluster(testobj.Deploy(ns, "a")), want: []string{"Deployment/a"}, msg: "runs 1 replica"},
		{name: "a StatefulSet with one replica fails",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "s", testobj.Replicas(1))), want: []string{"StatefulSet/s"}},
		{name: "a Deployment scaled to 0 is not applicable",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Replicas(0)))},
		{name: "DaemonSets, bare pods and static pods are not judged",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d"), testobj.Pod(ns, "p"), testobj.StaticPod(ns, "etcd", "m1"))},
		{name: "an empty namespace on an HA cluster passes",
			snap: testobj.Cluster(testobj.Service(ns, "svc"))},
		{name: "single-replica topology skips",
			snap: testobj.SNO(testobj.Deploy(ns, "a")), skip: reasonSingleReplica},
		{name: "single-replica topology skips an empty namespace too",
			snap: testobj.SNO(testobj.Service(ns, "svc")), skip: reasonSingleReplica},
		{name: "the arbiter topology is HA",
			snap: testobj.Cluster(topo(configv1.HighlyAvailableArbiterMode, configv1.HighlyAvailableTopologyMode, testobj.Deploy(ns, "a", master))),
			want: []string{"Deployment/a"}},
		{name: "the two-node topology is HA",
			snap: testobj.Cluster(topo(configv1.DualReplicaTopologyMode, configv1.DualReplicaTopologyMode, testobj.Deploy(ns, "a"))),
			want: []string{"Deployment/a"}},
		{name: "an external control plane skips control-plane workloads",
			snap: testobj.Cluster(topo(configv1.ExternalTopologyMode, configv1.HighlyAvailableTopologyMode, testobj.Deploy(ns, "a", master))),
			skip: reasonExternal},
		{name: "an external control plane judges guest workloads by the infrastructure topology",
			snap: testobj.Cluster(topo(configv1.ExternalTopologyMode, configv1.HighlyAvailableTopologyMode, testobj.Deploy(ns, "a"))),
			want: []string{"Deployment/a"}},
		{name: "an unknown topology is evaluated as HA and says so",
			snap: testobj.Cluster(testobj.NoInfrastructure(), testobj.Deploy(ns, "a")),
			want: []string{"Deployment/a"}, reason: noteAssumedHA},
		{name: "empty topology fields are evaluated as HA and say so",
			snap: testobj.Cluster(topo("", "", testobj.Deploy(ns, "a"))), want: []string{"Deployment/a"}, reason: noteAssumedHA},
		{name: "a control-plane workload uses the control-plane topology",
			snap: testobj.Cluster(topo(configv1.HighlyAvailableTopologyMode, configv1.SingleReplicaTopologyMode,
				testobj.Deploy(ns, "operator", master), testobj.Deploy(ns, "worker-side"))),
			want: []string{"Deployment/operator"}},
		{name: "a single-replica control plane skips control-plane workloads only",
			snap: testobj.Cluster(topo(configv1.SingleReplicaTopologyMode, configv1.HighlyAvailableTopologyMode,
				testobj.Deploy(ns, "operator", master))),
			skip: reasonSingleReplica},
		{name: "the user's topology override wins over the input",
			snap: testobj.Cluster(testobj.Override(configv1.SingleReplicaTopologyMode), testobj.Deploy(ns, "a")),
			skip: reasonSingleReplica},
		{name: "an HA override judges a single-node input",
			snap: testobj.SNO(testobj.Override(configv1.HighlyAvailableTopologyMode), testobj.Deploy(ns, "a")),
			want: []string{"Deployment/a"}},
	})
}

func TestReplicasTopologyOfViolation(t *testing.T) {
	c := testobj.Cluster(testobj.NoInfrastructure(), testobj.Deploy(ns, "a"))
	v := judge(c, c.Namespace(ns), Replicas)
	if len(v.Findings) != 1 || v.Findings[0].Topology != "HighlyAvailable (assumed: no topology in input)" {
		t.Errorf("findings %+v, want one judged under the assumed HighlyAvailable topology", v.Findings)
	}
}
