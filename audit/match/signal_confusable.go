package match

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/mtibben/confusables"
	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/runenames"
)

// confusableSignal finds names written with look-alike characters from
// other scripts ("Kаspersky" with a Cyrillic а): each non-ASCII letter is
// replaced by its Unicode confusable skeleton (UTS #39, confusables.txt
// via github.com/mtibben/confusables) where that is plain ASCII, and the
// result is matched as the field would be. A name that matches only so
// is a red flag, never silence: it needs review, and the evidence says
// which characters were substituted. Plain ASCII fields cost one scan.
type confusableSignal struct{}

func (confusableSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if plainASCII(t) {
		return hits // nothing can look like anything else
	}
	before := len(hits)
	if c.Supplier != nil {
		hits = confusableOrg(ix, c, hits, supplierName(c), c.Supplier.Name, before)
	}
	if c.Manufacturer != nil {
		hits = confusableOrg(ix, c, hits, field("manufacturer.name"), c.Manufacturer.Name, before)
	}
	hits = confusableOrg(ix, c, hits, field("publisher"), c.Publisher, before)
	if c.Originator != nil {
		hits = confusableOrg(ix, c, hits, field("originator.name"), c.Originator.Name, before)
	}
	for i, a := range c.Authors {
		hits = confusableOrg(ix, c, hits, indexed("authors", i, ".name"), a.Name, before)
	}
	hits = confusableText(ix, c, hits, field("name"), c.Name, namePhrases, before)
	hits = confusableText(ix, c, hits, field("copyright"), c.Copyright, orgPhrases, before)
	for i, ref := range c.ExternalRefs {
		hits = confusableURL(ix, c, hits, indexed("externalRefs", i, ".url"), ref.URL, before)
	}
	return confusablePURL(ix, c, hits, before)
}

// plainASCII reports a component whose fields this signal reads are all
// plain ASCII, with no punycode host: most are, and one check each spares
// building the field paths.
func plainASCII(t *target) bool {
	c := t.Component
	if !isASCII(c.Name) || !isASCII(c.Publisher) || !isASCII(c.Copyright) ||
		!orgASCII(c.Supplier) || !orgASCII(c.Manufacturer) || !orgASCII(c.Originator) {
		return false
	}
	for i := range c.Authors {
		if !isASCII(c.Authors[i].Name) {
			return false
		}
	}
	for i := range c.ExternalRefs {
		if u := c.ExternalRefs[i].URL; !isASCII(u) || strings.Contains(u, "xn--") {
			return false
		}
	}
	return !t.hasPURL || isASCII(t.purl.ns) && isASCII(t.purl.name)
}

func orgASCII(o *sbom.Organization) bool { return o == nil || isASCII(o.Name) }

// confusableURL matches the host of a URL written with look-alike
// characters, or in punycode ("xn--kspersky-labs-w1k.com" is
// "kаspersky-labs.com" with a Cyrillic а), against the listed domains.
func confusableURL(ix *index, c *sbom.Component, hits []hit, fp fieldPath, raw string, before int) []hit {
	host := urlHost(raw)
	if host == "" || isASCII(host) && !strings.Contains(host, "xn--") {
		return hits
	}
	note := ""
	if strings.Contains(host, "xn--") {
		u, err := idna.ToUnicode(host)
		if err != nil || u == host {
			return hits
		}
		note, host = "punycode "+host+" is "+u+"; ", u
	}
	sk, subs := skeleton(host)
	if subs == "" {
		return hits
	}
	return confusableHits(hits, ix.matchDomain(sk), c, fp, raw, note+subs, before)
}

// confusablePURL matches a purl written with look-alike characters.
func confusablePURL(ix *index, c *sbom.Component, hits []hit, before int) []hit {
	sk, subs := skeleton(c.PURL)
	if subs == "" {
		return hits
	}
	p, ok := splitPURL(sk)
	if !ok {
		return hits
	}
	return confusableHits(hits, ix.matchPURL(p, sk), c, field("purl"), c.PURL, subs, before)
}

func confusableOrg(ix *index, c *sbom.Component, hits []hit, fp fieldPath, value string, before int) []hit {
	sk, subs := skeleton(value)
	if subs == "" {
		return hits
	}
	exact, within := ix.matchOrg(sk)
	return confusableHits(hits, append(exact, within...), c, fp, value, subs, before)
}

func confusableText(ix *index, c *sbom.Component, hits []hit, fp fieldPath, value string, k phraseKinds, before int) []hit {
	sk, subs := skeleton(value)
	if subs == "" {
		return hits
	}
	return confusableHits(hits, ix.findInText(sk, k), c, fp, value, subs, before)
}

// confusableHits adds a review hit per rule that the raw value did not
// already match on that field.
func confusableHits(hits []hit, rules []*rule, c *sbom.Component, fp fieldPath, value, subs string, before int) []hit {
	name := fp.String()
	for _, r := range rules {
		if matchedOn(hits[:before], r, name) {
			continue
		}
		hits = append(hits, hit{
			rule: r, role: roleNameOnly,
			ev: Evidence{
				Signal: "confusable", Field: name, Value: value,
				Matched:  r.matched + " (look-alike characters: " + subs + ")",
				Location: c.Origin.Pointer, Line: c.Origin.Line, Column: c.Origin.Column, Rule: r.id, Strength: "weak",
			},
		})
	}
	return hits
}

func matchedOn(hits []hit, r *rule, field string) bool {
	for i := range hits {
		if hits[i].rule == r && hits[i].ev.Field == field {
			return true
		}
	}
	return false
}

// skeleton replaces each non-ASCII letter or digit whose confusable
// skeleton is plain ASCII by that skeleton, and describes the
// substitutions ("U+0430 CYRILLIC SMALL LETTER A for a"); subs is "" when
// nothing was substituted, which for ASCII text costs no allocation.
func skeleton(s string) (sk, subs string) {
	if s == "" || isASCII(s) {
		return "", ""
	}
	var b, d strings.Builder
	prev := rune(0)
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) && prev < utf8.RuneSelf && unicode.IsLetter(prev) {
			// A combining mark on a Latin letter that has no composed
			// form ("s̶" with U+0336 COMBINING LONG STROKE OVERLAY)
			// disguises the letter without replacing it.
			if d.Len() > 0 {
				d.WriteString(", ")
			}
			fmt.Fprintf(&d, "U+%04X %s on %q", r, runenames.Name(r), prev)
			continue
		}
		prev = r
		if r < utf8.RuneSelf || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			continue
		}
		x := confusables.Skeleton(string(r))
		if x == "" || !isASCII(x) || x == string(r) {
			b.WriteRune(r)
			continue
		}
		b.WriteString(x)
		if d.Len() > 0 {
			d.WriteString(", ")
		}
		fmt.Fprintf(&d, "%q U+%04X %s for %q", r, r, runenames.Name(r), x)
	}
	return b.String(), d.String()
}

func isASCII(s string) bool {
	// Eight bytes at a time: every field of every component passes here.
	for ; len(s) >= 8; s = s[8:] {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		if w&0x8080808080808080 != 0 {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
