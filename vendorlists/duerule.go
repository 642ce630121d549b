package vendorlists

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DueRuleKind names how a computed deadline is counted.
type DueRuleKind string

// Kinds of due rule.
const (
	// DueBusinessDays counts business days from discovery.
	DueBusinessDays DueRuleKind = "business-days"
	// DueAnnual falls on a fixed month and day every year.
	DueAnnual DueRuleKind = "annual"
)

// DueRule is a parsed Obligation.DueRule.
type DueRule struct {
	Kind  DueRuleKind
	Days  int        // business days, for DueBusinessDays
	Month time.Month // for DueAnnual
	Day   int        // for DueAnnual
}

// ParseDueRule parses "business-days:N" or "annual:MM-DD".
func ParseDueRule(s string) (DueRule, error) {
	kind, arg, ok := strings.Cut(s, ":")
	if !ok {
		return DueRule{}, fmt.Errorf("invalid due rule %q: want business-days:N or annual:MM-DD", s)
	}
	switch DueRuleKind(kind) {
	case DueBusinessDays:
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 {
			return DueRule{}, fmt.Errorf("invalid due rule %q: want a positive number of business days", s)
		}
		return DueRule{Kind: DueBusinessDays, Days: n}, nil
	case DueAnnual:
		// 2000 is a leap year, so 02-29 is accepted.
		t, err := time.Parse("2006-01-02", "2000-"+arg)
		if err != nil || len(arg) != 5 {
			return DueRule{}, fmt.Errorf("invalid due rule %q: want annual:MM-DD", s)
		}
		return DueRule{Kind: DueAnnual, Month: t.Month(), Day: t.Day()}, nil
	}
	return DueRule{}, fmt.Errorf("invalid due rule %q: unknown kind %q", s, kind)
}
