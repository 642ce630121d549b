package match

import (
	"net/url"
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// domainSignal matches the host of every URL and the domain of every
// e-mail address against listed domains, subdomains included. A download
// from an entity domain identifies the component; any other reference
// only ties it to the entity.
type domainSignal struct{}

func (domainSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.domains) == 0 {
		return hits
	}
	for i, ref := range c.ExternalRefs {
		rules := ix.matchURL(ref.URL)
		if rules == nil {
			continue
		}
		hits = addHits(hits, rules, c, "domain", indexed("externalRefs", i, ".url"), ref.URL, refRole(t, hits, ref, rules), isDownload(ref.Type))
	}
	if c.Supplier != nil {
		hits = orgDomains(ix, c, hits, supplierField(c), c.Supplier)
	}
	hits = orgDomains(ix, c, hits, "manufacturer", c.Manufacturer)
	hits = orgDomains(ix, c, hits, "originator", c.Originator)
	hits = emailField(ix, c, hits, field("publisher"), c.Publisher)
	for i, a := range c.Authors {
		hits = emailField(ix, c, hits, indexed("authors", i, ".email"), a.Email)
		hits = emailField(ix, c, hits, indexed("authors", i, ".name"), a.Name)
	}
	for i, p := range c.Properties {
		if t.props[i]&propOrg != 0 {
			hits = emailField(ix, c, hits, indexed("properties", i, ".value"), p.Value)
		}
	}
	return hits
}

// refRole is what a reference on an entity's domain says of the
// component. Only a reference to where the component comes from (its
// source, its downloads, its build, its home page) says the entity makes
// it. Any other type — documentation, advisories, an SPDX "SECURITY" or
// "OTHER" reference, CycloneDX "other" or "evidence", a type this reader
// does not know — only points at the entity: vulnerability-enriched SBOMs
// link the vendor's research on every affected package. A home page that
// is an article (a blog post, a press release) is a citation too.
//
// A research site (every rule threat intelligence, as securelist.com) is
// read apart: detection content that links it and names no maker of its
// own is the entity's threat intelligence (YARA rules citing Securelist);
// a component that names a maker of its own (not the entity) only cites
// the research.
func refRole(t *target, hits []hit, ref sbom.ExternalRef, rules []*rule) role {
	kind := refKind(ref.Type)
	if kind == refSource {
		return roleMaker
	}
	if allCategory(rules, vendorlists.CategoryThreatIntel) {
		if declaresMaker(t) && !makerHit(hits, rules[0].entry) || isArticle(ref.URL) {
			return roleMention
		}
		return roleMaker
	}
	if kind == refPage && !isArticle(ref.URL) {
		return roleMaker
	}
	return roleMention
}

type refClass int

const (
	refOther  refClass = iota
	refSource          // where the component's code or binaries come from
	refPage            // the component's home page
)

// refKind classifies CycloneDX external reference types, SPDX 2
// "CATEGORY:type" references and SPDX 3 externalRefType values, and the
// decoders' own "download" and "homepage".
func refKind(t string) refClass {
	if i := strings.IndexByte(t, ':'); i >= 0 {
		return refOther // SPDX 2 categories: SECURITY, PACKAGE-MANAGER, PERSISTENT-ID, OTHER
	}
	switch strings.ToLower(t) {
	case "vcs", "distribution", "distribution-intake", "source-distribution", "download", "downloadlocation",
		"altdownloadlocation", "binaryartifact", "sourceartifact", "build-system", "build-meta",
		"buildsystem", "buildmeta", "bom":
		return refSource
	case "website", "homepage", "altwebpage", "productmetadata":
		return refPage
	}
	return refOther
}

// articleSegments are path segments under which sites publish articles,
// news and research rather than products.
var articleSegments = map[string]bool{
	"blog": true, "blogs": true, "news": true, "newsroom": true, "press": true, "press-release": true,
	"press-releases": true, "pressreleases": true, "article": true, "articles": true, "research": true,
	"resource-center": true, "encyclopedia": true, "threats": true, "webinar": true, "webinars": true,
	"events": true, "media": true, "stories": true, "advisories": true, "advisory": true,
}

// isArticle reports a URL whose path is under an article section or
// dated (/2021/12/...).
func isArticle(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	for _, seg := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		seg = strings.ToLower(seg)
		if articleSegments[seg] || len(seg) == 4 && (strings.HasPrefix(seg, "19") || strings.HasPrefix(seg, "20")) && isDigits(seg) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func allCategory(rules []*rule, c vendorlists.Category) bool {
	for _, r := range rules {
		if r.category != c {
			return false
		}
	}
	return len(rules) > 0
}

func isDownload(refType string) bool {
	switch refType {
	case "distribution", "download", "distribution-intake", "downloadLocation":
		return true
	}
	return false
}

func orgDomains(ix *index, c *sbom.Component, hits []hit, parent string, o *sbom.Organization) []hit {
	if o == nil {
		return hits
	}
	hits = emailField(ix, c, hits, fieldPath{parent: parent, name: "name", i: -1}, o.Name)
	for i, u := range o.URLs {
		hits = addHits(hits, ix.matchURL(u), c, "domain", fieldPath{parent: parent, name: "urls", i: i}, u, roleMaker, false)
	}
	for i, e := range o.Emails {
		hits = emailField(ix, c, hits, fieldPath{parent: parent, name: "emails", i: i}, e)
	}
	for i, ct := range o.Contact {
		hits = emailField(ix, c, hits, fieldPath{parent: parent, name: "contact", i: i, suffix: ".email"}, ct.Email)
	}
	return hits
}

func emailField(ix *index, c *sbom.Component, hits []hit, fp fieldPath, value string) []hit {
	d := emailDomain(value)
	if d == "" {
		return hits
	}
	return addHits(hits, ix.matchDomain(d), c, "domain", fp, value, roleMaker, false)
}

// matchURL matches the host of a URL; net/url confirms a fast match.
func (ix *index) matchURL(raw string) []*rule {
	host := urlHost(raw)
	if host == "" || ix.matchDomain(host) == nil {
		return nil
	}
	if u, err := url.Parse(raw); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return ix.matchDomain(host)
}

// matchDomain walks the label suffixes of a host ("a.b.kaspersky.com",
// "b.kaspersky.com", "kaspersky.com", "com"), so subdomains match and
// "notkaspersky.com" does not.
func (ix *index) matchDomain(host string) []*rule {
	if len(host) > 256 {
		return nil
	}
	for i := 0; ; {
		if ix.domainGate.mayHaveFolded(host[i:]) {
			var buf [256]byte
			if rs := ix.domains[string(appendLower(buf[:0], host[i:], false))]; rs != nil {
				return rs
			}
		}
		j := strings.IndexByte(host[i:], '.')
		if j < 0 {
			return nil
		}
		i += j + 1
	}
}
