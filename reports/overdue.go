package reports

import (
	"slices"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/audit/assess"
)

// Tracked reports a case status a ledger keeps live: open or reported.
// Such a case's ledger records every submission, so a deadline that passed
// with none recorded was missed.
func Tracked(status string) bool {
	return status == audit.CaseOpen || status == audit.CaseReported
}

// OverdueObligations returns obs with every passed deadline restated as
// overdue (in business days, as of asOf) when the case is tracked, so
// that the summaries put it first and say it was missed; a copy when
// anything changes, obs itself otherwise.
func OverdueObligations(obs []Obligation, caseStatus string, asOf time.Time) []Obligation {
	if !Tracked(caseStatus) || asOf.IsZero() {
		return obs
	}
	var out []Obligation
	for i, o := range obs {
		due, err := time.Parse(time.DateOnly, o.Due)
		if err != nil {
			continue
		}
		s := assess.Overdue(o.Status, due, asOf)
		if s == o.Status {
			continue
		}
		if out == nil {
			out = slices.Clone(obs)
		}
		out[i].Status = s
	}
	if out == nil {
		return obs
	}
	return out
}
