package bugs

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/openshift-eng/ha-compliance/pkg/batch"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// ErrNotResults says a path is neither an analyze JSON document nor a batch
// folder: the caller may analyze it as an input instead.
var ErrNotResults = errors.New("not an ha-compliance.json or a batch folder")

// Run is one judged job run, as runs.ndjson of a batch folder describes it.
type Run struct {
	Key     string `json:"run_key"`
	Job     string `json:"job_name,omitempty"`
	BuildID string `json:"build_id,omitempty"`
	ProwURL string `json:"prow_url,omitempty"`
	Started string `json:"started,omitempty"`
	Release string `json:"release,omitempty"`
	Version string `json:"version,omitempty"`
}

// Link is where a person sees the run: its Prow page, else its key (a path
// or gs:// URL).
func (r Run) Link() string {
	if r.ProwURL != "" {
		return r.ProwURL
	}
	return r.Key
}

// Source is a set of judged results: one analysis, or the runs of a batch.
type Source struct {
	// Path is what was read.
	Path string
	// Results are the (namespace, check) results; with a batch, those of
	// every run, the latest scoring of each.
	Results []result.Result
	// Runs[i] is the run of Results[i] for a batch; nil for one analysis.
	Runs []*Run
	// Version is the cluster version of one analysis, "" for a batch.
	Version string
}

// Links returns the run link of each result, for exceptions.Evidence.
func (s *Source) Links() []string {
	if s.Runs == nil {
		return nil
	}
	out := make([]string, len(s.Runs))
	for i, r := range s.Runs {
		out[i] = r.Link()
	}
	return out
}

// ReadSource reads an analyze JSON document (ha-compliance.json) or a batch
// folder (results.ndjson and runs.ndjson). Anything else is ErrNotResults.
func ReadSource(path string) (*Source, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "results.ndjson")); err != nil {
			return nil, ErrNotResults
		}
		return readBatch(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if !bytes.HasPrefix(bytes.TrimSpace(head[:n]), []byte("{")) {
		return nil, ErrNotResults
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var a report.Analysis
	if err := json.NewDecoder(f).Decode(&a); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if a.SchemaVersion == 0 || a.Results == nil {
		return nil, fmt.Errorf("%s: %w (no schemaVersion and results)", path, ErrNotResults)
	}
	return &Source{Path: path, Results: a.Results, Version: a.Input.Cluster.Version}, nil
}

// resultRow is a row of results.ndjson (docs/batch.md), the fields read.
type resultRow struct {
	RunKey     string               `json:"run_key"`
	ScoredAt   string               `json:"scored_at"`
	Namespace  string               `json:"namespace"`
	Check      string               `json:"check"`
	Component  string               `json:"component"`
	TestName   string               `json:"test_name"`
	Outcome    string               `json:"outcome"`
	Reason     string               `json:"reason"`
	Informing  bool                 `json:"informing"`
	Violations []batch.ViolationRow `json:"violations"`
	// The run identity fields every row repeats, for runs without a runs.ndjson row.
	Run
}

// readBatch reads a batch folder. Rows are append-only (a re-score adds
// rows with a newer scored_at), so only each run's latest scoring is kept.
func readBatch(dir string) (*Source, error) {
	runs := map[string]*Run{}
	if err := eachLine(filepath.Join(dir, "runs.ndjson"), true, func(line []byte) error {
		var r Run
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		runs[r.Key] = &r
		return nil
	}); err != nil {
		return nil, err
	}
	var rows []resultRow
	latest := map[string]string{}
	if err := eachLine(filepath.Join(dir, "results.ndjson"), false, func(line []byte) error {
		var r resultRow
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		if r.RunKey == "" || r.Namespace == "" || r.Check == "" {
			return errors.New("a row without run_key, namespace or check")
		}
		rows = append(rows, r)
		latest[r.RunKey] = max(latest[r.RunKey], r.ScoredAt)
		return nil
	}); err != nil {
		return nil, err
	}
	s := &Source{Path: dir, Runs: []*Run{}}
	for _, r := range rows {
		if r.ScoredAt != latest[r.RunKey] {
			continue
		}
		run := runs[r.RunKey]
		if run == nil {
			run = &r.Run
			run.Key = r.RunKey
			runs[r.RunKey] = run
		}
		res := batch.ResultRow{Namespace: r.Namespace, Check: r.Check, Component: r.Component, TestName: r.TestName,
			Outcome: r.Outcome, Reason: r.Reason, Informing: r.Informing, Violations: r.Violations}.Result()
		s.Results = append(s.Results, res)
		s.Runs = append(s.Runs, run)
	}
	return s, nil
}

// eachLine calls fn with every non-empty line of an NDJSON file, naming the
// file and line in errors. A missing optional file is no error.
func eachLine(path string, optional bool, fn func([]byte) error) error {
	f, err := os.Open(path)
	if optional && errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
