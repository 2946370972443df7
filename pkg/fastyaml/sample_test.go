package fastyaml

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleRoot is the real must-gather shipped beside the repository, when it
// is there.
var sampleRoot = filepath.Join("..", "..", "..", "shared", "samples", "must-gather-aws-4.8")

// yamlFiles lists the .yaml files under root.
func yamlFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".yaml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", root, err)
	}
	return files
}

// TestRealFilesConvertLikeSigsYAML converts every YAML file of the bundled
// samples and of the real must-gather (when present) both ways, with and
// without skipping managedFields, and demands equal values. Every file
// must take the fast path: a fallback on real oc output is a gap.
func TestRealFilesConvertLikeSigsYAML(t *testing.T) {
	files := yamlFiles(t, "testdata")
	if _, err := os.Stat(sampleRoot); err == nil {
		files = append(files, yamlFiles(t, sampleRoot)...)
	} else {
		t.Logf("real sample absent (%v): bundled files only", err)
	}
	for _, opts := range []*Options{nil, {Skip: [][]string{ManagedFields}}, {Skip: [][]string{ManagedFields}, Prune: testPrune}} {
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := differ(src, opts); err != nil {
				if errors.Is(err, errDeclined) {
					_, why := AppendJSON(nil, src, opts)
					t.Errorf("%s: fast path declined real oc output: %v", f, why)
					continue
				}
				t.Errorf("%s: %v", f, err)
			}
		}
	}
}
