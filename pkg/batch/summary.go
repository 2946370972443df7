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

// Counts are outcome counts with Sippy's pass rate.
type Counts struct {
	Pass, Flake, Fail, Skip int
}

// PassRate is (pass + flake) / (pass + flake + fail): a flake is a pass
// that needed an exception, and skips are left out, as Sippy leaves them
// out. ok is false when nothing was judged.
func (c Counts) PassRate() (rate float64, ok bool) {
	n := c.Pass + c.Flake + c.Fail
	if n == 0 {
		return 0, false
	}
	return float64(c.Pass+c.Flake) / float64(n), true
}

func (c *Counts) add(outcome string) {
	switch outcome {
	case "pass":
		c.Pass++
	case "flake":
		c.Flake++
	case "fail":
		c.Fail++
	case "skip":
		c.Skip++
	}
}

// ReleaseStats count the runs and results of one release.
type ReleaseStats struct {
	Release  string
	Runs     int
	ByStatus map[string]int
	Results  Counts
}

// CheckStats count the outcomes of one (namespace, check) across runs.
type CheckStats struct {
	Namespace, Check, Component string
	Counts
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
			rs = &ReleaseStats{Release: name, ByStatus: map[string]int{}}
			releases[name] = rs
		}
		return rs
	}
	checksBy := map[[2]string]*CheckStats{}
	rules := map[string]*RuleStats{}
	latest, err := EachLatest(ctx, locs, client, nil, func(run RunRow, row ResultRow) error {
		release(run).Results.add(row.Outcome)
		k := [2]string{row.Namespace, row.Check}
		cs := checksBy[k]
		if cs == nil {
			cs = &CheckStats{Namespace: row.Namespace, Check: row.Check, Component: row.Component}
			checksBy[k] = cs
		}
		cs.add(row.Outcome)
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
	sort.Slice(sum.Releases, func(i, j int) bool { return sum.Releases[i].Release < sum.Releases[j].Release })
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

// WriteSummary summarises the folders at or below locs into file.
func WriteSummary(ctx context.Context, locs []string, file string, client *storage.Client) error {
	sum, err := Summarize(ctx, locs, client)
	if err != nil {
		return err
	}
	tmp := file + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = sum.Markdown(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp) //nolint:errcheck // best effort
		return fmt.Errorf("write %s: %w", file, err)
	}
	return os.Rename(tmp, file)
}
