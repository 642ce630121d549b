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

// isOrgProperty reports properties whose last name segment names a
// person or organisation responsible for the package.
func isOrgProperty(name string) bool {
	seg := name[strings.LastIndexByte(name, ':')+1:]
	for _, w := range [...]string{"vendor", "maintainer", "company", "author", "publisher", "supplier", "manufacturer", "packager", "originator", "organization"} {
		if containsFold(seg, w) {
			return true
		}
	}
	return false
}

// containsFold is an ASCII case-insensitive strings.Contains that does
// not allocate.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
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
