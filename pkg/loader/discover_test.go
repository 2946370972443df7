package loader

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiscover(t *testing.T) {
	top := t.TempDir()
	mk := func(files ...string) {
		for _, f := range files {
			writeFile(t, top, f, []byte("x"))
		}
	}
	mk("mgs/one/must-gather.local.1/quay-io-ocp-v4-a/namespaces/ns/ns.yaml",
		"mgs/one/must-gather.local.1/quay-io-ocp-v4-a/version",
		"mgs/one/must-gather.local.1/registry-odf-b/cluster-scoped-resources/core/nodes/n.yaml",
		"mgs/two/inspect.local.2/namespaces/ns/ns.yaml",
		"mgs/three/must-gather-case-123.tar.xz",
		"mgs/three/notes.tar.gz",
		"ge/pods.json",
		"insights/config/infrastructure.json",
		"steps/artifacts/e2e/gather-extra/artifacts/pods.json",
		"steps/artifacts/e2e/gather-must-gather/artifacts/must-gather.tar.gz",
		"empty/readme.txt")
	p := func(rel string) string { return filepath.Join(top, filepath.FromSlash(rel)) }
	cases := []struct {
		name string
		path string
		want []Unit
	}{
		{"image folders side by side are one must-gather", p("mgs/one"), []Unit{{Path: p("mgs/one/must-gather.local.1"), Format: "must-gather",
			Sources: []Source{{Path: p("mgs/one/must-gather.local.1/quay-io-ocp-v4-a"), Layout: LayoutMustGather}, {Path: p("mgs/one/must-gather.local.1/registry-odf-b"), Layout: LayoutMustGather}}}}},
		{"an image folder given itself is a must-gather", p("mgs/one/must-gather.local.1/quay-io-ocp-v4-a"), []Unit{{Path: p("mgs/one/must-gather.local.1/quay-io-ocp-v4-a"),
			Format: "must-gather", Sources: []Source{{Path: p("mgs/one/must-gather.local.1/quay-io-ocp-v4-a"), Layout: LayoutMustGather}}}}},
		{"a folder without version file is an inspect", p("mgs/two"), []Unit{{Path: p("mgs/two"), Format: "inspect",
			Sources: []Source{{Path: p("mgs/two/inspect.local.2"), Layout: LayoutMustGather}}}}},
		{"only must-gather archives are units", p("mgs/three"), []Unit{{Path: p("mgs/three/must-gather-case-123.tar.xz"),
			Sources: []Source{{Path: p("mgs/three/must-gather-case-123.tar.xz"), Layout: LayoutFile}}}}},
		{"a gather-extra folder", p("ge"), []Unit{{Path: p("ge"), Format: "gather-extra", Sources: []Source{{Path: p("ge"), Layout: LayoutGatherExtra}}}}},
		{"an extracted Insights archive", p("insights"), []Unit{{Path: p("insights"), Format: "objects", Sources: []Source{{Path: p("insights"), Layout: LayoutInsights}}}}},
		{"CI steps of one target are one unit and the must-gather wins", p("steps"), []Unit{{Path: p("steps/artifacts/e2e"), Format: "ci-job",
			Sources: []Source{{Path: p("steps/artifacts/e2e/gather-must-gather/artifacts/must-gather.tar.gz"), Layout: LayoutFile}}}}},
		{"a folder with nothing is no unit", p("empty"), []Unit{}},
		{"a file is one unit", p("ge/pods.json"), []Unit{{Path: p("ge/pods.json"), Sources: []Source{{Path: p("ge/pods.json"), Layout: LayoutFile, named: true}}}}},
		{"standard input is one unit", "-", []Unit{{Path: "-", Sources: []Source{{Path: "-", Layout: LayoutStdin}}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Discover(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(Unit{}, Source{}), cmpEmpty); diff != "" {
				t.Errorf("units (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := Discover(p("nope")); err == nil {
		t.Error("a missing path must be an error")
	}
}

var cmpEmpty = cmp.FilterValues(func(a, b []Unit) bool { return len(a) == 0 && len(b) == 0 }, cmp.Ignore())

// TestFolderHoldingOneArchive: a folder whose only input is a must-gather
// archive is that archive, not a CI run.
func TestFolderHoldingOneArchive(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "case-01234/must-gather.tar.gz", gzipBytes(t, packTar(t, trimmedSample, "")))
	c := mustLoad(t, Options{}, dir)
	in := c.Provenance.Inputs
	if len(in) != 1 || in[0].Path != dir || in[0].Format != "must-gather" || in[0].Archive != "tar.gz" ||
		len(in[0].Roots) != 1 || !strings.HasPrefix(in[0].Roots[0], "case-01234/must-gather.tar.gz/must-gather-aws/") {
		t.Errorf("inputs = %+v", in)
	}
}
