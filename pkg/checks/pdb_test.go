package checks

import (
	"testing"

	configv1 "github.com/openshift/api/config/v1"
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
	const in = "openshift-ns" // origin judges only openshift and openshift-*
	cv := func(version string) *configv1.ClusterVersion {
		return &configv1.ClusterVersion{ObjectMeta: metav1.ObjectMeta{Name: "version"},
			Status: configv1.ClusterVersionStatus{Desired: configv1.Release{Version: version}}}
	}
	runCases(t, PDBUnhealthyPodEvictionPolicy, []checkCase{
		{name: "a PDB with AlwaysAllow passes", in: in,
			snap: testobj.Cluster(cv("4.18.1"), testobj.PDB(in, "p", testobj.Selects("app", "a"), testobj.AlwaysAllow()))},
		{name: "a PDB without the policy fails", in: in,
			snap: testobj.Cluster(cv("4.18.1"), testobj.PDB(in, "p", testobj.Selects("app", "a"))),
			want: []string{"PodDisruptionBudget/p"}, msg: "unset (IfHealthyBudget)"},
		{name: "a PDB with IfHealthyBudget fails", in: in,
			snap: testobj.Cluster(cv("4.20.0"), testobj.PDB(in, "p", testobj.EvictionPolicy(policyv1.IfHealthyBudget))),
			want: []string{"PodDisruptionBudget/p"}, msg: "IfHealthyBudget"},
		{name: "a namespace without PDBs passes", in: in,
			snap: testobj.Cluster(cv("4.18.1"), testobj.Deploy(in, "a"))},
		{name: "single-node clusters are judged too", in: in,
			snap: testobj.SNO(cv("4.18.1"), testobj.PDB(in, "p")), want: []string{"PodDisruptionBudget/p"}},
		{name: "an unknown release is judged and says so", in: in,
			snap: testobj.Cluster(testobj.PDB(in, "p")), want: []string{"PodDisruptionBudget/p"}, reason: NoteReleaseUnknown},
		{name: "a cluster older than 4.18 skips: the field is not GA there", in: in,
			snap: testobj.Cluster(cv("4.8.0-0.nightly-2021-07-31-065602"), testobj.PDB(in, "p")),
			skip: "needs OpenShift 4.18 / Kubernetes 1.31 (spec.unhealthyPodEvictionPolicy is GA from Kubernetes 1.31; alpha in 1.26); the cluster runs 4.8 (ClusterVersion)"},
		{name: "a kube-* namespace is outside origin's scope", in: "kube-system",
			snap: testobj.Cluster(cv("4.18.1"), testobj.PDB("kube-system", "p")), skip: reasonOutsideOriginScope},
		{name: "an input without PDBs skips with the reason", in: in,
			snap: testobj.Cluster(testobj.Deploy(in, "a"), testobj.Missing(snapshot.PodDisruptionBudget)),
			skip: "no PodDisruptionBudgets in input"},
	})
}
