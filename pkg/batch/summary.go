package batch

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"

	"github.com/openshift-eng/ha-compliance/pkg/prow"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// Summary is what the rows of one or more output folders say, the latest
// row of each run only (a re-score supersedes the rows before it).
type Summary struct {
	Runs     int
	ByStatus map[string]int
	Releases []*ReleaseStats
	Checks   []*CheckStats
	Rules    []*RuleStats
}

// ReleaseStats count the runs and results of one release.
type ReleaseStats struct {
	Release  string
	Runs     int
	ByStatus map[string]int
	Results  report.TrendCounts
	// ByCheck and ByComponent count the results of the release per check
	// (over every namespace) and per Jira component: the points of the
	// trend page, one per release.
	ByCheck, ByComponent map[string]report.TrendCounts
}

// CheckStats count the outcomes of one (namespace, check) across runs.
type CheckStats struct {
	Namespace, Check, Component string
	report.TrendCounts
}

// RuleStats say where a rule_key was seen: the list a person turns into
// Jira bugs, one per key.
type RuleStats struct {
	RuleKey, Namespace, Check, Component string
	Runs, Failing                        int // runs it was seen in; those where it was not excepted
	Releases                             []string
	Exceptions                           []string
	First, Last                          Seen
	lastRun                              string
}

// Seen is a run a rule_key was seen in.
type Seen struct {
	Started string // the run's start (or, when unknown, its scoring time)
	RunKey  string
	Link    string // the Prow page, else the run_key
}

// source is a folder of rows: local or in a bucket.
type source struct {
	name string
	open func(ctx context.Context, file string) (io.ReadCloser, error)
}

// outputFolders finds the output folders at or below each location: a
// folder with runs.ndjson, or folders below it that have one (the shards
// of an Indexed Job side by side), locally or under a gs:// prefix.
func outputFolders(ctx context.Context, locs []string, client *storage.Client) ([]source, error) {
	var out []source
	for _, loc := range locs {
		bucket, prefix, isGCS, err := prow.GCSLocation(loc)
		if err != nil {
			return nil, err
		}
		var found []source
		if isGCS {
			found, err = gcsFolders(ctx, client, bucket, prefix)
		} else {
			found, err = localFolders(loc)
		}
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no %s at or below it", loc, RunsFile)
		}
		out = append(out, found...)
	}
	return out, nil
}

func localFolders(dir string) ([]source, error) {
	var found []source
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && d.Name() == RunsFile {
			folder := filepath.Dir(p)
			found = append(found, source{name: folder, open: func(_ context.Context, file string) (io.ReadCloser, error) {
				return os.Open(filepath.Join(folder, file))
			}})
		}
		return nil
	})
	return found, err
}

func gcsFolders(ctx context.Context, client *storage.Client, bucket, prefix string) ([]source, error) {
	if client == nil {
		var err error
		if client, err = storage.NewClient(ctx); err != nil {
			return nil, fmt.Errorf("google cloud storage client: %w", err)
		}
	}
	q := &storage.Query{Prefix: prefix}
	if err := q.SetAttrSelection([]string{"Name"}); err != nil {
		return nil, err
	}
	var found []source
	it := client.Bucket(bucket).Objects(ctx, q)
	for {
		a, err := it.Next()
		if errors.Is(err, iterator.Done) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", prow.GCSURL(bucket, prefix), err)
		}
		if path.Base(a.Name) != RunsFile {
			continue
		}
		folder := path.Dir(a.Name)
		found = append(found, source{name: prow.GCSURL(bucket, folder), open: func(ctx context.Context, file string) (io.ReadCloser, error) {
			return client.Bucket(bucket).Object(path.Join(folder, file)).NewReader(ctx)
		}})
	}
	return found, nil
}

// EachLatest calls fn with every result row of the latest scoring of each
// run kept by keep (nil keeps all), reading the output folders at or below
// locs (local or gs://), and returns those runs. Rows are streamed: memory
// grows with the number of runs, not of rows.
func EachLatest(ctx context.Context, locs []string, client *storage.Client, keep func(RunRow) bool, fn func(RunRow, ResultRow) error) (map[string]RunRow, error) {
	srcs, err := outputFolders(ctx, locs, client)
	if err != nil {
		return nil, err
	}
	latest := map[string]RunRow{}
	for _, s := range srcs {
		err := s.each(ctx, RunsFile, func(line []byte) error {
			var r RunRow
			if err := json.Unmarshal(line, &r); err != nil {
				return err
			}
			if r.RunKey == "" {
				return errors.New("a run without run_key")
			}
			if old, ok := latest[r.RunKey]; !ok || r.ScoredAt >= old.ScoredAt {
				latest[r.RunKey] = r
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if keep != nil {
		for k, r := range latest {
			if !keep(r) {
				delete(latest, k)
			}
		}
	}
	for _, s := range srcs {
		err := s.each(ctx, ResultsFile, func(line []byte) error {
			var row ResultRow
			if err := json.Unmarshal(line, &row); err != nil {
				return err
			}
			if row.RunKey == "" || row.Namespace == "" || row.Check == "" {
				return errors.New("a row without run_key, namespace or check")
			}
			if !result.Outcome(row.Outcome).Known() {
				return fmt.Errorf("outcome %q is none of pass, fail, flake, skip", row.Outcome)
			}
			run, ok := latest[row.RunKey]
			if !ok || run.ScoredAt != row.ScoredAt {
				return nil // superseded by a re-score, or not kept
			}
			return fn(run, row)
		})
		if err != nil {
			return nil, err
		}
	}
	return latest, nil
}

// ReleaseOf is the release a run row counts under: its job-release label,
// else the X.Y of the cluster version, else "unknown".
func ReleaseOf(r RunRow) string { return cmp.Or(r.Release, releaseOf(r.Version), "unknown") }

// Summarize reads the rows of the output folders at or below locs (local
// or gs://) and sums them up, the latest scoring of each run only.
func Summarize(ctx context.Context, locs []string, client *storage.Client) (*Summary, error) {
	releases := map[string]*ReleaseStats{}
	release := func(r RunRow) *ReleaseStats {
		name := ReleaseOf(r)
		rs := releases[name]
		if rs == nil {
			rs = &ReleaseStats{Release: name, ByStatus: map[string]int{},
				ByCheck: map[string]report.TrendCounts{}, ByComponent: map[string]report.TrendCounts{}}
			releases[name] = rs
		}
		return rs
	}
	checksBy := map[[2]string]*CheckStats{}
	rules := map[string]*RuleStats{}
	latest, err := EachLatest(ctx, locs, client, nil, func(run RunRow, row ResultRow) error {
		outcome := result.Outcome(row.Outcome)
		rs := release(run)
		rs.Results.Add(outcome)
		addTo(rs.ByCheck, row.Check, outcome)
		addTo(rs.ByComponent, cmp.Or(row.Component, NoComponent), outcome)
		k := [2]string{row.Namespace, row.Check}
		cs := checksBy[k]
		if cs == nil {
			cs = &CheckStats{Namespace: row.Namespace, Check: row.Check, Component: row.Component}
			checksBy[k] = cs
		}
		cs.Add(outcome)
		if row.Outcome != "skip" {
			for _, v := range row.Violations {
				rule(rules, row, v, run)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sum := &Summary{Runs: len(latest), ByStatus: map[string]int{}}
	for _, r := range latest {
		sum.ByStatus[r.Status]++
		rs := release(r)
		rs.Runs++
		rs.ByStatus[r.Status]++
	}
	for _, rs := range releases {
		sum.Releases = append(sum.Releases, rs)
	}
	slices.SortFunc(sum.Releases, func(a, b *ReleaseStats) int { return compareReleases(a.Release, b.Release) })
	for _, cs := range checksBy {
		sum.Checks = append(sum.Checks, cs)
	}
	sort.Slice(sum.Checks, func(i, j int) bool {
		a, b := sum.Checks[i], sum.Checks[j]
		return cmp.Or(cmp.Compare(b.Fail, a.Fail), cmp.Compare(b.Flake, a.Flake),
			cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Check, b.Check)) < 0
	})
	for _, r := range rules {
		sort.Strings(r.Releases)
		sort.Strings(r.Exceptions)
		sum.Rules = append(sum.Rules, r)
	}
	sort.Slice(sum.Rules, func(i, j int) bool {
		a, b := sum.Rules[i], sum.Rules[j]
		return cmp.Or(cmp.Compare(b.Failing, a.Failing), cmp.Compare(b.Runs, a.Runs), cmp.Compare(a.RuleKey, b.RuleKey)) < 0
	})
	return sum, nil
}

// NoComponent names the component of results whose namespace maps to none.
const NoComponent = "(no component)"

func addTo(m map[string]report.TrendCounts, key string, o result.Outcome) {
	c := m[key]
	c.Add(o)
	m[key] = c
}

// rule records that violation v of row was seen in run.
func rule(rules map[string]*RuleStats, row ResultRow, v ViolationRow, run RunRow) {
	r := rules[v.RuleKey]
	seen := Seen{Started: cmp.Or(run.Started, run.ScoredAt), RunKey: run.RunKey, Link: cmp.Or(run.ProwURL, run.RunKey)}
	if r == nil {
		r = &RuleStats{RuleKey: v.RuleKey, Namespace: row.Namespace, Check: row.Check, Component: row.Component, First: seen, Last: seen}
		rules[v.RuleKey] = r
	}
	if r.lastRun == run.RunKey {
		return // the same key twice in one run (two containers' findings on one rule)
	}
	r.lastRun = run.RunKey
	r.Runs++
	if v.Exception == "" {
		r.Failing++
	} else if !slices.Contains(r.Exceptions, v.Exception) {
		r.Exceptions = append(r.Exceptions, v.Exception)
	}
	rel := ReleaseOf(run)
	if !slices.Contains(r.Releases, rel) {
		r.Releases = append(r.Releases, rel)
	}
	if seenBefore(seen, r.First) {
		r.First = seen
	}
	if seenBefore(r.Last, seen) {
		r.Last = seen
	}
}

func seenBefore(a, b Seen) bool {
	return cmp.Or(cmp.Compare(a.Started, b.Started), cmp.Compare(a.RunKey, b.RunKey)) < 0
}

// releaseOf is the X.Y of a cluster version such as 4.18.0-0.nightly-...
func releaseOf(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return ""
	}
	return parts[0] + "." + parts[1]
}

// each calls fn with every line of file in the folder; a folder without
// the file (no run judged yet) has no lines.
func (s source) each(ctx context.Context, file string, fn func([]byte) error) error {
	rc, err := s.open(ctx, file)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, storage.ErrObjectNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer rc.Close() //nolint:errcheck // read-only
	return readLines(rc, s.name+"/"+file, fn)
}

// WriteSummaries summarises the folders at or below locs into SummaryFile
// and SummaryHTMLFile in dir.
func WriteSummaries(ctx context.Context, locs []string, dir string, client *storage.Client) error {
	sum, err := Summarize(ctx, locs, client)
	if err != nil {
		return err
	}
	return sum.WriteFiles(dir)
}

// WriteFiles writes the summary into dir as SummaryFile and
// SummaryHTMLFile, each whole or not at all.
func (s *Summary) WriteFiles(dir string) error {
	if err := writeFile(filepath.Join(dir, SummaryFile), s.Markdown); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, SummaryHTMLFile), s.HTML)
}

// writeFile writes file through a temporary file renamed over it, so that
// a reader never sees half a summary.
func writeFile(file string, write func(io.Writer) error) error {
	tmp := file + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp) //nolint:errcheck // best effort
		return fmt.Errorf("write %s: %w", file, err)
	}
	return os.Rename(tmp, file)
}
