package assess

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// checkClause rejects a clause version no loaded regime knows, when
// some regime has versions at all (a run on custom lists without
// versioned clauses accepts any value).
func (a *Assessor) checkClause() error {
	if a.clause == "" {
		return nil
	}
	var known []string
	for _, l := range a.lists {
		for _, r := range l.Regimes {
			for _, c := range r.Clauses {
				if c.ID == a.clause {
					return nil
				}
				if !slices.Contains(known, c.ID) {
					known = append(known, c.ID)
				}
			}
		}
	}
	if len(known) == 0 {
		return nil
	}
	sort.Strings(known)
	return fmt.Errorf("unknown FAR clause version %q (known: %s)", a.clause, strings.Join(known, ", "))
}

// ClauseApplied is the clause version in use, for the report: the one
// named, or the default, of the first bound regime that has versions; ""
// when no bound regime has any (nothing was applied).
func (a *Assessor) ClauseApplied() string {
	for _, l := range a.lists {
		for _, r := range a.regimes[l] {
			if c, _, ok := r.Clause(a.clause); ok {
				return c.ID
			}
		}
	}
	return ""
}

// dateWarnings flags dates that make deadlines doubtful: discovery after
// the as-of date, and discovery before the clause (or the regime) whose
// business-day deadline counts from it took effect.
func (a *Assessor) dateWarnings() []string {
	var out []string
	if a.discovered.After(a.asOf) {
		out = append(out, fmt.Sprintf(
			"the discovery date %s is later than the as-of date %s: deadlines count from a day that has not come yet",
			formatDate(a.discovered), formatDate(a.asOf)))
	}
	for _, l := range a.lists {
		for _, r := range a.regimes[l] {
			if !countsFromDiscovery(r) {
				continue
			}
			if c, _, ok := r.Clause(a.clause); ok && a.discovered.Before(dateOf(c.Effective.Time)) {
				out = append(out, fmt.Sprintf(
					"the discovery date %s precedes %s, when clause %s took effect: a contract then carried an earlier version; name it with --far-clause",
					formatDate(a.discovered), c.Effective, c.Title))
				continue
			}
			if eff := r.EffectiveDate(); !eff.IsZero() && a.discovered.Before(dateOf(eff.Time)) {
				out = append(out, fmt.Sprintf(
					"the discovery date %s precedes %s, when %s took effect: its deadlines did not run then",
					formatDate(a.discovered), eff, r.ID))
			}
		}
	}
	return out
}

// countsFromDiscovery reports whether a regime has a business-day
// deadline counted from discovery.
func countsFromDiscovery(r *vendorlists.Regime) bool {
	for _, o := range r.Obligations {
		rule, err := vendorlists.ParseDueRule(o.DueRule)
		if err == nil && rule.Kind == vendorlists.DueBusinessDays && o.After == "" {
			return true
		}
	}
	return false
}

// CaveatSet collects the notes of every regime and obligation cited,
// once each, in the order first cited.
type CaveatSet struct {
	list []Caveat
	seen map[string]bool
}

// Cite adds the notes of the regimes and obligations of a finding on an
// entity of list listID.
func (a *Assessor) Cite(cs *CaveatSet, listID string, obligations []Obligation) {
	l := a.list(listID)
	if l == nil {
		return
	}
	if cs.seen == nil {
		cs.seen = map[string]bool{}
	}
	for _, o := range obligations {
		if r := findRegime(l, o.Regime); r != nil && r.Note != "" {
			cs.list = addCaveat(cs.list, cs.seen, Caveat{Regime: r.ID, Text: r.Note})
		}
		for _, n := range o.Notes {
			cs.list = addCaveat(cs.list, cs.seen, Caveat{Regime: o.Regime, Obligation: o.ID, Text: n})
		}
	}
}

// Caveats are the notes cited so far; nil for none.
func (cs *CaveatSet) Caveats() []Caveat { return cs.list }

func addCaveat(cs []Caveat, seen map[string]bool, c Caveat) []Caveat {
	k := c.Regime + "\x00" + c.Obligation + "\x00" + c.Text
	if seen[k] {
		return cs
	}
	seen[k] = true
	return append(cs, c)
}

// citations resolves source ids to full citations; an id the list does
// not hold is kept with its id as title, so nothing is lost.
func citations(l *vendorlists.List, ids []string) []Citation {
	out := make([]Citation, 0, len(ids))
	for _, id := range ids {
		if s, ok := l.Source(id); ok {
			out = append(out, Citation{ID: s.ID, Title: s.Title, URL: s.URL})
			continue
		}
		out = append(out, Citation{ID: id, Title: id})
	}
	return out
}

func (a *Assessor) list(id string) *vendorlists.List {
	for _, l := range a.lists {
		if l.ID == id {
			return l
		}
	}
	return nil
}
