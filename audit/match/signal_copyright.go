package match

import (
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
)

// copyrightSignal finds listed organisation names of two words or more in
// the copyright text ("Copyright (c) 2011 Kaspersky Lab ZAO"). One-word
// names are left out: "Copyright 2020 Alan Kaspersky" is a person. A
// holder that opens with the entity's one-word brand and goes on
// ("(c) Kaspersky OEM Technologies") is a unit of the entity.
type copyrightSignal struct{}

func (copyrightSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	return copyrightHits(ix, c, hits, "copyright", field("copyright"), c.Copyright)
}

func copyrightHits(ix *index, c *sbom.Component, hits []hit, sig string, fp fieldPath, value string) []hit {
	rules := ix.findInText(value, orgPhrases)
	hits = addHits(hits, rules, c, sig, fp, value, roleCopyright, false)
	if len(rules) == 0 && len(ix.brands) > 0 && value != "" && ix.first.mayMatch(value) {
		if b := ix.brands[holderBrand(Tokens(value))]; b != nil {
			hits = addHits(hits, b, c, sig, fp, value, roleCopyright, false)
		}
	}
	return hits
}

// holderBrand returns the first word of each copyright holder in toks
// that is followed by another word ("copyright 2019 kaspersky oem
// technologies all rights reserved" gives "kaspersky"), or "" when no
// holder opens with a word that could be a brand.
func holderBrand(toks []string) string {
	for i := 0; i < len(toks); i++ {
		switch w := toks[i]; {
		case w == "copyright" || w == "c" || w == "portions" || w == "by" || isYear(w):
			continue
		case i+1 < len(toks) && !isHolderEnd(toks[i+1]):
			return w
		default:
			return ""
		}
	}
	return ""
}

func isYear(w string) bool {
	if len(w) < 2 || len(w) > 4 {
		return false
	}
	return strings.Trim(w, "0123456789") == ""
}

// isHolderEnd reports words that end a holder: "Kaspersky. All rights
// reserved" is one word long.
func isHolderEnd(w string) bool {
	return w == "all" || w == "and" || w == "et" || isYear(w)
}
