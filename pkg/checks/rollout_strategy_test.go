package checks

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestRolloutStrategy(t *testing.T) {
	two := testobj.Replicas(2)
	hard := testobj.AntiAffinity(true, "kubernetes.io/hostname")
	fail := []string{"Deployment/a"}
	runCases(t, RolloutStrategy, []checkCase{
		{name: "a redundant Deployment with the default rolling update passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two))},
		{name: "Recreate with two replicas fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.Recreate())), want: fail, msg: "Recreate"},
		{name: "Recreate with one replica is not judged",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Recreate()))},
		{name: "required anti-affinity with the default 25% of two replicas (0 unavailable) fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, hard)), want: fail, msg: "resolves to 0"},
		{name: "required anti-affinity with 25% of four replicas (1 unavailable) passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Replicas(4), hard))},
		{name: "required anti-affinity with maxUnavailable 1 passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, hard, testobj.MaxUnavailable("1")))},
		{name: "required anti-affinity with maxUnavailable 50% of two passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, hard, testobj.MaxUnavailable("50%")))},
		{name: "maxSurge 0 and maxUnavailable 0 after rounding means one unavailable, as Kubernetes does",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, hard, testobj.MaxSurge("0"), testobj.MaxUnavailable("25%")))},
		{name: "a host port with maxUnavailable 0 fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.Each(testobj.HostPort(443)), testobj.MaxUnavailable("0"))),
			want: fail},
		{name: "preferred anti-affinity lets the surge pod share a node",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, testobj.AntiAffinity(false, "kubernetes.io/hostname")))},
		{name: "an invalid maxUnavailable with required anti-affinity fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two, hard, testobj.MaxUnavailable("lots"))), want: fail, msg: "invalid"},
		{name: "StatefulSets are not judged",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "s", two, hard))},
		{name: "the rule holds on single-node clusters too",
			snap: testobj.SNO(testobj.Deploy(ns, "a", two, testobj.Recreate())), want: fail},
	})
	if RolloutStrategy.Lifecycle != Informing {
		t.Errorf("rollout-strategy must be informing, is %s", RolloutStrategy.Lifecycle)
	}
}
