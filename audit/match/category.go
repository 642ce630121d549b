package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

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
