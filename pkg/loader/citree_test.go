package loader

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

const job = "periodic-ci-openshift-release-master-nightly-4.16-e2e-aws-ovn"

// ciTree lays out a folder of two job runs as downloaded from the CI bucket:
// run 1 has gather-extra and a must-gather.tar (gzip inside, rooted at ./),
// run 2 has only gather-extra and no prowjob.json.
func ciTree(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	mg := mustLoad(t, Options{}, trimmedSample)
	run1 := filepath.Join(top, "logs", job, "1790000000000000001")
	writeFile(t, run1, "prowjob.json", []byte(`{"kind":"ProwJob","spec":{"job":"`+job+`"},"status":{"build_id":"1790000000000000001"}}`))
	writeFile(t, run1, "finished.json", []byte(`{"passed":true,"result":"SUCCESS"}`))
	writeGatherExtra(t, mg, filepath.Join(run1, "artifacts", "e2e-aws-ovn", "gather-extra", "artifacts"))
	writeFile(t, run1, "artifacts/e2e-aws-ovn/gather-must-gather/artifacts/must-gather.tar",
		gzipBytes(t, packTar(t, filepath.Join(trimmedSample, "must-gather-aws"), ".")))
	writeFile(t, run1, "artifacts/e2e-aws-ovn/gather-audit-logs/artifacts/audit-logs.tar", []byte("not read"))
	run2 := filepath.Join(top, "logs", job, "1790000000000000002")
	writeFile(t, run2, "finished.json", []byte(`{"passed":false,"result":"FAILURE"}`))
	writeGatherExtra(t, mg, filepath.Join(run2, "artifacts", "e2e-aws-ovn", "gather-extra", "artifacts"))
	return top
}

func TestDiscoverCITree(t *testing.T) {
	top := ciTree(t)
	units, err := Discover(top)
	if err != nil {
		t.Fatal(err)
	}
	run := func(id string) string { return filepath.Join(top, "logs", job, id) }
	want := []Unit{
		{Path: run("1790000000000000001"), Format: "ci-job", Job: job, BuildID: "1790000000000000001", Sources: []Source{
			{Path: filepath.Join(run("1790000000000000001"), "artifacts/e2e-aws-ovn/gather-must-gather/artifacts/must-gather.tar"), Layout: LayoutFile}}},
		{Path: run("1790000000000000002"), Format: "ci-job", Job: job, BuildID: "1790000000000000002", Sources: []Source{
			{Path: filepath.Join(run("1790000000000000002"), "artifacts/e2e-aws-ovn/gather-extra/artifacts"), Layout: LayoutGatherExtra}}},
	}
	if diff := cmp.Diff(want, units, cmp.AllowUnexported(Unit{}, Source{})); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
}

func TestLoadCIRuns(t *testing.T) {
	top := ciTree(t)
	units, err := Discover(top)
	if err != nil || len(units) != 2 {
		t.Fatalf("discover: %v %v", units, err)
	}
	cases := []struct {
		name        string
		unit        Unit
		pdbsMissing bool
		root        string
	}{
		{"a run with a must-gather is read from it and has PDBs", units[0], false,
			"artifacts/e2e-aws-ovn/gather-must-gather/artifacts/must-gather.tar/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-eede85cbd33388f7e18954e5ce8ad9616e91df05ace604966c0a44111d85c897"},
		{"a run with only gather-extra has no PDBs", units[1], true, "artifacts/e2e-aws-ovn/gather-extra/artifacts"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := LoadUnits(context.Background(), []Unit{tc.unit}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Count(snapshot.Pod); got != trimmedFigures["Pod"] {
				t.Errorf("pods = %d, want %d", got, trimmedFigures["Pod"])
			}
			if c.Missing(snapshot.PodDisruptionBudget) != tc.pdbsMissing {
				t.Errorf("PDBs missing = %v, want %v", !tc.pdbsMissing, tc.pdbsMissing)
			}
			in := c.Provenance.Inputs
			if len(in) != 1 || in[0].Format != "ci-job" || in[0].Job != job || !cmp.Equal(in[0].Roots, []string{tc.root}) {
				t.Errorf("inputs = %+v", in)
			}
			if len(c.Provenance.Problems) > 0 {
				t.Errorf("problems: %v", c.Provenance.Problems)
			}
		})
	}
	// Load merges them, and says so.
	c := mustLoad(t, Options{}, top)
	if len(problemsMatching(c, top, "holds 2 separate inputs")) != 1 {
		t.Errorf("no problem about merging two runs: %v", c.Provenance.Problems)
	}
}

// TestCIRunArchive: a whole job run packed as a tar.gz holds gather-extra
// and the must-gather.tar; the must-gather wins.
func TestCIRunArchive(t *testing.T) {
	top := ciTree(t)
	run := filepath.Join(top, "logs", job, "1790000000000000001")
	archive := writeFile(t, t.TempDir(), "run.tar.gz", gzipBytes(t, packTar(t, run, "1790000000000000001")))
	c := mustLoad(t, Options{}, archive)
	in := c.Provenance.Inputs
	if len(in) != 1 || in[0].Format != "ci-job" || in[0].Archive != "tar.gz" || len(in[0].Roots) != 1 ||
		!strings.Contains(in[0].Roots[0], "must-gather.tar/quay-io") {
		t.Errorf("inputs = %+v", in)
	}
	if c.Count(snapshot.Pod) != trimmedFigures["Pod"] || c.Missing(snapshot.PodDisruptionBudget) {
		t.Errorf("objects %v, missing %v", counts(c), c.Provenance.Missing)
	}
}

// TestMustGatherInsideZip: a support case attachment zips a must-gather
// archive; it is a must-gather, not a CI run.
func TestMustGatherInsideZip(t *testing.T) {
	inner := writeFile(t, t.TempDir(), "case/must-gather.tar.gz", gzipBytes(t, packTar(t, trimmedSample, "")))
	zipped := writeFile(t, t.TempDir(), "attachment.zip", packZip(t, filepath.Dir(inner), ""))
	c := mustLoad(t, Options{}, zipped)
	in := c.Provenance.Inputs
	if len(in) != 1 || in[0].Format != "must-gather" || in[0].Archive != "zip" || len(in[0].Roots) != 1 ||
		!strings.HasPrefix(in[0].Roots[0], "must-gather.tar.gz/must-gather-aws/") {
		t.Errorf("inputs = %+v", in)
	}
	if c.Count(snapshot.Pod) != trimmedFigures["Pod"] {
		t.Errorf("objects = %v", counts(c))
	}
}
