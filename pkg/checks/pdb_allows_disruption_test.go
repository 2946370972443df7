package checks

import (
	"testing"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestPDBAllowsDisruption(t *testing.T) {
	sel := testobj.Selects("app", "a")
	dep := func(n int32) any { return testobj.Deploy(ns, "a", testobj.Replicas(n)) }
	pdb := func(o testobj.Opt) any { return testobj.PDB(ns, "p", sel, o) }
	fail := []string{"PodDisruptionBudget/p"}
	runCases(t, PDBAllowsDisruption, []checkCase{
		{name: "maxUnavailable 1 over two replicas allows one eviction",
			snap: testobj.Cluster(dep(2), pdb(testobj.MaxUnavailable("1")))},
		{name: "minAvailable 1 over two replicas allows one eviction",
			snap: testobj.Cluster(dep(2), pdb(testobj.MinAvailable("1")))},
		{name: "minAvailable 2 over two replicas allows none",
			snap: testobj.Cluster(dep(2), pdb(testobj.MinAvailable("2"))), want: fail, msg: "allows no eviction"},
		{name: "minAvailable 100% allows none",
			snap: testobj.Cluster(dep(3), pdb(testobj.MinAvailable("100%"))), want: fail},
		{name: "minAvailable 50% of three rounds up to two and allows one",
			snap: testobj.Cluster(dep(3), pdb(testobj.MinAvailable("50%")))},
		{name: "minAvailable 50% of one rounds up to one and allows none",
			snap: testobj.Cluster(dep(1), pdb(testobj.MinAvailable("50%"))), want: fail},
		{name: "minAvailable 67% of three rounds up to three and allows none",
			snap: testobj.Cluster(dep(3), pdb(testobj.MinAvailable("67%"))), want: fail},
		{name: "maxUnavailable 0 allows none",
			snap: testobj.Cluster(dep(3), pdb(testobj.MaxUnavailable("0"))), want: fail},
		{name: "maxUnavailable 0% allows none",
			snap: testobj.Cluster(dep(3), pdb(testobj.MaxUnavailable("0%"))), want: fail},
		{name: "maxUnavailable 10% of two rounds up to one",
			snap: testobj.Cluster(dep(2), pdb(testobj.MaxUnavailable("10%")))},
		{name: "a budget with neither field lets every pod go",
			snap: testobj.Cluster(dep(2), testobj.PDB(ns, "p", sel))},
		{name: "a budget over two single-replica Deployments counts both",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", testobj.Labels("group", "g")), testobj.Deploy(ns, "b", testobj.Labels("group", "g")),
				testobj.PDB(ns, "p", testobj.Selects("group", "g"), testobj.MinAvailable("1")))},
		{name: "an invalid value is a violation",
			snap: testobj.Cluster(dep(2), pdb(testobj.MinAvailable("half"))), want: fail, msg: "invalid budget"},
		{name: "a budget selecting no workload is not judged",
			snap: testobj.Cluster(dep(1), testobj.PDB(ns, "p", testobj.Selects("app", "b"), testobj.MinAvailable("1")))},
		{name: "a budget over a Deployment scaled to 0 is not judged",
			snap: testobj.Cluster(dep(0), pdb(testobj.MinAvailable("1")))},
		{name: "on single-node clusters minAvailable 1 over one replica blocks the drain",
			snap: testobj.SNO(dep(1), pdb(testobj.MinAvailable("1"))), want: fail},
		{name: "on single-node clusters maxUnavailable 0 over one replica blocks the drain",
			snap: testobj.SNO(dep(1), pdb(testobj.MaxUnavailable("0"))), want: fail},
		{name: "on single-node clusters maxUnavailable 1 passes",
			snap: testobj.SNO(dep(1), pdb(testobj.MaxUnavailable("1")))},
		{name: "an input without PDBs skips with the reason",
			snap: testobj.Cluster(dep(2), testobj.Missing(snapshot.PodDisruptionBudget)), skip: "no PodDisruptionBudgets in input"},
	})
}

func TestPDBAllowsDisruptionTopology(t *testing.T) {
	c := testobj.SNO(testobj.Deploy(ns, "a"), testobj.PDB(ns, "p", testobj.Selects("app", "a"), testobj.MinAvailable("1")))
	v := judge(c, c.Namespace(ns), PDBAllowsDisruption)
	if len(v.Findings) != 1 || v.Findings[0].Topology != "SingleReplica (infrastructureTopology)" {
		t.Errorf("findings %+v, want one judged under SingleReplica", v.Findings)
	}
}
