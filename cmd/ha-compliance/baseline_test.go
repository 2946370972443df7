package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// TestAnalyzeBaseline: the baseline applies by default and its covers
// flake; --no-baseline judges raw and hides nothing: every violation of the
// default run is there, only without its exception.
func TestAnalyzeBaseline(t *testing.T) {
	dir := t.TempDir()
	analyze(t, bundledSample, "--output-dir", filepath.Join(dir, "default"), "--fail-on", "never")
	analyze(t, bundledSample, "--output-dir", filepath.Join(dir, "raw"), "--fail-on", "never", "--no-baseline")
	def := readAnalysis(t, filepath.Join(dir, "default", "ha-compliance.json"))
	raw := readAnalysis(t, filepath.Join(dir, "raw", "ha-compliance.json"))
	if len(def.Results) != len(raw.Results) {
		t.Fatalf("%d results by default, %d raw", len(def.Results), len(raw.Results))
	}
	covered := 0
	for i, d := range def.Results {
		r := raw.Results[i]
		if len(d.Violations) != len(r.Violations) {
			t.Errorf("%s/%s: %d violations by default, %d raw: the baseline must only except", d.Namespace, d.Check,
				len(d.Violations), len(r.Violations))
			continue
		}
		for j, v := range d.Violations {
			if rv := r.Violations[j]; rv.RuleKey != v.RuleKey || rv.Exception != "" {
				t.Errorf("raw violation %+v, want %s without exception", rv, v.RuleKey)
			}
			if strings.HasPrefix(v.Exception, exceptions.BaselinePrefix) {
				covered++
			}
		}
		if d.Outcome == result.Flake && r.Outcome != result.Fail {
			t.Errorf("%s/%s: flake by default, %s raw; want fail", d.Namespace, d.Check, r.Outcome)
		}
	}
	if covered == 0 {
		t.Error("the baseline covered nothing on the 4.8 sample")
	}
	if !def.Exceptions.Baseline || raw.Exceptions.Baseline {
		t.Errorf("exceptions.baseline %v by default, %v raw", def.Exceptions.Baseline, raw.Exceptions.Baseline)
	}
	if len(def.Exceptions.Unused) != 0 {
		t.Errorf("unused %v: baseline entries that match nothing are not reported", def.Exceptions.Unused)
	}
	// The bundled row of the measured table in docs/checks.md.
	pairs := func(a []result.Result, o result.Outcome) (n int) {
		for _, r := range a {
			if r.Outcome == o {
				n++
			}
		}
		return n
	}
	row := fmt.Sprintf("| bundled testdata/must-gather (trimmed) | 16 | %d | %d | %d |",
		pairs(def.Results, result.Fail), pairs(raw.Results, result.Fail), pairs(def.Results, result.Flake))
	if !strings.Contains(measuredDoc, row) {
		t.Errorf("docs/checks.md's measured table lacks the bundled row %q", row)
	}
}

func TestExceptionsBaselinePrintsTheEmbeddedFile(t *testing.T) {
	var out, errOut strings.Builder
	if code := run([]string{"exceptions", "baseline"}, IOStreams{Out: &out, ErrOut: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if out.String() != string(exceptions.BaselineYAML()) {
		t.Error("exceptions baseline does not print the shipped baseline as is")
	}
}
