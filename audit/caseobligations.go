package audit

import (
	"fmt"
	"time"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// CaseObligations dates the obligations of a remembered case on the
// auditor's as-of date, as an audit of its component would: the regimes
// the bound profiles apply to the entity for the category, counted from
// the case's identification and, when recorded, its report. It is what
// `embargo cases` lists for each case without reading its SBOM again; a
// case whose verdict is info has none. The entity must be in the lists.
func (a *Auditor) CaseObligations(entity EntityRef, cat vendorlists.Category, verdict Verdict, identified, reported time.Time) ([]Obligation, error) {
	e := a.entryOf(entity)
	if e == nil {
		return nil, fmt.Errorf("entity %s/%s is in none of the lists loaded", entity.List, entity.ID)
	}
	if verdict == VerdictInfo || cat == vendorlists.CategoryMention {
		return []Obligation{}, nil
	}
	d := caseDates{identified: a.discovered}
	if !identified.IsZero() {
		d.identified = dateOf(identified)
	}
	if !reported.IsZero() {
		d.reported = dateOf(reported)
	}
	regimes := append(a.coveringEntity(e, cat), a.inForce(a.reachingRegimes(e, cat))...)
	out, _ := a.obligations(e.list, regimes, d)
	return out, nil
}

// EntityName is the name of a listed entity, "" when no list has it.
func (a *Auditor) EntityName(entity EntityRef) string {
	if e := a.entryOf(entity); e != nil {
		return e.ent.Name
	}
	return ""
}

func (a *Auditor) entryOf(entity EntityRef) *entry {
	for _, e := range a.ix.entries {
		if e.list.ID == entity.List && e.ent.ID == entity.ID {
			return e
		}
	}
	return nil
}
