package audit

import "github.com/embargo-sbom/embargo/sbom"

// orgSignal matches the organisation fields: supplier, manufacturer,
// publisher, originator and author names.
type orgSignal struct{}

func (orgSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if c.Supplier != nil {
		hits = orgField(ix, c, hits, "supplier", field("supplier.name"), c.Supplier.Name, roleSupplier, true)
	}
	if c.Manufacturer != nil {
		hits = orgField(ix, c, hits, "manufacturer", field("manufacturer.name"), c.Manufacturer.Name, roleManufacturer, true)
	}
	hits = orgField(ix, c, hits, "publisher", field("publisher"), c.Publisher, roleMaker, true)
	if c.Originator != nil {
		hits = orgField(ix, c, hits, "originator", field("originator.name"), c.Originator.Name, roleOriginator, false)
	}
	for i, a := range c.Authors {
		hits = orgField(ix, c, hits, "author", indexed("authors", i, ".name"), a.Name, roleMaker, false)
	}
	return hits
}

// orgField adds the hits of one organisation field; only the whole field
// naming the entity counts as identifying it.
func orgField(ix *index, c *sbom.Component, hits []hit, sig string, field fieldPath, value string, ro role, identity bool) []hit {
	exact, within := ix.matchOrg(value)
	hits = addHits(hits, exact, c, sig, field, value, ro, identity)
	return addHits(hits, within, c, sig, field, value, ro, false)
}
