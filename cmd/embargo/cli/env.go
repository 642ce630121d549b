package cli

import (
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
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
	return Env{Stdin: stdin, Stdout: stdout, Stderr: stderr}.environment()
}

// Env is what RunEnv reads from outside the process, besides the files it
// is given and the working directory they are relative to. Tests that pass
// their own Environ (and no relative path that depends on a changed
// working directory) can run in parallel.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Environ is the environment, as os.Environ gives it ("KEY=value");
	// nil means the process's own. A source scan's embargo-scan child
	// process still inherits the process's.
	Environ []string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (e Env) environment() *environment {
	env := &environment{stdin: e.Stdin, stdout: e.Stdout, stderr: e.Stderr, getenv: os.Getenv, lookupEnv: os.LookupEnv, now: e.Now}
	if e.Environ != nil {
		vars := make(map[string]string, len(e.Environ))
		for _, kv := range e.Environ {
			if k, v, ok := strings.Cut(kv, "="); ok {
				vars[k] = v
			}
		}
		env.lookupEnv = func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
		env.getenv = func(k string) string { return vars[k] }
	}
	if env.now == nil {
		env.now = time.Now
	}
	return env
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
