package match

import (
	"net/url"
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
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
		ro := roleMaker
		if isPointer(ref.Type) {
			ro = roleMention
		}
		hits = addHits(hits, rules, c, "domain", indexed("externalRefs", i, ".url"), ref.URL, ro, isDownload(ref.Type))
	}
	hits = orgDomains(ix, c, hits, "supplier", c.Supplier)
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

// isPointer reports reference types that point at the entity without
// saying it made or ships the component: documentation, support pages,
// trackers, advisories. A plugin that links to a vendor's manual is not
// the vendor's product.
func isPointer(refType string) bool {
	switch strings.ToLower(refType) {
	case "documentation", "support", "issue-tracker", "mailing-list", "social", "chat",
		"advisories", "security-contact", "license", "release-notes", "log", "poam":
		return true
	}
	return false
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
