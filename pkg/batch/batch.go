// Package batch judges many CI job runs one by one (local mirrors of the
// Prow bucket, gs:// prefixes, Prow links, plain inputs) and appends one
// row per run and one per (run, namespace, check) to NDJSON files that
// `bq load` takes as they are. A ledger in the output folder makes a batch
// resumable after any crash without a duplicate row; shards split the runs
// by a hash of their key so that the pods of an Indexed Job cover a bucket
// between them; Summarize turns the rows of one or many output folders into
// the summary a person turns into bugs.
//
// A run is judged exactly as `analyze` judges the same input: the same
// loader, checks and exceptions, in the same order (a test holds the two
// equal). Only one run's objects are held per worker at a time.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"cloud.google.com/go/storage"
	configv1 "github.com/openshift/api/config/v1"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/components"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
	"github.com/openshift-eng/ha-compliance/pkg/version"
)

// The values of Options.Prefer: what to judge in a run that has both a
// must-gather and gather-extra.
const (
	// PreferMustGather judges the must-gather, which has the PDBs.
	PreferMustGather = "must-gather"
	// PreferGatherExtra judges gather-extra: smaller, but without PDBs.
	PreferGatherExtra = "gather-extra"
)

// Options say which runs to judge, how, and where the rows go.
type Options struct {
	// OutputDir receives runs.ndjson, results.ndjson, schema/, the ledger
	// summary.md and summary.html. Required.
	OutputDir string
	// Parallel is the number of runs judged at once; 0 uses the cores.
	Parallel int
	// Filter and Shard select the runs.
	Filter Filter
	Shard  Shard
	// Prefer is PreferMustGather ("" too) or PreferGatherExtra.
	Prefer string
	// Rescore judges runs already in the ledger again; their new rows have
	// a newer scored_at.
	Rescore bool

	// Checks, Exceptions and PermanentAs are those of analyze.
	Checks      checks.Options
	Exceptions  *exceptions.List
	PermanentAs result.Outcome
	// Topology, when set, overrides what every run declares.
	Topology configv1.TopologyMode

	// GCS reads gs:// runs; nil makes a client on first use.
	GCS *storage.Client
	// Progress hears about every run; nil says nothing.
	Progress Progress
	// Warnings receive what is not a row: paths that held runs and also
	// unreadable folders. Nil discards them.
	Warnings io.Writer
	// Now is the clock for scored_at and exception expiry; nil is time.Now.
	Now func() time.Time
}

// Stats count what a batch did.
type Stats struct {
	Found    int // runs found in the paths
	Selected int // after the filters and the shard
	Done     int // already in the ledger, left alone
	Judged   int // judged now
	// ByStatus counts the runs judged now by status.
	ByStatus map[string]int
}

// Batch judges runs. Make one with New; it is used once.
type Batch struct {
	opts Options
	// catalogue and exceptions are the hashes every row carries.
	catalogue, exceptions string
	gcsOnce               sync.Once
	gcs                   *gcs
	gcsErr                error
}

// New checks the options and returns a batch.
func New(o Options) (*Batch, error) {
	if o.Parallel <= 0 {
		o.Parallel = runtime.GOMAXPROCS(0)
	}
	switch o.Prefer {
	case "":
		o.Prefer = PreferMustGather
	case PreferMustGather, PreferGatherExtra:
	default:
		return nil, fmt.Errorf("prefer %q: want %s or %s", o.Prefer, PreferMustGather, PreferGatherExtra)
	}
	if o.PermanentAs == "" {
		o.PermanentAs = result.Flake
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Progress == nil {
		o.Progress = nopProgress{}
	}
	if o.Warnings == nil {
		o.Warnings = io.Discard
	}
	if o.Checks.Component == nil {
		var overrides map[string]string
		if o.Exceptions != nil {
			overrides = o.Exceptions.ComponentOverrides
		}
		o.Checks.Component = components.Default().With(overrides).Lookup
	}
	return &Batch{opts: o, catalogue: CatalogueHash(), exceptions: ExceptionsHash(o.Exceptions)}, nil
}

func (b *Batch) warnf(format string, args ...any) {
	fmt.Fprintf(b.opts.Warnings, "warning: "+format+"\n", args...)
}

// Run finds the runs of paths, selects them, judges those not yet in the
// ledger (all of them with Rescore) and appends their rows, then rewrites
// summary.md and summary.html from every row of the output folder. It returns early only
// when the output folder cannot be used or ctx ends; a run that cannot be
// read is a row, not an error.
func (b *Batch) Run(ctx context.Context, paths []string) (Stats, error) {
	if b.opts.OutputDir == "" {
		return Stats{}, errors.New("batch: no output folder")
	}
	out, err := openOutput(b.opts.OutputDir)
	if err != nil {
		return Stats{}, err
	}
	defer out.close()
	runs := b.Find(ctx, paths...)
	st := Stats{Found: len(runs), ByStatus: map[string]int{}}
	runs = b.opts.Shard.Select(b.opts.Filter.Apply(runs))
	st.Selected = len(runs)
	todo := runs[:0:0]
	for _, r := range runs {
		if !b.opts.Rescore && out.done[r.Key] {
			st.Done++
			continue
		}
		todo = append(todo, r)
	}
	b.opts.Progress.Start(len(todo))
	err = b.judgeAll(ctx, todo, out, &st)
	b.opts.Progress.Finish()
	if err != nil {
		return st, err
	}
	if err := out.close(); err != nil {
		return st, err
	}
	return st, WriteSummaries(ctx, []string{b.opts.OutputDir}, b.opts.OutputDir, b.opts.GCS)
}

// judgeAll judges runs with Parallel workers; one writer appends the rows
// in the order runs finish.
func (b *Batch) judgeAll(ctx context.Context, runs []Run, out *output, st *Stats) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan Run)
	done := make(chan judged, 2*b.opts.Parallel)
	var wg sync.WaitGroup
	for range min(b.opts.Parallel, max(len(runs), 1)) {
		wg.Go(func() {
			for r := range jobs {
				row, results := b.Judge(ctx, r)
				if ctx.Err() != nil {
					return // rows of a cancelled run are never written
				}
				done <- judged{row, results}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, r := range runs {
			select {
			case jobs <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()
	var werr error
	for j := range done {
		if werr != nil {
			continue // drain
		}
		// The runs that finished while the last group was written go in
		// one group: one sync for all of them.
		group := []judged{j}
	more:
		for len(group) < cap(done) {
			select {
			case k, ok := <-done:
				if !ok {
					break more
				}
				group = append(group, k)
			default:
				break more
			}
		}
		if werr = out.commit(group...); werr != nil {
			cancel()
			continue
		}
		for _, k := range group {
			st.Judged++
			st.ByStatus[k.run.Status]++
			b.opts.Progress.Done(k.run)
		}
	}
	if werr != nil {
		return werr
	}
	return ctx.Err()
}

// Judge reads one run and judges it as analyze would, returning its rows.
// It never fails: what went wrong is in the run row's status and problems.
func (b *Batch) Judge(ctx context.Context, r Run) (RunRow, []ResultRow) {
	now := b.opts.Now().UTC()
	row := b.identity(r, now)
	if r.err != nil {
		row.Status = StatusError
		row.Problems = append(row.Problems, ProblemRow{Path: r.Key, Error: r.err.Error()})
		return row, nil
	}
	local, rename := r.local, func(s string) string { return s }
	if r.gcs != nil {
		dir, err := os.MkdirTemp("", "ha-compliance-run-*")
		if err != nil {
			row.Status = StatusError
			row.Problems = append(row.Problems, ProblemRow{Path: r.Key, Error: err.Error()})
			return row, nil
		}
		defer os.RemoveAll(dir) //nolint:errcheck // a temporary copy
		if local, err = b.fetch(ctx, r, dir); err != nil {
			row.Status = StatusError
			row.Problems = append(row.Problems, ProblemRow{Path: r.Key, Error: err.Error()})
			return row, nil
		}
		// Problems name the objects, not the temporary copy.
		from := dir
		if !r.plain {
			from = local
		}
		rename = func(s string) string { return strings.ReplaceAll(s, from, r.Key) }
	}
	c, kind, early, err := b.load(ctx, r, local)
	row.Problems = append(row.Problems, problemRows(early, rename)...)
	var ni *loader.NoInputError
	switch {
	case errors.As(err, &ni):
		row.Status = StatusNoInput
		row.Problems = append(row.Problems, problemRows(ni.Problems, rename)...)
		for _, f := range ni.Found {
			row.Problems = append(row.Problems, ProblemRow{Path: r.Key, Error: rename(f)})
		}
		if len(ni.Found) == 0 && len(ni.Problems) == 0 {
			row.Problems = append(row.Problems, ProblemRow{Path: r.Key, Error: "no must-gather or gather-extra artifacts in the run"})
		}
		return row, nil
	case err != nil:
		row.Status = StatusError
		row.Problems = append(row.Problems, ProblemRow{Path: r.Key, Error: rename(err.Error())})
		return row, nil
	}
	a := b.analyse(c, now)
	c = nil //nolint:ineffassign,wastedassign // the snapshot is garbage from here: only the rows are kept
	row.Version, row.Platform = a.Input.Cluster.Version, a.Input.Cluster.Platform
	row.ControlPlaneTopology, row.InfrastructureTopology = a.Input.Cluster.ControlPlaneTopology, a.Input.Cluster.InfrastructureTopology
	row.InputKind = kind
	if row.InputKind == "" && len(a.Input.Inputs) > 0 {
		row.InputKind = a.Input.Inputs[0].Format
	}
	row.Missing = append(row.Missing, a.Input.Missing...)
	row.Problems = append(row.Problems, problemRows(a.Input.Problems, rename)...)
	row.Status = StatusOK
	if len(row.Problems) > 0 {
		row.Status = StatusPartial
	}
	row.Pass, row.Flake, row.Fail, row.Skip = a.Summary.Pass, a.Summary.Flake, a.Summary.Fail, a.Summary.Skip
	results := make([]ResultRow, 0, len(a.Results))
	for _, res := range a.Results {
		results = append(results, resultRow(&row, res))
	}
	return row, results
}

// JudgeOne judges the one run at path (a local input, a gs:// run or a
// Prow link) and returns its rows. A path holding several runs, or a run
// that could not be judged, is an error.
func (b *Batch) JudgeOne(ctx context.Context, path string) (RunRow, []ResultRow, error) {
	runs := b.Find(ctx, path)
	if len(runs) != 1 {
		return RunRow{}, nil, fmt.Errorf("%s holds %d job runs, not one: judge them with batch and compare releases", path, len(runs))
	}
	row, results := b.Judge(ctx, runs[0])
	if row.Status == StatusError || row.Status == StatusNoInput {
		var msgs []string
		for _, p := range row.Problems {
			msgs = append(msgs, p.Path+": "+p.Error)
		}
		return row, nil, fmt.Errorf("%s: %s: %s", path, row.Status, strings.Join(msgs, "; "))
	}
	return row, results, nil
}

// Analyse judges a loaded cluster as analyze does: the checks, then the
// exceptions, then the counts.
func (b *Batch) analyse(c *snapshot.Cluster, now time.Time) report.Analysis {
	return report.Judge(c, b.opts.Checks, b.opts.Exceptions,
		exceptions.Options{Now: now, PermanentAs: b.opts.PermanentAs}, false)
}

// identity is the part of a run row known before the run is read.
func (b *Batch) identity(r Run, now time.Time) RunRow {
	m := r.Meta
	return RunRow{
		RunKey: r.Key, JobName: m.Job, ProwJobName: m.ProwJob, BuildID: m.BuildID, JobType: m.Type,
		Release: m.Release, ReleaseTag: m.ReleaseTag, AggregationID: m.AggregationID,
		PROrg: m.Org, PRRepo: m.Repo, PRNumber: m.PR, PRSHA: m.SHA, ProwURL: m.URL,
		Started: formatTime(m.Started), Finished: formatTime(m.Finished), Result: m.Result,
		Missing:     []string{},
		Problems:    append([]ProblemRow{}, r.MetaProblems...),
		ToolVersion: version.Get(), CatalogueHash: b.catalogue, ExceptionsHash: b.exceptions,
		ScoredAt: now.Format(TimeLayout),
	}
}

// fetch copies a bucket run into dir and returns the local path to load.
func (b *Batch) fetch(ctx context.Context, r Run, dir string) (string, error) {
	g, err := b.gcsClient(ctx)
	if err != nil {
		return "", err
	}
	if r.plain {
		return g.fetchObject(ctx, *r.gcs, dir)
	}
	local := filepath.Join(dir, "run")
	if err := g.fetch(ctx, *r.gcs, local, b.opts.Prefer); err != nil {
		return "", err
	}
	return local, nil
}

// load reads a run: a plain input exactly as analyze reads its path, a
// Prow run as the one unit Discover makes of its folder, with gather-extra
// swapped in for the must-gather when asked. kind names what was judged.
func (b *Batch) load(ctx context.Context, r Run, local string) (c *snapshot.Cluster, kind string, early []snapshot.Problem, err error) {
	lo := loader.Options{Topology: b.opts.Topology, Workers: max(1, runtime.GOMAXPROCS(0)/b.opts.Parallel)}
	if r.plain {
		c, err = loader.Load(ctx, []string{local}, lo)
		return c, "", nil, err
	}
	units, derr := loader.Discover(local)
	if derr != nil {
		early = append(early, snapshot.Problem{Path: local, Error: derr.Error()})
	}
	if b.opts.Prefer == PreferGatherExtra {
		units = preferGatherExtra(local, units)
	}
	c, err = loader.LoadUnits(ctx, units, lo)
	return c, inputKind(units), early, err
}

// preferGatherExtra replaces the must-gather sources of a run's units with
// the run's gather-extra folders, when it has some.
func preferGatherExtra(run string, units []loader.Unit) []loader.Unit {
	dirs, _ := filepath.Glob(filepath.Join(run, "artifacts", "*", "gather-extra", "artifacts"))
	var extra []loader.Source
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && loader.IsGatherExtraFile(e.Name()) {
				extra = append(extra, loader.Source{Path: d, Layout: loader.LayoutGatherExtra})
				break
			}
		}
	}
	if len(extra) == 0 {
		return units
	}
	out := make([]loader.Unit, len(units))
	for i, u := range units {
		if u.Format == "ci-job" {
			u.Sources = extra
		}
		out[i] = u
	}
	return out
}

// inputKind names what a run's units hold: must-gather when an image folder
// or archive is among them, else gather-extra, else insights.
func inputKind(units []loader.Unit) string {
	kind := ""
	for _, u := range units {
		for _, s := range u.Sources {
			switch s.Layout {
			case loader.LayoutMustGather, loader.LayoutFile:
				return "must-gather"
			case loader.LayoutGatherExtra:
				kind = "gather-extra"
			case loader.LayoutInsights:
				if kind == "" {
					kind = "insights"
				}
			}
		}
	}
	return kind
}
