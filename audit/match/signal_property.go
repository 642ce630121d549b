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
		case t.props[i]&propOpaque != 0:
		case t.props[i]&propOrg != 0:
			exact, within := ix.matchOrg(p.Value)
			hits = addHits(hits, exact, c, "property", indexed("properties", i, ".value"), p.Value, roleMaker, false)
			hits = addHits(hits, within, c, "property", indexed("properties", i, ".value"), p.Value, roleMaker, false)
		default:
			rules := t.gate.findInText(ix, p.Value, allPhrases)
			hits = addHits(hits, rules, c, "property", indexed("properties", i, ".value"), p.Value, roleMention, false)
		}
	}
	return hits
}

// propClass says how a property's value is read, from its name: a set
// of the flags below, none for free text (which can only mention an
// entity).
type propClass uint8

const (
	propOrg    propClass = 1 << iota // names an organisation or person responsible for the package
	propOpaque                       // an identifier another signal reads (CPE), or tool bookkeeping
	propPath                         // a file path or registry key where the component is found
)

func classifyProperty(name string) propClass {
	var c propClass
	if isOpaqueProperty(name) {
		c |= propOpaque
	}
	if isOrgProperty(name) {
		c |= propOrg
	}
	if l := strings.ToLower(name); c&propOpaque == 0 && (strings.Contains(l, "path") || strings.Contains(l, "location") || strings.Contains(l, "registry")) {
		c |= propPath
	}
	return c
}

// propMemo remembers the class of recently seen property names: an SBOM
// repeats a handful of names (syft's "syft:package:foundBy",
// "syft:location:0:path"...) on every component. Direct-mapped; a name
// is copied in, so that the memo keeps no document alive.
type propMemo [256]struct {
	name  string
	class propClass
	set   bool
}

func (m *propMemo) class(name string) propClass {
	if name == "" {
		return classifyProperty(name)
	}
	// The hash reads the last eight bytes in one load: the names a tool
	// repeats share their prefix ("syft:package:") and differ at the end.
	n := len(name)
	var tail uint64
	if n >= 8 {
		t := name[n-8:] // the compiler merges these into one load
		tail = uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
	} else {
		for i := 0; i < n; i++ {
			tail = tail<<8 | uint64(name[i])
		}
	}
	h := (tail ^ uint64(n)*0x9e3779b97f4a7c15) * 0xff51afd7ed558ccd
	e := &m[h>>56]
	if e.set && e.name == name {
		return e.class
	}
	c := classifyProperty(name)
	e.name, e.class, e.set = strings.Clone(name), c, true
	return c
}

// orgWords are the name segments that mark an organisation-like
// property, indexed by their first letter so that isOrgProperty reads a
// segment once instead of once per word: it runs for every property of
// every component, twice.
var orgWords = func() (t [26][]string) {
	for _, w := range [...]string{"vendor", "maintainer", "company", "author", "publisher", "supplier", "manufacturer", "packager", "originator", "organization", "signer", "legalcopyright"} {
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
		strings.HasPrefix(name, "syft:location:") && strings.HasSuffix(name, ":layerID") ||
		isDigestProperty(name)
}

// isDigestProperty reports properties whose values are digests
// ("syft:metadata:h1Digest", "...:checksum", "...:integrity"): base64 or
// hex that can name no one, and unique, so no memo helps reading them.
func isDigestProperty(name string) bool {
	seg := strings.ToLower(name[strings.LastIndexByte(name, ':')+1:])
	return strings.HasSuffix(seg, "digest") || strings.HasSuffix(seg, "checksum") ||
		strings.HasSuffix(seg, "integrity") || strings.HasSuffix(seg, "sha256") || strings.HasSuffix(seg, "sha1")
}
