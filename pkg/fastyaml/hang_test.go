package fastyaml

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	sigsyaml "sigs.k8s.io/yaml"
)

func TestHang(t *testing.T) {
	dir := os.Getenv("FUZZDIR")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.Split(string(b), "\n")
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil { t.Log(f, err); continue }
		for _, which := range []string{"fast", "sigs"} {
			done := make(chan bool)
			go func() {
				if which == "fast" { AppendJSON(nil, []byte(s), &Options{Skip: [][]string{ManagedFields, {"status"}}}) } else { sigsyaml.YAMLToJSON([]byte(s)) }
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(2 * time.Second):
				t.Fatalf("%s hangs on %s: %q", which, f, s)
			}
		}
	}
}
