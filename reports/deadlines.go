package reports

import (
	"cmp"
	"fmt"
	"slices"
)

// Deadline is one obligation of one regime, rolled up over every finding
// that carries it: the "what is due when" summary the human formats lead
// with. Obligation details are stated once here; findings refer to them
// by Ref instead of repeating them. Derived from the findings, like
// Summary, and not part of the JSON report (whose findings carry their
// obligations in full).
type Deadline struct {
	// Ref is the short reference findings use ("O1", "O2", ...), in the
	// order of the summary.
	Ref       string
	Regime    string
	Title     string
	Citation  string
	Action    string
	Effective string
	// Due is the earliest due date among the findings; Status is that
	// obligation's status, and State the most urgent state of any of them.
	Due     string
	State   string
	Status  ObligationStatus
	Sources []string
	// Citations, Notes, Clause and DueIsLatest are the obligation's, so
	// that the summary, where each obligation is shown once, states the
	// law as fully as the finding's own copy.
	Citations   []Citation
	Notes       []string
	Clause      string
	DueIsLatest bool
	// Findings is the number of findings that carry the obligation and are
	// not waived or baselined; Failing, those at or above fail-on.
	Findings int
	Failing  int
}

type deadlineKey struct{ regime, citation, action string }

// deadlines rolls up the obligations of active (not suppressed) findings,
// most urgent first: overdue, then due, then upcoming, then in force; by
// due date within a state. Call after the findings are normalised.
func (m *Model) deadlines() ([]Deadline, map[deadlineKey]string) {
	byKey := map[deadlineKey]*Deadline{}
	var keys []deadlineKey
	for _, f := range m.Findings {
		if f.Verdict.Rank() == 0 {
			continue
		}
		for _, o := range f.Obligations {
			k := deadlineKey{o.Regime, o.Citation, o.Action}
			d := byKey[k]
			if d == nil {
				d = &Deadline{Regime: o.Regime, Title: o.Title, Citation: o.Citation, Action: o.Action,
					Effective: o.Effective, Due: o.Due, State: o.Status.State, Status: o.Status,
					Clause: o.Clause, DueIsLatest: o.DueIsLatest}
				byKey[k] = d
				keys = append(keys, k)
			}
			d.merge(o)
			d.Findings++
			if f.Fails {
				d.Failing++
			}
		}
	}
	out := make([]Deadline, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	slices.SortFunc(out, compareDeadlines)
	refs := make(map[deadlineKey]string, len(out))
	for i := range out {
		out[i].Ref = fmt.Sprintf("O%d", i+1)
		out[i].Sources = sortedStrings(out[i].Sources)
		slices.SortFunc(out[i].Citations, func(a, b Citation) int { return cmp.Compare(a.ID, b.ID) })
		refs[deadlineKey{out[i].Regime, out[i].Citation, out[i].Action}] = out[i].Ref
	}
	return out, refs
}

// merge folds one more finding's copy of the obligation in: the earliest
// due date (with its status), the most urgent state, every source.
func (d *Deadline) merge(o Obligation) {
	if o.Due != "" && (d.Due == "" || o.Due < d.Due) {
		d.Due, d.Status, d.DueIsLatest = o.Due, o.Status, o.DueIsLatest
	}
	if stateOrder(o.Status.State) < stateOrder(d.State) {
		d.State = o.Status.State
	}
	d.Effective = min(d.Effective, o.Effective)
	if d.Effective == "" {
		d.Effective = o.Effective
	}
	d.Sources = append(d.Sources, o.Sources...)
	for _, c := range o.Citations {
		if !slices.ContainsFunc(d.Citations, func(x Citation) bool { return x.ID == c.ID }) {
			d.Citations = append(d.Citations, c)
		}
	}
	for _, n := range o.Notes {
		if !slices.Contains(d.Notes, n) {
			d.Notes = append(d.Notes, n)
		}
	}
}

func compareDeadlines(a, b Deadline) int {
	return cmp.Or(
		cmp.Compare(stateOrder(a.State), stateOrder(b.State)),
		compareBool(a.Due == "", b.Due == ""),
		cmp.Compare(a.Due, b.Due),
		cmp.Compare(a.Effective, b.Effective),
		cmp.Compare(a.Regime, b.Regime),
		cmp.Compare(a.Citation, b.Citation),
		cmp.Compare(a.Action, b.Action),
	)
}

// stateOrder ranks obligation states by urgency.
func stateOrder(state string) int {
	switch state {
	case "overdue":
		return 0
	case "due":
		return 1
	case "upcoming":
		return 2
	case "passed":
		return 3 // a fixed deadline long past: the tool cannot know it was missed
	}
	return 4
}

// ObligationRefs returns the refs ("O1", ...) of a finding's obligations
// in the deadline summary, in the finding's own order (earliest due
// first). Suppressed findings have none: their obligations are not
// summarised.
func (m *Model) ObligationRefs(f Finding) []string {
	var out []string
	for _, o := range f.Obligations {
		if ref, ok := m.deadlineRefs[deadlineKey{o.Regime, o.Citation, o.Action}]; ok && f.Verdict.Rank() > 0 {
			out = append(out, ref)
		}
	}
	return slices.Compact(out)
}

// DeadlineText is a deadline's due date and status as one phrase: "due
// 2025-06-05, overdue by 5 days" or "in force since 2018-10-01".
func (d Deadline) DeadlineText() string {
	if d.Due != "" {
		return "due " + d.Due + ", " + d.Status.Text
	}
	if d.Effective != "" {
		return "in force since " + d.Effective
	}
	return d.Status.Text
}
