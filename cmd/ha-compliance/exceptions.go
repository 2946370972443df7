package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

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
	Files   []string
	JiraURL string
	Timeout time.Duration
}

func newExceptionsVerifyCmd(streams IOStreams) *cobra.Command {
	o := &exceptionsVerifyOptions{JiraURL: exceptions.DefaultJiraURL, Timeout: jira.DefaultTimeout}
	cmd := &cobra.Command{
		Use:   "verify FILE...",
		Short: "Ask Jira whether the bug of each pending-jira exception is still open (exit 1 when one is closed)",
		Long: "Ask Jira whether the bug of each pending-jira exception is still open. A closed bug must be\n" +
			"acted on: reopen it, or make the exception permanent with a reason. Set JIRA_TOKEN to a\n" +
			"personal access token when issues are not public. Exit 1 when a bug is closed or unreadable.",
		Example: "  JIRA_TOKEN=... ha-compliance exceptions verify examples/exceptions.yaml --jira-url https://issues.redhat.com",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args
			return runExceptionsVerify(cmd.Context(), streams, o)
		},
	}
	cmd.Flags().StringVar(&o.JiraURL, "jira-url", o.JiraURL, "base URL of the Jira server")
	cmd.Flags().DurationVar(&o.Timeout, "timeout", o.Timeout, "time limit of each Jira request")
	return cmd
}

func runExceptionsVerify(ctx context.Context, streams IOStreams, o *exceptionsVerifyOptions) error {
	list, err := loadExceptions(o.Files, false)
	if err != nil {
		return err
	}
	client := &jira.Client{BaseURL: o.JiraURL, Token: os.Getenv("JIRA_TOKEN"), HTTP: &http.Client{Timeout: o.Timeout}}
	states := list.Verify(ctx, client)
	bad := 0
	for _, s := range states {
		e := list.Get(s.ID)
		switch {
		case s.Err != nil:
			bad++
			fmt.Fprintf(streams.Out, "unreadable  %s (%s): %v\n", s.ID, e.Jira, s.Err)
		case s.Stale():
			bad++
			fmt.Fprintf(streams.Out, "closed      %s (%s, %s): reopen the bug, or make the exception permanent with a reason\n",
				s.ID, exceptions.IssueURL(o.JiraURL, e.Jira), issueState(s.Issue))
		default:
			fmt.Fprintf(streams.Out, "open        %s (%s, %s)\n", s.ID, e.Jira, issueState(s.Issue))
		}
	}
	fmt.Fprintf(streams.Out, "%s, %d to act on\n", countNoun(len(states), "pending-jira exception"), bad)
	if bad > 0 {
		return &exitError{code: exitFailed}
	}
	return nil
}

func issueState(is jira.Issue) string {
	if is.Resolution != "" {
		return is.Status + ", " + is.Resolution
	}
	return is.Status
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
