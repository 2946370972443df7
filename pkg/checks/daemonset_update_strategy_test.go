package checks

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
)

func TestDaemonSetUpdateStrategy(t *testing.T) {
	fail := []string{"DaemonSet/d"}
	runCases(t, DaemonSetUpdateStrategy, []checkCase{
		{name: "maxUnavailable 10% passes",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.MaxUnavailable("10%")))},
		{name: "maxUnavailable 33% passes",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.MaxUnavailable("33%")))},
		{name: "maxSurge 10% passes",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.MaxSurge("10%"), testobj.MaxUnavailable("0")))},
		{name: "no strategy (the default maxUnavailable 1) fails",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d")), want: fail, msg: "1 (the default)"},
		{name: "maxUnavailable 1 fails",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.MaxUnavailable("1"))), want: fail},
		{name: "maxUnavailable 20% fails",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.MaxUnavailable("20%"))), want: fail, msg: "20%"},
		{name: "maxSurge 25% fails",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.MaxSurge("25%"), testobj.MaxUnavailable("0"))), want: fail},
		{name: "OnDelete fails",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.OnDelete())), want: fail, msg: "OnDelete"},
		{name: "a DaemonSet pinned to masters is not judged",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.OnMasters()))},
		{name: "a DaemonSet pinned by the control-plane role is not judged",
			snap: testobj.Cluster(testobj.DaemonSet(ns, "d", testobj.NodeSelector("node-role.kubernetes.io/control-plane", "")))},
		{name: "Deployments are not judged",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"))},
	})
}
