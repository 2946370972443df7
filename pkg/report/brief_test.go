package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// fixtureWithRisks is the fixture analysis with one risk of each kind: a
// blocking spread failure, an observation, and an informing one last.
func fixtureWithRisks(t *testing.T) Analysis {
	a := fixtureAnalysis(t)
	a.Observed = []Observation{
		{Namespace: "openshift-monitoring", Kind: "StatefulSet", Name: "prometheus-k8s", What: "1 of 2 replicas ready"},
		{Namespace: "not-judged", Kind: "Deployment", Name: "app", What: "0 of 1 replica ready"},
	}
	spread := result.Result{Namespace: "openshift-monitoring", Check: "spread-across-nodes",
		Component: "Monitoring", Outcome: result.Fail, Violations: []result.Violation{{Kind: "StatefulSet",
			Name: "alertmanager-main", Message: "StatefulSet/alertmanager-main: pods alertmanager-main-0, alertmanager-main-1 share node worker-a"}}}
	last := slices.IndexFunc(a.Results, func(r result.Result) bool { return r.Namespace > spread.Namespace })
	a.Results = slices.Insert(slices.Clone(a.Results), last, spread)
	return a
}

func TestGoldenBrief(t *testing.T) {
	a := fixtureWithRisks(t)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"brief.golden.txt", func(b *bytes.Buffer) error { return AnalysisText(b, a) }},
		{"jira.golden.txt", func(b *bytes.Buffer) error { return Jira(b, a, MarkdownOptions{Checks: fixtureChecks}) }},
		{"summary.golden.md", func(b *bytes.Buffer) error { return Markdown(b, a, MarkdownOptions{Checks: fixtureChecks}) }},
		{"exceptions.golden.yaml", func(b *bytes.Buffer) error { return ExceptionsYAML(b, a) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}

func TestBriefRanks(t *testing.T) {
	br := NewBrief(fixtureWithRisks(t), fixtureChecks)
	var risks []string
	for _, r := range br.Risks {
		risks = append(risks, r.Namespace+" "+r.Workload)
	}
	want := "openshift-monitoring StatefulSet/alertmanager-main|openshift-monitoring StatefulSet/prometheus-k8s"
	if got := strings.Join(risks, "|"); got != want {
		t.Errorf("risks %s, want %s (blocking failures, then observations; unjudged namespaces left out)", got, want)
	}
	for i, g := range br.Gaps {
		if i > 0 && len(g.Blocking) > 0 && len(br.Gaps[i-1].Blocking) == 0 {
			t.Errorf("gap %s with blocking failures ranks after an informing-only one", gapName(g))
		}
		if g.Component == "Monitoring" && g.Violations != 0 {
			t.Errorf("Monitoring's spread risk counted as a product-wide gap: %+v", g)
		}
	}
	if !strings.HasPrefix(br.Verdict, "FAIL: ") {
		t.Errorf("verdict %q does not open with FAIL", br.Verdict)
	}
}

// bigAnalysis is a cluster far larger than any real one: 600 namespaces,
// each failing every check of the fixture with 12 violations, so that the
// size bounds are exercised, not assumed.
func bigAnalysis() Analysis {
	var rs []result.Result
	for n := range 600 {
		ns := fmt.Sprintf("openshift-namespace-with-a-long-name-%03d", n)
		for _, c := range fixtureChecks {
			r := result.Result{Namespace: ns, Check: string(c.ID), Component: fmt.Sprintf("Component %d", n%90),
				Outcome: result.Fail, Informing: c.Lifecycle == "informing"}
			for v := range 12 {
				r.Violations = append(r.Violations, result.Violation{Kind: "Deployment", Name: fmt.Sprintf("workload-%d", v),
					Container: "c", Message: strings.Repeat("something is wrong | with *this* {workload} ", 4)})
			}
			rs = append(rs, r)
		}
		rs = append(rs, result.Result{Namespace: ns, Check: "spread-across-nodes", Outcome: result.Fail,
			Violations: []result.Violation{{Kind: "Deployment", Name: "w", Message: "pods share node n"}}})
	}
	problems := Inspection{}
	for i := range 300 {
		problems.Problems = append(problems.Problems, snapshot.Problem{Path: fmt.Sprintf("namespaces/ns-%d/core/pods.yaml", i), Error: "truncated"})
	}
	return Analysis{Input: problems, Results: rs}
}

func TestReportsFitTheirLimits(t *testing.T) {
	a := bigAnalysis()
	for _, tc := range []struct {
		name  string
		limit int
		write func(*bytes.Buffer) error
	}{
		{"markdown", MarkdownLimit, func(b *bytes.Buffer) error { return Markdown(b, a, MarkdownOptions{Checks: fixtureChecks}) }},
		{"jira", JiraLimit, func(b *bytes.Buffer) error { return Jira(b, a, MarkdownOptions{Checks: fixtureChecks}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			// GitHub and Jira count characters; bytes bound them from above.
			if n := utf8.RuneCount(b.Bytes()); n > tc.limit {
				t.Errorf("%d characters, want at most %d", n, tc.limit)
			}
			if !strings.Contains(b.String(), DetailsFile) {
				t.Errorf("does not point to %s", DetailsFile)
			}
		})
	}
}

func TestExceptionsYAMLLoadsOnceFilled(t *testing.T) {
	var b bytes.Buffer
	if err := ExceptionsYAML(&b, fixtureAnalysis(t)); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(fixtureChecks))
	for _, c := range fixtureChecks {
		ids = append(ids, string(c.ID))
	}
	path := t.TempDir() + "/" + ExceptionsFile
	writeFile(t, path, b.String())
	if _, err := exceptions.Load([]string{path}, ids); err == nil || !strings.Contains(err.Error(), exceptions.JiraPlaceholder) {
		t.Errorf("the placeholder was accepted: %v", err)
	}
	writeFile(t, path, strings.ReplaceAll(b.String(), exceptions.JiraPlaceholder, "OCPBUGS-1"))
	// With the exceptions the report was made with, nothing is left.
	list, err := exceptions.Load([]string{filepath.Join("testdata", "exceptions.yaml"), path}, ids)
	if err != nil {
		t.Fatalf("filled file does not load: %v", err)
	}
	applied := list.Apply(fixtureResults(), exceptions.Options{Now: fixtureTime})
	for _, r := range applied.Results {
		if r.Outcome == result.Fail && len(r.UnexceptedViolations()) > 0 {
			t.Errorf("%s/%s still has unexcepted violations", r.Namespace, r.Check)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBriefIsTenLines holds the brief to what a person reads first, however
// large the cluster.
func TestBriefIsTenLines(t *testing.T) {
	a := bigAnalysis()
	a.Observed = []Observation{{Namespace: "openshift-namespace-with-a-long-name-001", Kind: "Deployment", Name: "d", What: "0 of 2 replicas ready"}}
	var b strings.Builder
	writeBrief(&b, NewBrief(a, fixtureChecks), plainMarkup)
	if lines := strings.Count(b.String(), "\n"); lines > 10 {
		t.Errorf("the brief has %d lines:\n%s", lines, b.String())
	}
}
