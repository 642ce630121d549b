package match

import (
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
)

// personSignal matches the full names of listed persons in authors and in
// the organisation fields, where SPDX writes "Person: ...". A person is
// not the entity: as an author only a mention.
type personSignal struct{}

func (personSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.persons) == 0 {
		return hits
	}
	for i, a := range c.Authors {
		hits = addHits(hits, ix.person(a.Name), c, "person", indexed("authors", i, ".name"), a.Name, roleMention, false)
	}
	// A listed person who supplies, makes or publishes the component is a
	// party to the deal, not only a name in its history: review.
	if c.Supplier != nil {
		hits = personOrg(ix, c, hits, supplierField(c), c.Supplier)
	}
	hits = personOrg(ix, c, hits, "manufacturer", c.Manufacturer)
	hits = personOrg(ix, c, hits, "originator", c.Originator)
	if c.Publisher != "" {
		hits = addHits(hits, ix.person(c.Publisher), c, "person", field("publisher"), c.Publisher, roleNameOnly, false)
	}
	return hits
}

func personOrg(ix *index, c *sbom.Component, hits []hit, parent string, o *sbom.Organization) []hit {
	if o == nil || o.Name == "" {
		return hits
	}
	return addHits(hits, ix.person(o.Name), c, "person", fieldPath{parent: parent, name: "name", i: -1}, o.Name, roleNameOnly, false)
}

// person returns the rules of a listed person named in full in value
// ("Person: Name (mail)", "Name <mail>").
func (ix *index) person(value string) []*rule {
	if value == "" || !ix.first.mayMatch(value) {
		return nil
	}
	return ix.persons[strings.Join(Tokens(stripTrailingEmail(stripRole(strings.TrimSpace(value)))), " ")]
}
