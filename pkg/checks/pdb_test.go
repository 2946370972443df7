package checks

import (
	"testing"

	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/openshift-eng/ha-compliance/internal/testobj"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestPDB(t *testing.T) {
	two := testobj.Replicas(2)
	budget := testobj.MaxUnavailable("1")
	runCases(t, PDB, []checkCase{
		{name: "a redundant Deployment selected by a PDB passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two), testobj.PDB(ns, "a", testobj.Selects("app", "a"), budget))},
		{name: "a redundant Deployment with no PDB fails",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two)), want: []string{"Deployment/a"}, msg: "no PodDisruptionBudget selects"},
		{name: "a PDB selecting by matchExpressions counts",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "a", two),
				testobj.PDB(ns, "p", testobj.SelectsExpr("app", metav1.LabelSelectorOpExists), budget))},
		{name: "a PDB whose NotIn expression excludes the pods does not count",
			snap: testobj.Cluster(testobj.StatefulSet(ns, "a", two),
				testobj.PDB(ns, "p", testobj.SelectsExpr("app", metav1.LabelSelectorOpNotIn, "a"), budget)),
			want: []string{"StatefulSet/a"}},
		{name: "a PDB selecting other pods does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two), testobj.PDB(ns, "b", testobj.Selects("app", "b"), budget)),
			want: []string{"Deployment/a"}},
		{name: "a PDB with no selector selects nothing",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two), testobj.PDB(ns, "p", budget)), want: []string{"Deployment/a"}},
		{name: "a PDB with an empty selector selects every pod of the namespace",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two), testobj.PDB(ns, "p", testobj.Selects(), budget))},
		{name: "a PDB in another namespace does not count",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two), testobj.PDB("other", "a", testobj.Selects("app", "a"), budget)),
			want: []string{"Deployment/a"}},
		{name: "a single replica needs no PDB",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"))},
		{name: "static pods are left to their guard's PDB",
			snap: testobj.Cluster(testobj.StaticPod(ns, "etcd", "m1"), testobj.StaticPod(ns, "etcd", "m2"))},
		{name: "an input without PDBs skips with the reason",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two), testobj.Missing(snapshot.PodDisruptionBudget)),
			skip: "no PodDisruptionBudgets in input"},
		{name: "single-replica topology skips",
			snap: testobj.SNO(testobj.Deploy(ns, "a", two)), skip: reasonSingleReplica},
		{name: "a partial namespace skips",
			snap: testobj.Cluster(testobj.Deploy(ns, "a", two), testobj.Partial(ns)), skip: ReasonPartialNamespace},
	})
}

func TestPDBUnhealthyPodEvictionPolicy(t *testing.T) {
	runCases(t, PDBUnhealthyPodEvictionPolicy, []checkCase{
		{name: "a PDB with AlwaysAllow passes",
			snap: testobj.Cluster(testobj.PDB(ns, "p", testobj.Selects("app", "a"), testobj.AlwaysAllow()))},
		{name: "a PDB without the policy fails",
			snap: testobj.Cluster(testobj.PDB(ns, "p", testobj.Selects("app", "a"))),
			want: []string{"PodDisruptionBudget/p"}, msg: "unset (IfHealthyBudget)"},
		{name: "a PDB with IfHealthyBudget fails",
			snap: testobj.Cluster(testobj.PDB(ns, "p", testobj.EvictionPolicy(policyv1.IfHealthyBudget))),
			want: []string{"PodDisruptionBudget/p"}, msg: "IfHealthyBudget"},
		{name: "a namespace without PDBs passes",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"))},
		{name: "single-node clusters are judged too",
			snap: testobj.SNO(testobj.PDB(ns, "p")), want: []string{"PodDisruptionBudget/p"}},
		{name: "an input without PDBs skips with the reason",
			snap: testobj.Cluster(testobj.Deploy(ns, "a"), testobj.Missing(snapshot.PodDisruptionBudget)),
			skip: "no PodDisruptionBudgets in input"},
	})
}
