package assess

import (
	"fmt"
	"time"
)

// StatePassed and StateOverdue are the states of an obligation past its
// due date: passed when nothing records whether it was met (a run without
// a ledger, or a fixed deadline), overdue when a ledger tracks the case
// and records no submission for it.
const (
	StatePassed  = "passed"
	StateOverdue = "overdue"
)

// Overdue restates a passed obligation of a case a ledger tracks (open or
// reported, with no submission recorded for this obligation: a recorded
// one is "done") as overdue, measured in business days after the due
// date, as of asOf. Any other status is returned as it is.
func Overdue(s ObligationStatus, due, asOf time.Time) ObligationStatus {
	if s.State != StatePassed || due.IsZero() || !asOf.After(due) {
		return s
	}
	n := BusinessDaysBetween(due, asOf)
	unit := "business days"
	if n == 1 {
		unit = "business day"
	}
	return ObligationStatus{State: StateOverdue, Days: n,
		Text: fmt.Sprintf("overdue by %d %s", n, unit)}
}

// BusinessDaysBetween counts the US federal business days after from, up
// to and including to: 0 when to is not after from.
func BusinessDaysBetween(from, to time.Time) int {
	n := 0
	for d := dateOf(from).AddDate(0, 0, 1); !d.After(dateOf(to)); d = d.AddDate(0, 0, 1) {
		if isBusinessDay(d) {
			n++
		}
	}
	return n
}
