package cli

import (
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"golang.org/x/term"
)

// environment is everything outside the process that the CLI reads: the
// standard streams, the environment variables and the clock. Tests replace
// any of it.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	lookupEnv      func(string) (string, bool)
	now            func() time.Time
}

func newEnvironment(stdin io.Reader, stdout, stderr io.Writer) *environment {
	return &environment{
		stdin: stdin, stdout: stdout, stderr: stderr,
		getenv: os.Getenv, lookupEnv: os.LookupEnv, now: time.Now,
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// color is on only for a terminal, and never with NO_COLOR set
// (no-color.org: any non-empty value).
func (e *environment) color(w io.Writer) bool {
	return isTerminal(w) && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
}

// width is the table's width for w: COLUMNS when it is a positive whole
// number (shells export it, and users set it to force a width), else the
// terminal's width, else 0 (the report's default).
func (e *environment) width(w io.Writer) int {
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 0
}

// sourceRoot is the working directory, against which SARIF makes absolute
// input paths relative; "" when it cannot be read.
func sourceRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	return dir
}

// reportTime is when reports say they were generated: SOURCE_DATE_EPOCH
// when set (reproducible-builds.org), so that reruns are byte-identical.
func (e *environment) reportTime() (time.Time, error) {
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		secs, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, &usageError{msg: "SOURCE_DATE_EPOCH " + strconv.Quote(s) + " is not a whole number of seconds"}
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	return e.now().UTC().Truncate(time.Second), nil
}

// logger writes plain lines to stderr: info by default, debug with -v,
// trace (per-input timings, config sources) with -vv, errors only with -q.
func (e *environment) logger(verbose int, quiet bool) *slog.Logger {
	return slog.New(newLineHandler(e.stderr, logLevel(verbose, quiet)))
}

// usageError is a mistake in how embargo was called.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }
