package assess

import (
	"fmt"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// bound returns the regimes bound for the entity's list that apply to the
// entity: a regime naming entities applies to those only.
func (a *Assessor) bound(at *match.Attribution) []*vendorlists.Regime {
	var out []*vendorlists.Regime
	for _, r := range a.regimes[at.List] {
		if len(r.Entities) == 0 || slices.Contains(r.Entities, at.Entity.ID) {
			out = append(out, r)
		}
	}
	return out
}

// coveringEntity returns the bound regimes that apply to the entity and
// prohibit category.
func (a *Assessor) coveringEntity(at *match.Attribution, cat vendorlists.Category) []*vendorlists.Regime {
	var out []*vendorlists.Regime
	for _, r := range a.bound(at) {
		if slices.Contains(r.Covers, cat) {
			out = append(out, r)
		}
	}
	return out
}

// conditions returns the questions a regime's use-dependent conditions
// put on the entity, in list order.
func conditions(r *vendorlists.Regime, entity string) []string {
	var qs []string
	for i := range r.Conditions {
		if slices.Contains(r.Conditions[i].Entities, entity) {
			qs = append(qs, strings.TrimSpace(r.Conditions[i].Question))
		}
	}
	return qs
}

// applyScope narrows a verdict by what the regimes say about the entity:
// a prohibition that holds only for a use the SBOM cannot show becomes a
// review that asks the question; a category every bound regime expressly
// leaves out is printed for information only.
func (a *Assessor) applyScope(at *match.Attribution, why string, j *judgement) {
	switch {
	case j.verdict == VerdictProhibited:
		var questions []string
		for _, r := range j.regimes {
			qs := conditions(r, at.Entity.ID)
			if len(qs) == 0 {
				return // one unconditional prohibition is enough
			}
			for _, q := range qs {
				if !slices.Contains(questions, q) {
					questions = append(questions, q)
				}
			}
		}
		j.verdict = VerdictReview
		j.rationale = fmt.Sprintf("Treated as %s %s software because %s; %s %s it only in a case the SBOM cannot show, so it needs review: %s",
			at.Entity.Name, j.category, why, andList(ids(j.regimes)), verb(j.regimes, "covers", "cover"), strings.Join(questions, " "))
	case j.verdict == VerdictReview && len(j.regimes) == 0 && j.category != vendorlists.CategoryContribution:
		rs := a.bound(at)
		if len(rs) == 0 {
			return
		}
		for _, r := range rs {
			if !slices.Contains(r.OutOfScope, j.category) {
				return
			}
		}
		j.verdict = VerdictInfo
		j.rationale = fmt.Sprintf("Treated as %s %s software because %s, which is outside the scope of every regime of profile %s that binds you (%s), so it is shown for information only.",
			at.Entity.Name, j.category, why, strings.Join(a.profiles, ", "), regimeIDs(rs))
	}
}
