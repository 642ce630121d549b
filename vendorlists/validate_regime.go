package vendorlists

import "fmt"

func (v *validator) regimes() {
	if len(v.l.Regimes) == 0 {
		v.errorf("regimes", "a list needs at least one regime")
	}
	seen := map[string]string{}
	for i, r := range v.l.Regimes {
		p := fmt.Sprintf("regimes[%d]", i)
		v.id(p+".id", r.ID)
		v.unique(seen, p+".id", "regime id", r.ID)
		v.required(p+".title", r.Title)
		v.required(p+".citation", r.Citation)
		v.required(p+".appliesTo", r.AppliesTo)
		if !jurisdiction.MatchString(r.Jurisdiction) {
			v.errorf(p+".jurisdiction", "jurisdiction %q must be a two-letter code such as US or EU", r.Jurisdiction)
		}
		v.coverage(p, r)
		v.cite(p+".sources", r.Sources)
		v.clauses(p, r.Clauses)
		v.obligations(p, r)
	}
}

// clauses checks clause versions: unique ids, dated, one default.
func (v *validator) clauses(p string, cs []Clause) {
	seen := map[string]string{}
	defaults := 0
	for i, c := range cs {
		cp := fmt.Sprintf("%s.clauses[%d]", p, i)
		v.required(cp+".id", c.ID)
		v.unique(seen, cp+".id", "clause id", c.ID)
		v.required(cp+".title", c.Title)
		if c.Effective.IsZero() {
			v.errorf(cp+".effective", "required date is missing")
		}
		if c.Default {
			defaults++
		}
		v.cite(cp+".sources", c.Sources)
	}
	if len(cs) > 0 && defaults != 1 {
		v.errorf(p+".clauses", "exactly one clause version must be the default, found %d", defaults)
	}
}

// dueTiming checks after and byClause: after names another obligation
// of the regime and needs a business-day rule; byClause names clause
// versions of the regime.
func (v *validator) dueTiming(op string, r Regime, o Obligation) {
	if o.After != "" {
		switch {
		case o.After == o.ID:
			v.errorf(op+".after", "an obligation cannot follow itself")
		case !hasObligation(r, o.After):
			v.errorf(op+".after", "unknown obligation %q in this regime", o.After)
		}
		if rule, err := ParseDueRule(o.DueRule); err != nil || rule.Kind != DueBusinessDays {
			v.errorf(op+".after", "after needs a dueRule of business-days:N")
		}
	}
	for j, cr := range o.ByClause {
		cp := fmt.Sprintf("%s.byClause[%d]", op, j)
		if !hasClause(r, cr.Clause) {
			v.errorf(cp+".clause", "unknown clause version %q in this regime", cr.Clause)
		}
		if _, err := ParseDueRule(cr.DueRule); err != nil {
			v.errorf(cp+".dueRule", "%v", err)
		}
	}
}

func hasObligation(r Regime, id string) bool {
	for _, o := range r.Obligations {
		if o.ID == id {
			return true
		}
	}
	return false
}

func hasClause(r Regime, id string) bool {
	for _, c := range r.Clauses {
		if c.ID == id {
			return true
		}
	}
	return false
}

// coverage checks covers/excludes: an informational regime covers nothing;
// any other covers at least one category, and never one it also excludes.
func (v *validator) coverage(p string, r Regime) {
	switch {
	case r.Informational && len(r.Covers) > 0:
		v.errorf(p+".covers", "an informational regime covers no category")
	case !r.Informational && len(r.Covers) == 0:
		v.errorf(p+".covers", "a regime must cover at least one category (or be informational)")
	}
	covered := map[Category]bool{}
	for j, c := range r.Covers {
		v.category(fmt.Sprintf("%s.covers[%d]", p, j), c, false)
		covered[c] = true
	}
	for j, c := range r.Excludes {
		cp := fmt.Sprintf("%s.excludes[%d]", p, j)
		v.category(cp, c, false)
		if covered[c] {
			v.errorf(cp, "category %q is both covered and excluded", c)
		}
		covered[c] = true
	}
	for j, c := range r.Reaches {
		cp := fmt.Sprintf("%s.reaches[%d]", p, j)
		v.category(cp, c, false)
		if covered[c] {
			v.errorf(cp, "category %q is already covered or excluded", c)
		}
	}
}

func (v *validator) obligations(p string, r Regime) {
	obs := r.Obligations
	if len(obs) == 0 {
		v.errorf(p+".obligations", "a regime needs at least one obligation")
	}
	seen := map[string]string{}
	for i, o := range obs {
		op := fmt.Sprintf("%s.obligations[%d]", p, i)
		v.id(op+".id", o.ID)
		v.unique(seen, op+".id", "obligation id", o.ID)
		v.required(op+".action", o.Action)
		if o.Effective.IsZero() {
			v.errorf(op+".effective", "required date is missing")
		}
		if !o.Due.IsZero() && o.Due.Before(o.Effective.Time) {
			v.errorf(op+".due", "due %s is before effective %s", o.Due, o.Effective)
		}
		if o.DueRule != "" {
			if !o.Due.IsZero() {
				v.errorf(op+".dueRule", "set due or dueRule, not both")
			}
			if _, err := ParseDueRule(o.DueRule); err != nil {
				v.errorf(op+".dueRule", "%v", err)
			}
		}
		v.dueTiming(op, r, o)
		v.cite(op+".sources", o.Sources)
	}
}
