package match

import (
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
)

// orgSignal matches the organisation fields: supplier, manufacturer,
// publisher, originator and author names.
type orgSignal struct{}

func (orgSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if c.Supplier != nil {
		hits = orgField(ix, c, hits, "supplier", supplierName(c), c.Supplier.Name, roleSupplier, true, isPerson(c.Supplier))
	}
	if c.Manufacturer != nil {
		hits = orgField(ix, c, hits, "manufacturer", field("manufacturer.name"), c.Manufacturer.Name, roleManufacturer, true, isPerson(c.Manufacturer))
	}
	hits = orgField(ix, c, hits, "publisher", field("publisher"), c.Publisher, roleMaker, true, false)
	if c.Originator != nil {
		hits = orgField(ix, c, hits, "originator", field("originator.name"), c.Originator.Name, roleOriginator, false, isPerson(c.Originator))
	}
	for i, a := range c.Authors {
		hits = orgField(ix, c, hits, "author", indexed("authors", i, ".name"), a.Name, roleMaker, false, false)
	}
	return hits
}

// supplierField is the model field that holds the component's supplier:
// a CycloneDX service's is its provider.
func supplierField(c *sbom.Component) string {
	if c.Type == serviceType {
		return "provider"
	}
	return "supplier"
}

// serviceType is the type the decoders give a CycloneDX service.
const serviceType = "service"

// supplierName is the field path of the supplier's name.
func supplierName(c *sbom.Component) fieldPath {
	return fieldPath{parent: supplierField(c), name: "name", i: -1}
}

func isPerson(o *sbom.Organization) bool { return strings.EqualFold(o.Kind, "Person") }

// orgField adds the hits of one organisation field; only the whole field
// naming the entity counts as identifying it. A field that only begins
// with the entity's one-word brand ("Kaspersky OEM Technologies") is at
// least review — unless the field is a person's, whose surname may
// merely be the brand.
func orgField(ix *index, c *sbom.Component, hits []hit, sig string, field fieldPath, value string, ro role, identity, person bool) []hit {
	if value == "" || !ix.first.mayMatch(value) {
		return hits
	}
	exact, within := ix.matchOrg(value)
	hits = addHits(hits, exact, c, sig, field, value, ro, identity)
	hits = addHits(hits, within, c, sig, field, value, ro, false)
	if len(exact) == 0 && len(within) == 0 && !person {
		hits = brandPrefix(ix, c, hits, sig, field, value, ro)
	}
	return hits
}

// brandPrefix matches an organisation field that opens with a listed
// one-word name and goes on: a listed team or product in it ("Kaspersky
// GReAT", "Kaspersky ICS CERT") counts with the field's role and the
// product's category; otherwise the field is an unlisted unit of the
// entity, which needs review. "Kaspersky, Marek" (surname first) is a
// person.
func brandPrefix(ix *index, c *sbom.Component, hits []hit, sig string, fp fieldPath, value string, ro role) []hit {
	if len(ix.brands) == 0 {
		return hits
	}
	norm := NormalizeOrg(value)
	first, _, ok := strings.Cut(norm, " ")
	if !ok || ix.brands[first] == nil || surnameFirst(value) {
		return hits
	}
	toks := strings.Fields(norm)
	var products []*rule
	for _, p := range ix.phrases[first] {
		if p.rule.kind == kindProduct && hasWordsAt(toks, 0, p.toks) {
			products = append(products, p.rule)
		}
	}
	if len(products) > 0 {
		return addHits(hits, products, c, sig, fp, value, ro, false)
	}
	if corporateWords(toks[1:]) {
		// "HiSilicon Technologies Co., Ltd.", "Huawei Device Co., Ltd.": the
		// brand and words any company name has; a longer, more formal name
		// must not weaken the finding.
		return addHits(hits, ix.brands[first], c, sig, fp, value, ro, false)
	}
	return addHits(hits, ix.brands[first], c, sig, fp, value, roleNameOnly, false)
}

// corporateDescriptors are words that describe any company, not a unit or
// product of it.
var corporateDescriptors = map[string]bool{
	"technologies": true, "technology": true, "tech": true, "device": true, "devices": true,
	"semiconductor": true, "semiconductors": true, "electronics": true, "electronic": true,
	"communication": true, "communications": true, "telecommunication": true, "telecommunications": true,
	"software": true, "systems": true, "system": true, "digital": true, "group": true, "holdings": true,
	"holding": true, "international": true, "global": true, "company": true, "enterprise": true,
	"enterprises": true, "industries": true, "industrial": true, "terminal": true, "terminals": true,
}

func corporateWords(toks []string) bool {
	for _, w := range toks {
		if !corporateDescriptors[w] {
			return false
		}
	}
	return len(toks) > 0
}

// surnameFirst reports "Surname, Given" and "Surname Given <mail>" forms
// of a person's name: a comma right after the first word.
func surnameFirst(value string) bool {
	v := strings.TrimSpace(stripRole(value))
	i := strings.IndexAny(v, " ,")
	return i > 0 && v[i] == ','
}
