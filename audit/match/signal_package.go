package match

import (
	"github.com/embargo-sbom/embargo/sbom"
)

// packageSignal matches exact package names per ecosystem. The ecosystem
// is the purl type; without a purl (or with a "generic" one) it is unknown
// and a name listed in any ecosystem matches.
type packageSignal struct{}

func (packageSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.anyPkg) == 0 {
		return hits
	}
	p := t.purl
	var fromPURL []*rule
	fromPURL = ix.appendPackages(fromPURL, p.typ, p.name, "", "")
	if p.ns != "" {
		// Lists may name packages with their namespace: "@scope/name",
		// Maven "group:artifact".
		sep := "/"
		if p.typ == "maven" {
			sep = ":"
		}
		fromPURL = ix.appendPackages(fromPURL, p.typ, p.ns, sep, p.name)
	}
	hits = packageHits(hits, fromPURL, c, field("purl"), c.PURL)
	var fromName []*rule
	if c.Name != p.name {
		fromName = ix.appendPackages(fromName, p.typ, c.Name, "", "")
	}
	for _, r := range fromPURL {
		fromName = removeRule(fromName, r)
	}
	return packageHits(hits, fromName, c, field("name"), c.Name)
}

// packageHits adds package-name hits: a unique name is the maker's own;
// a name that unrelated projects use too needs corroboration.
func packageHits(hits []hit, rules []*rule, c *sbom.Component, fp fieldPath, value string) []hit {
	for _, r := range rules {
		ro := roleShared
		if r.unique {
			ro = roleMaker
		}
		hits = addHits(hits, []*rule{r}, c, "package-name", fp, value, ro, false)
	}
	return hits
}

func removeRule(rules []*rule, r *rule) []*rule {
	out := rules[:0]
	for _, x := range rules {
		if x != r {
			out = append(out, x)
		}
	}
	return out
}

// appendPackages adds the rules for name+sep+suffix in ecosystem eco (and
// those listed for every ecosystem), skipping rules already found. The
// parts come apart so that no key is concatenated for a name the gate
// turns away; sep holds no '%', so decoding the parts one by one decodes
// the whole.
func (ix *index) appendPackages(found []*rule, eco, name, sep, suffix string) []*rule {
	next := sep
	if next == "" {
		next = suffix
	}
	if name == "" || !ix.pkgNames.mayStart(name, next) {
		return found
	}
	var buf [256]byte
	k := appendLower(buf[:0], eco, false)
	if eco == "" || string(k) == "generic" {
		k = appendLower(k[:0], name, true)
		k = appendLower(k, sep, false)
		k = appendLower(k, suffix, true)
		return appendNew(found, ix.anyPkg[string(k)])
	}
	k = append(k, 0)
	at := len(k)
	k = appendLower(k, name, true)
	k = appendLower(k, sep, false)
	k = appendLower(k, suffix, true)
	found = appendNew(found, ix.pkgs[string(k)])
	if !ix.starPkgs {
		return found
	}
	var sbuf [258]byte
	star := append(append(sbuf[:0], '*', 0), k[at:]...)
	return appendNew(found, ix.pkgs[string(star)])
}

func appendNew(found, rules []*rule) []*rule {
	for _, r := range rules {
		if !containsRule(found, r) {
			found = append(found, r)
		}
	}
	return found
}
