package diff

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/batch"
)

// FuzzLoadCompare: whatever an analyze JSON file or a batch folder holds,
// loading it never panics and a refusal names the file; a side that loads
// compares equal to itself, and every report of two sides renders.
func FuzzLoadCompare(f *testing.F) {
	analysis := []byte(`{"schemaVersion":1,"results":[` +
		`{"namespace":"a","check":"pdb","testName":"t","outcome":"fail","violations":[{"kind":"Deployment","name":"d","ruleKey":"k","message":"m"}]},` +
		`{"namespace":"a","check":"replicas","testName":"t2","outcome":"skip","reason":"no Deployments in input","violations":[]}]}`)
	runs := []byte(`{"run_key":"r1","release":"4.18","status":"judged","scored_at":"t"}` + "\n" + `{"run_key":"r2","version":"4.19.0","status":"judged","scored_at":"t"}` + "\n")
	results := []byte(`{"run_key":"r1","scored_at":"t","namespace":"a","check":"pdb","test_name":"t","outcome":"fail","informing":false,"violations":[{"kind":"Deployment","name":"d","rule_key":"k","message":"m"}]}` + "\n" +
		`{"run_key":"r2","scored_at":"t","namespace":"a","check":"pdb","test_name":"t","outcome":"pass","informing":false,"violations":[]}` + "\n")
	f.Add(analysis, runs, results)
	f.Add([]byte(`{"schemaVersion":1,"results":[]}`), runs[:20], results)
	f.Add([]byte(`{"schemaVersion":1,"results":[{"namespace":"a","check":"pdb","outcome":"flake","violations":[{"ruleKey":"k"},{"ruleKey":"k"}]},{"namespace":"a","check":"pdb","outcome":"pass"}]}`), []byte("{}\n"), []byte("\n\n"))
	f.Add([]byte(`{"kind":"List","items":[]}`), []byte(`{"run_key":"r1"}`), []byte(`{"run_key":"r1","outcome":"weird"}`))
	f.Fuzz(func(t *testing.T, analysis, runs, results []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, "ha-compliance.json")
		out := filepath.Join(dir, "batch")
		if err := os.Mkdir(out, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, body := range map[string][]byte{file: analysis, filepath.Join(out, batch.RunsFile): runs, filepath.Join(out, batch.ResultsFile): results} {
			if err := os.WriteFile(name, body, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var sides []Side
		for _, path := range []string{file, out} {
			side, err := Load(context.Background(), path, LoadOptions{})
			if err != nil {
				if !strings.Contains(err.Error(), dir) {
					t.Fatalf("the error names no file: %v", err)
				}
				continue
			}
			if rep := Compare(side, side); rep.Unchanged != len(index(side.Results)) || rep.Regressed() {
				t.Fatalf("%s differs from itself: %+v", path, rep)
			}
			sides = append(sides, side)
		}
		for _, old := range sides {
			for _, new := range sides {
				rep := Compare(old, new)
				for _, render := range []func(*bytes.Buffer) error{
					func(b *bytes.Buffer) error { return rep.JSON(b) },
					func(b *bytes.Buffer) error { return rep.Text(b) },
					func(b *bytes.Buffer) error { return rep.Markdown(b) },
				} {
					if err := render(&bytes.Buffer{}); err != nil {
						t.Fatalf("render: %v", err)
					}
				}
			}
		}
	})
}
