package loader

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	appsv1 "k8s.io/api/apps/v1"

	"github.com/openshift-eng/ha-compliance/pkg/decode"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// recorder is a Decoder that remembers every file it was given.
type recorder struct {
	mu    sync.Mutex
	files [][]byte
}

func (r *recorder) Decode(data []byte, hint snapshot.Kind) decode.Result {
	r.mu.Lock()
	r.files = append(r.files, bytes.Clone(data))
	r.mu.Unlock()
	return decode.YAML{}.Decode(data, hint)
}

func (r *recorder) decoded(data []byte) bool {
	for _, f := range r.files {
		if bytes.Equal(f, data) {
			return true
		}
	}
	return false
}

const (
	releaseImage = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-1111111111111111111111111111111111111111111111111111111111111111"
	odfImage     = "registry-redhat-io-odf4-odf-must-gather-rhel9-sha256-2222222222222222222222222222222222222222222222222222222222222222"
)

func fixtureFile(t *testing.T, image, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureMG, "must-gather.local.5309", image, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fixtureForms are the fixture tree as a folder and as archives whose
// entries come in an order where per-pod copies precede their List.
func fixtureForms(t *testing.T) map[string]string {
	dir := t.TempDir()
	tarred := packTar(t, fixtureMG, "")
	return map[string]string{
		"folder": fixtureMG,
		"tar.gz": writeFile(t, dir, "mg.tar.gz", gzipBytes(t, tarred)),
		"zip":    writeFile(t, dir, "mg.zip", packZip(t, fixtureMG, "")),
		"tar with per-pod copies first": writeFile(t, dir, "reordered.tar", reorder(t, tarred, func(name string) bool {
			return strings.Contains(name, "/pods/")
		})),
	}
}

// TestFixtureQuirks checks, for every form of the hand-written fixture tree,
// each quirk it holds.
func TestFixtureQuirks(t *testing.T) {
	for name, path := range fixtureForms(t) {
		t.Run(name, func(t *testing.T) {
			rec := &recorder{}
			c := mustLoad(t, Options{Decoder: rec}, path)
			want := map[string]int{"Pod": 6, "Deployment": 1, "StatefulSet": 1, "DaemonSet": 1, "ReplicaSet": 1,
				"PodDisruptionBudget": 1, "Service": 1, "Node": 4, "Namespace": 4, "Infrastructure": 1,
				"ClusterVersion": 1, "ClusterOperator": 0}
			if diff := cmp.Diff(want, counts(c)); diff != "" {
				t.Errorf("objects (-want +got):\n%s", diff)
			}
			checks := []struct {
				name string
				ok   bool
			}{
				{"the release image's Deployment wins over the ODF folder's copy of it",
					deployment(c, "openshift-app", "app") != nil && *deployment(c, "openshift-app", "app").Spec.Replicas == 2},
				{"the per-pod copies of a namespace whose pods.yaml decoded are never decoded",
					!rec.decoded(fixtureFile(t, releaseImage, "namespaces/openshift-app/pods/app-5d8f7c6b9-abcde/app-5d8f7c6b9-abcde.yaml"))},
				{"the broken pod of a List is recovered from its per-pod copy",
					hasPod(c, "openshift-broken", "broken-b") && len(c.Namespace("openshift-broken").Pods) == 3},
				{"the broken item is a problem with its path and item",
					len(problemsMatching(c, "openshift-broken/core/pods.yaml", "item 2: decode Pod openshift-broken/broken-b")) == 1},
				{"a pods.yaml that is not YAML is a problem",
					len(problemsMatching(c, "openshift-notyaml/core/pods.yaml", "not a Kubernetes object")) == 1},
				{"a namespace whose pods.yaml is unreadable is not collected", !c.Namespace("openshift-notyaml").Collected},
				{"a namespace with only leases is partial", c.Namespace("openshift-leases") != nil && !c.Namespace("openshift-leases").Collected},
				{"a namespace of the ODF folder alone is collected", c.Namespace("openshift-storage").Collected},
				{"the policy/v1beta1 budget is policy/v1", len(c.Namespace("openshift-app").PDBs) == 1 &&
					c.Namespace("openshift-app").PDBs[0].APIVersion == "policy/v1"},
				{"a 0-byte file is a problem, an empty List is none",
					len(problemsMatching(c, "openshift-app/apps/statefulsets.yaml", "empty file")) == 1 &&
						len(problemsMatching(c, "openshift-app/apps/daemonsets.yaml", "")) == 0},
				{"the 0-byte file's kind is partial in its namespace, the empty List's is not",
					isPartial(c, "openshift-app", snapshot.StatefulSet) && !isPartial(c, "openshift-app", snapshot.DaemonSet)},
				{"a namespace lacking the resource files the other collected namespaces have is one problem",
					len(problemsMatching(c, "namespaces/openshift-broken", "has no apps/deployments.yaml, apps/statefulsets.yaml, apps/daemonsets.yaml, apps/replicasets.yaml, policy/poddisruptionbudgets.yaml, core/services.yaml")) == 1},
				{"and those kinds are partial there", isPartial(c, "openshift-broken", snapshot.Deployment) &&
					isPartial(c, "openshift-broken", snapshot.PodDisruptionBudget)},
				{"the broken pod recovered from its per-pod copy leaves Pods complete", !isPartial(c, "openshift-broken", snapshot.Pod)},
				{"a namespace whose pods.yaml is unreadable is judged against the same files",
					len(problemsMatching(c, "namespaces/openshift-notyaml", "has no apps/deployments.yaml")) == 1},
				{"there are exactly the five expected problems", len(c.Provenance.Problems) == 5},
				{"both image folders are roots", len(c.Provenance.Inputs) == 1 && len(c.Provenance.Inputs[0].Roots) == 2},
				{"PDBs are not missing", !c.Missing(snapshot.PodDisruptionBudget)},
				{"the cluster facts come from the release image", c.Facts() == snapshot.Facts{Version: "4.16.0-0.nightly-2024-05-01-111111",
					Platform: "AWS", ControlPlaneTopology: "HighlyAvailable", InfrastructureTopology: "HighlyAvailable",
					Nodes: 4, ControlPlaneNodes: 3, Zones: 3}},
			}
			for _, ch := range checks {
				if !ch.ok {
					t.Errorf("%s: not so (problems: %v)", ch.name, c.Provenance.Problems)
				}
			}
		})
	}
}

func isPartial(c *snapshot.Cluster, ns string, k snapshot.Kind) bool {
	_, ok := c.Partial(ns, k)
	return ok
}

func deployment(c *snapshot.Cluster, ns, name string) *appsv1.Deployment {
	if n := c.Namespace(ns); n != nil {
		for _, d := range n.Deployments {
			if d.Name == name {
				return d
			}
		}
	}
	return nil
}

func hasPod(c *snapshot.Cluster, ns, name string) bool {
	if n := c.Namespace(ns); n != nil {
		for _, p := range n.Pods {
			if p.Name == name {
				return true
			}
		}
	}
	return false
}

// TestInspectFolder loads an `oc adm inspect` folder: no image folder, no
// version file, no PDB list.
func TestInspectFolder(t *testing.T) {
	c := mustLoad(t, Options{}, fixtureInsp)
	in := c.Provenance.Inputs
	if len(in) != 1 || in[0].Format != "inspect" || !cmp.Equal(in[0].Roots, []string{"."}) {
		t.Errorf("inputs = %+v", in)
	}
	if got := counts(c); got["Pod"] != 2 || got["Deployment"] != 1 || got["Namespace"] != 1 {
		t.Errorf("objects = %v", got)
	}
	if !c.Missing(snapshot.PodDisruptionBudget) {
		t.Error("an input without any poddisruptionbudgets.yaml must report PDBs missing")
	}
}

// TestDeterministic loads the fixture (where two folders hold the same
// Deployment) with different worker counts: the snapshot must not change.
func TestDeterministic(t *testing.T) {
	var first []byte
	for _, workers := range []int{1, 2, 4, 8, 1, 3} {
		c := mustLoad(t, Options{Workers: workers}, fixtureMG)
		var b bytes.Buffer
		if err := report.InspectJSON(&b, report.Inspect(c)); err != nil {
			t.Fatal(err)
		}
		for _, w := range c.Namespace("openshift-app").Workloads(snapshot.Deployment) {
			b.WriteString(w.Source + "\n")
		}
		if first == nil {
			first = b.Bytes()
			if !strings.Contains(string(first), releaseImage+"/namespaces/openshift-app/apps/deployments.yaml") {
				t.Errorf("the Deployment's source is not the release image's file:\n%s", first)
			}
			continue
		}
		if diff := cmp.Diff(string(first), b.String()); diff != "" {
			t.Errorf("workers=%d changed the snapshot (-first +now):\n%s", workers, diff)
		}
	}
}
