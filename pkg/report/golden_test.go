package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/<name>, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/report -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output; review with go test ./pkg/report -update && git diff\n--- got ---\n%s", path, got)
	}
}

func TestGoldenReports(t *testing.T) {
	a := fixtureAnalysis(t)
	cases := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"junit.golden.xml", func(b *bytes.Buffer) error {
			return JUnit(b, a.Results, JUnitOptions{Timestamp: fixtureTime, Checks: fixtureChecks})
		}},
		{"markdown.golden.md", func(b *bytes.Buffer) error {
			return Markdown(b, a, MarkdownOptions{Checks: fixtureChecks})
		}},
		{"markdown-details.golden.md", func(b *bytes.Buffer) error {
			return MarkdownDetails(b, a, MarkdownOptions{Checks: fixtureChecks})
		}},
		{"analysis.golden.json", func(b *bytes.Buffer) error { return JSON(b, a) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}
