package main

import (
	"fmt"

	"github.com/openshift-eng/ha-compliance/pkg/version"
	"github.com/spf13/cobra"
)

func newVersionCmd(streams IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of ha-compliance",
		Example: "  ha-compliance version",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(streams.Out, "ha-compliance", version.Get())
			return err
		},
	}
}
