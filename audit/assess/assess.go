package assess

import (
	"time"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// Dates are the dates a case's deadlines count from.
type Dates struct {
	// Identified starts the business-day deadlines: the date a ledger
	// first found the case, else --discovered, else the as-of date.
	Identified time.Time
	// Reported is when the case was reported; zero when not recorded.
	Reported time.Time
	// FollowedUp is when the follow-up report (the one due some business
	// days after the report) was submitted; zero when not recorded.
	FollowedUp time.Time
	// recalled marks the dates of a case a ledger knows: the ledger says
	// whether a passed deadline was missed (reports.OverdueObligations).
	recalled bool
}

// Stateless are the dates of a case no ledger knows: identified on
// --discovered, else the as-of date.
func (a *Assessor) Stateless() Dates {
	return Dates{Identified: a.discovered}
}

// Recalled are the dates of a case a ledger knows: its identification
// (else, as for a new case, --discovered or the as-of date), its report
// and its follow-up report.
func (a *Assessor) Recalled(identified, reported, followedUp time.Time) Dates {
	d := a.Stateless()
	d.recalled = true
	if !identified.IsZero() {
		d.Identified = dateOf(identified)
	}
	if !reported.IsZero() {
		d.Reported = dateOf(reported)
	}
	if !followedUp.IsZero() {
		d.FollowedUp = dateOf(followedUp)
	}
	return d
}

// Assessment is what an attribution means for the user on the as-of date.
type Assessment struct {
	Verdict  Verdict
	Category vendorlists.Category
	// Confidence is the attribution's, or low for a mere mention.
	Confidence  match.Confidence
	Rationale   string
	Obligations []Obligation
	// FromIdentification: a deadline counts from the identification date.
	FromIdentification bool
}

// Assess gives an attribution its verdict on the as-of date under the
// bound profiles, and its obligations dated from the case's dates.
func (a *Assessor) Assess(at *match.Attribution, d Dates) Assessment {
	j := a.judge(at)
	out := Assessment{Verdict: j.verdict, Category: j.category, Confidence: j.confidence, Rationale: j.rationale}
	out.Obligations, out.FromIdentification = a.obligationsFor(j, d)
	if at.OSStamp != nil {
		out.Verdict = VerdictReview
		out.Category = vendorlists.CategoryProduct
		out.Rationale = stampRationale(at.OSStamp, at.Entity.Name)
	}
	return out
}

func (a *Assessor) obligationsFor(j judgement, d Dates) ([]Obligation, bool) {
	if j.verdict == VerdictInfo {
		return []Obligation{}, false
	}
	return a.obligations(j.list, append(append(append([]*vendorlists.Regime{}, j.regimes...), j.reaching...), j.open...), d)
}
