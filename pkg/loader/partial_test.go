package loader

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// TestPartialKinds: which (namespace, kind) a broken file costs. An object
// that fails to decode costs its own kind in its own namespace, even in a
// cluster-wide file; a file that does not parse, or holds nothing, costs
// every kind it can hold, in its namespace or, for a cluster-wide file,
// everywhere.
func TestPartialKinds(t *testing.T) {
	pod := func(ns, name, port string) string {
		return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"` + name + `","namespace":"` + ns +
			`"},"spec":{"containers":[{"name":"c","ports":[{"containerPort":` + port + `}]}]}}`
	}
	list := func(items ...string) string {
		out := `{"apiVersion":"v1","kind":"List","metadata":{},"items":[`
		for i, it := range items {
			if i > 0 {
				out += ","
			}
			out += it
		}
		return out + "]}"
	}
	cases := []struct {
		name  string
		files map[string]string
		want  []snapshot.Partial
	}{
		{"a bad pod in gather-extra's pods.json costs only its namespace's Pods",
			map[string]string{"pods.json": list(pod("a", "good", "80"), pod("b", "bad", `"http"`))},
			[]snapshot.Partial{{Namespace: "b", Kind: snapshot.Pod, Path: "pods.json",
				Why: "item 2: decode Pod b/bad: field spec.containers.ports.containerPort: want an integer, found a string"}}},
		{"a truncated pods.json costs the Pods of every namespace",
			map[string]string{"pods.json": list(pod("a", "good", "80"))[:40],
				"services.json": list(`{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"a"}}`)},
			[]snapshot.Partial{{Kind: snapshot.Pod, Path: "pods.json", Why: "parse JSON: truncated: unexpected EOF"}}},
		{"an empty nodes.json costs the Nodes",
			map[string]string{"pods.json": list(pod("a", "good", "80")), "nodes.json": ""},
			[]snapshot.Partial{{Kind: snapshot.Node, Path: "nodes.json", Why: whyEmpty}}},
		{"a broken config-resources.json costs the Infrastructure",
			map[string]string{"pods.json": list(pod("a", "good", "80")), "config-resources.json": "{"},
			[]snapshot.Partial{{Kind: snapshot.Infrastructure, Path: "config-resources.json", Why: "parse JSON: truncated: unexpected EOF"}}},
		{"an empty List costs nothing",
			map[string]string{"pods.json": list(pod("a", "good", "80")), "services.json": list()}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tc.files {
				writeFile(t, dir, name, []byte(data))
			}
			c := mustLoad(t, Options{}, dir)
			got := c.Provenance.Partial
			for i := range got {
				got[i].Path = got[i].Path[len(dir)+1:]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("partial (-want +got):\n%s", diff)
			}
		})
	}
}
