package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	configv1 "github.com/openshift/api/config/v1"
	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/batch"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// batchOptions are the flags of batch, as given.
type batchOptions struct {
	OutputDir   string
	Parallel    int
	Shard       string
	RunsFrom    string
	Job         string
	Since       string
	Until       string
	MaxPerJob   int
	Prefer      string
	Rescore     bool
	Exceptions  []string
	NoBaseline  bool
	PermanentAs string

	now func() time.Time
}

func newBatchCmd(streams IOStreams) *cobra.Command {
	o := &batchOptions{OutputDir: "ha-compliance-batch", Prefer: batch.PreferMustGather, PermanentAs: "flake", now: time.Now}
	cmd := &cobra.Command{
		Use:   "batch PATH|gs://...|PROW-URL...",
		Short: "Judge many CI job runs one by one into NDJSON rows for BigQuery, and a summary",
		Long: "batch finds the Prow job runs (folders with prowjob.json or started.json) at any depth below\n" +
			"each PATH (a local mirror, gs://bucket/prefix, or a Prow job link), judges each run on its own\n" +
			"exactly as analyze would, and appends runs.ndjson and results.ndjson (loadable by `bq load`,\n" +
			"schemas in schema/), then writes summary.md and summary.html (pass-rate trends as SVG).\n" +
			"Any other input analyze accepts is one run.\n" +
			"A run that cannot be read is a row with its status and problems. Running the same command\n" +
			"again judges only the runs not in the folder's ledger (after a crash too); --rescore judges all.\n" +
			"Exit 0 when the batch ran (failing checks are data here), 2 on a usage error or no runs.",
		Example: "  ha-compliance batch mirror/logs/ --output-dir out --since 14d --max-per-job 20\n" +
			"  ha-compliance batch gs://test-platform-results/logs/periodic-ci-openshift-release-master-nightly-4.18-e2e-aws-ovn --job e2e-aws\n" +
			"  ha-compliance batch --runs-from runs.txt --shard auto/8 --output-dir /results/shard-$JOB_COMPLETION_INDEX\n" +
			"  ha-compliance batch report /results/   # merge the shards' summaries",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(cmd.Context(), streams, o, args)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.OutputDir, "output-dir", o.OutputDir, "folder of runs.ndjson, results.ndjson, schema/, the ledger, summary.md and summary.html")
	fs.IntVar(&o.Parallel, "parallel", 0, "runs judged at once (default the number of cores)")
	fs.StringVar(&o.Shard, "shard", "", "judge only part I of N of the runs (I/N, or auto/N from $JOB_COMPLETION_INDEX), by a hash of run_key")
	fs.StringVar(&o.RunsFrom, "runs-from", "", "file of paths, gs:// URLs or Prow links, one per line (# comments); - is standard input")
	fs.StringVar(&o.Job, "job", "", "regexp of the job names to judge")
	fs.StringVar(&o.Since, "since", "", "judge runs started at or after: RFC 3339, YYYY-MM-DD, or an age (72h, 14d)")
	fs.StringVar(&o.Until, "until", "", "judge runs started before: RFC 3339, YYYY-MM-DD, or an age (72h, 14d)")
	fs.IntVar(&o.MaxPerJob, "max-per-job", 0, "judge at most the newest N runs of each job (0: all)")
	fs.StringVar(&o.Prefer, "prefer", o.Prefer, "in a run that has both, judge the must-gather (it has PDBs) or gather-extra")
	fs.BoolVar(&o.Rescore, "rescore", false, "judge the runs already in the ledger again (new rows with a newer scored_at)")
	fs.StringArrayVar(&o.Exceptions, "exceptions", nil, "exceptions file (repeatable); applied before the shipped baseline")
	fs.BoolVar(&o.NoBaseline, "no-baseline", false, "do not apply the shipped baseline of permanent exceptions")
	fs.StringVar(&o.PermanentAs, "permanent-exceptions-as", o.PermanentAs, "outcome of violations covered only by permanent exceptions: flake|pass")
	cmd.AddCommand(newBatchReportCmd(streams))
	return cmd
}

func runBatch(ctx context.Context, streams IOStreams, o *batchOptions, paths []string) error {
	bo, err := o.validate(streams)
	if err != nil {
		return err
	}
	if o.RunsFrom != "" {
		more, err := readRunsFrom(o.RunsFrom, streams)
		if err != nil {
			return usageError("--runs-from: %v", err)
		}
		paths = append(paths, more...)
	}
	if len(paths) == 0 {
		return usageError("batch needs a PATH, gs:// URL or Prow link, or --runs-from FILE")
	}
	if bo.Exceptions, err = loadExceptions(o.Exceptions, !o.NoBaseline); err != nil {
		return err
	}
	bo.Progress = batch.NewProgress(streams.ErrOut, isTerminal(streams.ErrOut))
	bo.Warnings = streams.ErrOut
	b, err := batch.New(bo)
	if err != nil {
		return usageError("%v", err)
	}
	st, err := b.Run(ctx, paths)
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.Out, "%d runs found, %d selected, %d already judged, %d judged now (%d ok, %d partial, %d no-input, %d error)\n",
		st.Found, st.Selected, st.Done, st.Judged, st.ByStatus[batch.StatusOK], st.ByStatus[batch.StatusPartial],
		st.ByStatus[batch.StatusNoInput], st.ByStatus[batch.StatusError])
	fmt.Fprintf(streams.Out, "wrote %s and %s\n", filepath.Join(o.OutputDir, batch.SummaryFile), filepath.Join(o.OutputDir, batch.SummaryHTMLFile))
	if st.Found == 0 {
		return &exitError{code: exitUsage, err: fmt.Errorf("no job runs found")}
	}
	return nil
}

// validate checks the flags, as usage errors, and returns the batch options.
func (o *batchOptions) validate(streams IOStreams) (batch.Options, error) {
	bo := batch.Options{OutputDir: o.OutputDir, Parallel: o.Parallel, Prefer: o.Prefer, Rescore: o.Rescore,
		PermanentAs: result.Outcome(o.PermanentAs), Now: o.now}
	var err error
	switch {
	case o.OutputDir == "":
		return bo, usageError("--output-dir must not be empty")
	case o.Parallel < 0:
		return bo, usageError("--parallel %d: want 1 or more", o.Parallel)
	case o.MaxPerJob < 0:
		return bo, usageError("--max-per-job %d: want 0 (all) or more", o.MaxPerJob)
	case o.Prefer != batch.PreferMustGather && o.Prefer != batch.PreferGatherExtra:
		return bo, usageError("--prefer %q: want %s or %s", o.Prefer, batch.PreferMustGather, batch.PreferGatherExtra)
	case o.PermanentAs != "flake" && o.PermanentAs != "pass":
		return bo, usageError("--permanent-exceptions-as %q: want flake or pass", o.PermanentAs)
	}
	if bo.Shard, err = batch.ParseShard(o.Shard); err != nil {
		return bo, usageError("--shard: %v", err)
	}
	if bo.Filter.Job, err = compileFlag("--job", o.Job); err != nil {
		return bo, err
	}
	now := o.now()
	for _, t := range []struct {
		flag, value string
		into        *time.Time
	}{{"--since", o.Since, &bo.Filter.Since}, {"--until", o.Until, &bo.Filter.Until}} {
		if t.value == "" {
			continue
		}
		if *t.into, err = batch.ParseTime(t.value, now); err != nil {
			return bo, usageError("%s %v", t.flag, err)
		}
	}
	bo.Filter.MaxPerJob = o.MaxPerJob
	if bo.Parallel == 0 {
		bo.Parallel = runtime.GOMAXPROCS(0)
	}
	bo.Topology = configv1.TopologyMode("")
	return bo, nil
}

func readRunsFrom(name string, streams IOStreams) ([]string, error) {
	if name == "-" {
		return batch.ReadRunsFrom(streams.In)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	return batch.ReadRunsFrom(f)
}

type batchReportOptions struct {
	OutputDir string
}

func newBatchReportCmd(streams IOStreams) *cobra.Command {
	o := &batchReportOptions{}
	cmd := &cobra.Command{
		Use:   "report DIR|gs://...",
		Short: "Merge the outputs of batch shards into one summary",
		Long: "report reads runs.ndjson and results.ndjson of every batch output folder at or below each DIR\n" +
			"(local, or gs://bucket/prefix) and prints the summary one batch over all their runs would write.\n" +
			"With --output-dir it also writes summary.md and summary.html (pass-rate trends per check and\n" +
			"per component across releases, drawn as SVG) there.",
		Example: "  ha-compliance batch report /results/shard-*\n" +
			"  ha-compliance batch report gs://my-bucket/ha-compliance/2026-01-15/ --output-dir merged",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			sum, err := batch.Summarize(ctx, args, nil)
			if err != nil {
				return err
			}
			if o.OutputDir != "" {
				if err := os.MkdirAll(o.OutputDir, 0o755); err != nil {
					return err
				}
				if err := sum.WriteFiles(o.OutputDir); err != nil {
					return err
				}
			}
			return sum.Markdown(streams.Out)
		},
	}
	cmd.Flags().StringVar(&o.OutputDir, "output-dir", "", "also write summary.md and summary.html into this folder")
	return cmd
}
