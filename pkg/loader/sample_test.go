package loader

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// The figures the issue requires from the shared 4.8 sample, and those of
// the trimmed copy in testdata (see its PROVENANCE.md).
var (
	sharedFigures = map[string]int{"Pod": 239, "Deployment": 57, "StatefulSet": 2, "DaemonSet": 18, "ReplicaSet": 63,
		"PodDisruptionBudget": 8, "Node": 6, "Namespace": 56, "Service": 78}
	trimmedFigures = map[string]int{"Pod": 31, "Deployment": 6, "StatefulSet": 0, "DaemonSet": 1, "ReplicaSet": 8,
		"PodDisruptionBudget": 2, "Node": 6, "Namespace": 7, "Service": 10, "ClusterOperator": 2}
)

// sample is a must-gather folder and the figures every form of it must give.
type sample struct {
	name    string
	dir     func(t *testing.T) string
	figures map[string]int
}

var samples = []sample{
	{"trimmed sample", func(*testing.T) string { return trimmedSample }, trimmedFigures},
	{"shared sample", func(t *testing.T) string { return filepath.Join(sharedSamples(t), "must-gather-aws-4.8") }, sharedFigures},
}

// form turns a sample folder into the path (and stdin) to load, and says
// how the Input record must name it.
type form struct {
	name    string
	make    func(t *testing.T, dir string) (path string, stdin io.Reader)
	archive string
}

func archiveForm(name, archive string, pack func(t *testing.T, dir string) []byte) form {
	return form{name: name, archive: archive, make: func(t *testing.T, dir string) (string, io.Reader) {
		// No extension: the format must come from the bytes.
		return writeFile(t, t.TempDir(), "input", pack(t, dir)), nil
	}}
}

var forms = []form{
	{"the must-gather folder loads", func(_ *testing.T, dir string) (string, io.Reader) { return dir, nil }, "none"},
	{"the image folder alone loads", func(t *testing.T, dir string) (string, io.Reader) {
		m, err := filepath.Glob(filepath.Join(dir, "must-gather-aws", "quay-io-*"))
		if err != nil || len(m) != 1 {
			t.Fatalf("image folder: %v %v", m, err)
		}
		return m[0], nil
	}, "none"},
	{"the folder wrapped two folders deeper loads", func(t *testing.T, dir string) (string, io.Reader) {
		top := t.TempDir()
		walkSorted(t, dir, func(rel string, d os.DirEntry, data []byte) {
			if !d.IsDir() {
				writeFile(t, top, "wrap/deeper/"+rel, data)
			}
		})
		return top, nil
	}, "none"},
	archiveForm("a tar loads", "tar", func(t *testing.T, dir string) []byte { return packTar(t, dir, "") }),
	archiveForm("a tar.gz loads", "tar.gz", func(t *testing.T, dir string) []byte { return gzipBytes(t, packTar(t, dir, "")) }),
	archiveForm("a tar.zst loads", "tar.zst", func(t *testing.T, dir string) []byte { return zstdBytes(t, packTar(t, dir, "")) }),
	archiveForm("a tar.xz loads", "tar.xz", func(t *testing.T, dir string) []byte { return xzBytes(t, packTar(t, dir, "")) }),
	archiveForm("a zip loads", "zip", func(t *testing.T, dir string) []byte { return packZip(t, dir, "") }),
	archiveForm("a tar.gz wrapped one folder deeper loads", "tar.gz", func(t *testing.T, dir string) []byte {
		return gzipBytes(t, packTar(t, dir, "./outer:1"))
	}),
	{"a tar.gz on standard input loads", func(t *testing.T, dir string) (string, io.Reader) {
		return "-", bytes.NewReader(gzipBytes(t, packTar(t, dir, "")))
	}, "tar.gz"},
	{"a zip on standard input loads", func(t *testing.T, dir string) (string, io.Reader) {
		return "-", bytes.NewReader(packZip(t, dir, ""))
	}, "zip"},
}

func TestSampleForms(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			dir := s.dir(t)
			for _, f := range forms {
				t.Run(f.name, func(t *testing.T) {
					path, stdin := f.make(t, dir)
					c := mustLoad(t, Options{Stdin: stdin}, path)
					checkSample(t, c, s.figures)
					in := c.Provenance.Inputs
					if len(in) != 1 || in[0].Format != "must-gather" || in[0].Archive != f.archive || len(in[0].Roots) != 1 {
						t.Errorf("inputs = %+v, want one must-gather, archive %s, one root", in, f.archive)
					}
				})
			}
		})
	}
}

// TestSharedTarXZ loads the original archive of the shared sample.
func TestSharedTarXZ(t *testing.T) {
	c := mustLoad(t, Options{}, filepath.Join(sharedSamples(t), "must-gather-aws.tar.xz"))
	checkSample(t, c, sharedFigures)
	if a := c.Provenance.Inputs[0].Archive; a != "tar.xz" {
		t.Errorf("archive %q, want tar.xz", a)
	}
}

// checkSample compares the figures and the cluster facts every form of the
// 4.8 sample must give.
func checkSample(t *testing.T, c *snapshot.Cluster, figures map[string]int) {
	t.Helper()
	got := counts(c)
	for k := range got {
		if _, ok := figures[k]; !ok {
			delete(got, k)
		}
	}
	if diff := cmp.Diff(figures, got); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}
	f := c.Facts()
	if f.Platform != "AWS" || f.ControlPlaneTopology != "HighlyAvailable" || f.InfrastructureTopology != "HighlyAvailable" ||
		!strings.HasPrefix(f.Version, "4.8.") || f.Nodes != 6 || f.ControlPlaneNodes != 3 {
		t.Errorf("facts = %+v", f)
	}
	if len(c.Provenance.Problems) > 0 || len(c.Provenance.Missing) > 0 {
		t.Errorf("problems %v, missing %v", c.Provenance.Problems, c.Provenance.Missing)
	}
	ins := report.Inspect(c)
	if ins.Namespaces.Collected != figures["Namespace"] || ins.Namespaces.Partial != 1 {
		t.Errorf("namespaces %+v, want %d collected and openshift-operators partial", ins.Namespaces, figures["Namespace"])
	}
}
