package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// sippySuites is the JUnit document as a reader that knows nothing of our
// writer sees it: suites of named cases, each with an optional failure or skip.
type sippySuites struct {
	Suites []struct {
		Name  string `xml:"name,attr"`
		Cases []struct {
			Name      string    `xml:"name,attr"`
			Lifecycle string    `xml:"lifecycle,attr"`
			Failure   *struct{} `xml:"failure"`
			Skipped   *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

type sippyKey struct{ Suite, Name string }

// classify does what Sippy does with a job's JUnit: key results by (suite,
// name); a failure and a success of the same key is a flake, a failure alone
// a failure, a success alone a pass; skipped cases are dropped.
func classify(t *testing.T, data []byte) (map[sippyKey]result.Outcome, map[sippyKey]string) {
	t.Helper()
	var doc sippySuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("parse junit: %v", err)
	}
	type seen struct{ failed, passed bool }
	runs := map[sippyKey]*seen{}
	lifecycle := map[sippyKey]string{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Skipped != nil {
				continue
			}
			k := sippyKey{s.Name, c.Name}
			if runs[k] == nil {
				runs[k] = &seen{}
			}
			if c.Failure != nil {
				runs[k].failed = true
			} else {
				runs[k].passed = true
			}
			lifecycle[k] = c.Lifecycle
		}
	}
	out := map[sippyKey]result.Outcome{}
	for k, s := range runs {
		switch {
		case s.failed && s.passed:
			out[k] = result.Flake
		case s.failed:
			out[k] = result.Fail
		default:
			out[k] = result.Pass
		}
	}
	return out, lifecycle
}

func TestSippyReadsTheOutcomesOfTheJSON(t *testing.T) {
	a := fixtureAnalysis(t)
	for _, suite := range []string{"", "openshift-tests"} {
		t.Run("suite "+suite, func(t *testing.T) {
			var x, j bytes.Buffer
			if err := JUnit(&x, a.Results, JUnitOptions{Suite: suite, Timestamp: fixtureTime, Checks: fixtureChecks}); err != nil {
				t.Fatal(err)
			}
			if err := JSON(&j, a); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Results []result.Result `json:"results"`
			}
			if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			wantSuite := suite
			if wantSuite == "" {
				wantSuite = DefaultSuite
			}
			want := map[sippyKey]result.Outcome{}
			wantLifecycle := map[sippyKey]string{}
			outcomes := map[result.Outcome]bool{}
			for _, r := range doc.Results {
				outcomes[r.Outcome] = true
				if r.Outcome == result.Skip {
					continue
				}
				k := sippyKey{wantSuite, r.TestName}
				if _, dup := want[k]; dup {
					t.Fatalf("two results share the test name %q", r.TestName)
				}
				want[k] = r.Outcome
				if r.Informing {
					wantLifecycle[k] = "informing"
				} else {
					wantLifecycle[k] = ""
				}
			}
			if len(outcomes) != 4 {
				t.Fatalf("the fixture has outcomes %v, want all four", outcomes)
			}
			got, lifecycle := classify(t, x.Bytes())
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Sippy's outcomes differ from the JSON's (-json +sippy):\n%s", diff)
			}
			if diff := cmp.Diff(wantLifecycle, lifecycle); diff != "" {
				t.Errorf("lifecycles (-json +junit):\n%s", diff)
			}
		})
	}
}
