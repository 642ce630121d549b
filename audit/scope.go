package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// bound returns the regimes bound for the entity's list that apply to the
// entity: a regime naming entities applies to those only.
func (a *Auditor) bound(e *entry) []*vendorlists.Regime {
	var out []*vendorlists.Regime
	for _, r := range a.regimes[e.list] {
		if len(r.Entities) == 0 || slices.Contains(r.Entities, e.ent.ID) {
			out = append(out, r)
		}
	}
	return out
}

// coveringEntity returns the bound regimes that apply to the entity and
// prohibit category.
func (a *Auditor) coveringEntity(e *entry, cat vendorlists.Category) []*vendorlists.Regime {
	var out []*vendorlists.Regime
	for _, r := range a.bound(e) {
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
func (a *Auditor) applyScope(e *entry, why string, j *judgement) {
	switch {
	case j.verdict == VerdictProhibited:
		var questions []string
		for _, r := range j.regimes {
			qs := conditions(r, e.ent.ID)
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
		j.rationale = fmt.Sprintf("Treated as %s %s software because %s; %s prohibits it only for a use the SBOM cannot show, so it needs review: %s",
			e.ent.Name, j.category, why, regimeIDs(j.regimes), strings.Join(questions, " "))
	case j.verdict == VerdictReview && len(j.regimes) == 0 && j.category != vendorlists.CategoryContribution:
		rs := a.bound(e)
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
			e.ent.Name, j.category, why, strings.Join(a.profiles, ", "), regimeIDs(rs))
	}
}

// equipmentTypes are the component types that are equipment, which a CPE
// of part o (firmware, OS) or h (hardware) also shows.
var equipmentTypes = []string{"firmware", "device", "hardware", "device-driver"}

// productScope narrows "product" for an entity whose products come only
// in some component types (equipment, an application): other software
// the entity made is non-security software, not its product.
func productScope(c *sbom.Component, e *entry, hs []hit, cat vendorlists.Category, why string) (vendorlists.Category, string) {
	kinds := e.ent.ProductTypes
	if cat != vendorlists.CategoryProduct || len(kinds) == 0 || slices.Contains(kinds, strings.ToLower(c.Type)) {
		return cat, why
	}
	equipment := slices.ContainsFunc(kinds, func(k string) bool { return slices.Contains(equipmentTypes, k) })
	if equipment && equipmentCPE(hs) {
		return cat, why
	}
	return vendorlists.CategoryNonSecurity, fmt.Sprintf("%s, and it is software rather than %s's %s",
		why, e.ent.Name, strings.Join(kinds, " or "))
}

// equipmentCPE reports a matched CPE of part o or h.
func equipmentCPE(hs []hit) bool {
	for _, h := range hs {
		if h.ev.Signal != "cpe" {
			continue
		}
		v := strings.ToLower(strings.TrimPrefix(strings.ToLower(h.ev.Value), "p-"))
		for _, p := range []string{"cpe:/o:", "cpe:/h:", "cpe:2.3:o:", "cpe:2.3:h:"} {
			if strings.HasPrefix(v, p) {
				return true
			}
		}
	}
	return false
}
