package report

import (
	"fmt"
	"strings"

	"github.com/jstemmer/go-junit-report/v2/junit"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// CompletenessTestName is the JUnit case every analyze run publishes about
// its input, so that CI and Sippy see a broken gather even when every check
// it cost was skipped. It has the shape of the case origin's monitor test
// framework publishes when a monitor test cannot collect its data
// ("[Monitor:<name>]... monitor test <name> collection"), and like every
// test name here it never changes from run to run.
const CompletenessTestName = "[Monitor:ha-compliance] monitor test ha-compliance collection"

// maxListedProblems bounds the problems written into the JUnit body; the
// JSON report has them all.
const maxListedProblems = 50

// completeness is the outcome of the completeness case, with its message
// and body:
//   - pass: every needed file was read in full;
//   - flake: some files could not be read, and the checks that needed them
//     were skipped, but others judged: a broken gather is visible in Sippy
//     (a flake, as origin publishes a monitor test's collection FlakeError)
//     without failing a job whose product did nothing wrong;
//   - fail: nothing could be judged at all (a must-gather cut short, an empty
//     file): the run has no verdict, and exits non-zero.
func completeness(in Inspection, rs []result.Result) (result.Outcome, string, string) {
	var body strings.Builder
	for i, p := range in.Problems {
		if i == maxListedProblems {
			fmt.Fprintf(&body, "... and %d more problems (see ha-compliance.json)\n", len(in.Problems)-maxListedProblems)
			break
		}
		fmt.Fprintf(&body, "%s: %s\n", p.Path, p.Error)
	}
	if len(in.Partial) > 0 {
		fmt.Fprintf(&body, "partly read, so the checks that need them were skipped: %s\n", partialText(in.Partial))
	}
	for _, w := range in.Warnings {
		fmt.Fprintf(&body, "warning: %s\n", w)
	}
	switch {
	case !checks.Judged(rs):
		msg := "nothing could be judged: no namespace of the input was read in full"
		if n := len(in.Problems); n > 0 {
			msg = fmt.Sprintf("nothing could be judged: %d %s of the input could not be read", n, plural(n, "part"))
		}
		return result.Fail, msg, body.String()
	case len(in.Problems) > 0 || len(in.Partial) > 0:
		n := len(in.Problems)
		return result.Flake, fmt.Sprintf("%d %s of the input could not be read; the checks that needed them were skipped",
			n, plural(n, "part")), body.String()
	}
	return result.Pass, "", body.String()
}

// completenessCases are the JUnit cases of the completeness outcome, as
// junitSuite writes those of a check.
func completenessCases(in Inspection, rs []result.Result) []junit.Testcase {
	outcome, msg, body := completeness(in, rs)
	tc := junit.Testcase{Name: CompletenessTestName, Time: "0"}
	if body != "" {
		tc.SystemOut = &junit.Output{Data: xmlText(body)}
	}
	if outcome == result.Pass {
		return []junit.Testcase{tc}
	}
	tc.Failure = &junit.Result{Message: oneLine(msg), Data: xmlText(body)}
	if outcome == result.Flake {
		return []junit.Testcase{tc, {Name: CompletenessTestName, Time: "0"}}
	}
	return []junit.Testcase{tc}
}
