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

// Outcome is what a run amounts to: pass, fail or incomplete.
type Outcome string

// Outcomes.
const (
	OutcomePass       Outcome = "pass"
	OutcomeFail       Outcome = "fail"
	OutcomeIncomplete Outcome = "incomplete"
)

// Decide is the one outcome rule, for a run, a vendor, a product and a
// merge of shards alike: fail when a finding is at or above the fail-on
// threshold, else incomplete when the audit cannot vouch for an input
// (see Gaps), else pass.
func Decide(failing int, incomplete bool) Outcome {
	switch {
	case failing > 0:
		return OutcomeFail
	case incomplete:
		return OutcomeIncomplete
	}
	return OutcomePass
}

// Err is the error an outcome exits with: ErrPolicyViolation for fail,
// ErrIncomplete for incomplete, nil for pass.
func (o Outcome) Err(failing int, failOn string, gaps []string) error {
	switch o {
	case OutcomeFail:
		return fmt.Errorf("%w: %s at or above %q", ErrPolicyViolation, Count(failing, "finding", "findings"), failOn)
	case OutcomeIncomplete:
		return fmt.Errorf("%w: %s", ErrIncomplete, strings.Join(gaps, "; "))
	}
	return nil
}

// Gate decides whether a result passes: ErrPolicyViolation when a finding
// reaches failOn, else ErrIncomplete when the run has gaps (see Gaps: an
// input failed or was empty, nothing was audited, a directory held no
// SBOM), else nil. Waived and baseline findings never trip it.
func Gate(res *Result, failOn string) error {
	n := countAtOrAbove(res.Findings, failOn)
	gaps := Gaps(res.statuses(), res.Shard.Count > 1)
	return Decide(n, len(gaps) > 0).Err(n, failOn, gaps)
}

// decide sets the result's outcome (Execute).
func (r *Result) decide(failOn string, unused []string, failUnused bool) {
	if failOn == "" {
		failOn = string(VerdictProhibited)
	}
	r.FailOn = failOn
	r.Failing = countAtOrAbove(r.Findings, failOn)
	r.Gaps = Gaps(r.statuses(), r.Shard.Count > 1)
	r.Outcome = Decide(r.Failing, len(r.Gaps) > 0)
	r.UnusedWaivers = unused
	r.failUnused = failUnused
}

// Err is the error the run exits with: its outcome's (Outcome.Err), else,
// under Plan.FailUnusedWaivers, ErrPolicyViolation naming the unused
// waivers.
func (r *Result) Err() error {
	if err := r.Outcome.Err(r.Failing, r.FailOn, r.Gaps); err != nil {
		return err
	}
	if r.failUnused && len(r.UnusedWaivers) > 0 {
		noun := "unused waivers"
		if len(r.UnusedWaivers) == 1 {
			noun = "unused waiver"
		}
		return fmt.Errorf("%w: %s %s (--fail-on-unused-waivers)", ErrPolicyViolation, noun, strings.Join(r.UnusedWaivers, ", "))
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
