package match

import (
	"strings"
)

// propertySignal reads name/value properties. Values of organisation-like
// properties (syft's "syft:metadata:maintainer", "...:vendor") are
// organisation names; any other value can only mention the entity.
type propertySignal struct{}

func (propertySignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	for i, p := range c.Properties {
		switch {
		case isOpaqueProperty(p.Name):
		case isOrgProperty(p.Name):
			exact, within := ix.matchOrg(p.Value)
			hits = addHits(hits, exact, c, "property", indexed("properties", i, ".value"), p.Value, roleMaker, false)
			hits = addHits(hits, within, c, "property", indexed("properties", i, ".value"), p.Value, roleMaker, false)
		default:
			rules := ix.findInText(p.Value, allPhrases)
			hits = addHits(hits, rules, c, "property", indexed("properties", i, ".value"), p.Value, roleMention, false)
		}
	}
	return hits
}

// orgWords are the name segments that mark an organisation-like
// property, indexed by their first letter so that isOrgProperty reads a
// segment once instead of once per word: it runs for every property of
// every component, twice.
var orgWords = func() (t [26][]string) {
	for _, w := range [...]string{"vendor", "maintainer", "company", "author", "publisher", "supplier", "manufacturer", "packager", "originator", "organization"} {
		t[w[0]-'a'] = append(t[w[0]-'a'], w)
	}
	return t
}()

// isOrgProperty reports properties whose last name segment names a
// person or organisation responsible for the package. The comparison is
// ASCII case-insensitive: a same-length window cannot fold a multi-byte
// rune to one of these ASCII words.
func isOrgProperty(name string) bool {
	seg := name[strings.LastIndexByte(name, ':')+1:]
	for i := 0; i < len(seg); i++ {
		c := seg[i] | 0x20 // lower-cases ASCII letters; no other byte becomes one
		if c < 'a' || c > 'z' {
			continue
		}
		for _, w := range orgWords[c-'a'] {
			if len(seg)-i >= len(w) && strings.EqualFold(seg[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// isOpaqueProperty reports properties whose values are identifiers read
// by other signals (CPEs) or tool bookkeeping.
func isOpaqueProperty(name string) bool {
	return name == "syft:cpe23" || strings.HasPrefix(name, "syft:package:") ||
		strings.HasPrefix(name, "syft:location:") && strings.HasSuffix(name, ":layerID")
}
