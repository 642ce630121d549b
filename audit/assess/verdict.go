package assess

import (
	"fmt"
	"slices"
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
	// open are the regimes in force that bind the user for the entity
	// and make a finding no regime covers a question (see open.go); like
	// reaching ones, they give a review their obligations.
	open []*vendorlists.Regime
	// context are the informational regimes that bind the user for the
	// entity, named when nothing else does.
	context []*vendorlists.Regime
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
		if len(j.regimes) == 0 && len(j.reaching) == 0 {
			j.open, j.context = a.openRegimes(at, cat)
		}
	}
	switch {
	case cat == vendorlists.CategoryMention:
		j.verdict = VerdictInfo
	case cat == vendorlists.CategoryContribution:
		j.verdict = VerdictReview
		if len(j.regimes)+len(j.reaching)+len(j.open) == 0 && len(a.bound(at)) > 0 {
			j.verdict = VerdictInfo // no bound regime turns on authorship
		}
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
	case j.category == vendorlists.CategoryContribution:
		questioning := append(append(append([]*vendorlists.Regime{}, j.regimes...), j.reaching...), j.open...)
		return a.contributionRationale(at, why, questioning, a.bound(at))
	case j.verdict == VerdictInfo:
		return fmt.Sprintf("The component only mentions %s: %s.", name, why)
	case bare && j.category == vendorlists.CategoryIntegration:
		return fmt.Sprintf("Only this ties the component to %s: %s; whether it integrates %s code needs review%s.", name, why, name,
			a.bareNote(at, j))
	case bare:
		return fmt.Sprintf("Only a name points to %s (%s) and nothing corroborates it, so it needs review%s.", name, why,
			a.bareNote(at, j))
	case j.verdict == VerdictProhibited:
		// "cover", not "prohibit": §889 Part B bars the Government from
		// contracting with a user of the component, it prohibits nothing
		// itself; the obligations say what each regime requires.
		return fmt.Sprintf("Treated as %s %s software because %s, which %s %s: the obligations listed say what %s.",
			name, j.category, why, andList(ids(j.inForce)), verb(j.inForce, "covers", "cover"), verb(j.inForce, "it requires", "each requires"))
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
	case len(j.open) > 0:
		return openRationale(name, j.category, why, j.open)
	case len(j.context) > 0:
		return contextRationale(name, j.category, why, j.context)
	}
	return fmt.Sprintf("Treated as %s %s software because %s, which no regime of profile %s prohibits, so it needs review.",
		name, j.category, why, strings.Join(a.profiles, ", "))
}

// bareNote names the regimes that make a bare name's review matter: those
// that cover the category (with the questions their conditions ask),
// those in force only later, those whose wording may reach it, or those
// that make it a question; "" when none binds the user for the entity.
func (a *Assessor) bareNote(at *match.Attribution, j judgement) string {
	if note := conditionsNote(j.regimes, at.Entity.ID); note != "" {
		return note
	}
	switch {
	case len(j.inForce) > 0:
		return fmt.Sprintf("; if it is, %s %s it", andList(ids(j.inForce)), verb(j.inForce, "covers", "cover"))
	case len(j.regimes) > 0:
		return fmt.Sprintf("; if it is, %s will cover it (%s)", andList(ids(j.regimes)), a.notYet(j.regimes))
	case len(j.reaching) > 0:
		return fmt.Sprintf("; if it is, the wording of %s may reach it (see the caveats)", andList(ids(j.reaching)))
	case len(j.open) > 0:
		return fmt.Sprintf("; if it is, whether %s %s it is a further question", andList(ids(j.open)), verb(j.open, "reaches", "reach"))
	case len(j.context) > 0:
		return fmt.Sprintf("; %s %s you for this entity for context only", andList(ids(j.context)), verb(j.context, "binds", "bind"))
	}
	return ""
}

// conditionsNote asks the questions the covering regimes' conditions put
// on the entity (a Lorex item's production date, a Hikvision camera's
// use): "" when there are none.
func conditionsNote(rs []*vendorlists.Regime, entity string) string {
	var with []*vendorlists.Regime
	var questions []string
	for _, r := range rs {
		qs := conditions(r, entity)
		if len(qs) > 0 {
			with = append(with, r)
		}
		for _, q := range qs {
			if !slices.Contains(questions, q) {
				questions = append(questions, q)
			}
		}
	}
	if len(questions) == 0 {
		return ""
	}
	q := strings.TrimSuffix(strings.Join(questions, " "), ".")
	return fmt.Sprintf("; %s %s it only in a case the SBOM cannot show: %s", andList(ids(with)), verb(with, "covers", "cover"), q)
}

func ids(rs []*vendorlists.Regime) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
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
