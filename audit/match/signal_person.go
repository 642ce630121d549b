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
	for _, f := range [...]struct {
		name string
		o    *sbom.Organization
	}{{"supplier", c.Supplier}, {"manufacturer", c.Manufacturer}, {"originator", c.Originator}} {
		if f.o != nil {
			hits = addHits(hits, ix.person(f.o.Name), c, "person", fieldPath{parent: f.name, name: "name", i: -1}, f.o.Name, roleNameOnly, false)
		}
	}
	return addHits(hits, ix.person(c.Publisher), c, "person", field("publisher"), c.Publisher, roleNameOnly, false)
}

// person returns the rules of a listed person named in full in value
// ("Person: Name (mail)", "Name <mail>").
func (ix *index) person(value string) []*rule {
	if value == "" || !ix.first.mayMatch(value) {
		return nil
	}
	return ix.persons[strings.Join(Tokens(stripTrailingEmail(stripRole(strings.TrimSpace(value)))), " ")]
}
