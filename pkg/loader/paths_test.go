package loader

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

func TestClassify(t *testing.T) {
	const img = "mg/quay-io-ocp-v4"
	cases := []struct {
		name string
		path string
		want place
	}{
		{"a Namespace file", img + "/namespaces/ns/ns.yaml", place{roleNamespace, img, "ns", snapshot.KindNamespace}},
		{"a pods List", img + "/namespaces/ns/core/pods.yaml", place{roleList, img, "ns", snapshot.Pod}},
		{"a PDB List", "./namespaces/ns/policy/poddisruptionbudgets.yaml", place{roleList, "", "ns", snapshot.PodDisruptionBudget}},
		{"a per-object Deployment", img + "/namespaces/ns/apps/deployments/d.yaml", place{roleObject, img, "ns", snapshot.Deployment}},
		{"a per-pod copy", img + "/namespaces/ns/pods/p-1/p-1.yaml", place{rolePodCopy, img, "ns", snapshot.Pod}},
		{"a node", img + "/cluster-scoped-resources/core/nodes/ip-10-0-1-1.ec2.internal.yaml", place{roleClusterObject, img, "", snapshot.Node}},
		{"the Infrastructure List", img + "/cluster-scoped-resources/config.openshift.io/infrastructures.yaml", place{roleClusterList, img, "", snapshot.Infrastructure}},
		{"the ClusterVersion object", img + "/cluster-scoped-resources/config.openshift.io/clusterversions/version.yaml", place{roleClusterObject, img, "", snapshot.ClusterVersion}},
		{"the version file of an image folder", img + "/version", place{roleVersion, img, "", ""}},
		{"a gather-extra file in its CI folder", "run/artifacts/e2e/gather-extra/artifacts/pods.json", place{roleGatherExtra, "run/artifacts/e2e/gather-extra/artifacts", "", snapshot.Pod}},
		{"a gzipped gather-extra file at the top", "deployments.json.gz", place{roleGatherExtra, "", "", snapshot.Deployment}},
		{"an Insights pod", "insights/config/pod/openshift-etcd/etcd-0.json", place{roleInsights, "insights", "", snapshot.Pod}},
		{"a nested must-gather archive", "a/gather-must-gather/artifacts/must-gather.tar", place{roleArchive, "a/gather-must-gather/artifacts", "", ""}},
		{"a container log is skipped", img + "/namespaces/ns/pods/p-1/c/c/logs/current.log", place{}},
		{"a lease List is skipped", img + "/namespaces/ns/coordination.k8s.io/leases.yaml", place{}},
		{"a ConfigMap List is skipped", img + "/namespaces/ns/core/configmaps.yaml", place{}},
		{"a cluster role with ':' in its name is skipped", img + "/cluster-scoped-resources/rbac.authorization.k8s.io/clusterroles/system:openshift:x.yaml", place{}},
		{"a pods.json deep in an unrelated folder is skipped", "a/b/c/pods.json", place{}},
		{"other archives are skipped", "a/gather-audit-logs/artifacts/audit-logs.tar", place{}},
		{"an empty path is skipped", "", place{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, classify(tc.path), cmp.AllowUnexported(place{})); diff != "" {
				t.Errorf("classify(%q) (-want +got):\n%s", tc.path, diff)
			}
		})
	}
}

func TestDescend(t *testing.T) {
	cases := []struct {
		rel  string
		want bool
	}{
		{"", true},
		{"namespaces", true},
		{"namespaces/ns", true},
		{"namespaces/ns/core", true},
		{"namespaces/ns/apps/deployments", true},
		{"namespaces/ns/pods/p", true},
		{"namespaces/ns/pods/p/c", false},
		{"namespaces/ns/route.openshift.io", false},
		{"namespaces/ns/core/configmaps", false},
		{"cluster-scoped-resources/core/nodes", true},
		{"cluster-scoped-resources/config.openshift.io/clusteroperators", true},
		{"cluster-scoped-resources/config.openshift.io/proxies", false},
		{"cluster-scoped-resources/apiextensions.k8s.io", false},
		{"host_service_logs", false},
		{"etcd_info", false},
	}
	for _, tc := range cases {
		if got := descend(tc.rel); got != tc.want {
			t.Errorf("descend(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}
