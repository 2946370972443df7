package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/report"
)

type inspectOptions struct {
	Paths  []string
	Output string
	Limits limitFlags
}

func newInspectCmd(streams IOStreams) *cobra.Command {
	o := &inspectOptions{Output: "text"}
	cmd := &cobra.Command{
		Use:   "inspect PATH...",
		Short: "Show what ha-compliance reads from an input: cluster facts, object counts, problems",
		Long: "inspect loads must-gathers, inspect folders, their archives, CI gather-extra folders,\n" +
			"CI job trees or object files (\"-\" reads standard input) and prints what was found.\n" +
			"Several paths are merged into one cluster.",
		Example: "  ha-compliance inspect must-gather.tar.xz\n" +
			"  ha-compliance inspect -o json must-gather.local.123/\n" +
			"  oc get pods,deploy -A -o yaml | ha-compliance inspect -",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runInspect(cmd.Context(), streams, o)
		},
	}
	cmd.Flags().StringVarP(&o.Output, "output", "o", o.Output, "text|json")
	o.Limits.Bind(cmd.Flags())
	return cmd
}

func runInspect(ctx context.Context, streams IOStreams, o *inspectOptions) error {
	if o.Output != "text" && o.Output != "json" {
		return usageError("unknown output %q: want text or json", o.Output)
	}
	limits, err := o.Limits.Limits()
	if err != nil {
		return err
	}
	c, err := loader.Load(ctx, o.Paths, loader.Options{Stdin: streams.In, Limits: limits})
	if errors.Is(err, loader.ErrNoInput) {
		return &exitError{code: exitUsage, err: err}
	}
	if err != nil {
		return err
	}
	in := report.Inspect(c)
	if o.Output == "json" {
		return report.InspectJSON(streams.Out, in)
	}
	return report.InspectText(streams.Out, in)
}
