// Package result holds what the checks found, in the form every later stage
// shares: the engine produces Results, exceptions annotate them, and the
// report writers render them. Field names are part of the JSON contract.
package result

// Outcome is the verdict of one (namespace, check) pair.
type Outcome string

// The four outcomes a check can have (docs/checks.md).
const (
	// Pass: no violation, also when nothing in the namespace is subject to the check.
	Pass Outcome = "pass"
	// Flake: every violation is covered by a valid exception.
	Flake Outcome = "flake"
	// Fail: at least one violation has no valid exception.
	Fail Outcome = "fail"
	// Skip: the check does not apply (topology) or the input lacks its data.
	Skip Outcome = "skip"
)

// Known reports whether o is one of the four outcomes: files written by
// hand or by another version may hold anything.
func (o Outcome) Known() bool {
	return o == Pass || o == Flake || o == Fail || o == Skip
}

// Result is the outcome of one check in one namespace.
type Result struct {
	Namespace string `json:"namespace"`
	Check     string `json:"check"`
	// Component is the OCPBUGS Jira component owning the namespace, "" when unknown.
	Component string `json:"component,omitempty"`
	// TestName is the JUnit test name; it never changes from run to run.
	TestName string  `json:"testName"`
	Outcome  Outcome `json:"outcome"`
	// Reason says why a result was skipped, or what was assumed.
	Reason string `json:"reason,omitempty"`
	// Informing is true for checks published with lifecycle="informing".
	Informing bool `json:"informing,omitempty"`
	// UnexceptedAs is "flake" when the result would fail but its check is in
	// the flake-only rollout phase (analyze --unexcepted-as): the outcome is
	// flake, and the violations without an exception are still the ones
	// whose Exception is "". Empty otherwise.
	UnexceptedAs Outcome     `json:"unexceptedAs,omitempty"`
	Violations   []Violation `json:"violations"`
}

// Violation is one workload (and container) that breaks a check's rule.
type Violation struct {
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Container string `json:"container,omitempty"`
	// RuleKey is stable across runs, e.g.
	// apps/v1/Deployment/openshift-console/downloads/container/download-server/readiness-probe.
	RuleKey string `json:"ruleKey"`
	// Message says what is wrong and how to fix it.
	Message string `json:"message"`
	// Topology is the topology the rule was judged under, e.g. "HighlyAvailable (controlPlaneTopology)".
	Topology string `json:"topology,omitempty"`
	// Pods are the concrete pods of a workload named by its logical name
	// (installer-9-<node> of "installer", a Job's pods), for people to find
	// them; the name and rule key never change with them.
	Pods []string `json:"pods,omitempty"`
	// Exception is the id of the exception that covers this violation, "" if none.
	Exception string `json:"exception,omitempty"`
	// Waiver describes that exception for the reports; nil if none.
	Waiver *Waiver `json:"-"`
}

// Waiver is what the reports say about the exception covering a violation.
type Waiver struct {
	ID         string
	Type       string // pending-jira or permanent
	Jira       string // e.g. OCPBUGS-12345
	JiraURL    string
	Reason     string
	ApprovedBy string
	// TargetVersion is the release a pending fix is planned for, "" if none.
	TargetVersion string
	// Expires is the last day (YYYY-MM-DD) the exception is honoured, "" if never.
	Expires string
	// Reference is where the exception comes from (origin test,
	// CONVENTIONS.md section), "" if not said.
	Reference string
	// Baseline is true for an exception of the shipped baseline.
	Baseline bool
}

// Unexcepted reports whether r has a problem no exception covers: it fails,
// or it would fail but is published as a flake during a rollout.
func (r Result) Unexcepted() bool {
	return r.Outcome == Fail || r.UnexceptedAs != ""
}

// UnexceptedViolations are the violations of r that no exception covers.
func (r Result) UnexceptedViolations() []Violation {
	var out []Violation
	for _, v := range r.Violations {
		if v.Exception == "" {
			out = append(out, v)
		}
	}
	return out
}

// Summary counts results by outcome.
type Summary struct {
	Pass  int `json:"pass"`
	Flake int `json:"flake"`
	Fail  int `json:"fail"`
	Skip  int `json:"skip"`
}

// Summarize counts the outcomes of rs.
func Summarize(rs []Result) Summary {
	var s Summary
	for _, r := range rs {
		switch r.Outcome {
		case Pass:
			s.Pass++
		case Flake:
			s.Flake++
		case Fail:
			s.Fail++
		case Skip:
			s.Skip++
		}
	}
	return s
}
