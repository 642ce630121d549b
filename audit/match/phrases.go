package match

import "strings"

// phraseKinds selects which dictionary entries a text search reports.
type phraseKinds uint8

const (
	phraseNames    phraseKinds = 1 << iota // organisation names of two words or more
	phraseSingle                           // one-word organisation names ("Kaspersky")
	phraseProducts                         // product names
	phrasePersons                          // full names of persons
	phraseGlued                            // names written as one word: "KasperskyLab"

	allPhrases  = phraseNames | phraseSingle | phraseProducts | phrasePersons
	orgPhrases  = phraseNames | phraseGlued
	namePhrases = phraseNames | phraseSingle | phraseProducts | phraseGlued
)

// accepts reports whether k selects p. Glued forms are only looked for
// in names and copyright, where a vendor writes its own name; in free
// text a glued name is a registry key or an identifier, not a maker.
func (k phraseKinds) accepts(p phrase) bool {
	if p.glued && k&phraseGlued == 0 {
		return false
	}
	switch p.rule.kind {
	case kindName:
		if len(p.toks) == 1 && !p.glued {
			return k&phraseSingle != 0
		}
		return k&phraseNames != 0
	case kindProduct:
		return k&phraseProducts != 0
	case kindPerson:
		return k&phrasePersons != 0
	}
	return false
}

// findInText returns the rules whose words occur in s on word boundaries.
func (ix *index) findInText(s string, k phraseKinds) []*rule {
	if s == "" || !ix.first.mayMatch(s) {
		return nil
	}
	return ix.findPhrases(Tokens(s), k)
}

func (ix *index) findPhrases(toks []string, k phraseKinds) []*rule {
	var found []*rule
	for i, t := range toks {
		for _, p := range ix.phrases[t] {
			if k.accepts(p) && hasWordsAt(toks, i, p.toks) && !containsRule(found, p.rule) {
				found = append(found, p.rule)
			}
		}
	}
	return found
}

func hasWordsAt(toks []string, i int, words []string) bool {
	if len(toks)-i < len(words) {
		return false
	}
	for j, w := range words {
		if toks[i+j] != w {
			return false
		}
	}
	return true
}

func containsRule(rules []*rule, r *rule) bool {
	for _, x := range rules {
		if x == r {
			return true
		}
	}
	return false
}

// matchOrg matches an organisation field: exact is the whole field naming
// a listed organisation, within a listed name of two words or more inside
// a longer field ("Kaspersky Lab Polska").
func (ix *index) matchOrg(value string) (exact, within []*rule) {
	if value == "" || !ix.first.mayMatch(value) {
		return nil, nil
	}
	norm := NormalizeOrg(value)
	exact = ix.orgs[norm]
	toks := strings.Fields(norm)
	for _, r := range ix.findPhrases(toks, orgPhrases) {
		if !containsRule(exact, r) {
			within = append(within, r)
		}
	}
	if ix.cjk.names != nil && !isASCII(norm) {
		exact, within = ix.matchCJK(toks, exact, within)
	}
	return exact, within
}

// matchCJK adds what segmenting the CJK words of a normalised name finds:
// a name that is one CJK word and segments into places, a listed name and
// descriptors is that name (exact); anything else found is within.
// exact may be the index's own slice: it is replaced, never appended to.
func (ix *index) matchCJK(toks []string, exact, within []*rule) ([]*rule, []*rule) {
	for _, w := range toks {
		e, in := ix.cjk.match(w)
		if len(toks) == 1 && len(exact) == 0 {
			exact = e
		} else {
			in = append(in, e...)
		}
		for _, r := range in {
			if !containsRule(exact, r) && !containsRule(within, r) {
				within = append(within, r)
			}
		}
	}
	return exact, within
}
