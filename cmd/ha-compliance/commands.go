package main

import "github.com/spf13/cobra"

// commands lists every subcommand, in the order help shows them.
func commands(streams IOStreams) []*cobra.Command {
	return []*cobra.Command{
		newInspectCmd(streams),
		newAnalyzeCmd(streams),
		newChecksCmd(streams),
		newExceptionsCmd(streams),
		newBugsCmd(streams),
		newBatchCmd(streams),
		newDiffCmd(streams),
		newVersionCmd(streams),
	}
}
