package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// origin names where a setting's value came from, as a user would look
// for it: "--fail-on", "EMBARGO_FAIL_ON" or ".embargo.yaml:3 (fail-on)".
// A default (or an unknown source) is named by its flag.
func (s *settings) origin(name string) string {
	if s == nil {
		return "--" + name
	}
	src, ok := s.sources[name]
	switch {
	case !ok:
		return "--" + name
	case src.Kind == "env":
		return src.Detail
	case src.Kind == "file":
		if line := s.keyLine(name); line > 0 {
			return fmt.Sprintf("%s:%d (%s)", src.Detail, line, name)
		}
		return fmt.Sprintf("%s (%s)", src.Detail, name)
	}
	return "--" + name
}

// settingError is a usage error that names where the bad value came from.
func (s *settings) settingError(name string, err error) error {
	return &usageError{msg: fmt.Sprintf("%s: %v", s.origin(name), err)}
}

// originOfDate renames the flag in a date error ("--as-of ...: want
// YYYY-MM-DD") to where the value came from, when that is not a flag.
func originOfDate(cfg *settings, opts *auditOptions, err error) error {
	for _, name := range []string{"as-of", "discovered"} {
		if src, ok := cfg.sources[name]; ok && (src.Kind == "env" || src.Kind == "file") && strings.HasPrefix(err.Error(), "--"+name+" ") {
			return &usageError{msg: cfg.origin(name) + strings.TrimPrefix(err.Error(), "--"+name)}
		}
	}
	return err
}

// interrupted keeps the cause of an interrupted audit for the exit code
// but says it in words ("interrupted") rather than "context canceled".
func interrupted(err error) error {
	if errors.Is(err, context.Canceled) {
		return wordedError{msg: "interrupted", err: err}
	}
	return err
}

type wordedError struct {
	msg string
	err error
}

func (w wordedError) Error() string { return w.msg }
func (w wordedError) Unwrap() error { return w.err }
