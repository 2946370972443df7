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
	// Format is what goes to standard output: text, markdown or json.
	Format string
	// Dir receives the report files; Validate resolves it (see there).
	Dir string
	// Files is whether report files are written at all (Validate).
	Files bool
	// Create is whether Dir may be created (when its parent exists).
	Create bool
	// FromEnv says Dir came from $ARTIFACT_DIR, for messages.
	FromEnv bool
}

var outputFormats = []string{"text", "markdown", "json"}

// Bind registers the flags on fs.
func (f *outputFlags) Bind(fs *pflag.FlagSet) {
	if f.Format == "" {
		f.Format = "text"
	}
	fs.StringVarP(&f.Format, "output", "o", f.Format, "what to print on standard output: "+strings.Join(outputFormats, "|"))
	fs.StringVar(&f.Dir, "output-dir", f.Dir, "folder for the report files, created when its parent exists (default with -o text: $ARTIFACT_DIR when set, else ./"+defaultOutputDir+"; other -o formats write no files unless it is given)")
}

// Validate checks the format and resolves where the files go:
//   - --output-dir given: there, created when missing and its parent exists;
//   - else with a format other than text, no files: the report asked for is
//     on standard output, and a folder nobody asked for is litter;
//   - else $ARTIFACT_DIR when set, which CI creates: a missing one is a
//     broken job, reported rather than created;
//   - else ./ha-compliance-report, created when missing.
func (f *outputFlags) Validate() error {
	if !slices.Contains(outputFormats, f.Format) {
		return usageError("unknown output %q: want %s", f.Format, strings.Join(outputFormats, ", "))
	}
	f.Files, f.Create = true, true
	switch artifacts := os.Getenv("ARTIFACT_DIR"); {
	case f.Dir != "":
	case f.Format != "text":
		f.Files = false
	case artifacts != "":
		f.Dir, f.Create, f.FromEnv = artifacts, false, true
	default:
		f.Dir = defaultOutputDir
	}
	return nil
}
