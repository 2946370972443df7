package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	configv1 "github.com/openshift/api/config/v1"
	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/components"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/version"
)

// analyzeOptions are the flags of analyze, as given; validate turns them
// into what the packages take.
type analyzeOptions struct {
	Paths             []string
	Exceptions        []string
	Output            outputFlags
	SuiteName         string
	Topology          string
	Checks            []string
	IncludeNamespaces string
	ExcludeNamespaces string
	PermanentAs       string
	UnexceptedAs      string
	FailOn            string
	NoBaseline        bool

	rollout exceptions.Rollout // UnexceptedAs, parsed by validate

	now func() time.Time // the clock, for report timestamps and exception expiry
}

var topologies = []configv1.TopologyMode{configv1.HighlyAvailableTopologyMode, configv1.HighlyAvailableArbiterMode,
	configv1.DualReplicaTopologyMode, configv1.SingleReplicaTopologyMode, configv1.ExternalTopologyMode}

func newAnalyzeCmd(streams IOStreams) *cobra.Command {
	o := &analyzeOptions{SuiteName: report.DefaultSuite, PermanentAs: "flake", UnexceptedAs: "fail", FailOn: "fail", now: time.Now}
	cmd := &cobra.Command{
		Use:   "analyze PATH...",
		Short: "Judge the HA conventions of must-gathers and CI artifacts",
		Long: "analyze loads PATH (as inspect does) and runs every check on every platform namespace.\n" +
			"It writes ha-compliance.json, ha-compliance.md and junit/junit_ha-compliance_<time>.xml into\n" +
			"the output directory and prints a summary (or the JSON or markdown report) on standard output.\n" +
			"Exit 0 when no check failed (informing checks never fail the run), 1 when one did,\n" +
			"2 on a usage error or when no input is usable.",
		Example: "  ha-compliance analyze must-gather.tar.xz\n" +
			"  ha-compliance analyze must-gather.local.123/ --exceptions exceptions.yaml -o markdown\n" +
			"  ha-compliance analyze artifacts/ --topology SingleReplica --checks replicas,pdb --fail-on never\n" +
			"  ha-compliance analyze must-gather.tar.xz --unexcepted-as flake:pdb,replicas   # those checks flake only",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runAnalyze(cmd.Context(), streams, o)
		},
	}
	fs := cmd.Flags()
	o.Output.Bind(fs)
	fs.StringArrayVar(&o.Exceptions, "exceptions", nil, "exceptions file (repeatable); applied before the shipped baseline")
	fs.BoolVar(&o.NoBaseline, "no-baseline", false, "do not apply the shipped baseline of permanent exceptions (print it with: ha-compliance exceptions baseline): judge raw")
	fs.StringVar(&o.SuiteName, "suite-name", o.SuiteName, "JUnit testsuite name (Sippy imports only the suites it lists)")
	fs.StringVar(&o.Topology, "topology", "", "judge as this topology, whatever the input says: HighlyAvailable|HighlyAvailableArbiter|DualReplica|SingleReplica|External")
	fs.StringSliceVar(&o.Checks, "checks", nil, "check ids to run, comma-separated (default all; list them with: ha-compliance checks)")
	fs.StringVar(&o.IncludeNamespaces, "include-namespaces", "", "regexp of the namespaces to judge (default the platform ones: "+checks.DefaultInclude.String()+")")
	fs.StringVar(&o.ExcludeNamespaces, "exclude-namespaces", "", "regexp of namespaces to leave out")
	fs.StringVar(&o.PermanentAs, "permanent-exceptions-as", o.PermanentAs, "outcome of violations covered only by permanent exceptions: flake|pass")
	fs.StringVar(&o.UnexceptedAs, "unexcepted-as", o.UnexceptedAs, "outcome of violations no exception covers: fail, or flake (every check) or flake:ID,... (those checks) for a flake-only rollout; the reports still mark them")
	fs.StringVar(&o.FailOn, "fail-on", o.FailOn, "exit 1 when a check fails (fail), or never (never)")
	return cmd
}

// runAnalyze is the pipeline: load -> checks -> exceptions -> reports.
func runAnalyze(ctx context.Context, streams IOStreams, o *analyzeOptions) error {
	opts, err := o.validate()
	if err != nil {
		return err
	}
	list, err := loadExceptions(o.Exceptions, !o.NoBaseline)
	if err != nil {
		return err
	}
	now := o.now()
	a, err := judge(ctx, streams.In, o.Paths, configv1.TopologyMode(o.Topology), opts, list,
		exceptions.Options{Now: now, PermanentAs: result.Outcome(o.PermanentAs), Rollout: o.rollout})
	if err != nil {
		return err
	}
	files, err := writeReports(o.Output.Dir, a, o.SuiteName, now)
	if err != nil {
		return err
	}
	if err := printAnalysis(streams.Out, a, o.Output.Format); err != nil {
		return err
	}
	fmt.Fprintf(streams.ErrOut, "wrote %s\n", strings.Join(files, ", "))
	if o.FailOn == "fail" && failed(a.Results) {
		return &exitError{code: exitFailed}
	}
	return nil
}

// judge loads paths and returns the analysis of them: checks, then the
// exceptions of list. Used by analyze and by bugs, which drafts from inputs.
func judge(ctx context.Context, stdin io.Reader, paths []string, topology configv1.TopologyMode, opts checks.Options,
	list *exceptions.List, eo exceptions.Options) (report.Analysis, error) {
	c, err := loader.Load(ctx, paths, loader.Options{Stdin: stdin, Topology: topology})
	if errors.Is(err, loader.ErrNoInput) {
		return report.Analysis{}, &exitError{code: exitUsage, err: err}
	}
	if err != nil {
		return report.Analysis{}, err
	}
	opts.Component = components.Default().With(list.ComponentOverrides).Lookup
	applied := list.Apply(checks.Run(c, opts), eo)
	return report.Analysis{
		Tool:       report.Tool{Version: version.Get()},
		Input:      report.Inspect(c),
		Results:    applied.Results,
		Exceptions: report.ExceptionReport{Unused: applied.Unused, Expired: applied.Expired},
		Summary:    result.Summarize(applied.Results),
	}, nil
}

// validate checks every flag, as a usage error, and returns the engine
// options they give.
func (o *analyzeOptions) validate() (checks.Options, error) {
	var opts checks.Options
	if err := o.Output.Validate(); err != nil {
		return opts, err
	}
	ids, err := checks.ParseIDs(o.Checks)
	if err != nil {
		return opts, usageError("--checks: %v", err)
	}
	opts.Checks = ids
	if opts.Include, err = compileFlag("--include-namespaces", o.IncludeNamespaces); err != nil {
		return opts, err
	}
	if opts.Exclude, err = compileFlag("--exclude-namespaces", o.ExcludeNamespaces); err != nil {
		return opts, err
	}
	if o.rollout, err = exceptions.ParseRollout(o.UnexceptedAs, checks.IDs()); err != nil {
		return opts, usageError("--unexcepted-as %v", err)
	}
	switch {
	case o.Topology != "" && !slices.Contains(topologies, configv1.TopologyMode(o.Topology)):
		return opts, usageError("--topology %q: want one of %v", o.Topology, topologies)
	case o.PermanentAs != "flake" && o.PermanentAs != "pass":
		return opts, usageError("--permanent-exceptions-as %q: want flake or pass", o.PermanentAs)
	case o.FailOn != "fail" && o.FailOn != "never":
		return opts, usageError("--fail-on %q: want fail or never", o.FailOn)
	case o.SuiteName == "":
		return opts, usageError("--suite-name must not be empty")
	}
	return opts, nil
}

func compileFlag(name, expr string) (*regexp.Regexp, error) {
	if expr == "" {
		return nil, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, usageError("%s: %v", name, err)
	}
	return re, nil
}

// failed reports whether a blocking check failed: informing failures are
// published but never fail the run.
func failed(rs []result.Result) bool {
	for _, r := range rs {
		if r.Outcome == result.Fail && !r.Informing {
			return true
		}
	}
	return false
}

// writeReports writes the JSON, markdown and JUnit reports into dir and
// returns their paths.
func writeReports(dir string, a report.Analysis, suite string, now time.Time) ([]string, error) {
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"ha-compliance.json", func(w io.Writer) error { return report.JSON(w, a) }},
		{"ha-compliance.md", func(w io.Writer) error { return report.Markdown(w, a, report.MarkdownOptions{Checks: checks.All()}) }},
		{report.JUnitPath(now), func(w io.Writer) error {
			return report.JUnit(w, a.Results, report.JUnitOptions{Suite: suite, Timestamp: now, Checks: checks.All()})
		}},
	}
	// The writers only read the analysis, so the three files are written at
	// once: the last step of a run, and otherwise on one core.
	paths := make([]string, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		paths[i] = filepath.Join(dir, filepath.FromSlash(f.name))
		wg.Go(func() { errs[i] = writeReport(paths[i], f.write) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err // the first, as when they were written one by one
		}
	}
	return paths, nil
}

// writeReport creates path (and its directory) and fills it with write.
func writeReport(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	w := bufio.NewWriter(f)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// printAnalysis writes the standard output of analyze in the chosen format.
func printAnalysis(w io.Writer, a report.Analysis, format string) error {
	switch format {
	case "json":
		return report.JSON(w, a)
	case "markdown":
		return report.Markdown(w, a, report.MarkdownOptions{Checks: checks.All()})
	}
	return report.AnalysisText(w, a)
}
