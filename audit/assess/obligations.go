package assess

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// dueDate computes a rule's deadline: business days count from start (the
// discovery date, or the date a preceding obligation was done), an annual
// date is the next one on or after as-of.
func dueDate(r vendorlists.DueRule, start, asOf time.Time) time.Time {
	if r.Kind == vendorlists.DueBusinessDays {
		return addBusinessDays(start, r.Days)
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

// reachingRegimes returns the regimes bound for the entity whose wording
// may reach category (Regime.Reaches).
func (a *Assessor) reachingRegimes(at *match.Attribution, cat vendorlists.Category) []*vendorlists.Regime {
	var out []*vendorlists.Regime
	for _, r := range a.bound(at) {
		for _, c := range r.Reaches {
			if c == cat {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// inForce keeps the regimes that bind on the as-of date: a regime
// prohibits nothing before its earliest obligation takes effect.
func (a *Assessor) inForce(rs []*vendorlists.Regime) []*vendorlists.Regime {
	var out []*vendorlists.Regime
	for _, r := range rs {
		if eff := r.EffectiveDate(); eff.IsZero() || !a.asOf.Before(dateOf(eff.Time)) {
			out = append(out, r)
		}
	}
	return out
}

// obligations lists every obligation of the given regimes, dated from the
// case's dates; fromIdent reports a deadline counted from the
// identification date.
func (a *Assessor) obligations(l *vendorlists.List, regimes []*vendorlists.Regime, d Dates) (out []Obligation, fromIdent bool) {
	out = []Obligation{}
	for _, r := range regimes {
		for _, o := range r.Obligations {
			ob, fi := a.obligation(r, o, d)
			ob.Citations = citations(l, ob.Sources)
			out = append(out, ob)
			fromIdent = fromIdent || fi
		}
	}
	return out, fromIdent
}

// timing is an obligation's deadline and what qualifies it.
type timing struct {
	due    time.Time
	latest bool     // due is the latest possible date: a predecessor's date is not recorded
	clause string   // the clause version applied, as cited
	notes  []string // why: the clause chosen, the date counted from
	// fromIdent: due counts, directly or through the obligation it
	// follows, from the identification date.
	fromIdent bool
}

// rule returns the obligation's due rule under the clause version in use,
// and the clause that decided it (zero when the regime has no versions).
func (a *Assessor) rule(r *vendorlists.Regime, o vendorlists.Obligation) (string, vendorlists.Clause, bool, string) {
	c, chosen, ok := r.Clause(a.clause)
	if !ok {
		return o.DueRule, c, chosen, ""
	}
	for _, cr := range o.ByClause {
		if cr.Clause == c.ID {
			return cr.DueRule, c, chosen, cr.Note
		}
	}
	return o.DueRule, c, chosen, ""
}

// timingOf computes when o is due: a fixed date, a rule counted from the
// case's identification, or a rule counted from when the obligation it
// follows was done (or, unrecorded, was due).
func (a *Assessor) timingOf(r *vendorlists.Regime, o vendorlists.Obligation, d Dates, depth int) timing {
	if !o.Due.IsZero() {
		return timing{due: dateOf(o.Due.Time)}
	}
	ruleText, c, chosen, note := a.rule(r, o)
	rule, err := vendorlists.ParseDueRule(ruleText)
	if ruleText == "" || err != nil {
		return timing{}
	}
	var t timing
	if c.ID != "" && len(o.ByClause) > 0 {
		// Only an obligation whose window differs by version says which
		// version set it.
		t.clause = c.Title
		t.notes = append(t.notes, clauseStatement(r, c, chosen, ruleText))
	}
	if note != "" {
		t.notes = append(t.notes, note)
	}
	start := d.Identified
	t.fromIdent = true
	if o.After != "" && depth < 8 {
		prev, ok := findObligation(r, o.After)
		if done, recorded := a.doneDate(r, o.After, d); recorded {
			start, t.fromIdent = dateOf(done), false
			t.notes = append(t.notes, fmt.Sprintf("Counted from %s, the recorded date of %q.", formatDate(start), o.After))
		} else if ok {
			pt := a.timingOf(r, prev, d, depth+1)
			start, t.latest, t.fromIdent = pt.due, true, pt.fromIdent
			t.notes = append(t.notes, fmt.Sprintf(
				"Latest possible date: counted from %s, the day %q is due; no date of %q is recorded, and an earlier one moves this date earlier.",
				formatDate(start), o.After, o.After))
		}
	}
	if start.IsZero() {
		return timing{}
	}
	t.due = dueDate(rule, start, a.asOf)
	t.fromIdent = t.fromIdent && rule.Kind == vendorlists.DueBusinessDays
	return t
}

// doneDate is the recorded date obligation id of r was done: the case's
// report date for an obligation counted from identification (a report),
// its follow-up date for an obligation that follows such a report, else a
// date recorded for every case (Config.Done).
func (a *Assessor) doneDate(r *vendorlists.Regime, id string, d Dates) (time.Time, bool) {
	o, found := findObligation(r, id)
	if !d.Reported.IsZero() && found && a.countsFromIdentification(r, o) {
		return d.Reported, true
	}
	if !d.FollowedUp.IsZero() && found && a.followsReport(r, o) {
		return d.FollowedUp, true
	}
	t, ok := a.done[r.ID+"/"+id]
	return t, ok
}

// followsReport reports an obligation counted from a report (the follow-up
// report of FAR 52.204-23(c)(2)(ii) and its kin).
func (a *Assessor) followsReport(r *vendorlists.Regime, o vendorlists.Obligation) bool {
	prev, ok := findObligation(r, o.After)
	return o.After != "" && ok && a.countsFromIdentification(r, prev)
}

// countsFromIdentification reports an obligation due some business days
// after the case was identified: a report.
func (a *Assessor) countsFromIdentification(r *vendorlists.Regime, o vendorlists.Obligation) bool {
	if !o.Due.IsZero() || o.After != "" {
		return false
	}
	text, _, _, _ := a.rule(r, o)
	rule, err := vendorlists.ParseDueRule(text)
	return err == nil && text != "" && rule.Kind == vendorlists.DueBusinessDays
}

// clauseStatement says which clause version set the deadline, and why.
func clauseStatement(r *vendorlists.Regime, c vendorlists.Clause, chosen bool, rule string) string {
	window := rule
	if pr, err := vendorlists.ParseDueRule(rule); err == nil && pr.Kind == vendorlists.DueBusinessDays {
		window = strconv.Itoa(pr.Days) + " business day"
		if pr.Days != 1 {
			window += "s"
		}
	}
	why := "named with --far-clause " + c.ID
	if !chosen {
		why = "the default (current) version; name the version your contract carries with --far-clause"
		for _, other := range r.Clauses {
			if other.ID != c.ID {
				why += " " + other.ID
			}
		}
	}
	return fmt.Sprintf("Window applied: %s under clause %s, %s.", window, c.Title, why)
}

func findObligation(r *vendorlists.Regime, id string) (vendorlists.Obligation, bool) {
	for _, o := range r.Obligations {
		if o.ID == id {
			return o, true
		}
	}
	return vendorlists.Obligation{}, false
}

func (a *Assessor) obligation(r *vendorlists.Regime, o vendorlists.Obligation, d Dates) (Obligation, bool) {
	t := a.timingOf(r, o, d, 0)
	sources := append([]string{}, o.Sources...)
	if len(sources) == 0 {
		sources = append(sources, r.Sources...)
	}
	var notes []string
	if o.Note != "" {
		notes = append(notes, o.Note)
	}
	notes = append(notes, t.notes...)
	done, recorded := a.doneDate(r, o.ID, d)
	status := statusAt(dateOf(o.Effective.Time), t.due, a.asOf, o.Effective.IsZero())
	switch {
	case recorded:
		status = doneStatus(dateOf(done), t.due)
	case t.latest && status.State == "due":
		status.Text += " at the latest"
	case status.State == StatePassed && t.fromIdent && a.discoveredGiven && !d.recalled:
		// Counted from the identification date the user gave: the
		// deadline was missed unless a submission nobody recorded was
		// made; overdue, as a ledger would say, and first in the
		// summaries.
		status = Overdue(status, t.due, a.asOf)
		status.Text += " (no submission recorded)"
	}
	return Obligation{
		Regime: r.ID, ID: o.ID, Title: r.Title, Citation: r.Citation, Action: o.Action,
		Effective: o.Effective.String(), Due: formatDate(t.due), DueIsLatest: t.latest,
		Clause: t.clause, Status: status, Sources: sources, Notes: notes,
	}, t.fromIdent && !t.due.IsZero()
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// statusAt says where an obligation stands on asOf. A deadline in the
// past reads "deadline passed on": the tool cannot know whether it was met.
func statusAt(effective, due, asOf time.Time, noEffective bool) ObligationStatus {
	switch {
	case !noEffective && asOf.Before(effective):
		n := days(asOf, effective)
		return ObligationStatus{State: "upcoming", Days: n, Text: "takes effect in " + plural(n)}
	case !due.IsZero() && asOf.Equal(due):
		return ObligationStatus{State: "due", Days: 0, Text: "due today"}
	case !due.IsZero() && !asOf.After(due):
		n := days(asOf, due)
		return ObligationStatus{State: "due", Days: n, Text: "due in " + plural(n)}
	case !due.IsZero():
		n := days(due, asOf)
		return ObligationStatus{State: "passed", Days: n, Text: "deadline passed on " + formatDate(due)}
	case noEffective:
		return ObligationStatus{State: "in-force", Text: "in force"}
	case asOf.Equal(effective):
		return ObligationStatus{State: "in-force", Days: 0, Text: "takes effect today"}
	}
	n := days(effective, asOf)
	return ObligationStatus{State: "in-force", Days: n, Text: "in force for " + plural(n)}
}

// doneStatus is the status of an obligation a record says was done.
func doneStatus(done, due time.Time) ObligationStatus {
	if !due.IsZero() && done.After(due) {
		n := days(due, done)
		return ObligationStatus{State: "done", Days: n, Text: "done on " + formatDate(done) + ", " + plural(n) + " after the deadline"}
	}
	return ObligationStatus{State: "done", Text: "done on " + formatDate(done)}
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
