package report

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// BenchmarkStageReport renders every report analyze writes, for the
// generated 120-node must-gather when hack/bench/compare.sh has made one,
// else the bundled 4.8 sample. MB/s is report bytes out.
func BenchmarkStageReport(b *testing.B) {
	path := filepath.Join("..", "..", "testdata", "must-gather", "must-gather-aws-4.8")
	if dirs, _ := filepath.Glob(filepath.Join("..", "..", ".bench", "mg", "must-gather.local.*")); len(dirs) == 1 {
		path = dirs[0]
	}
	c, err := loader.Load(context.Background(), []string{path}, loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	rs := checks.Run(c, checks.Options{})
	a := Analysis{Tool: Tool{Version: "bench"}, Input: Inspect(c), Results: rs, Summary: result.Summarize(rs)}
	now := time.Date(2024, 3, 11, 10, 0, 0, 0, time.UTC)
	renders := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"json", func(w *bytes.Buffer) error { return JSON(w, a) }},
		{"markdown", func(w *bytes.Buffer) error { return Markdown(w, a, MarkdownOptions{Checks: checks.All()}) }},
		{"junit", func(w *bytes.Buffer) error {
			return JUnit(w, a.Results, JUnitOptions{Suite: DefaultSuite, Timestamp: now, Checks: checks.All()})
		}},
		{"text", func(w *bytes.Buffer) error { return AnalysisText(w, a) }},
	}
	for _, r := range renders {
		b.Run(r.name, func(b *testing.B) {
			var buf bytes.Buffer
			if err := r.render(&buf); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := r.render(&buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
