package match

import (
	"fmt"
	"strings"
)

func (ix *index) addDomains(e *entry) error {
	for _, d := range e.ent.Domains {
		v := strings.Trim(strings.ToLower(strings.TrimSpace(d.Value)), ".")
		if v == "" || strings.ContainsAny(v, "/@ ") {
			return fmt.Errorf("domain %q: want a bare DNS name", d.Value)
		}
		r, fresh := ix.newRule(e, kindDomain, v, d.Value)
		if fresh {
			r.category = d.Category
			ix.domains[v] = append(ix.domains[v], r)
			ix.domainGate.add(v, 0)
		}
	}
	return nil
}

// purlKey is the map key of a purl type and namespace.
func purlKey(typ, ns string) string { return typ + "\x00" + ns }

func (ix *index) addPURLs(e *entry) error {
	for _, p := range e.ent.PURLs {
		typ := strings.ToLower(p.Type)
		ns := strings.ToLower(strings.Trim(p.Namespace, "/"))
		if typ == "" {
			return fmt.Errorf("purl rule %q: no type", p.Namespace)
		}
		key := typ + "/" + ns
		if p.Name != "" {
			key += "/" + strings.ToLower(p.Name)
		}
		r, fresh := ix.newRule(e, kindPURL, key, "pkg:"+key)
		if !fresh {
			continue
		}
		r.category = p.Category
		r.name = strings.ToLower(p.Name)
		if ns == "" {
			return fmt.Errorf("purl rule %s: no namespace", key)
		}
		ix.purlNS.add(ns)
		if base, ok := wildcardBase(ns); ok {
			ix.wild[purlKey(typ, base)] = append(ix.wild[purlKey(typ, base)], r)
			ix.wildGate.add(purlKey(typ, base), len(typ)+1)
			continue
		}
		ix.purls[purlKey(typ, ns)] = append(ix.purls[purlKey(typ, ns)], r)
		ix.purlGate.add(purlKey(typ, ns), len(typ)+1)
	}
	return nil
}

// wildcardBase strips a trailing ".*" or "/*" from a namespace pattern.
func wildcardBase(ns string) (string, bool) {
	for _, suf := range [...]string{".*", "/*"} {
		if strings.HasSuffix(ns, suf) {
			return ns[:len(ns)-len(suf)], true
		}
	}
	return ns, false
}

func (ix *index) addCPEs(e *entry) error {
	for _, v := range e.ent.CPEVendors {
		norm := NormalizeCPEVendor(v.Value)
		if norm == "" {
			return fmt.Errorf("cpe vendor %q normalises to nothing", v.Value)
		}
		r, fresh := ix.newRule(e, kindCPE, strings.ToLower(v.Value), v.Value)
		if fresh {
			ix.addCPEVendor(norm, r)
		}
	}
	// A CPE vendor spelling an organisation name ("ao_kaspersky_lab") is the
	// same vendor, listed or not.
	for _, n := range e.ent.Names {
		norm := NormalizeOrg(n.Value)
		r, ok := ix.keys[e.ent.ID+"/"+kindName+"/"+slug(norm)]
		if ok && !hasEntry(ix.cpes[norm], e) {
			ix.addCPEVendor(norm, r)
		}
	}
	return nil
}

func (ix *index) addCPEVendor(norm string, r *rule) {
	ix.cpes[norm] = append(ix.cpes[norm], r)
	first := strings.Split(norm, " ")[0]
	ix.first.add(first)
	if ix.cpeFirst == nil {
		ix.cpeFirst = map[string]bool{}
		ix.cpeGate.init()
	}
	ix.cpeFirst[first] = true
	ix.cpeGate.first.add(first)
}

// pkgKey is the map key of an ecosystem and a lower-case package name.
func pkgKey(eco, name string) string { return eco + "\x00" + name }

func (ix *index) addPackages(e *entry) error {
	for _, p := range e.ent.Packages {
		eco := strings.ToLower(p.Ecosystem)
		name := strings.ToLower(strings.TrimSpace(p.Name))
		if eco == "" || name == "" {
			return fmt.Errorf("package rule %q/%q: want ecosystem and name", p.Ecosystem, p.Name)
		}
		r, fresh := ix.newRule(e, kindPackage, eco+"/"+name, p.Name)
		if !fresh {
			continue
		}
		r.category = p.Category
		r.unique = p.Unique
		ix.pkgs[pkgKey(eco, name)] = append(ix.pkgs[pkgKey(eco, name)], r)
		ix.anyPkg[name] = append(ix.anyPkg[name], r)
		ix.pkgNames.add(name)
		ix.starPkgs = ix.starPkgs || eco == "*"
	}
	return nil
}

func hasEntry(rules []*rule, e *entry) bool {
	for _, r := range rules {
		if r.entry == e {
			return true
		}
	}
	return false
}
