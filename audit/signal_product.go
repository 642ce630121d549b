package audit

// productSignal finds product names and organisation names in the
// component name. A product name that carries the entity's brand
// ("Kaspersky Endpoint Security") is strong; a bare project name
// ("Kaspresso") needs corroboration; an organisation name in a component
// name ("kaspersky_av.lua") is something named after the entity.
type productSignal struct{}

func (productSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	for _, r := range ix.findInText(c.Name, namePhrases) {
		one := []*rule{r}
		switch {
		case r.kind != kindProduct:
			hits = addHits(hits, one, c, "name", field("name"), c.Name, roleMention, false)
		case r.branded:
			hits = addHits(hits, one, c, "product", field("name"), c.Name, roleMaker, false)
		default:
			hits = addHits(hits, one, c, "product", field("name"), c.Name, roleNameOnly, false)
		}
	}
	return hits
}
