package audit

import (
	"fmt"
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// judgement is the category, verdict and confidence of one finding, with
// the regimes that prohibit its category: all of them (their obligations
// are listed, upcoming ones too) and those in force on the as-of date.
type judgement struct {
	category   vendorlists.Category
	verdict    Verdict
	confidence Confidence
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
func (a *Auditor) judge(at *Attribution) judgement {
	e, cat, why := at.entry, at.Category, at.Reason
	j := judgement{category: cat, confidence: at.Confidence, list: e.list}
	if cat != vendorlists.CategoryMention {
		j.regimes = a.coveringEntity(e, cat)
		j.inForce = a.inForce(j.regimes)
		j.reaching = a.inForce(a.reachingRegimes(e, cat))
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
	j.rationale = a.rationale(e, why, j, at.NameOnly)
	a.applyScope(e, why, &j)
	return j
}

// categorise decides what the component is to the entity, and which hit
// decided it, in words.
func categorise(c *sbom.Component, hs []hit) (vendorlists.Category, string) {
	if h := firstRole(hs, roleSupplier); h != nil {
		return madeBy(hs), describe(h)
	}
	supplierOther := c.Supplier != nil && strings.TrimSpace(c.Supplier.Name) != ""
	for _, ro := range []role{roleManufacturer, roleOriginator} {
		if h := firstRole(hs, ro); h != nil && supplierOther {
			return vendorlists.CategoryIntegration,
				fmt.Sprintf("%s while %q supplies it", describe(h), c.Supplier.Name)
		}
	}
	for _, ro := range []role{roleManufacturer, roleOriginator, roleMaker} {
		if h := firstRole(hs, ro); h != nil {
			return madeBy(hs), describe(h)
		}
	}
	if h := firstRole(hs, roleAncestor); h != nil {
		return vendorlists.CategoryIntegration, "it derives from a component of the entity: " + describe(h)
	}
	if h := firstRole(hs, roleCopyright); h != nil {
		return vendorlists.CategoryContribution, describe(h)
	}
	if h := firstRole(hs, roleNameOnly); h != nil {
		return madeBy(hs), describe(h)
	}
	for _, ro := range []role{roleProvenance, roleRelated} {
		if h := firstRole(hs, ro); h != nil {
			return vendorlists.CategoryIntegration, describe(h)
		}
	}
	return vendorlists.CategoryMention, describe(&hs[0])
}

func firstRole(hs []hit, ro role) *hit {
	for i := range hs {
		if hs[i].role == ro {
			return &hs[i]
		}
	}
	return nil
}

func describe(h *hit) string {
	return fmt.Sprintf("%s %q matches %q", h.ev.Field, h.ev.Value, h.ev.Matched)
}

// madeBy is the category of a component the entity made: product, unless
// a matched identifier rule says otherwise.
func madeBy(hs []hit) vendorlists.Category {
	for _, h := range hs {
		if h.cat != "" && h.role != roleMention {
			return h.cat
		}
	}
	for _, kind := range [...]string{kindPURL, kindPackage, kindProduct, kindDomain, kindCPE} {
		for _, h := range hs {
			if h.role != roleMention && h.rule.kind == kind && h.rule.category != "" {
				return h.rule.category
			}
		}
	}
	return vendorlists.CategoryProduct
}

// nameOnly reports a match on a name alone: no strong signal, at least
// one uncorroborated name (shared package name, bare product, guessed CPE).
func nameOnly(hs []hit) bool {
	found := false
	for _, h := range hs {
		if !h.role.weak() {
			return false
		}
		found = found || h.role == roleNameOnly || h.role == roleRelated || h.role == roleProvenance
	}
	return found
}

// confidence is high for two independent strong signals or one strong
// identity signal, medium for one other strong signal, else low.
func confidence(hs []hit) Confidence {
	var strong []string
	for _, h := range hs {
		if h.role.weak() {
			continue
		}
		if h.identity {
			return ConfidenceHigh
		}
		if !contains(strong, h.ev.Signal) {
			strong = append(strong, h.ev.Signal)
		}
	}
	switch {
	case len(strong) >= 2:
		return ConfidenceHigh
	case len(strong) == 1:
		return ConfidenceMedium
	}
	return ConfidenceLow
}

// rationale says in one sentence why the finding has its verdict.
func (a *Auditor) rationale(e *entry, why string, j judgement, bare bool) string {
	name := e.ent.Name
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
func (a *Auditor) notYet(rs []*vendorlists.Regime) string {
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
