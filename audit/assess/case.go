package assess

import (
	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// CaseObligations dates the obligations of a remembered case as an
// assessment of its attribution would: the regimes the bound profiles
// apply to the entity for the category (and those whose wording may reach
// it, or, when none does, those that make it a question), counted from
// the case's dates. A case whose verdict is info, or a
// mere mention, has none.
func (a *Assessor) CaseObligations(l *vendorlists.List, entity match.EntityRef, cat vendorlists.Category, verdict Verdict, d Dates) []Obligation {
	if verdict == VerdictInfo || cat == vendorlists.CategoryMention {
		return []Obligation{}
	}
	at := &match.Attribution{Entity: entity, Category: cat, List: l}
	regimes := append(a.coveringEntity(at, cat), a.inForce(a.reachingRegimes(at, cat))...)
	if len(regimes) == 0 {
		regimes, _ = a.openRegimes(at, cat)
	}
	out, _ := a.obligations(l, regimes, d)
	return out
}
