package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/bugs"
	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/jira"
	"github.com/openshift-eng/ha-compliance/pkg/loader"
	"github.com/openshift-eng/ha-compliance/pkg/result"
)

// bugsOptions are the flags bugs draft and bugs file share.
type bugsOptions struct {
	Project    string
	IssueType  string
	Label      string
	MinRuns    int
	Exceptions []string
	NoBaseline bool
	Format     string

	JiraURL         string
	Timeout         time.Duration
	Retries         int
	Yes             bool
	WriteExceptions string

	now func() time.Time
}

func (o *bugsOptions) bind(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVar(&o.Project, "project", bugs.DefaultProject, "Jira project key")
	fs.StringVar(&o.IssueType, "issue-type", bugs.DefaultIssueType, "Jira issue type")
	fs.StringVar(&o.Label, "label", bugs.DefaultLabel, "label every bug carries (and is searched by)")
	fs.IntVar(&o.MinRuns, "min-runs", 1, "from a batch folder: draft only what failed in at least this many runs")
	fs.StringArrayVar(&o.Exceptions, "exceptions", nil, "exceptions file (repeatable) applied when INPUT is analysed here")
	fs.BoolVar(&o.NoBaseline, "no-baseline", false, "when INPUT is analysed here: do not apply the shipped baseline of permanent exceptions")
}

func newBugsCmd(streams IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bugs",
		Short: "Draft and file one Jira bug per (namespace, check) that fails without an exception",
		Example: "  ha-compliance bugs draft ha-compliance-report/ha-compliance.json\n" +
			"  JIRA_TOKEN=... ha-compliance bugs file batch-out/ --min-runs 3 --jira-url https://issues.redhat.com --yes --write-exceptions exceptions.yaml",
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newBugsDraftCmd(streams), newBugsFileCmd(streams))
	return cmd
}

func newBugsDraftCmd(streams IOStreams) *cobra.Command {
	o := &bugsOptions{Format: "markdown", now: time.Now}
	cmd := &cobra.Command{
		Use:   "draft INPUT|ha-compliance.json|BATCH-DIR",
		Short: "Print one bug draft per (namespace, check) failing without an exception",
		Long: "Print one bug draft per (namespace, check) failing without an exception: summary (stable across\n" +
			"runs), description, component, label, affected versions and the pending-jira exception that will\n" +
			"point at the bug. The argument is an analyze JSON document, a batch output folder (drafts for what\n" +
			"failed in at least --min-runs runs, with the first and last run), or any input analyze reads.\n" +
			"-o json prints Jira's create-issue bodies (issueUpdates, as the bulk create takes them) and the drafts.",
		Example: "  ha-compliance bugs draft must-gather.tar.xz --exceptions exceptions.yaml\n" +
			"  ha-compliance bugs draft batch-out/ --min-runs 3 -o json | jq '.issueUpdates[0]'",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ds, err := draftsOf(cmd.Context(), streams, args[0], o)
			if err != nil {
				return err
			}
			if o.Format == "json" {
				return bugs.WriteJSON(streams.Out, ds)
			}
			return bugs.WriteMarkdown(streams.Out, ds)
		},
	}
	o.bind(cmd)
	cmd.Flags().StringVarP(&o.Format, "output", "o", o.Format, "markdown|json")
	return cmd
}

func newBugsFileCmd(streams IOStreams) *cobra.Command {
	o := &bugsOptions{JiraURL: exceptions.DefaultJiraURL, Timeout: jira.DefaultTimeout, now: time.Now}
	cmd := &cobra.Command{
		Use:   "file INPUT|ha-compliance.json|BATCH-DIR --jira-url URL [--yes] [--write-exceptions FILE]",
		Short: "File the drafts in Jira, never twice (a dry run unless --yes)",
		Long: "File the drafts of `bugs draft` through Jira's REST API. Each is first searched by label and summary,\n" +
			"so a bug already filed (in any state) is reused, never filed again. Without --yes nothing is created:\n" +
			"the command says what it would do. --write-exceptions adds a pending-jira exception per violation,\n" +
			"pointing at its bug, to FILE (created if missing), which is then validated.\n" +
			"Credentials: JIRA_TOKEN (Jira Data Center personal access token, sent as a bearer token), or\n" +
			"JIRA_USER and JIRA_API_TOKEN (Jira Cloud). They never appear in output.\n" +
			"Exit 0 when every draft has a bug, 1 when one could not be searched or filed.",
		Example: "  JIRA_TOKEN=... ha-compliance bugs file ha-compliance.json --jira-url https://issues.redhat.com\n" +
			"  JIRA_TOKEN=... ha-compliance bugs file ha-compliance.json --jira-url https://issues.redhat.com --yes --write-exceptions exceptions.yaml",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBugsFile(cmd.Context(), streams, args[0], o)
		},
	}
	o.bind(cmd)
	fs := cmd.Flags()
	fs.StringVar(&o.JiraURL, "jira-url", o.JiraURL, "base URL of the Jira server")
	fs.DurationVar(&o.Timeout, "timeout", o.Timeout, "time limit of each Jira request")
	fs.IntVar(&o.Retries, "retries", jira.DefaultRetries, "retries of a Jira request after a 429, a 5xx or a network error")
	fs.BoolVar(&o.Yes, "yes", false, "create the bugs (without it: a dry run)")
	fs.StringVar(&o.WriteExceptions, "write-exceptions", "", "add the exceptions pointing at the bugs to this file")
	return cmd
}

// draftsOf reads arg as results (JSON, batch folder) or analyses it, and drafts.
func draftsOf(ctx context.Context, streams IOStreams, arg string, o *bugsOptions) ([]bugs.Draft, error) {
	if o.Format != "markdown" && o.Format != "json" {
		return nil, usageError("unknown output %q: want markdown or json", o.Format)
	}
	if o.MinRuns < 1 {
		return nil, usageError("--min-runs %d: want 1 or more", o.MinRuns)
	}
	src, err := bugs.ReadSource(arg)
	if errors.Is(err, bugs.ErrNotResults) && !errors.Is(err, os.ErrNotExist) {
		src, err = analyzeForBugs(ctx, streams.In, arg, o)
	}
	if err != nil {
		return nil, err
	}
	return bugs.Drafts(src, bugs.Options{Project: o.Project, IssueType: o.IssueType, Label: o.Label,
		MinRuns: o.MinRuns, Checks: checks.All()}), nil
}

// analyzeForBugs judges an input as analyze does with default flags.
func analyzeForBugs(ctx context.Context, stdin io.Reader, path string, o *bugsOptions) (*bugs.Source, error) {
	list, err := loadExceptions(o.Exceptions, !o.NoBaseline)
	if err != nil {
		return nil, err
	}
	c, err := loader.Load(ctx, []string{path}, loader.Options{Stdin: stdin})
	var noInput *loader.NoInputError
	if errors.As(err, &noInput) {
		return nil, &exitError{code: exitUsage, err: err}
	}
	if err != nil {
		return nil, err
	}
	a := analysis(c, checks.Options{}, list, exceptions.Options{Now: o.now(), PermanentAs: result.Flake}, !o.NoBaseline)
	return &bugs.Source{Path: path, Results: a.Results, Version: a.Input.Cluster.Version}, nil
}

// newJiraClient builds the client of --jira-url from the environment's credential.
func newJiraClient(base string, timeout time.Duration, retries int) (*jira.Client, error) {
	if retries < 0 {
		return nil, usageError("--retries %d: want 0 or more", retries)
	}
	if retries == 0 {
		retries = -1 // the client's "none"
	}
	if err := jira.CheckBaseURL(base); err != nil {
		return nil, usageError("--jira-url: %v", err)
	}
	auth, err := jira.AuthFromEnv(os.Getenv)
	if err != nil {
		return nil, usageError("%v", err)
	}
	return &jira.Client{BaseURL: base, Auth: auth, HTTP: &http.Client{Timeout: timeout}, Retries: retries}, nil
}

func runBugsFile(ctx context.Context, streams IOStreams, arg string, o *bugsOptions) error {
	o.Format = "markdown"
	client, err := newJiraClient(o.JiraURL, o.Timeout, o.Retries)
	if err != nil {
		return err
	}
	ds, err := draftsOf(ctx, streams, arg, o)
	if err != nil {
		return err
	}
	filed := bugs.File(ctx, client, ds, !o.Yes)
	var stanzas []string
	failed, created, existing := 0, 0, 0
	for _, f := range filed {
		s := f.Draft.Summary()
		switch {
		case f.Err != nil:
			failed++
			fmt.Fprintf(streams.Out, "error    %s: %v\n", s, f.Err)
		case f.Existing:
			existing++
			fmt.Fprintf(streams.Out, "exists   %s %s (%s): %s\n", f.Key, exceptions.IssueURL(o.JiraURL, f.Key), issueState(f.Issue), s)
			if f.Issue.Closed() {
				fmt.Fprintf(streams.ErrOut, "warning: %s is closed: its exceptions will show in `exceptions verify` (reopen it, or make them permanent)\n", f.Key)
			}
		case f.Key == "":
			fmt.Fprintf(streams.Out, "would file %s (component %s)\n", s, orNone(f.Draft.Component))
			continue
		default:
			created++
			fmt.Fprintf(streams.Out, "filed    %s %s: %s\n", f.Key, exceptions.IssueURL(o.JiraURL, f.Key), s)
			if f.Note != "" {
				fmt.Fprintf(streams.ErrOut, "note: %s %s\n", f.Key, f.Note)
			}
		}
		if f.Key != "" {
			stanzas = append(stanzas, f.Draft.StanzasFor(f.Key)...)
		}
	}
	fmt.Fprintf(streams.Out, "%s: %d filed, %d already filed, %d failed", countNoun(len(filed), "draft"), created, existing, failed)
	if !o.Yes {
		fmt.Fprint(streams.Out, " (dry run: --yes files them)")
	}
	fmt.Fprintln(streams.Out)
	switch {
	case o.WriteExceptions == "" || len(stanzas) == 0:
	case !o.Yes:
		// A dry run changes nothing, the exceptions file included.
		fmt.Fprintf(streams.ErrOut, "dry run: %s left as it is (%s for the bugs already filed would be added)\n",
			o.WriteExceptions, countNoun(len(stanzas), "exception"))
	default:
		if err := writeExceptionStanzas(streams, o.WriteExceptions, stanzas); err != nil {
			return err
		}
	}
	if failed > 0 {
		return &exitError{code: exitFailed}
	}
	return nil
}

// writeExceptionStanzas adds the stanzas to path (created if missing) and
// validates the result; an invalid result is not written.
func writeExceptionStanzas(streams IOStreams, path string, stanzas []string) error {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	data, skipped, err := exceptions.AppendStanzas(old, stanzas)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if _, err := exceptions.Parse(path, data, checks.IDs()); err != nil {
		return fmt.Errorf("%s: the exceptions would not validate, file left as it was: %w", path, err)
	}
	for _, id := range skipped {
		fmt.Fprintf(streams.ErrOut, "note: %s already has an exception %s: left as it is\n", path, id)
	}
	if err := writeFileAtomic(path, data); err != nil {
		return err
	}
	fmt.Fprintf(streams.ErrOut, "wrote %s (%s added, valid)\n", path, countNoun(len(stanzas)-len(skipped), "exception"))
	return nil
}

// writeFileAtomic replaces path with data through a temporary file in the
// same folder, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ha-compliance-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
