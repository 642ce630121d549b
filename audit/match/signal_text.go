package match

import (
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// textSignal reads the further fields the decoders keep in
// Component.Texts: licence names and URLs, evidence and file copyright,
// attribution texts, source information, SWID tags, package file names,
// evidence identities and the makers, names and identifiers of pedigree
// ancestors, descendants and variants.
type textSignal struct{}

func (textSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	for i := range c.Texts {
		hits = textHits(ix, c, &c.Texts[i], hits)
	}
	return hits
}

// textHits matches one text by its kind, then weighs the hits by the
// lineage of the component it belongs to.
func textHits(ix *index, c *sbom.Component, x *sbom.Text, hits []hit) []hit {
	start := len(hits)
	fp := field(x.Field)
	switch x.Kind {
	case sbom.TextCopyright:
		n := len(hits)
		hits = copyrightHits(ix, c, hits, "copyright", fp, x.Value)
		if len(hits) == n && !isCopyrightNotice(x.Value) {
			// An attribution text that is no copyright notice is free
			// text: "anti-virus engine powered by Kaspersky".
			hits = provenanceHits(ix, c, hits, "attribution", fp, x.Value)
		}
	case sbom.TextLicense:
		// A licence named for a vendor ("Kaspersky Lab End User License
		// Agreement") is the vendor's own licence.
		hits = addHits(hits, ix.findInText(x.Value, namePhrases|phraseSingle), c, "license", fp, x.Value, roleMaker, false)
	case sbom.TextURL:
		hits = addHits(hits, ix.matchURL(x.Value), c, "domain", fp, x.Value, roleMaker, false)
		// A commit or repository under the entity's code-host organisation
		// (github.com/KasperskyLab/repo/commit/...) is its code.
		hits = addHits(hits, ix.matchCodeHost(x.Value), c, "vcs", fp, x.Value, roleMaker, false)
	case sbom.TextProvenance:
		hits = provenanceHits(ix, c, hits, "source-info", fp, x.Value)
	case sbom.TextName:
		hits = nameHits(ix, c, hits, fp, x.Value)
	case sbom.TextFileName:
		hits = fileNameHits(ix, c, hits, fp, x.Value)
	case sbom.TextTagID:
		hits = addHits(hits, ix.matchDomain(regidDomain(x.Value)), c, "swid", fp, x.Value, roleMaker, false)
	case sbom.TextOrg:
		// A maker outside the component's own fields (the subject's
		// metadata.supplier, a pedigree ancestor's supplier, a licensor)
		// gets the checks a supplier's name gets: a name that opens with
		// a listed brand, and look-alike characters.
		hits = orgField(ix, c, hits, "originator", fp, x.Value, roleOriginator, false, false)
		hits = confusableOrg(ix, c, hits, fp, x.Value, start)
	case sbom.TextPURL:
		if p, ok := splitPURL(x.Value); ok {
			hits = addHits(hits, ix.matchPURL(p, x.Value), c, "purl", fp, x.Value, roleMaker, false)
		}
	case sbom.TextCPE:
		if v := cpeVendor(x.Value); v != "" && ix.first.mayMatch(v) {
			hits = addHits(hits, ix.cpes[NormalizeCPEVendor(v)], c, "cpe", fp, x.Value, roleMaker, false)
		}
	}
	for i := start; i < len(hits); i++ {
		h := &hits[i]
		if x.Pointer != "" {
			h.ev.Location, h.ev.Line, h.ev.Column = x.Pointer, x.Line, 0
		}
		if h.ev.Signal == "confusable" {
			continue // a look-alike needs review, whatever it relates to
		}
		h.role = lineageRole(x.Lineage, h.role)
		if x.Lineage != sbom.LineageOwn {
			h.ev.Signal = "pedigree-" + string(x.Lineage)
			h.ev.Strength = strength(h.role)
		}
	}
	return hits
}

// lineageRole weighs a hit on a related component: an ancestor made by
// the entity makes the component at least an integration of its code; a
// descendant or variant only relates to it, which needs review.
func lineageRole(l sbom.Lineage, ro role) role {
	switch {
	case l == sbom.LineageOwn || ro == roleMention:
		return ro
	case l == sbom.LineageAncestor:
		return roleAncestor
	}
	return roleRelated
}

func strength(ro role) string {
	if ro.weak() {
		return "weak"
	}
	return "strong"
}

// nameHits matches another name of the component (SWID name, evidence
// identity, package file name) as productSignal matches its name.
func nameHits(ix *index, c *sbom.Component, hits []hit, fp fieldPath, value string) []hit {
	for _, r := range ix.findInText(value, namePhrases) {
		one := []*rule{r}
		switch {
		case r.kind != kindProduct:
			hits = addHits(hits, one, c, "name", fp, value, roleMention, false)
		case r.branded:
			hits = addHits(hits, one, c, "product", fp, value, roleMaker, false)
		default:
			hits = addHits(hits, one, c, "product", fp, value, roleNameOnly, false)
		}
	}
	return hits
}

// fileNameHits matches a package file name ("kesl-12.1.0-1234.x86_64.rpm")
// by the package name it starts with: version, architecture and extension
// stripped; then as a name.
func fileNameHits(ix *index, c *sbom.Component, hits []hit, fp fieldPath, value string) []hit {
	name, eco := packageFileBase(value)
	if name == "" {
		return hits
	}
	var rules []*rule
	rules = ix.appendPackages(rules, eco, name, "", "")
	for _, r := range rules {
		ro := roleShared
		if r.unique {
			ro = roleMaker
		}
		hits = addHits(hits, []*rule{r}, c, "package-file-name", fp, value, ro, false)
	}
	if name != c.Name {
		hits = nameHits(ix, c, hits, fp, name)
	}
	return hits
}

// packageFileBase strips a package file name to the package name and
// guesses its ecosystem from the extension: "vendor-product-1.2-3.x86_64.rpm"
// is "vendor-product" (rpm), "vendor_1.2_amd64.deb" is "vendor" (deb).
func packageFileBase(f string) (name, eco string) {
	f = f[strings.LastIndexAny(f, `/\`)+1:]
	lower := strings.ToLower(f)
	for _, ext := range [...]struct{ ext, eco string }{
		{".rpm", "rpm"}, {".deb", "deb"}, {".apk", "apk"}, {".msi", ""}, {".exe", ""},
		{".jar", "maven"}, {".whl", "pypi"}, {".tgz", ""}, {".tar.gz", ""}, {".tar.xz", ""},
		{".zip", ""}, {".nupkg", "nuget"}, {".dmg", ""}, {".pkg", ""}, {".gem", "gem"},
	} {
		if strings.HasSuffix(lower, ext.ext) {
			f, eco = f[:len(f)-len(ext.ext)], ext.eco
			break
		}
	}
	// The name ends where a version begins: a separator followed by a digit.
	for i := 1; i < len(f); i++ {
		if (f[i-1] == '-' || f[i-1] == '_' || f[i-1] == '.') && '0' <= f[i] && f[i] <= '9' {
			return strings.TrimRight(f[:i-1], "-_."), eco
		}
	}
	return f, eco
}

// regidDomain turns a SWID tag id or regid ("regid.2007-11.com.kaspersky",
// "com.kaspersky.kes_12") into the domain it reverses ("kaspersky.com"),
// or "" when it is no reversed domain.
func regidDomain(tag string) string {
	s := strings.ToLower(strings.TrimSpace(tag))
	if rest, ok := strings.CutPrefix(s, "regid."); ok {
		// regid.YYYY-MM.reversed.domain
		if i := strings.IndexByte(rest, '.'); i > 0 {
			s = rest[i+1:]
		}
	}
	end := 0
	for end < len(s) && (wordByte(s[end]) != 0 || s[end] == '.' || s[end] == '-') {
		end++
	}
	labels := strings.Split(strings.Trim(s[:end], "."), ".")
	if len(labels) < 2 || !isTLD(labels[0]) {
		return ""
	}
	for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
		labels[i], labels[j] = labels[j], labels[i]
	}
	return strings.Join(labels, ".")
}

// isTLD is a loose check that a reversed domain starts with a top-level
// domain: two letters (a country) or a common generic one.
func isTLD(l string) bool {
	switch l {
	case "com", "org", "net", "io", "gov", "edu", "biz", "info":
		return true
	}
	return len(l) == 2 && wordByte(l[0]) >= 'a' && wordByte(l[1]) >= 'a'
}

// integrationCategory is what a hit that only relates the component to
// the entity makes it.
var integrationCategory = vendorlists.CategoryIntegration

// isCopyrightNotice reports text that states a copyright, whose holder
// copyrightHits reads; a person holding it is no provenance.
func isCopyrightNotice(s string) bool {
	return strings.Contains(s, "©") || containsFold(s, "copyright") || containsFold(s, "(c)")
}

// containsFold reports whether s holds sub (lower-case ASCII) in any
// case, without allocating as strings.ToLower would.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerASCII(s[i]) == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
