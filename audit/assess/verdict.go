package assess

import (
	"fmt"
	"strings"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// judgement is the category, verdict and confidence of one finding, with
// the regimes that prohibit its category: all of them (their obligations
// are listed, upcoming ones too) and those in force on the as-of date.
type judgement struct {
	category   vendorlists.Category
	verdict    Verdict
	confidence match.Confidence
	rationale  string
	list       *vendorlists.List
	regimes    []*vendorlists.Regime
	inForce    []*vendorlists.Regime
	// reaching are regimes whose wording may reach the category: they
	// make a finding review, with their obligations, never prohibited.
	reaching []*vendorlists.Regime
}

// judge applies the verdict rules to an attribution: which bound regimes
// prohibit its category, and whether they are in force on the as-of date.
func (a *Assessor) judge(at *match.Attribution) judgement {
	cat, why := at.Category, at.Reason
	j := judgement{category: cat, confidence: at.Confidence, list: at.List}
	if cat != vendorlists.CategoryMention {
		j.regimes = a.coveringEntity(at, cat)
		j.inForce = a.inForce(j.regimes)
		j.reaching = a.inForce(a.reachingRegimes(at, cat))
	}
	switch {
	case cat == vendorlists.CategoryMention:
		j.verdict = VerdictInfo
	case cat == vendorlists.CategoryContribution:
		j.verdict = VerdictReview
	case at.NameOnly:
		j.verdict = VerdictReview
	case len(j.inForce) > 0:
		j.verdict = VerdictProhibited
	default:
		j.verdict = VerdictReview
	}
	j.rationale = a.rationale(at, why, j, at.NameOnly)
	a.applyScope(at, why, &j)
	return j
}

// rationale says in one sentence why the finding has its verdict.
func (a *Assessor) rationale(at *match.Attribution, why string, j judgement, bare bool) string {
	name := at.Entity.Name
	switch {
	case j.verdict == VerdictInfo:
		return fmt.Sprintf("The component only mentions %s: %s.", name, why)
	case j.category == vendorlists.CategoryContribution:
		return fmt.Sprintf("Only the copyright names %s (%s) while someone else supplies the component, so whether %s developed it in part needs review.", name, why, name)
	case bare && j.category == vendorlists.CategoryIntegration:
		return fmt.Sprintf("Only this ties the component to %s: %s; whether it integrates %s code needs review.", name, why, name)
	case bare:
		return fmt.Sprintf("Only a name points to %s (%s) and nothing corroborates it, so it needs review.", name, why)
	case j.verdict == VerdictProhibited:
		return fmt.Sprintf("Treated as %s %s software because %s, which %s prohibits.",
			name, j.category, why, regimeIDs(j.inForce))
	case len(j.regimes) > 0 || len(j.reaching) > 0:
		var parts []string
		if len(j.regimes) > 0 {
			parts = append(parts, fmt.Sprintf("%s, so as of %s nothing prohibits it yet", a.notYet(j.regimes), formatDate(a.asOf)))
		}
		if len(j.reaching) > 0 {
			parts = append(parts, fmt.Sprintf("the wording of %s may reach it (see its caveats)", regimeIDs(j.reaching)))
		}
		return fmt.Sprintf("Treated as %s %s software because %s; %s; it needs review.",
			name, j.category, why, strings.Join(parts, "; "))
	}
	return fmt.Sprintf("Treated as %s %s software because %s, which no regime of profile %s prohibits, so it needs review.",
		name, j.category, why, strings.Join(a.profiles, ", "))
}

// notYet says when each regime not yet in force takes effect.
func (a *Assessor) notYet(rs []*vendorlists.Regime) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s takes effect on %s", r.ID, r.EffectiveDate())
	}
	return strings.Join(parts, ", ")
}

func regimeIDs(rs []*vendorlists.Regime) string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// stampRationale says why a stamped OS is a review of the OS itself.
func stampRationale(s *match.OSStamp, entity string) string {
	return fmt.Sprintf("%s the CPE of the operating system %q of %s (e.g. %s), which names the distribution, not who wrote each package: one finding for the operating system instead of one per package. Whether that operating system is equipment or a service of %s that your regimes reach needs review.",
		components(s.Components), s.Product, entity, s.CPE, entity)
}

// components says how many components carry a stamp: "1 component
// carries", "3 components carry".
func components(n int) string {
	if n == 1 {
		return "1 component carries"
	}
	return fmt.Sprintf("%d components carry", n)
}
