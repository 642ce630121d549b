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
// to and including to: 0 when to is not after from. It counts weekdays
// by whole weeks and subtracts the observed holidays in the range (always
// weekdays), so a register of 100,000 cases overdue for years costs no
// day-by-day walk.
func BusinessDaysBetween(from, to time.Time) int {
	from, to = dateOf(from), dateOf(to)
	if !to.After(from) {
		return 0
	}
	n := days(from, to)
	count := n / 7 * 5
	for d := from.AddDate(0, 0, n/7*7+1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			count++
		}
	}
	// federalHolidays(y+1) holds New Year's Day observed on December 31
	// of year y.
	for y := from.Year(); y <= to.Year()+1; y++ {
		for _, h := range federalHolidays(y) {
			if h.After(from) && !h.After(to) {
				count--
			}
		}
	}
	return count
}
