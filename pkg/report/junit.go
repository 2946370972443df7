package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/jstemmer/go-junit-report/v2/junit"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// DefaultSuite is the JUnit suite name unless the user picks another (Sippy
// imports only the suites it lists, e.g. openshift-tests).
const DefaultSuite = "ha-compliance"

// JUnitOptions say how results become a JUnit document.
type JUnitOptions struct {
	// Suite is the testsuite name; DefaultSuite when "".
	Suite string
	// Timestamp is when the analysis ran, written on the suite; zero omits it.
	// Writers never read the clock.
	Timestamp time.Time
	// Checks is the catalogue, for the convention link of each check.
	Checks []checks.Check
	// Input, when set, adds the input-completeness case
	// (CompletenessTestName) before the checks' cases: analyze always sets it.
	Input *Inspection
}

// JUnit writes one testsuite with the test cases of rs, in their order, as
// Sippy reads them: a pass is one case; a flake is
// the failing case followed by a passing twin of the same name; a fail is
// the failing case alone; a skip is a skipped case. Test names come from
// Result.TestName and so never change from run to run.
func JUnit(w io.Writer, rs []result.Result, o JUnitOptions) error {
	suite, lifecycles := junitSuite(rs, o)
	doc := testsuitesXML{Testsuites: junit.Testsuites{Tests: suite.Tests, Failures: suite.Failures, Skipped: suite.Skipped}}
	s := testsuiteXML{Testsuite: suite}
	for i, tc := range suite.Testcases {
		s.Testcases = append(s.Testcases, testcaseXML{Testcase: tc, Lifecycle: lifecycles[i]})
	}
	doc.Suites = []testsuiteXML{s}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// The go-junit-report types have no lifecycle attribute on <testcase>, which
// Sippy reads for informing tests. These wrappers add it and nothing else:
// each embeds the library type, whose fields encoding/xml promotes, and a
// field at the outer level shadows the embedded one of the same XML name.
type testcaseXML struct {
	junit.Testcase
	Lifecycle string `xml:"lifecycle,attr,omitempty"`
}

type testsuiteXML struct {
	junit.Testsuite
	Testcases []testcaseXML `xml:"testcase,omitempty"`
}

type testsuitesXML struct {
	XMLName xml.Name `xml:"testsuites"`
	junit.Testsuites
	Suites []testsuiteXML `xml:"testsuite,omitempty"`
}

// junitSuite builds the testsuite JUnit writes, with the lifecycle of each
// test case ("" or "informing") beside it.
func junitSuite(rs []result.Result, o JUnitOptions) (junit.Testsuite, []string) {
	suite := junit.Testsuite{Name: o.Suite, Time: "0"}
	if suite.Name == "" {
		suite.Name = DefaultSuite
	}
	if !o.Timestamp.IsZero() {
		suite.SetTimestamp(o.Timestamp.UTC())
	}
	var lifecycles []string
	add := func(tc junit.Testcase, r result.Result) {
		suite.AddTestcase(tc)
		lc := ""
		if r.Informing {
			lc = string(checks.Informing)
		}
		lifecycles = append(lifecycles, lc)
	}
	if o.Input != nil {
		for _, tc := range completenessCases(*o.Input, rs) {
			add(tc, result.Result{})
		}
	}
	for _, r := range rs {
		tc := junit.Testcase{Name: xmlText(r.TestName), Time: "0"}
		switch r.Outcome {
		case result.Skip:
			tc.Skipped = &junit.Result{Message: oneLine(orDefault(r.Reason, "skipped"))}
			add(tc, r)
		case result.Fail, result.Flake:
			msg, body := failureText(r, findCheck(o.Checks, r.Check))
			tc.Failure = &junit.Result{Message: msg, Data: body}
			tc.SystemOut = &junit.Output{Data: body}
			add(tc, r)
			if r.Outcome == result.Flake {
				add(junit.Testcase{Name: tc.Name, Time: "0"}, r)
			}
		default:
			if r.Reason != "" {
				tc.SystemOut = &junit.Output{Data: oneLine(r.Reason)}
			}
			add(tc, r)
		}
	}
	return suite, lifecycles
}

func findCheck(cs []checks.Check, id string) checks.Check {
	for _, c := range cs {
		if string(c.ID) == id {
			return c
		}
	}
	return checks.Check{ID: checks.ID(id)}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
