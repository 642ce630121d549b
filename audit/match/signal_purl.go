package match

import (
	"net/url"
	"strings"

	"github.com/package-url/packageurl-go"
)

// purlSignal matches package URLs by type and namespace: the component's
// purl, purls among its external references, its Maven group or npm scope,
// and the owners (organisations) of its code-host URLs: any path under
// github.com/KasperskyLab (a repository, a commit, a tree, a release, an
// archive) is the organisation's, weighed by the reference's type as a
// reference on the entity's domain is (refRole).
type purlSignal struct{}

func (purlSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.purls) == 0 && len(ix.wild) == 0 {
		return hits
	}
	typ := ""
	if t.hasPURL {
		typ = t.purl.typ
		hits = addHits(hits, ix.matchPURL(t.purl, c.PURL), c, "purl", field("purl"), c.PURL, roleMaker, true)
	}
	if eco := groupEcosystem(typ, c.Group); eco != "" {
		p := purlParts{typ: eco, ns: c.Group, name: c.Name}
		hits = addHits(hits, ix.matchPURL(p, ""), c, "purl", field("group"), c.Group, roleMaker, true)
	}
	for i, ref := range c.ExternalRefs {
		if p, ok := splitPURL(ref.URL); ok {
			hits = addHits(hits, ix.matchPURL(p, ref.URL), c, "purl", indexed("externalRefs", i, ".url"), ref.URL, roleMaker, true)
		} else if rules := ix.matchCodeHost(ref.URL); rules != nil {
			ro := refRole(t, hits, ref, rules)
			hits = addHits(hits, rules, c, "vcs", indexed("externalRefs", i, ".url"), ref.URL, ro, ro == roleMaker)
		}
	}
	return hits
}

// purlParts are the raw (possibly escaped, mixed-case) parts of a purl.
type purlParts struct{ typ, ns, name string }

// splitPURL cuts a package URL into type, namespace and name without
// allocating; packageurl-go confirms it when a rule matched.
func splitPURL(s string) (purlParts, bool) {
	if len(s) < 5 || s[:4] != "pkg:" && !strings.EqualFold(s[:4], "pkg:") {
		return purlParts{}, false
	}
	s = strings.TrimLeft(s[4:], "/")
	// Qualifiers and subpath are rare: IndexByte reads a word at a time.
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	// A version follows the last '@' after the last '/': one backward pass.
	for k := len(s) - 1; k >= 0 && s[k] != '/'; k-- {
		if s[k] == '@' {
			s = s[:k]
			break
		}
	}
	i := strings.IndexByte(s, '/')
	if i <= 0 {
		return purlParts{}, false
	}
	p := purlParts{typ: s[:i]}
	rest := strings.Trim(s[i+1:], "/")
	if j := strings.LastIndexByte(rest, '/'); j >= 0 {
		p.ns, p.name = rest[:j], rest[j+1:]
	} else {
		p.name = rest
	}
	return p, p.name != ""
}

// groupEcosystem says which purl type a component group belongs to: the
// purl's own type, else an npm scope or a Maven group by its shape.
func groupEcosystem(purlType, group string) string {
	switch {
	case group == "":
		return ""
	case purlType != "":
		return purlType
	case strings.HasPrefix(group, "@"):
		return "npm"
	case strings.Contains(group, "."):
		return "maven"
	}
	return ""
}

// codeHostOwner returns the purl type and the owner of a code-host URL
// (whatever path follows the owner), or "" when u is on no code host. The
// owner is a path segment: a query or fragment ("?q=KasperskyLab") names
// no one.
func codeHostOwner(u string) (typ, owner string) {
	host := urlHost(u)
	if typ = codeHostType(host); typ == "" {
		return "", ""
	}
	// host is a substring of u, so it is found as it is.
	i := strings.Index(u, host)
	rest := strings.TrimLeft(u[i+len(host):], "/:")
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	return typ, rest
}

// codeHostType is the purl type of the owners of a code host's first path
// segment: github.com/OWNER/repo/commit/...,
// codeload.github.com/OWNER/repo/tar.gz/..., raw.githubusercontent.com/OWNER/...,
// gitlab.com/GROUP/..., bitbucket.org/WORKSPACE/...; "" for any other host.
// Hosts are told apart by length first: every reference passes here.
func codeHostType(host string) string {
	switch len(host) {
	case len("github.com"):
		if strings.EqualFold(host, "github.com") {
			return "github"
		}
		if strings.EqualFold(host, "gitlab.com") {
			return "gitlab"
		}
	case len("www.github.com"):
		if strings.EqualFold(host, "www.github.com") {
			return "github"
		}
		if strings.EqualFold(host, "www.gitlab.com") {
			return "gitlab"
		}
	case len("gist.github.com"):
		if strings.EqualFold(host, "gist.github.com") {
			return "github"
		}
	case len("codeload.github.com"):
		if strings.EqualFold(host, "codeload.github.com") {
			return "github"
		}
	case len("raw.githubusercontent.com"):
		if strings.EqualFold(host, "raw.githubusercontent.com") {
			return "github"
		}
	case len("bitbucket.org"):
		if strings.EqualFold(host, "bitbucket.org") {
			return "bitbucket"
		}
	case len("www.bitbucket.org"):
		if strings.EqualFold(host, "www.bitbucket.org") {
			return "bitbucket"
		}
	}
	return ""
}

// matchCodeHost returns the rules for the owner of a code-host URL.
func (ix *index) matchCodeHost(u string) []*rule {
	typ, owner := codeHostOwner(u)
	if owner == "" {
		return nil
	}
	return ix.matchPURL(purlParts{typ: typ, ns: owner}, "")
}

// matchPURL returns the rules for a purl's type and namespace: exact
// namespace rules and wildcard rules of the namespace or any ancestor.
// raw, when set, is the full purl, parsed properly once a rule matched.
func (ix *index) matchPURL(p purlParts, raw string) []*rule {
	ns := strings.Trim(p.ns, "/")
	if ns == "" || !ix.purlNS.mayStart(ns, "") {
		return nil
	}
	var buf [256]byte
	key := appendLower(buf[:0], p.typ, true)
	key = append(key, 0)
	base := len(key)
	key = appendLower(key, ns, true)
	var found []*rule
	if ix.purlGate.mayHave(key, base) {
		found = append(found, ix.purls[string(key)]...)
	}
	for j := len(key); j >= base; j-- {
		if (j == len(key) || key[j] == '.' || key[j] == '/') && ix.wildGate.mayHave(key[:j], base) {
			found = append(found, ix.wild[string(key[:j])]...)
		}
	}
	if len(found) == 0 {
		return nil
	}
	return filterByName(found, purlName(p, raw))
}

// purlName is the decoded package name, from packageurl-go when the purl
// parses, else from the raw split.
func purlName(p purlParts, raw string) string {
	if raw != "" {
		if u, err := packageurl.FromString(raw); err == nil {
			return u.Name
		}
	}
	if n, err := url.PathUnescape(p.name); err == nil {
		return n
	}
	return p.name
}

func filterByName(rules []*rule, name string) []*rule {
	out := rules[:0]
	for _, r := range rules {
		if r.name == "" || strings.EqualFold(r.name, name) {
			out = append(out, r)
		}
	}
	return out
}
