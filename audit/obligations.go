package audit

import (
	"math"
	"strconv"
	"time"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// dueDate computes a rule's deadline: business days count from the
// discovery date, an annual date is the next one on or after as-of.
func dueDate(r vendorlists.DueRule, discovered, asOf time.Time) time.Time {
	if r.Kind == vendorlists.DueBusinessDays {
		return addBusinessDays(discovered, r.Days)
	}
	return nextAnnual(asOf, r.Month, r.Day)
}

// nextAnnual returns the next month/day on or after asOf; February 29
// falls on February 28 in other years.
func nextAnnual(asOf time.Time, m time.Month, d int) time.Time {
	for y := asOf.Year(); ; y++ {
		t := date(y, m, d)
		if t.Month() != m {
			t = date(y, m+1, 0)
		}
		if !t.Before(asOf) {
			return t
		}
	}
}

// covering returns the regimes bound for list l that prohibit category.
func (a *Auditor) covering(l *vendorlists.List, cat vendorlists.Category) []*vendorlists.Regime {
	var out []*vendorlists.Regime
	for _, r := range a.regimes[l] {
		for _, c := range r.Covers {
			if c == cat {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// obligations lists every obligation of the given regimes, dated.
func (a *Auditor) obligations(regimes []*vendorlists.Regime) []Obligation {
	out := []Obligation{}
	for _, r := range regimes {
		for _, o := range r.Obligations {
			out = append(out, a.obligation(r, o))
		}
	}
	return out
}

func (a *Auditor) obligation(r *vendorlists.Regime, o vendorlists.Obligation) Obligation {
	due := dateOf(o.Due.Time)
	if o.Due.IsZero() {
		due = time.Time{}
		if rule, err := vendorlists.ParseDueRule(o.DueRule); err == nil && o.DueRule != "" {
			due = dueDate(rule, a.discovered, a.asOf)
		}
	}
	sources := append([]string{}, o.Sources...)
	if len(sources) == 0 {
		sources = append(sources, r.Sources...)
	}
	return Obligation{
		Regime: r.ID, Title: r.Title, Citation: r.Citation, Action: o.Action,
		Effective: o.Effective.String(), Due: formatDate(due),
		Status:  statusAt(dateOf(o.Effective.Time), due, a.asOf, o.Effective.IsZero()),
		Sources: sources,
	}
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// statusAt says where an obligation stands on asOf.
func statusAt(effective, due, asOf time.Time, noEffective bool) ObligationStatus {
	switch {
	case !noEffective && asOf.Before(effective):
		n := days(asOf, effective)
		return ObligationStatus{State: "upcoming", Days: n, Text: "takes effect in " + plural(n)}
	case !due.IsZero() && !asOf.After(due):
		n := days(asOf, due)
		return ObligationStatus{State: "due", Days: n, Text: "due in " + plural(n)}
	case !due.IsZero():
		n := days(due, asOf)
		return ObligationStatus{State: "overdue", Days: n, Text: "overdue by " + plural(n)}
	case noEffective:
		return ObligationStatus{State: "in-force", Text: "in force"}
	}
	n := days(effective, asOf)
	return ObligationStatus{State: "in-force", Days: n, Text: "in force for " + plural(n)}
}

func days(from, to time.Time) int {
	return int(math.Round(to.Sub(from).Hours() / 24))
}

func plural(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
