package audit

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors that decide the exit code; the CLI maps them in one place.
var (
	// ErrPolicyViolation: a finding is at or above the --fail-on verdict.
	ErrPolicyViolation = errors.New("findings at or above the fail-on threshold")
	// ErrIncomplete: no such finding, but an input failed or held no
	// components, so the audit cannot vouch for everything it was given.
	ErrIncomplete = errors.New("the audit is incomplete")
)

// FailOnNever disables the findings threshold.
const FailOnNever = "never"

// ParseFailOn validates a --fail-on value.
func ParseFailOn(s string) (string, error) {
	switch s {
	case string(VerdictProhibited), string(VerdictReview), string(VerdictInfo), FailOnNever:
		return s, nil
	}
	return "", fmt.Errorf("invalid fail-on %q: want prohibited, review, info or never", s)
}

// Gate decides whether a result passes: ErrPolicyViolation when a finding
// reaches failOn, else ErrIncomplete when the run has gaps (see Gaps: an
// input failed or was empty, nothing was audited, a directory held no
// SBOM), else nil. Waived and baseline findings never trip it.
func Gate(res *Result, failOn string) error {
	if n := countAtOrAbove(res.Findings, failOn); n > 0 {
		return fmt.Errorf("%w: %s at or above %q", ErrPolicyViolation, Count(n, "finding", "findings"), failOn)
	}
	if gaps := Gaps(res.statuses(), res.Shard.Count > 1); len(gaps) > 0 {
		return fmt.Errorf("%w: %s", ErrIncomplete, strings.Join(gaps, "; "))
	}
	return nil
}

func (r *Result) statuses() []InputStatus {
	out := make([]InputStatus, len(r.Inputs))
	for i, in := range r.Inputs {
		out[i] = InputStatus{Path: in.Path, Root: in.Root, Status: in.Status}
	}
	return out
}

func countAtOrAbove(findings []Finding, failOn string) int {
	if failOn == FailOnNever {
		return 0
	}
	threshold := Verdict(failOn).Rank()
	n := 0
	for _, f := range findings {
		if r := f.Verdict.Rank(); r > 0 && r >= threshold {
			n++
		}
	}
	return n
}
