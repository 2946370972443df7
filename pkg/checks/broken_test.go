package checks

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// breakages are the ways a must-gather resource file arrives broken: what a
// timed-out `oc get`, a cut copy, a bad edit or a bad disk leaves. Each
// returns the broken content, or ok=false when it does not apply to the
// file (a bad field needs an object to spoil). nil content removes the file.
var breakages = []struct {
	name  string
	apply func(data []byte) (out []byte, ok bool)
}{
	{"0 bytes", func([]byte) ([]byte, bool) { return []byte{}, true }},
	{"null", func([]byte) ([]byte, bool) { return []byte("null\n"), true }},
	{"comments only", func([]byte) ([]byte, bool) { return []byte("# oc get timed out\n---\n"), true }},
	{"cut in half", func(d []byte) ([]byte, bool) { return d[:len(d)/2], true }},
	{"one field of the wrong type", func(d []byte) ([]byte, bool) {
		// Every object of a real gather has a uid: make one a list.
		i := bytes.Index(d, []byte("\n    uid: "))
		if i < 0 {
			return nil, false
		}
		return slices.Concat(d[:i], []byte("\n    uid: [spoilt]\n    x: "), d[i+len("\n    uid: "):]), true
	}},
	{"a tab in the indentation", func(d []byte) ([]byte, bool) {
		return bytes.Replace(d, []byte("\n  "), []byte("\n\t"), 1), true
	}},
	{"invalid UTF-8", func(d []byte) ([]byte, bool) {
		return bytes.Replace(d, []byte("kind: "), []byte("kind: \xff"), 1), true
	}},
	{"missing", func([]byte) ([]byte, bool) { return nil, true }},
}

// brokenFiles are the resource files broken in turn: one per namespaced
// kind, in a namespace of the bundled sample where it holds objects when any
// namespace's does (no namespace there has StatefulSets).
var brokenFiles = []struct {
	ns, file string
	kind     snapshot.Kind
}{
	{"openshift-etcd", "core/pods.yaml", snapshot.Pod},
	{"openshift-console", "apps/deployments.yaml", snapshot.Deployment},
	{"openshift-etcd", "apps/statefulsets.yaml", snapshot.StatefulSet},
	{"openshift-ingress-canary", "apps/daemonsets.yaml", snapshot.DaemonSet},
	{"openshift-console", "apps/replicasets.yaml", snapshot.ReplicaSet},
	{"openshift-console", "core/services.yaml", snapshot.Service},
	{"openshift-etcd", "policy/poddisruptionbudgets.yaml", snapshot.PodDisruptionBudget},
}

// TestBrokenResourceFilesNeverPass breaks each resource file of the bundled
// must-gather in each way, loads it through the real loader and runs the
// engine: every check that needs the file's kind skips in that namespace
// for want of data (never a pass), a problem names the file, and every
// other result is what the intact must-gather gives.
func TestBrokenResourceFilesNeverPass(t *testing.T) {
	sample := samples[0].path
	image := imageFolder(t, sample)
	baseline := byKey(Run(loadSample(t, sample, loader.Options{}), Options{}))
	for _, bf := range brokenFiles {
		for _, br := range breakages {
			t.Run(bf.ns+"/"+bf.file+"/"+br.name, func(t *testing.T) {
				orig, err := os.ReadFile(filepath.Join(image, "namespaces", bf.ns, bf.file))
				if err != nil {
					t.Fatal(err)
				}
				broken, ok := br.apply(orig)
				if !ok {
					t.Skip("does not apply: the file holds no object")
				}
				dir := t.TempDir()
				copyTree(t, sample, dir)
				target := filepath.Join(dir, strings.TrimPrefix(image, sample), "namespaces", bf.ns, bf.file)
				if broken == nil {
					err = os.Remove(target)
				} else {
					err = os.WriteFile(target, broken, 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
				c, err := loader.Load(context.Background(), []string{dir}, loader.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if !named(c.Provenance.Problems, bf.ns, bf.file) {
					t.Errorf("no problem names %s/%s: %+v", bf.ns, bf.file, c.Provenance.Problems)
				}
				for _, r := range Run(c, Options{}) {
					want := baseline[r.Namespace+"/"+r.Check]
					chk, _ := Lookup(ID(r.Check))
					here := r.Namespace == bf.ns
					// Services decide which containers serve traffic.
					affected := here && (slices.Contains(chk.Needs, bf.kind) ||
						bf.kind == snapshot.Service && (chk.ID == IDReadinessProbe || chk.ID == IDStartupProbe))
					// A pods.yaml with nothing readable leaves the namespace
					// not collected: every check there may skip.
					mayLack := here && bf.kind == snapshot.Pod && NoData(r)
					switch {
					case affected && !NoData(r):
						t.Errorf("%s %s: %s (%s), want a skip for want of data (intact: %s)", r.Namespace, r.Check, r.Outcome, r.Reason, want.Outcome)
					case !affected && !mayLack && (r.Outcome != want.Outcome || r.Reason != want.Reason):
						t.Errorf("%s %s: %s (%s), want %s (%s) as when intact", r.Namespace, r.Check, r.Outcome, r.Reason, want.Outcome, want.Reason)
					}
				}
			})
		}
	}
}

func byKey(rs []result.Result) map[string]result.Result {
	m := map[string]result.Result{}
	for _, r := range rs {
		m[r.Namespace+"/"+r.Check] = r
	}
	return m
}

// named reports whether a problem is about the file, or about its namespace
// folder (a missing file is reported there).
func named(ps []snapshot.Problem, ns, file string) bool {
	for _, p := range ps {
		if strings.HasSuffix(p.Path, "namespaces/"+ns+"/"+file) ||
			strings.HasSuffix(p.Path, "namespaces/"+ns) && strings.Contains(p.Error, file) {
			return true
		}
	}
	return false
}

// imageFolder is the folder of the sample that holds namespaces/.
func imageFolder(t *testing.T, root string) string {
	t.Helper()
	var found string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "namespaces" && found == "" {
			found = filepath.Dir(p)
		}
		return err
	})
	if err != nil || found == "" {
		t.Fatalf("no namespaces/ under %s: %v", root, err)
	}
	return found
}

// copyTree copies the regular files and folders of src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
