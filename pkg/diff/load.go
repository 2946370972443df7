package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/openshift-eng/ha-compliance/pkg/batch"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// LoadOptions say how a side is read.
type LoadOptions struct {
	// Release selects the runs of a batch output folder (their job-release
	// label, else the X.Y of their cluster version); "" takes every run.
	Release string
	// Judge judges an input that is neither an analyze JSON file nor a batch
	// output folder; nil refuses such inputs.
	Judge *batch.Batch
}

// Load reads one side of a diff: an analyze JSON file (ha-compliance.json),
// a batch output folder (local or gs://, runs of Release merged), or an
// input (folder, archive, gs:// run, Prow link) judged as analyze would.
func Load(ctx context.Context, path string, o LoadOptions) (Side, error) {
	if isBatchOutput(path) {
		return loadBatch(ctx, path, o.Release)
	}
	if o.Release != "" {
		return Side{}, fmt.Errorf("%s: a release is chosen only in a batch output folder (one with %s)", path, batch.RunsFile)
	}
	if strings.HasSuffix(path, ".json") {
		if side, ok, err := loadAnalysis(path); ok || err != nil {
			return side, err
		}
	}
	if o.Judge == nil {
		return Side{}, fmt.Errorf("%s: not an analyze JSON file or a batch output folder", path)
	}
	row, rows, err := o.Judge.JudgeOne(ctx, path)
	if err != nil {
		return Side{}, err
	}
	side := Side{Name: row.RunKey, Runs: 1}
	for _, r := range rows {
		side.Results = append(side.Results, r.Result())
	}
	return side, nil
}

func isBatchOutput(path string) bool {
	if strings.HasPrefix(path, "gs://") {
		return true // a bucket prefix: only batch folders are compared from buckets
	}
	st, err := os.Stat(filepath.Join(path, batch.RunsFile))
	return err == nil && st.Mode().IsRegular()
}

// loadAnalysis reads an analyze JSON document; ok is false when the file is
// JSON of another kind (e.g. a file of objects, which is an input).
func loadAnalysis(path string) (Side, bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Side{}, false, err
	}
	var doc struct {
		SchemaVersion int              `json:"schemaVersion"`
		Results       *[]result.Result `json:"results"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil || doc.SchemaVersion == 0 || doc.Results == nil {
		return Side{}, false, nil
	}
	for i, r := range *doc.Results {
		switch {
		case r.Namespace == "" || r.Check == "":
			return Side{}, true, fmt.Errorf("%s: result %d has no namespace or check", path, i+1)
		case !r.Outcome.Known():
			return Side{}, true, fmt.Errorf("%s: result %d: outcome %q is none of pass, fail, flake, skip", path, i+1, r.Outcome)
		}
	}
	return Side{Name: path, Results: *doc.Results, Runs: 1}, true, nil
}

// loadBatch merges the latest rows of the release's runs into one result
// per (namespace, check): fail when any run failed, else flake when any
// flaked, else pass when any was judged, else skip; the violations are the
// union by rule_key. A regression in a single run of a release shows.
func loadBatch(ctx context.Context, dir, release string) (Side, error) {
	m := newMerger()
	keep := func(r batch.RunRow) bool { return release == "" || batch.ReleaseOf(r) == release }
	runs, err := batch.EachLatest(ctx, []string{dir}, nil, keep, func(_ batch.RunRow, row batch.ResultRow) error {
		m.add(row.Result())
		return nil
	})
	if err != nil {
		return Side{}, err
	}
	if len(runs) == 0 {
		return Side{}, fmt.Errorf("%s: no run of release %q", dir, release)
	}
	name := dir
	if release != "" {
		name += " (release " + release + ")"
	}
	return Side{Name: fmt.Sprintf("%s, %d runs", name, len(runs)), Results: m.results(), Runs: len(runs)}, nil
}

// merger folds the results of many runs into one per (namespace, check).
type merger struct {
	order []Key
	by    map[Key]*result.Result
	seen  map[Key]map[string]bool
}

func newMerger() *merger {
	return &merger{by: map[Key]*result.Result{}, seen: map[Key]map[string]bool{}}
}

// rank orders outcomes by how much they say: a fail in any run wins.
var rank = map[result.Outcome]int{result.Skip: 0, result.Pass: 1, result.Flake: 2, result.Fail: 3}

func (m *merger) add(r result.Result) {
	k := Key{r.Namespace, r.Check}
	cur, ok := m.by[k]
	if !ok {
		c := r
		c.Violations = nil
		m.by[k] = &c
		m.order = append(m.order, k)
		m.seen[k] = map[string]bool{}
		cur = &c
	}
	if rank[r.Outcome] > rank[cur.Outcome] {
		cur.Outcome, cur.Reason = r.Outcome, r.Reason
	}
	for _, v := range r.Violations {
		if !m.seen[k][v.RuleKey] {
			m.seen[k][v.RuleKey] = true
			cur.Violations = append(cur.Violations, v)
		}
	}
}

func (m *merger) results() []result.Result {
	out := make([]result.Result, 0, len(m.order))
	for _, k := range m.order {
		r := *m.by[k]
		if r.Violations == nil {
			r.Violations = []result.Violation{}
		}
		out = append(out, r)
	}
	return out
}
