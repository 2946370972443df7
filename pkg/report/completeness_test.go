package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// TestCompletenessCase reads the input-completeness case as Sippy does: a
// pass for an input read in full, a flake when files were lost but checks
// judged, a failure when nothing could be judged; the body lists the
// problems.
func TestCompletenessCase(t *testing.T) {
	judged := fixtureResults()
	noData := []result.Result{{Namespace: "openshift-etcd", Check: "replicas", TestName: "x", Outcome: result.Skip,
		Reason: checks.ReasonPartialNamespace}}
	problem := []snapshot.Problem{{Path: "mg/namespaces/openshift-etcd/core/pods.yaml", Error: "empty file"}}
	partial := []snapshot.Partial{{Namespace: "openshift-etcd", Kind: snapshot.Pod, Path: "mg/namespaces/openshift-etcd/core/pods.yaml", Why: "empty file"}}
	cases := []struct {
		name     string
		in       Inspection
		rs       []result.Result
		want     result.Outcome
		wantBody []string
	}{
		{"an input read in full passes", Inspection{}, judged, result.Pass, nil},
		{"a lost file with checks judged flakes", Inspection{Problems: problem, Partial: partial}, judged, result.Flake,
			[]string{"mg/namespaces/openshift-etcd/core/pods.yaml: empty file", "partly read, so the checks that need them were skipped: Pods in openshift-etcd"}},
		{"nothing judged fails", Inspection{Problems: problem}, noData, result.Fail, []string{"pods.yaml: empty file"}},
		{"no results at all fails", Inspection{Problems: problem}, nil, result.Fail, nil},
		{"a topology skip is a judgement", Inspection{}, []result.Result{{Namespace: "ns", Check: "replicas", TestName: "x",
			Outcome: result.Skip, Reason: "single-replica topology: one replica is by design"}}, result.Pass, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var x bytes.Buffer
			if err := JUnit(&x, tc.rs, JUnitOptions{Timestamp: fixtureTime, Checks: fixtureChecks, Input: &tc.in}); err != nil {
				t.Fatal(err)
			}
			got, _ := classify(t, x.Bytes())
			if o := got[sippyKey{DefaultSuite, CompletenessTestName}]; o != tc.want {
				t.Errorf("outcome %q, want %q\n%s", o, tc.want, x.String())
			}
			for _, w := range tc.wantBody {
				if !strings.Contains(x.String(), w) {
					t.Errorf("body lacks %q:\n%s", w, x.String())
				}
			}
			want := 1 // a flake is a failing case and its passing twin
			if tc.want == result.Flake {
				want = 2
			}
			if n := strings.Count(x.String(), `name="`+CompletenessTestName+`"`); n != want {
				t.Errorf("%d completeness cases, want %d", n, want)
			}
		})
	}
}

// TestCompletenessBodyIsBounded: a gather with thousands of broken files
// lists the first ones and says how many more.
func TestCompletenessBodyIsBounded(t *testing.T) {
	var in Inspection
	for range 3 * maxListedProblems {
		in.Problems = append(in.Problems, snapshot.Problem{Path: "p", Error: "e"})
	}
	_, _, body := completeness(in, fixtureResults())
	if n := strings.Count(body, "p: e\n"); n != maxListedProblems || !strings.Contains(body, "and 100 more problems") {
		t.Errorf("%d problems listed:\n%s", n, body)
	}
}
