package match

// mentionSignal finds names, products and persons in the description and
// comment: text about the entity, not by it — unless a provenance phrase
// before the name says the component comes from it ("powered by
// Kaspersky"), which needs review.
type mentionSignal struct{}

func (mentionSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	hits = provenanceHits(ix, c, hits, "description", field("description"), c.Description)
	return provenanceHits(ix, c, hits, "comment", field("comment"), c.Comment)
}
