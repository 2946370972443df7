package main

import (
	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
)

func newExceptionsBaselineCmd(streams IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "baseline",
		Short: "Print the shipped baseline of permanent exceptions, an exceptions file to copy and edit",
		Long: "Print the shipped baseline: the exceptions origin's own tests grant in code, and the\n" +
			"single-replica leader-elected operators, each with its reason, approver and reference.\n" +
			"analyze applies it after the --exceptions files; --no-baseline judges raw. To change it, save\n" +
			"it, edit it and pass it with --no-baseline --exceptions FILE.",
		Example: "  ha-compliance exceptions baseline > baseline.yaml",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := streams.Out.Write(exceptions.BaselineYAML())
			return err
		},
	}
}
