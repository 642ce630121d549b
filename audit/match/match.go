package match

import (
	"fmt"
	"sort"
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// Attribute runs every signal over one component and turns the hits into
// one attribution per entity, with no input.
func (m *Matcher) Attribute(c *sbom.Component) []Attribution {
	var hits []hit
	// Targets are pooled: passed by pointer through the interface they
	// would escape, and by value they cost a copy per signal.
	t, _ := m.targets.Get().(*target)
	if t == nil {
		t = new(target)
	}
	t.reset(c)
	for _, s := range m.signals {
		hits = s.match(m.ix, t, hits)
	}
	t.release()
	m.targets.Put(t)
	if len(hits) == 0 {
		return nil
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].rule.entry.idx < hits[j].rule.entry.idx })
	var f *facts
	var out []Attribution
	for start := 0; start < len(hits); {
		e := hits[start].rule.entry
		end := start
		for end < len(hits) && hits[end].rule.entry == e {
			end++
		}
		group := corroborate(dedupHits(hits[start:end]), c)
		start = end
		if len(group) == 0 {
			continue
		}
		if f == nil {
			f = componentFacts(c)
		}
		fp := e.falsePositiveFor(f)
		if fp != nil && fp.src.Category == "" {
			continue // a known look-alike: not the entity at all
		}
		out = append(out, attribution(c, e, group, fp))
	}
	return out
}

// corroborate settles shared-name hits (a package name that an unrelated
// project also uses). Beside a stronger signal they stand. Alone, they are
// a bare name (review) — unless the component names its own supplier,
// manufacturer, publisher or authors, which is evidence it is the
// unrelated project, so the hits are dropped.
func corroborate(hs []hit, c *sbom.Component) []hit {
	for _, h := range hs {
		if h.role > roleShared {
			return hs
		}
	}
	ownMaker := c.Supplier != nil || c.Manufacturer != nil || c.Publisher != "" || len(c.Authors) > 0
	out := hs[:0]
	for _, h := range hs {
		switch {
		case h.role != roleShared:
			out = append(out, h)
		case !ownMaker:
			h.role = roleNameOnly
			out = append(out, h)
		}
	}
	return out
}

// dedupHits keeps the first hit of each field and rule.
func dedupHits(hs []hit) []hit {
	out := make([]hit, 0, len(hs))
	for _, h := range hs {
		dup := false
		for _, o := range out {
			if o.ev.Field == h.ev.Field && o.ev.Rule == h.ev.Rule {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, h)
		}
	}
	return out
}

// attribution settles what the component is to the entity from the hits
// alone: category, confidence and the evidence, none of which depends on
// a date or a profile.
func attribution(c *sbom.Component, e *entry, hs []hit, fp *falsePositive) Attribution {
	cat, why := categorise(c, hs)
	cat, why = productScope(c, e, hs, cat, why)
	if fp != nil {
		cat = fp.src.Category
		why = fmt.Sprintf("it is the known look-alike %s (%s)", fp.src.ID, strings.TrimSuffix(fp.src.Reason, "."))
	}
	bare := nameOnly(hs)
	conf := confidence(hs)
	if cat == vendorlists.CategoryMention || bare && cat != vendorlists.CategoryContribution {
		conf = ConfidenceLow
	}
	ev := make([]Evidence, 0, len(hs))
	for _, h := range hs {
		ev = appendEvidence(ev, h.ev)
	}
	return Attribution{
		Component:  componentRef(c),
		Entity:     EntityRef{ID: e.ent.ID, Name: e.ent.Name, List: e.list.ID},
		Category:   cat,
		Confidence: conf,
		Evidence:   appendInvisible(ev),
		Path:       []string{},
		Reason:     why,
		NameOnly:   bare,
		List:       e.list,
		entry:      e,
	}
}

// appendEvidence adds e unless an entry already says the same thing: the
// same signal on the same value of the same field at the same place, as
// when two list entries ("Kaspersky", "Kaspersky ICS CERT") are found in
// one source note. The entry kept names the more specific of the two (the
// longer match) and the stronger strength; entries that differ in any of
// those stay apart.
func appendEvidence(ev []Evidence, e Evidence) []Evidence {
	for i := range ev {
		o := &ev[i]
		if o.Signal == e.Signal && o.Field == e.Field && o.Value == e.Value && o.Location == e.Location && o.Line == e.Line && o.Column == e.Column {
			if len(e.Matched) > len(o.Matched) {
				o.Matched, o.Rule = e.Matched, e.Rule
			}
			if e.Strength == "strong" {
				o.Strength = e.Strength
			}
			return ev
		}
	}
	return append(ev, e)
}

func componentFacts(c *sbom.Component) *facts {
	f := &facts{purl: strings.ToLower(c.PURL)}
	f.names = append(f.names, strings.ToLower(c.Name))
	if p, ok := splitPURL(c.PURL); ok {
		f.eco = strings.ToLower(p.typ)
		name := strings.ToLower(purlName(p, c.PURL))
		f.names = append(f.names, name)
		if p.ns != "" {
			ns := strings.ToLower(string(appendLower(nil, p.ns, true)))
			f.names = append(f.names, ns+"/"+name)
		}
	}
	add := func(s string) {
		if s != "" {
			f.orgs = append(f.orgs, NormalizeOrg(s))
		}
	}
	for _, o := range []*sbom.Organization{c.Supplier, c.Manufacturer, c.Originator} {
		if o != nil {
			add(o.Name)
		}
	}
	add(c.Publisher)
	for _, au := range c.Authors {
		add(au.Name)
	}
	return f
}

func componentRef(c *sbom.Component) ComponentRef {
	cpes := make([]string, len(c.CPEs))
	for i, x := range c.CPEs {
		cpes[i] = x.Value
	}
	supplier := ""
	if c.Supplier != nil {
		supplier = c.Supplier.Name
	}
	return ComponentRef{
		Name: c.Name, Group: c.Group, Version: c.Version, PURL: c.PURL,
		CPEs: cpes, Supplier: supplier, Ref: c.Ref, Type: c.Type,
	}
}

// ComponentKey identifies a component across runs, version included: its
// purl without qualifiers and subpath, else type/group/name@version, else
// its ref. Finding ids hash it.
func ComponentKey(r ComponentRef) string {
	if r.PURL != "" {
		k, _, _ := strings.Cut(r.PURL, "?")
		k, _, _ = strings.Cut(k, "#")
		return k
	}
	if r.Name != "" {
		return r.Type + "/" + r.Group + "/" + r.Name + "@" + r.Version
	}
	return r.Ref
}
