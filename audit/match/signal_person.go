package match

import (
	"strings"
)

// personSignal matches the full names of listed persons in authors. A
// person is not the entity, so the hit is a mention only.
type personSignal struct{}

func (personSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.persons) == 0 {
		return hits
	}
	for i, a := range c.Authors {
		if a.Name == "" || !ix.first.mayMatch(a.Name) {
			continue
		}
		rules := ix.persons[strings.Join(Tokens(stripTrailingEmail(a.Name)), " ")]
		hits = addHits(hits, rules, c, "person", indexed("authors", i, ".name"), a.Name, roleMention, false)
	}
	return hits
}
