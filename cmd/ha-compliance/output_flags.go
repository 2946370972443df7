package main

import (
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// defaultOutputDir is where reports go when neither --output-dir nor
// $ARTIFACT_DIR (set by CI) says otherwise.
const defaultOutputDir = "ha-compliance-report"

// outputFlags are -o and --output-dir, shared by the commands that write
// reports to a directory and one of them to standard output.
type outputFlags struct {
	// Format is what goes to standard output: one of outputFormats.
	Format string
	// Dir receives the report files; Validate resolves "" to $ARTIFACT_DIR,
	// else defaultOutputDir.
	Dir string
}

var outputFormats = []string{"text", "markdown", "json", "yaml", "jira"}

// Bind registers the flags on fs.
func (f *outputFlags) Bind(fs *pflag.FlagSet) {
	if f.Format == "" {
		f.Format = "text"
	}
	fs.StringVarP(&f.Format, "output", "o", f.Format, "what to print on standard output: "+strings.Join(outputFormats, "|"))
	fs.StringVar(&f.Dir, "output-dir", f.Dir, "directory for the report files (default $ARTIFACT_DIR when set, else ./"+defaultOutputDir+")")
}

// Validate checks the format and resolves the output directory.
func (f *outputFlags) Validate() error {
	if !slices.Contains(outputFormats, f.Format) {
		return usageError("unknown output %q: want %s%s", f.Format, strings.Join(outputFormats, ", "), didYouMean(f.Format, outputFormats))
	}
	if f.Dir == "" {
		f.Dir = os.Getenv("ARTIFACT_DIR")
	}
	if f.Dir == "" {
		f.Dir = defaultOutputDir
	}
	return nil
}
