package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/openshift-eng/ha-compliance/pkg/bugs"
	"github.com/openshift-eng/ha-compliance/pkg/checks"
	"github.com/openshift-eng/ha-compliance/pkg/exceptions"
	"github.com/openshift-eng/ha-compliance/pkg/jira"
)

func newExceptionsCmd(streams IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "exceptions",
		Short: "Validate exception files, find those whose Jira bug is closed, print the shipped baseline",
		Example: "  ha-compliance exceptions validate examples/exceptions.yaml\n" +
			"  JIRA_TOKEN=... ha-compliance exceptions verify examples/exceptions.yaml\n" +
			"  ha-compliance exceptions baseline > baseline.yaml",
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newExceptionsValidateCmd(streams), newExceptionsVerifyCmd(streams), newExceptionsBaselineCmd(streams))
	return cmd
}

func newExceptionsValidateCmd(streams IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check exception files strictly and list every problem (exit 2 when any)",
		Long: "Check exception files strictly and list every problem (exit 2 when any).\n" +
			"Several files are checked together, as analyze merges them: ids must be unique across them.",
		Example: "  ha-compliance exceptions validate examples/exceptions.yaml team/*.yaml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return runExceptionsValidate(streams, args, time.Now())
		},
	}
}

// runExceptionsValidate loads the files and says what they hold; expired
// exceptions are valid but worth a warning.
func runExceptionsValidate(streams IOStreams, files []string, now time.Time) error {
	list, err := loadExceptions(files, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.Out, "%s in %s: valid\n", countNoun(len(list.Exceptions), "exception"), countNoun(len(files), "file"))
	for _, e := range list.Exceptions {
		if e.Expired(now) {
			fmt.Fprintf(streams.ErrOut, "warning: %s: %s expired on %s: it is ignored, so its violations fail\n", e.Source, e.ID, e.Expires)
		}
	}
	return nil
}

type exceptionsVerifyOptions struct {
	Files      []string
	JiraURL    string
	Timeout    time.Duration
	Retries    int
	Results    string
	Propose    string
	ApprovedBy string
}

func newExceptionsVerifyCmd(streams IOStreams) *cobra.Command {
	o := &exceptionsVerifyOptions{JiraURL: exceptions.DefaultJiraURL, Timeout: jira.DefaultTimeout}
	cmd := &cobra.Command{
		Use:   "verify FILE... [--results JSON|BATCH-DIR] [--propose OUT]",
		Short: "Ask Jira about the bug of each pending-jira exception and say what to do (exit 1 when something is)",
		Long: "Ask Jira about the bug of each pending-jira exception (each key once, a few at a time, with retries)\n" +
			"and classify it: open; fixed and the violation gone (remove the exception); fixed but the violation\n" +
			"still seen (reopen, with the comment to post); closed as Won't Do, Not a Bug or Obsolete (make the\n" +
			"exception permanent); not found or no permission; unknown when Jira could not be reached. Whether a\n" +
			"violation is gone comes from --results: an analyze JSON document or a batch output folder.\n" +
			"--propose writes the files with those changes (only the affected lines change) and validates them:\n" +
			"OUT is a file for one FILE, a folder for several.\n" +
			"Credentials: JIRA_TOKEN (Data Center), or JIRA_USER and JIRA_API_TOKEN (Cloud).\n" +
			"Exit 1 when an exception needs action, 2 when no bug could be read at all; bugs that could not be\n" +
			"read are reported as such and are never \"to act on\".",
		Example: "  JIRA_TOKEN=... ha-compliance exceptions verify exceptions.yaml --results ha-compliance-report/ha-compliance.json\n" +
			"  JIRA_TOKEN=... ha-compliance exceptions verify exceptions.yaml --results batch-out/ --propose exceptions.proposed.yaml",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args
			return runExceptionsVerify(cmd.Context(), streams, o)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.JiraURL, "jira-url", o.JiraURL, "base URL of the Jira server")
	fs.DurationVar(&o.Timeout, "timeout", o.Timeout, "time limit of each Jira request")
	fs.IntVar(&o.Retries, "retries", jira.DefaultRetries, "retries of a Jira request after a 429, a 5xx or a network error")
	fs.StringVar(&o.Results, "results", "", "analyze JSON or batch folder saying which violations are still seen")
	fs.StringVar(&o.Propose, "propose", "", "write the updated exception file(s) here")
	fs.StringVar(&o.ApprovedBy, "approved-by", "", "approvedBy of exceptions made permanent (default: the bug and its resolution)")
	return cmd
}

func runExceptionsVerify(ctx context.Context, streams IOStreams, o *exceptionsVerifyOptions) error {
	list, err := loadExceptions(o.Files, false)
	if err != nil {
		return err
	}
	client, err := newJiraClient(o.JiraURL, o.Timeout, o.Retries)
	if err != nil {
		return err
	}
	var ev *exceptions.Evidence
	if o.Results != "" {
		src, err := bugs.ReadSource(o.Results)
		if err != nil {
			return usageError("--results %s: %v", o.Results, err)
		}
		ev = &exceptions.Evidence{Results: src.Results, Runs: src.Links()}
	}
	verdicts := list.Verify(ctx, client, ev, o.JiraURL)
	act, unread := 0, 0
	for _, v := range verdicts {
		printVerdict(streams.Out, v, o.JiraURL)
		switch {
		case v.Action.ToActOn():
			act++
		case v.Action.Unread():
			unread++
		}
	}
	fmt.Fprintf(streams.Out, "%s: %d open, %d to act on, %d unknown (could not be read)\n",
		countNoun(len(verdicts), "pending-jira exception"), len(verdicts)-act-unread, act, unread)
	if o.Propose != "" {
		if err := writeProposal(streams, list, verdicts, o); err != nil {
			return err
		}
	}
	switch {
	case unread > 0 && unread == len(verdicts):
		return &exitError{code: exitUsage, err: fmt.Errorf("no bug could be read from %s (with %s)", o.JiraURL, client.Auth)}
	case act > 0:
		return &exitError{code: exitFailed}
	}
	return nil
}

// printVerdict writes one verdict: the action, the exception and bug, and what to do.
func printVerdict(w io.Writer, v exceptions.Verdict, jiraURL string) {
	bug := v.Jira
	if v.Err == nil {
		bug = exceptions.IssueURL(jiraURL, v.Jira) + ", " + issueState(v.Issue)
	}
	say := map[exceptions.Action]string{
		exceptions.Open:          "",
		exceptions.Remove:        "fixed, and the violation is gone: remove the exception",
		exceptions.Reopen:        "closed, but the violation is still seen: reopen the bug with this comment",
		exceptions.CheckFixed:    "closed as fixed: remove the exception once the violation is gone (--results tells)",
		exceptions.MakePermanent: "the violation is accepted: make the exception permanent",
		exceptions.Decide:        "closed as " + v.Issue.Resolution + ": decide (for a duplicate, point the exception at the other bug)",
		exceptions.NotFound:      "no such bug, or not visible with this credential: fix the key",
		exceptions.NoPermission:  "the credential may not read this bug",
		exceptions.Unknown:       "could not be read: nothing can be said",
	}[v.Action]
	line := fmt.Sprintf("%-15s %s (%s)", v.Action, v.ID, bug)
	if say != "" {
		line += ": " + say
	}
	if v.Err != nil {
		line += ": " + v.Err.Error()
	}
	fmt.Fprintln(w, line)
	if v.Action == exceptions.Reopen {
		fmt.Fprintf(w, "                  %s\n", v.Comment)
	}
	if v.Action == exceptions.MakePermanent {
		fmt.Fprintf(w, "                  reason: %s\n", v.Reason)
	}
}

// writeProposal writes each file changed by the verdicts (OUT itself for
// one file, OUT/<name> for several) and validates them together with the
// files left as they were.
func writeProposal(streams IOStreams, list *exceptions.List, verdicts []exceptions.Verdict, o *exceptionsVerifyOptions) error {
	approvedBy := func(v exceptions.Verdict) string {
		if o.ApprovedBy != "" {
			return o.ApprovedBy
		}
		return v.Jira + " closed as " + v.Issue.Resolution
	}
	bySource := map[string][]exceptions.Verdict{}
	for _, v := range verdicts {
		if e := list.Get(v.ID); e != nil {
			bySource[e.Source] = append(bySource[e.Source], v)
		}
	}
	outs := make([]string, len(o.Files))
	datas := make([][]byte, len(o.Files))
	changed := 0
	for i, f := range o.Files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		out, ch, err := exceptions.Propose(data, bySource[f], approvedBy)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if ch {
			changed++
		}
		outs[i], datas[i] = o.Propose, out
		if len(o.Files) > 1 {
			outs[i] = filepath.Join(o.Propose, filepath.Base(f))
		}
	}
	if len(o.Files) > 1 {
		if err := os.MkdirAll(o.Propose, 0o755); err != nil {
			return err
		}
	}
	for i := range outs {
		if err := writeFileAtomic(outs[i], datas[i]); err != nil {
			return err
		}
	}
	if _, err := exceptions.Load(outs, checks.IDs()); err != nil {
		return fmt.Errorf("the proposal does not validate (a bug of ha-compliance, please report it): %w", err)
	}
	fmt.Fprintf(streams.ErrOut, "wrote %s: %d of %s changed, valid\n", o.Propose, changed, countNoun(len(o.Files), "file"))
	return nil
}

// loadExceptions loads exception files against the catalogue's check ids,
// followed by the shipped baseline when asked. Invalid files are the
// caller's to fix: exit code 2.
func loadExceptions(files []string, baseline bool) (*exceptions.List, error) {
	load := exceptions.Load
	if baseline {
		load = exceptions.LoadWithBaseline
	}
	list, err := load(files, checks.IDs())
	var ve *exceptions.ValidationError
	if errors.As(err, &ve) {
		return nil, &exitError{code: exitUsage, err: err}
	}
	return list, err
}

// countNoun renders "1 file", "2 files".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// issueState renders a bug's status and resolution, e.g. "Closed, Won't Do".
func issueState(is jira.Issue) string {
	if is.Resolution != "" {
		return is.Status + ", " + is.Resolution
	}
	return is.Status
}
