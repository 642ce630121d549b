package audit

import (
	"fmt"
	"time"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// CaseObligations dates the obligations of a remembered case on the
// auditor's as-of date, as an audit of its component would, counted from
// the case's identification and, when recorded, its report. It is what
// `embargo cases` lists for each case without reading its SBOM again. The
// entity must be in the lists.
func (a *Auditor) CaseObligations(entity EntityRef, cat vendorlists.Category, verdict Verdict, identified, reported, followedUp time.Time) ([]Obligation, error) {
	l, e := a.entityOf(entity)
	if e == nil {
		return nil, fmt.Errorf("entity %s/%s is in none of the lists loaded", entity.List, entity.ID)
	}
	entity.Name = e.Name
	return a.as.CaseObligations(l, entity, cat, verdict, a.as.Recalled(identified, reported, followedUp)), nil
}

// EntityName is the name of a listed entity, "" when no list has it.
func (a *Auditor) EntityName(entity EntityRef) string {
	if _, e := a.entityOf(entity); e != nil {
		return e.Name
	}
	return ""
}

// entityOf finds a listed entity by reference.
func (a *Auditor) entityOf(ref EntityRef) (*vendorlists.List, *vendorlists.Entity) {
	for _, l := range a.lists {
		if l.ID != ref.List {
			continue
		}
		for i := range l.Entities {
			if l.Entities[i].ID == ref.ID {
				return l, &l.Entities[i]
			}
		}
	}
	return nil, nil
}
