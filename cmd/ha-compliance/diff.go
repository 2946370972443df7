package main

import (
	"context"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/batch"
	"github.com/openshift-eng/ha-compliance/pkg/diff"
)

// diffOptions are the flags of diff, as given.
type diffOptions struct {
	Format     string
	OldRelease string
	NewRelease string
	Exceptions []string
	NoBaseline bool
	Prefer     string

	now func() time.Time
}

var diffFormats = []string{"text", "markdown", "json"}

func newDiffCmd(streams IOStreams) *cobra.Command {
	o := &diffOptions{Format: "text", Prefer: batch.PreferMustGather, now: time.Now}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two judgements: new failures, fixes, flake and coverage changes",
		Long: "diff compares OLD and NEW by (namespace, check), then by rule_key. Each is an analyze JSON file\n" +
			"(ha-compliance.json), an input analyze accepts or a gs:// run or Prow link (judged here as analyze\n" +
			"would), or a batch output folder, whose runs of --old-release / --new-release are merged (a\n" +
			"check fails in the merge when it failed in any run). Coverage changes (a check that now skips\n" +
			"because the input lacks its data) are listed as such, not as regressions.\n" +
			"Exit 1 when a blocking check newly fails (to gate a PR against its base), else 0; 2 on a usage error.",
		Example: "  ha-compliance diff base/ha-compliance.json pr/ha-compliance.json -o markdown\n" +
			"  ha-compliance diff must-gather-before.tar.gz must-gather-after.tar.gz\n" +
			"  ha-compliance diff batch-out/ batch-out/ --old-release 4.18 --new-release 4.19",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd.Context(), streams, o, args[0], args[1])
		},
	}
	fs := cmd.Flags()
	fs.StringVarP(&o.Format, "output", "o", o.Format, "text|markdown|json")
	fs.StringVar(&o.OldRelease, "old-release", "", "when OLD is a batch output folder: the release (X.Y) of its runs to compare")
	fs.StringVar(&o.NewRelease, "new-release", "", "when NEW is a batch output folder: the release (X.Y) of its runs to compare")
	fs.StringArrayVar(&o.Exceptions, "exceptions", nil, "exceptions file for inputs judged here (repeatable)")
	fs.BoolVar(&o.NoBaseline, "no-baseline", false, "judge inputs here without the shipped baseline of permanent exceptions")
	fs.StringVar(&o.Prefer, "prefer", o.Prefer, "in a CI run that has both, judge the must-gather or gather-extra")
	return cmd
}

func runDiff(ctx context.Context, streams IOStreams, o *diffOptions, oldPath, newPath string) error {
	if !slices.Contains(diffFormats, o.Format) {
		return usageError("unknown output %q: want text, markdown or json", o.Format)
	}
	list, err := loadExceptions(o.Exceptions, !o.NoBaseline)
	if err != nil {
		return err
	}
	judge, err := batch.New(batch.Options{Exceptions: list, Prefer: o.Prefer, Parallel: 1, Now: o.now})
	if err != nil {
		return usageError("%v", err)
	}
	old, err := diff.Load(ctx, oldPath, diff.LoadOptions{Release: o.OldRelease, Judge: judge})
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	new, err := diff.Load(ctx, newPath, diff.LoadOptions{Release: o.NewRelease, Judge: judge})
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	rep := diff.Compare(old, new)
	switch o.Format {
	case "json":
		err = rep.JSON(streams.Out)
	case "markdown":
		err = rep.Markdown(streams.Out)
	default:
		err = rep.Text(streams.Out)
	}
	if err != nil {
		return err
	}
	if rep.Regressed() {
		return &exitError{code: exitFailed}
	}
	return nil
}
