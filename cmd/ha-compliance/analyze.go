package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	configv1 "github.com/openshift/api/config/v1"
	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/components"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/outdir"
	"github.com/openshift-eng/ha-compliance/pkg/report"
	"github.com/openshift-eng/ha-compliance/pkg/result"
	"github.com/openshift-eng/ha-compliance/pkg/snapshot"
)

// analyzeOptions are the flags of analyze, as given; validate turns them
// into what the packages take.
type analyzeOptions struct {
	Paths             []string
	Exceptions        []string
	Output            outputFlags
	Limits            limitFlags
	SuiteName         string
	Topology          string
	Checks            []string
	IncludeNamespaces string
	ExcludeNamespaces string
	PermanentAs       string
	UnexceptedAs      string
	FailOn            string
	Quiet             bool
	NoBaseline        bool
	JUnitName         string

	rollout exceptions.Rollout // UnexceptedAs, parsed by validate

	now func() time.Time // the clock, for report timestamps and exception expiry
}

var topologies = []configv1.TopologyMode{configv1.HighlyAvailableTopologyMode, configv1.HighlyAvailableArbiterMode,
	configv1.DualReplicaTopologyMode, configv1.SingleReplicaTopologyMode, configv1.ExternalTopologyMode}

func newAnalyzeCmd(streams IOStreams) *cobra.Command {
	o := &analyzeOptions{SuiteName: report.DefaultSuite, PermanentAs: "flake", UnexceptedAs: "fail", FailOn: "fail", JUnitName: report.DefaultJUnitName, now: time.Now}
	cmd := &cobra.Command{
		Use:   "analyze PATH...",
		Short: "Judge the HA conventions of must-gathers and CI artifacts",
		Long: "analyze loads PATH (as inspect does) and runs every check on every platform namespace.\n" +
			"It prints a summary (or the JSON, YAML, markdown or Jira report) on standard output and writes\n" +
			"ha-compliance.json, ha-compliance.md (under 60,000 characters: it fits a GitHub comment),\n" +
			"ha-compliance-details.md (every violation), ha-compliance-exceptions.yaml (stanzas ready to edit),\n" +
			"ha-compliance.html (a page to filter and drill down) and junit/junit_ha-compliance.xml into the\n" +
			"output folder, all or none: a failed or interrupted run leaves the previous reports as they were.\n" +
			"With -o json, yaml, markdown or jira it writes files only when --output-dir is given.\n" +
			"Exit 0 when no check failed (informing checks never fail the run), 1 when one did\n" +
			"(or, with --fail-on problems, when part of the input could not be read),\n" +
			"2 on a usage error, when no input is usable or when nothing could be judged for want of data\n" +
			"(the reports are written then too, their input-completeness case failing),\n" +
			"3 when the reports could not be written.",
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
	o.Limits.Bind(fs)
	fs.StringArrayVar(&o.Exceptions, "exceptions", nil, "exceptions file (repeatable); applied before the shipped baseline")
	fs.BoolVar(&o.NoBaseline, "no-baseline", false, "do not apply the shipped baseline of permanent exceptions (print it with: ha-compliance exceptions baseline): judge raw")
	fs.StringVar(&o.SuiteName, "suite-name", o.SuiteName, "JUnit testsuite name (Sippy imports only the suites it lists)")
	fs.StringVar(&o.Topology, "topology", "", "judge as this topology, whatever the input says: HighlyAvailable|HighlyAvailableArbiter|DualReplica|SingleReplica|External\n"+
		"(any case; aliases ha, arbiter, tnf, two-node, sno, hypershift)")
	fs.StringSliceVar(&o.Checks, "checks", nil, "check ids to run, comma-separated (default all; list them with: ha-compliance checks)")
	fs.StringVar(&o.IncludeNamespaces, "include-namespaces", "", "regexp of the namespaces to judge (default the platform ones: "+checks.DefaultInclude.String()+")")
	fs.StringVar(&o.ExcludeNamespaces, "exclude-namespaces", "", "regexp of namespaces to leave out")
	fs.StringVar(&o.PermanentAs, "permanent-exceptions-as", o.PermanentAs, "outcome of violations covered only by permanent exceptions: flake|pass")
	fs.StringVar(&o.UnexceptedAs, "unexcepted-as", o.UnexceptedAs, "outcome of violations no exception covers: fail, or flake (every check) or flake:ID,... (those checks) for a flake-only rollout; the reports still mark them")
	fs.StringVar(&o.FailOn, "fail-on", o.FailOn, "exit 1 when a check fails (fail), also when part of the input could not be read (problems), or never (never)")
	fs.BoolVarP(&o.Quiet, "quiet", "q", false, "no progress line on standard error (it shows only on a terminal, for inputs that take over a second)")
	fs.StringVar(&o.JUnitName, "junit-name", o.JUnitName, "name of the JUnit file in <output-dir>/junit/, junit*.xml; the stable default makes a second run in one CI step replace the first run's file")
	return cmd
}

// runAnalyze is the pipeline: load -> checks -> exceptions -> reports.
func runAnalyze(ctx context.Context, streams IOStreams, o *analyzeOptions) error {
	opts, err := o.validate()
	if err != nil {
		return err
	}
	limits, err := o.Limits.Limits()
	if err != nil {
		return err
	}
	list, err := loadExceptions(o.Exceptions, !o.NoBaseline)
	if err != nil {
		return err
	}
	now := o.now()
	files := report.FilesOptions{
		JUnitName: o.JUnitName,
		JUnit:     report.JUnitOptions{Suite: o.SuiteName, Timestamp: now, Checks: checks.All()},
		Markdown:  report.MarkdownOptions{Checks: checks.All()},
	}
	// The output folder is checked and locked before the analysis, so that
	// an unusable one costs seconds, not the whole run.
	var out *outdir.Dir
	if o.Output.Files {
		out, err = outdir.Open(ctx, o.Output.Dir, outdir.Options{Create: o.Output.Create, Names: report.FileNames(files),
			Waiting: func() { fmt.Fprintf(streams.ErrOut, "waiting for another run writing into %s\n", o.Output.Dir) }})
		if err != nil && o.Output.FromEnv {
			err = fmt.Errorf("%w (named by $ARTIFACT_DIR)", err)
		}
		if err != nil {
			return publishError(err) // exitIO, or a signal's code when one stopped the check
		}
		defer out.Close() //nolint:errcheck // releases the lock; the process may be ending anyway
	}
	p := startProgress(streams.ErrOut, progressLabel(o.Paths), o.Quiet)
	c, err := loader.Load(ctx, o.Paths, loader.Options{Stdin: streams.In, Topology: configv1.TopologyMode(o.Topology), Limits: limits})
	p.stop()
	var noInput *loader.NoInputError
	switch {
	case errors.As(err, &noInput):
		// The reports are still written, their completeness case failing,
		// so that CI publishes the broken gather; the exit code says it.
		c = emptyCluster(noInput)
	case err != nil:
		return err
	}
	if w := topologyWarning(c.Facts(), configv1.TopologyMode(o.Topology)); w != "" {
		fmt.Fprintln(streams.ErrOut, "warning:", w)
	}
	a := analysis(c, opts, list, exceptions.Options{Now: now, PermanentAs: result.Outcome(o.PermanentAs), Rollout: o.rollout}, !o.NoBaseline)
	if out != nil {
		paths, err := out.Publish(ctx, report.Files(a, files))
		if err != nil {
			return publishError(err)
		}
		fmt.Fprintf(streams.ErrOut, "wrote %s\n", strings.Join(paths, ", "))
	}
	if err := printAnalysis(streams.Out, a, o.Output.Format); err != nil {
		return &exitError{code: exitIO, err: fmt.Errorf("write standard output: %w", err)}
	}
	switch {
	case noInput != nil:
		return &exitError{code: exitNoVerdict, err: noInput}
	case !checks.Judged(a.Results):
		return &exitError{code: exitNoVerdict, err: noVerdict(a)}
	case o.FailOn != "never" && failed(a.Results):
		return &exitError{code: exitFailed}
	case o.FailOn == "problems" && len(a.Input.Problems) > 0:
		return &exitError{code: exitFailed, err: fmt.Errorf("--fail-on problems: %d of the input's files could not be read (listed in the report)", len(a.Input.Problems))}
	}
	return nil
}

// analysis is report.Judge with analyze's component table: the list's
// overrides always win over what opts carries.
func analysis(c *snapshot.Cluster, opts checks.Options, list *exceptions.List, eo exceptions.Options, baseline bool) report.Analysis {
	opts.Component = components.Default().With(list.ComponentOverrides).Lookup
	return report.Judge(c, opts, list, eo, baseline)
}

// emptyCluster is the snapshot of an input that held nothing usable: only
// what each path held, as problems.
func emptyCluster(e *loader.NoInputError) *snapshot.Cluster {
	b := snapshot.NewBuilder()
	for _, p := range e.AsProblems() {
		b.AddProblem(p.Path, errors.New(p.Error))
	}
	return b.Build()
}

// noVerdict is the error of a run where every check was skipped for want of
// data: a must-gather cut short must not read as a clean run.
func noVerdict(a report.Analysis) error {
	n := len(a.Input.Problems)
	if n == 0 {
		return errors.New("nothing could be judged: no namespace of the input was read in full (see ha-compliance.md)")
	}
	parts := "parts"
	if n == 1 {
		parts = "part"
	}
	return fmt.Errorf("nothing could be judged: %d %s of the input could not be read, and every check that ran lacked data (listed in ha-compliance.json)", n, parts)
}

// validate checks every flag, as a usage error, and returns the engine
// options they give.
func (o *analyzeOptions) validate() (checks.Options, error) {
	var opts checks.Options
	if err := o.Output.Validate(); err != nil {
		return opts, err
	}
	ids, err := parseCheckIDs(o.Checks)
	if err != nil {
		return opts, err
	}
	opts.Checks = ids
	topology, err := parseTopology(o.Topology)
	if err != nil {
		return opts, err
	}
	o.Topology = string(topology)
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
	case o.PermanentAs != "flake" && o.PermanentAs != "pass":
		return opts, usageError("--permanent-exceptions-as %q: want flake or pass", o.PermanentAs)
	case !slices.Contains([]string{"fail", "problems", "never"}, o.FailOn):
		return opts, usageError("--fail-on %q: want fail, problems or never", o.FailOn)
	case o.SuiteName == "":
		return opts, usageError("--suite-name must not be empty")
	}
	if err := report.CheckJUnitName(o.JUnitName); err != nil {
		return opts, usageError("--junit-name %v", err)
	}
	return opts, nil
}

// parseCheckIDs reads --checks, naming the nearest known id of a misspelt one.
func parseCheckIDs(values []string) ([]checks.ID, error) {
	ids, err := checks.ParseIDs(values)
	if err == nil {
		return ids, nil
	}
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if _, ok := checks.Lookup(checks.ID(s)); !ok {
				return nil, usageError("--checks: %v%s", err, didYouMean(s, checks.IDs()))
			}
		}
	}
	return nil, usageError("--checks: %v", err)
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

// publishError is the exit for a report set that could not be published:
// the signal's conventional code (128+n) when one stopped it, else exitIO.
func publishError(err error) error {
	if ie := (*outdir.InterruptedError)(nil); errors.As(err, &ie) {
		if sig, ok := ie.Signal.(syscall.Signal); ok {
			return &exitError{code: 128 + int(sig), err: err}
		}
	}
	return &exitError{code: exitIO, err: err}
}

// printAnalysis writes the standard output of analyze in the chosen format.
func printAnalysis(w io.Writer, a report.Analysis, format string) error {
	switch format {
	case "json":
		return report.JSON(w, a)
	case "yaml":
		return report.YAML(w, func(w io.Writer) error { return report.JSON(w, a) })
	case "markdown":
		return report.Markdown(w, a, report.MarkdownOptions{Checks: checks.All()})
	case "jira":
		return report.Jira(w, a, report.MarkdownOptions{Checks: checks.All()})
	}
	return report.AnalysisText(w, a)
}
