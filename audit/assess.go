package audit

import (
	"time"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// caseDates are the dates a case's deadlines count from.
type caseDates struct {
	// identified starts the business-day deadlines: the date a ledger
	// first found the case, else --discovered, else the as-of date.
	identified time.Time
	// reported is when the case was reported; zero when not recorded.
	reported time.Time
}

// statelessDates are the dates of a run without memory.
func (a *Auditor) statelessDates() caseDates {
	return caseDates{identified: a.discovered}
}

// assessAll assesses attributions statelessly, each input its own
// subject.
func (a *Auditor) assessAll(ats []Attribution) []Finding {
	if len(ats) == 0 {
		return nil
	}
	out := make([]Finding, len(ats))
	for i := range ats {
		out[i], _ = a.assess(&ats[i], ats[i].Input, a.statelessDates())
	}
	return out
}

// assess turns an attribution into a finding of subject: its verdict on
// the as-of date under the bound profiles, and its obligations dated from
// the case's dates. fromIdent reports a deadline counted from the
// identification date.
func (a *Auditor) assess(at *Attribution, subject string, d caseDates) (f Finding, fromIdent bool) {
	j := a.judge(at)
	key := NewCaseKey(subject, at.Component, at.Entity)
	f = Finding{
		ID:         findingID(subject, at.Entity.ID, keyOf(at.Component)),
		Input:      at.Input,
		Component:  at.Component,
		Entity:     at.Entity,
		Verdict:    j.verdict,
		Confidence: j.confidence,
		Category:   j.category,
		Rationale:  j.rationale,
		Evidence:   at.Evidence,
		Path:       at.Path,
		CaseKey:    key,
		Case:       Case{ID: key.ID(), Status: CaseUntracked, Identified: d.identified, Reported: d.reported},
	}
	f.Obligations, fromIdent = a.obligationsFor(j, d)
	if at.OSStamp != nil {
		f.Verdict = VerdictReview
		f.Category = vendorlists.CategoryProduct
		f.Rationale = stampRationale(at.OSStamp, at.Entity.Name)
	}
	return f, fromIdent
}

func (a *Auditor) obligationsFor(j judgement, d caseDates) ([]Obligation, bool) {
	if j.verdict == VerdictInfo {
		return []Obligation{}, false
	}
	return a.obligations(j.list, append(j.regimes, j.reaching...), d)
}
