package decode

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The folders of real and test YAML the decoders are held to: the
// repository's test data, and the real sample of ../shared when present.
var (
	testdataRoot   = filepath.Join("..", "..", "testdata")
	realSampleRoot = filepath.Join("..", "..", "..", "shared", "samples", "must-gather-aws-4.8")
)

// eachFile calls fn with the path and bytes of every file under roots whose
// name ends in one of exts, and returns how many there were. An absent root
// is logged and passed over.
func eachFile(t *testing.T, roots, exts []string, fn func(path string, data []byte)) int {
	t.Helper()
	files := 0
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			t.Logf("skip %s: %v", root, err)
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !hasAnySuffix(path, exts) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			fn(path, data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}
