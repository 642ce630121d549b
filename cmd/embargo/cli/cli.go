package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// Exit codes, documented in the README and in --help.
const (
	ExitOK          = 0   // nothing at or above --fail-on, every input audited
	ExitError       = 1   // usage or runtime error
	ExitViolation   = 2   // a finding at or above --fail-on
	ExitIncomplete  = 3   // no such finding, but an input failed or held no components
	ExitInterrupted = 130 // stopped by SIGINT or SIGTERM
)

// exitCodeHelp is shown in the root command's help.
const exitCodeHelp = `Exit codes:
  0    nothing at or above --fail-on, and every input audited
  1    usage or runtime error
  2    a finding at or above --fail-on
  3    no such finding, but the audit is incomplete (an input failed or held no components)
  130  interrupted (SIGINT or SIGTERM)`

// Run executes embargo with args (without the program name) and returns
// the process exit code. Everything the CLI touches comes in as an
// argument, so that tests run it in-process.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunEnv(ctx, args, Env{Stdin: stdin, Stdout: stdout, Stderr: stderr})
}

// RunEnv is Run in the environment e (see Env): the process's environment
// variables and clock are read only when e leaves them out.
func RunEnv(ctx context.Context, args []string, e Env) int {
	env := e.environment()
	root := newRootCommand(env)
	root.SetArgs(args)
	root.SetIn(e.Stdin)
	root.SetOut(e.Stdout)
	root.SetErr(e.Stderr)
	err := root.ExecuteContext(ctx)
	code := exitCode(ctx, err)
	if err != nil {
		// For 2 and 3 the report says why; this line tells a CI log.
		fmt.Fprintf(e.Stderr, "embargo: %s\n", errorLine(code, err))
	}
	return code
}

// errorLine is the error as the user reads it: an interruption that
// surfaced as a cancelled context deep in a store or a decoder is said in
// words, not as "context canceled" behind the internal steps it crossed.
func errorLine(code int, err error) string {
	msg := err.Error()
	if code == ExitInterrupted && strings.Contains(msg, context.Canceled.Error()) {
		return "interrupted (SIGINT or SIGTERM) before it finished"
	}
	return msg
}

// exitCode maps an error to the exit code, in this one place.
func exitCode(ctx context.Context, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return ExitInterrupted
	case errors.Is(err, audit.ErrPolicyViolation):
		return ExitViolation
	case errors.Is(err, audit.ErrIncomplete):
		return ExitIncomplete
	}
	return ExitError
}
