package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"
)

// IOStreams are where a command reads and writes, so tests can capture them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// The documented exit codes (README.md, "Exit codes").
const (
	exitOK        = 0 // ran, no unexcepted failure
	exitFailed    = 1 // ran, at least one check failed
	exitUsage     = 2 // usage error, invalid exceptions, or no usable input at all
	exitNoVerdict = 2 // the input supports no verdict: nothing usable, or nothing could be judged
	exitIO        = 3 // the reports could not be written (the previous ones are kept)
	exitUnhandled = 2
)

// exitError carries an exit code up to run. Commands return it instead of
// exiting, so that only main calls os.Exit.
type exitError struct {
	code int
	err  error // nil: nothing more to print
}

// Error returns the wrapped error's text, or the bare code when there is none.
func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// Unwrap exposes the wrapped error to errors.Is and errors.As.
func (e *exitError) Unwrap() error { return e.err }

// usageError marks an error as the caller's to fix: exit code 2.
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// newRootCmd wires every subcommand.
func newRootCmd(streams IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "ha-compliance",
		Short: "Judge the high availability of OpenShift platform components offline",
		Long: "ha-compliance reads a must-gather (folder or archive) or the artifacts of a CI job\n" +
			"and judges every platform workload against OpenShift's HA conventions.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	verbose := root.PersistentFlags().BoolP("verbose", "v", false,
		"say on standard error how the input is read (which decompressor reads each archive, and why)")
	root.PersistentPreRun = func(*cobra.Command, []string) {
		level := slog.LevelWarn
		if *verbose {
			level = slog.LevelDebug
		}
		slog.SetDefault(slog.New(slog.NewTextHandler(streams.ErrOut, &slog.HandlerOptions{Level: level})))
	}
	root.AddCommand(commands(streams)...)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: err}
	})
	return root
}

// run executes the CLI with args and returns the process exit code.
func run(args []string, streams IOStreams) int {
	root := newRootCmd(streams)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(streams.ErrOut, "error:", ee.err)
		}
		return ee.code
	}
	// Cobra's own errors (unknown command, wrong number of args) are usage errors.
	fmt.Fprintln(streams.ErrOut, "error:", err)
	return exitUnhandled
}
