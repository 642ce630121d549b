package audit

// copyrightSignal finds listed organisation names of two words or more in
// the copyright text ("Copyright (c) 2011 Kaspersky Lab ZAO"). One-word
// names are left out: "Copyright 2020 Alan Kaspersky" is a person.
type copyrightSignal struct{}

func (copyrightSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	rules := ix.findInText(c.Copyright, orgPhrases)
	return addHits(hits, rules, c, "copyright", field("copyright"), c.Copyright, roleCopyright, false)
}
