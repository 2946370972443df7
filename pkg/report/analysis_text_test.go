package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// TestAnalysisTextNamesTheFirstProblem: the summary says what went wrong,
// not how many "parts" did.
func TestAnalysisTextNamesTheFirstProblem(t *testing.T) {
	one := snapshot.Problem{Path: "mg.tar.xz", Error: "unsupported archive format lzip: extract it first"}
	other := snapshot.Problem{Path: "mg/x.yaml", Error: "parse YAML: bad"}
	for _, tc := range []struct {
		name     string
		problems []snapshot.Problem
		want     string
	}{
		{"one problem", []snapshot.Problem{one}, "problem: mg.tar.xz: unsupported archive format lzip: extract it first\n"},
		{"two problems", []snapshot.Problem{one, other},
			"problem: mg.tar.xz: unsupported archive format lzip: extract it first (and 1 more, listed in ha-compliance.json)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := AnalysisText(&b, Analysis{Input: Inspection{Problems: tc.problems}}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("summary lacks %q:\n%s", tc.want, b.String())
			}
		})
	}
}
