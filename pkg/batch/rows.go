package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// The status of a run row.
const (
	StatusOK      = "ok"       // read in full and judged
	StatusPartial = "partial"  // judged, but some files could not be read (see problems)
	StatusNoInput = "no-input" // nothing usable in the run: no must-gather, no gather-extra
	StatusError   = "error"    // the run could not be read at all (listing, download, metadata)
)

// TimeLayout is how every timestamp of the rows is written: UTC with
// microseconds, the precision of BigQuery's TIMESTAMP, which `bq load`
// reads from JSON as it is.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// RunRow is one line of runs.ndjson: a job run, its identity, what was
// judged and the outcome counts. Field names are the BigQuery columns of
// schema/runs.json; a test keeps the two in step.
type RunRow struct {
	RunKey        string `json:"run_key"`
	JobName       string `json:"job_name,omitempty"`
	ProwJobName   string `json:"prow_job_name,omitempty"`
	BuildID       string `json:"build_id,omitempty"`
	JobType       string `json:"job_type,omitempty"`
	Release       string `json:"release,omitempty"`
	ReleaseTag    string `json:"release_tag,omitempty"`
	AggregationID string `json:"aggregation_id,omitempty"`
	PROrg         string `json:"pr_org,omitempty"`
	PRRepo        string `json:"pr_repo,omitempty"`
	PRNumber      int    `json:"pr_number,omitempty"`
	PRSHA         string `json:"pr_sha,omitempty"`
	ProwURL       string `json:"prow_url,omitempty"`
	Started       string `json:"started,omitempty"`
	Finished      string `json:"finished,omitempty"`
	Result        string `json:"result,omitempty"`

	Version                string   `json:"version,omitempty"`
	Platform               string   `json:"platform,omitempty"`
	ControlPlaneTopology   string   `json:"control_plane_topology,omitempty"`
	InfrastructureTopology string   `json:"infrastructure_topology,omitempty"`
	InputKind              string   `json:"input_kind,omitempty"`
	Missing                []string `json:"missing"`

	Status   string       `json:"status"`
	Problems []ProblemRow `json:"problems"`
	Pass     int          `json:"pass"`
	Flake    int          `json:"flake"`
	Fail     int          `json:"fail"`
	Skip     int          `json:"skip"`

	ToolVersion    string `json:"tool_version"`
	CatalogueHash  string `json:"catalogue_hash"`
	ExceptionsHash string `json:"exceptions_hash"`
	ScoredAt       string `json:"scored_at"`
}

// ProblemRow is a file of the run that could not be read.
type ProblemRow struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// ResultRow is one line of results.ndjson: one (namespace, check) of one
// run, with the run's identity repeated so that the table is queried
// without a join.
type ResultRow struct {
	RunKey   string `json:"run_key"`
	JobName  string `json:"job_name,omitempty"`
	BuildID  string `json:"build_id,omitempty"`
	Release  string `json:"release,omitempty"`
	Started  string `json:"started,omitempty"`
	ScoredAt string `json:"scored_at"`

	Namespace  string         `json:"namespace"`
	Check      string         `json:"check"`
	Component  string         `json:"component,omitempty"`
	TestName   string         `json:"test_name"`
	Outcome    string         `json:"outcome"`
	Reason     string         `json:"reason,omitempty"`
	Informing  bool           `json:"informing"`
	Violations []ViolationRow `json:"violations"`
}

// ViolationRow is one violation of a result: a repeated record in BigQuery.
type ViolationRow struct {
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Container string `json:"container,omitempty"`
	RuleKey   string `json:"rule_key"`
	Message   string `json:"message"`
	Topology  string `json:"topology,omitempty"`
	// Pods are the pods behind a logical workload (installer-7-master-0 ...
	// for the run-once "installer"), when the result names them.
	Pods      []string `json:"pods,omitempty"`
	Exception string   `json:"exception,omitempty"`
}

// resultRow turns a result of run into its row.
func resultRow(run *RunRow, r result.Result) ResultRow {
	row := ResultRow{
		RunKey: run.RunKey, JobName: run.JobName, BuildID: run.BuildID, Release: run.Release,
		Started: run.Started, ScoredAt: run.ScoredAt,
		Namespace: r.Namespace, Check: r.Check, Component: r.Component, TestName: r.TestName,
		Outcome: string(r.Outcome), Reason: r.Reason, Informing: r.Informing,
		Violations: make([]ViolationRow, 0, len(r.Violations)),
	}
	for _, v := range r.Violations {
		row.Violations = append(row.Violations, ViolationRow{
			Kind: v.Kind, Name: v.Name, Container: v.Container, RuleKey: v.RuleKey,
			Message: v.Message, Topology: v.Topology, Pods: v.Pods, Exception: v.Exception,
		})
	}
	return row
}

// Result turns a row back into the result it was made from (without the
// exception's waiver details, which rows do not keep).
func (row ResultRow) Result() result.Result {
	r := result.Result{
		Namespace: row.Namespace, Check: row.Check, Component: row.Component, TestName: row.TestName,
		Outcome: result.Outcome(row.Outcome), Reason: row.Reason, Informing: row.Informing,
		Violations: make([]result.Violation, 0, len(row.Violations)),
	}
	for _, v := range row.Violations {
		r.Violations = append(r.Violations, result.Violation{
			Kind: v.Kind, Name: v.Name, Container: v.Container, RuleKey: v.RuleKey,
			Message: v.Message, Topology: v.Topology, Pods: v.Pods, Exception: v.Exception,
		})
	}
	return r
}

func problemRows(ps []snapshot.Problem, rename func(string) string) []ProblemRow {
	out := make([]ProblemRow, 0, len(ps))
	for _, p := range ps {
		out = append(out, ProblemRow{Path: rename(p.Path), Error: rename(p.Error)})
	}
	return out
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(TimeLayout)
}

// CatalogueHash identifies the check catalogue a row was judged with: the
// ids, lifecycles, JUnit names and the kinds each check needs. A change of
// any of them changes what a row means.
func CatalogueHash() string {
	h := sha256.New()
	for _, c := range checks.All() {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%v\n", c.ID, c.Lifecycle, c.Tier, c.Subject, c.Should, c.Needs)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}

// ExceptionsHash identifies the exceptions a row was judged with; "" for
// none.
func ExceptionsHash(l *exceptions.List) string {
	if l == nil || (len(l.Exceptions) == 0 && len(l.ComponentOverrides) == 0) {
		return ""
	}
	data, err := json.Marshal(l)
	if err != nil {
		data = fmt.Appendf(nil, "%#v", l)
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])[:16]
}
