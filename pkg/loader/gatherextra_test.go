package loader

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// writeGatherExtra writes the objects of c the way CI's gather-extra step
// does (`oc get -o json` Lists of kind List), into dir. Some files are
// gzipped, one is named .gz but plain, as in real runs.
func writeGatherExtra(t *testing.T, c *snapshot.Cluster, dir string) {
	t.Helper()
	by := map[string][]any{}
	for _, ns := range c.Namespaces() {
		if ns.Object != nil {
			by["namespaces.json"] = append(by["namespaces.json"], ns.Object)
		}
		for _, o := range ns.Pods {
			by["pods.json"] = append(by["pods.json"], o)
		}
		for _, o := range ns.Deployments {
			by["deployments.json.gz"] = append(by["deployments.json.gz"], o)
		}
		for _, o := range ns.StatefulSets {
			by["statefulsets.json.gz"] = append(by["statefulsets.json.gz"], o)
		}
		for _, o := range ns.DaemonSets {
			by["daemonsets.json.gz"] = append(by["daemonsets.json.gz"], o)
		}
		for _, o := range ns.ReplicaSets {
			by["replicasets.json.gz"] = append(by["replicasets.json.gz"], o)
		}
		for _, o := range ns.Services {
			by["services.json"] = append(by["services.json"], o)
		}
	}
	for _, n := range c.Nodes {
		by["nodes.json"] = append(by["nodes.json"], n)
	}
	for _, o := range c.ClusterOperators {
		by["clusteroperators.json"] = append(by["clusteroperators.json"], o)
	}
	by["clusterversion.json"] = []any{c.ClusterVersion}
	by["config-resources.json"] = []any{
		map[string]any{"apiVersion": "config.openshift.io/v1", "kind": "APIServer", "metadata": map[string]any{"name": "cluster"}},
		c.Infrastructure,
		map[string]any{"apiVersion": "config.openshift.io/v1", "kind": "Network", "metadata": map[string]any{"name": "cluster"}},
	}
	by["events.json"] = []any{map[string]any{"apiVersion": "v1", "kind": "Event", "metadata": map[string]any{"name": "e", "namespace": "default"}}}
	for name, items := range by {
		data, err := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List",
			"metadata": map[string]any{"resourceVersion": ""}, "items": items})
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(name) == ".gz" && name != "replicasets.json.gz" {
			data = gzipBytes(t, data)
		}
		writeFile(t, dir, name, data)
	}
}

func TestGatherExtraFromSample(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			mg := mustLoad(t, Options{}, s.dir(t))
			dir := filepath.Join(t.TempDir(), "artifacts", "e2e-aws", "gather-extra", "artifacts")
			writeGatherExtra(t, mg, dir)
			c := mustLoad(t, Options{}, dir)

			want := counts(mg)
			want["PodDisruptionBudget"] = 0
			if diff := cmp.Diff(want, counts(c)); diff != "" {
				t.Errorf("objects (-must-gather +gather-extra):\n%s", diff)
			}
			if !c.Missing(snapshot.PodDisruptionBudget) {
				t.Error("gather-extra must report PDBs missing")
			}
			if ins := report.Inspect(c); ins.Namespaces.Collected != want["Namespace"] || ins.Namespaces.Partial != 0 {
				t.Errorf("namespaces %+v: gather-extra covers every namespace", ins.Namespaces)
			}
			if in := c.Provenance.Inputs; len(in) != 1 || in[0].Format != "gather-extra" {
				t.Errorf("inputs = %+v", in)
			}
			if len(c.Provenance.Problems) > 0 {
				t.Errorf("problems: %v", c.Provenance.Problems)
			}
			if c.Facts() != mg.Facts() {
				t.Errorf("facts %+v, must-gather said %+v", c.Facts(), mg.Facts())
			}
		})
	}
}

// TestGatherExtraTruncatedFile: an `oc get` that timed out leaves a
// truncated file, or an empty one; the other files still load, and the
// kinds of both are partial.
func TestGatherExtraTruncatedFile(t *testing.T) {
	mg := mustLoad(t, Options{}, trimmedSample)
	dir := t.TempDir()
	writeGatherExtra(t, mg, dir)
	writeFile(t, dir, "pods.json", []byte(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a",`))
	writeFile(t, dir, "services.json", nil)
	c := mustLoad(t, Options{}, dir)
	if c.Count(snapshot.Pod) != 0 || c.Count(snapshot.Deployment) != trimmedFigures["Deployment"] {
		t.Errorf("objects = %v", counts(c))
	}
	if len(problemsMatching(c, "pods.json", "truncated")) != 1 || len(problemsMatching(c, "services.json", "empty file")) != 1 ||
		len(c.Provenance.Problems) != 2 {
		t.Errorf("problems = %v, want one for pods.json and one for services.json", c.Provenance.Problems)
	}
	// Both files are cluster-wide: their kinds are partial in every namespace.
	for _, k := range []snapshot.Kind{snapshot.Pod, snapshot.Service} {
		if p, ok := c.Partial("openshift-etcd", k); !ok || p.Namespace != "" {
			t.Errorf("%s: partial %+v %v, want cluster-wide", k, p, ok)
		}
	}
	if _, ok := c.Partial("openshift-etcd", snapshot.Deployment); ok {
		t.Error("Deployments read in full are partial")
	}
}
