package checks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// samples are the real must-gathers the engine is pinned on: the bundled
// trimmed copy (always present) and the whole sample of ../shared (skipped
// when absent).
var samples = []struct{ name, path string }{
	{"bundled-must-gather-aws-4.8", filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8")},
	{"must-gather-aws-4.8", filepath.Join("..", "..", "..", "shared", "samples", "must-gather-aws-4.8")},
}

// loadSample loads a sample through the real loader, or skips the test when
// the sample is not on this machine.
func loadSample(t *testing.T, path string, opts loader.Options) *snapshot.Cluster {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present", path)
	}
	c, err := loader.Load(context.Background(), []string{path}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Provenance.Problems) > 0 {
		t.Errorf("problems loading %s: %+v", path, c.Provenance.Problems)
	}
	return c
}

// TestGolden pins the engine's results on real must-gathers; review changes
// with go test ./pkg/checks -run TestGolden -update && git diff.
func TestGolden(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			rs := Run(loadSample(t, s.path, loader.Options{}), Options{})
			got, err := json.MarshalIndent(rs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", s.name+".golden.json"), append(got, '\n'))
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/checks -run TestGolden -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the results; review with go test ./pkg/checks -run TestGolden -update && git diff", path)
	}
}

// find returns the result of check in namespace ns.
func find(t *testing.T, rs []result.Result, ns string, check ID) result.Result {
	t.Helper()
	for _, r := range rs {
		if r.Namespace == ns && r.Check == string(check) {
			return r
		}
	}
	t.Fatalf("no result for %s/%s", ns, check)
	return result.Result{}
}

func violators(r result.Result) []string {
	var out []string
	for _, v := range r.Violations {
		out = append(out, v.Kind+"/"+v.Name)
	}
	return out
}

// Facts about OpenShift 4.8 checked by hand against the sample's YAML.
func TestWholeSampleFacts(t *testing.T) {
	rs := Run(loadSample(t, samples[1].path, loader.Options{}), Options{})
	both := []string{"Deployment/console", "Deployment/downloads"}
	for _, id := range []ID{IDPDB, IDPodAntiAffinity} {
		r := find(t, rs, "openshift-console", id)
		if r.Outcome != result.Fail || !equal(violators(r), both) {
			t.Errorf("openshift-console %s: %s %v, want fail for %v (4.8 shipped no PDB and only preferred zone anti-affinity)",
				id, r.Outcome, violators(r), both)
		}
	}
	if r := find(t, rs, "openshift-etcd", IDPDB); r.Outcome != result.Pass {
		t.Errorf("openshift-etcd pdb: %s %v, want pass: etcd-quorum-guard has a PDB", r.Outcome, violators(r))
	}
}

// The bundled sample judged as single-node: redundancy checks become skips.
func TestSingleReplicaOverrideOnSample(t *testing.T) {
	c := loadSample(t, samples[0].path, loader.Options{Topology: configv1.SingleReplicaTopologyMode})
	redundancy := []ID{IDReplicas, IDPodAntiAffinity, IDPDB, IDSpreadAcrossNodes}
	rs := Run(c, Options{Checks: redundancy})
	if len(rs) == 0 {
		t.Fatal("no results")
	}
	for _, r := range rs {
		if r.Namespace == "openshift-operators" {
			continue // partial: skipped for want of data
		}
		if r.Outcome != result.Skip || r.Reason != reasonSingleReplica {
			t.Errorf("%s/%s: %s %q, want skip %q", r.Namespace, r.Check, r.Outcome, r.Reason, reasonSingleReplica)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
