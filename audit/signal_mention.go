package audit

// mentionSignal finds names, products and persons in the description and
// comment: text about the entity, not by it.
type mentionSignal struct{}

func (mentionSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	rules := ix.findInText(c.Description, allPhrases)
	hits = addHits(hits, rules, c, "description", field("description"), c.Description, roleMention, false)
	rules = ix.findInText(c.Comment, allPhrases)
	return addHits(hits, rules, c, "comment", field("comment"), c.Comment, roleMention, false)
}
