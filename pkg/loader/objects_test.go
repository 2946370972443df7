package loader

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

const objectsYAML = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web}]}
---
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Pod, metadata: {name: web-1, namespace: shop}, spec: {nodeName: node-1}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, namespace: shop}}
`

func TestObjectInputs(t *testing.T) {
	insightsPod := `{"metadata":{"name":"etcd-0","namespace":"openshift-etcd","uid":"u1"},"spec":{"nodeName":"master-0"}}`
	cases := []struct {
		name    string
		path    func(t *testing.T) string
		stdin   string
		objects map[string]int
		format  string
		missing []snapshot.Kind
	}{
		{"a YAML stream of objects and Lists from standard input", func(*testing.T) string { return "-" }, objectsYAML,
			map[string]int{"Deployment": 1, "Pod": 1}, "objects", []snapshot.Kind{snapshot.PodDisruptionBudget, snapshot.Infrastructure}},
		{"objects without namespace go to default, as with kubectl", func(*testing.T) string { return "-" },
			"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n",
			map[string]int{"Pod": 1, "Node": 1}, "objects", []snapshot.Kind{snapshot.PodDisruptionBudget, snapshot.Infrastructure}},
		{"a gzipped JSON file named anyhow", func(t *testing.T) string {
			return writeFile(t, t.TempDir(), "objects.bin", gzipBytes(t, []byte(`{"apiVersion":"v1","kind":"List","items":[
				{"apiVersion":"policy/v1beta1","kind":"PodDisruptionBudget","metadata":{"name":"b","namespace":"shop"},"spec":{"selector":{}}}]}`)))
		}, "", map[string]int{"PodDisruptionBudget": 1}, "objects", []snapshot.Kind{snapshot.Infrastructure}},
		{"an Insights pod file takes its kind from its path", func(t *testing.T) string {
			return writeFile(t, t.TempDir(), "config/pod/openshift-etcd/etcd-0.json", []byte(insightsPod))
		}, "", map[string]int{"Pod": 1}, "objects", []snapshot.Kind{snapshot.PodDisruptionBudget, snapshot.Infrastructure}},
		{"an Insights archive takes kinds from its paths", func(t *testing.T) string {
			return writeFile(t, t.TempDir(), "insights.tar.gz", gzipBytes(t, buildTar(t,
				tarEntry{name: "config/pod/openshift-etcd/etcd-0.json", data: insightsPod},
				tarEntry{name: "config/infrastructure.json", data: `{"metadata":{"name":"cluster"},"status":{"controlPlaneTopology":"SingleReplica","infrastructureTopology":"SingleReplica"}}`},
				tarEntry{name: "config/pod/openshift-etcd/logs/etcd-0/etcd.log", data: "log"})))
		}, "", map[string]int{"Pod": 1, "Infrastructure": 1}, "objects", []snapshot.Kind{snapshot.PodDisruptionBudget}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(context.Background(), []string{tc.path(t)}, Options{Stdin: strings.NewReader(tc.stdin)})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for k, n := range counts(c) {
				if n > 0 {
					got[k] = n
				}
			}
			if diff := cmp.Diff(tc.objects, got); diff != "" {
				t.Errorf("objects (-want +got):\n%s", diff)
			}
			if in := c.Provenance.Inputs; len(in) != 1 || in[0].Format != tc.format {
				t.Errorf("inputs = %+v", in)
			}
			if diff := cmp.Diff(tc.missing, c.Provenance.Missing); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
			if len(c.Provenance.Problems) > 0 {
				t.Errorf("problems: %v", c.Provenance.Problems)
			}
		})
	}
}

// TestTopologyOverride: the override wins over what the input declares.
func TestTopologyOverride(t *testing.T) {
	c := mustLoad(t, Options{Topology: "SingleReplica"}, trimmedSample)
	if got := c.Topologies.For(nil); got.Mode != "SingleReplica" || got.Field != "override" {
		t.Errorf("topology = %+v", got)
	}
	if f := report.Inspect(c).Cluster; f.ControlPlaneTopology != "HighlyAvailable" {
		t.Errorf("the declared topology must still be reported: %+v", f)
	}
}

func TestDefaultNamespace(t *testing.T) {
	c := mustLoad(t, Options{Stdin: strings.NewReader("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n")}, "-")
	if n := c.Namespace("default"); n == nil || len(n.Pods) != 1 || !n.Collected {
		t.Errorf("namespaces = %v", c.Namespaces())
	}
}
