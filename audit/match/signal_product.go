package match

import (
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// productSignal finds product names and organisation names in the
// component name. A product name that carries the entity's brand
// ("Kaspersky Endpoint Security") is strong; a bare project name
// ("Kaspresso") needs corroboration; an organisation name in a component
// name ("kaspersky_av.lua") is something named after the entity — except
// a name that starts with the entity's one-word brand and goes on
// ("Kaspersky Hybrid Cloud Security"), which is how the entity names its
// own products.
//
// A component named after the entity's product but made by someone else
// is not the product: when it declares its own maker (supplier,
// manufacturer, publisher, authors, purl namespace) or its name says it
// is an integration ("exporter", "connector", "plugin for …"), the name
// alone never makes it the entity's; with both, it is a mention.
type productSignal struct{}

func (productSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if c.Name == "" || !ix.first.mayMatch(c.Name) {
		return hits
	}
	toks := Tokens(c.Name)
	own := declaresMaker(t)
	listed := namesListedProduct(ix, toks)
	fileName := isFileName(c.Name) || c.Type == "file"
	for i, w := range toks {
		for _, p := range ix.phrases[w] {
			if !namePhrases.accepts(p) || !hasWordsAt(toks, i, p.toks) || hitFor(hits, p.rule, field("name")) >= 0 {
				continue
			}
			if p.glued && fileName {
				continue // a file name is an identifier, as free text is: no glued forms
			}
			integ := integrationName(toks, i, i+len(p.toks))
			n := len(hits)
			hits = productHit(hits, t, p, own, integ, !listed && i == 0 && len(toks) > len(p.toks), i == 0 && len(toks) == len(p.toks))
			if n < len(hits) && integ && hits[n].role != roleMention {
				hits[n].cat = vendorlists.CategoryIntegration
			}
		}
	}
	return hits
}

// namesListedProduct reports a listed product name among toks: then the
// brand alone presumes nothing more.
func namesListedProduct(ix *index, toks []string) bool {
	for i, w := range toks {
		for _, p := range ix.phrases[w] {
			if p.rule.kind == kindProduct && hasWordsAt(toks, i, p.toks) {
				return true
			}
		}
	}
	return false
}

// productHit adds the hit of one name found in the component name;
// leading is set when the name opens a longer component name, whole when
// it is the whole component name.
func productHit(hits []hit, t *target, p phrase, own, integ, leading, whole bool) []hit {
	c, r := t.Component, p.rule
	one := []*rule{r}
	// A maker the earlier signals already tied to the entity is the
	// entity's own, not someone else's.
	own = own && !makerHit(hits, r.entry)
	switch {
	case r.kind != kindProduct:
		// An organisation name: the brand of an entity that names its
		// products after it, opening a product name, is presumed its
		// product when nothing says otherwise.
		if leading && r.entry.ent.BrandedProducts && !own && !integ && len(p.toks) == 1 && !p.glued && !isFileName(c.Name) && c.Type != "file" {
			return addHits(hits, one, c, "product", field("name"), c.Name, roleMaker, false)
		}
		// An entity whose products come as one kind of component (an
		// application) and whose name is the product's ("TikTok"): a
		// component of that kind named so, and nothing more, is the
		// product; a library or a tool named after it is not.
		if whole && !own && !integ && slices.Contains(r.entry.ent.ProductTypes, strings.ToLower(c.Type)) {
			return addHits(hits, one, c, "product", field("name"), c.Name, roleMaker, false)
		}
		return addHits(hits, one, c, "name", field("name"), c.Name, roleMention, false)
	case own && integ:
		return addHits(hits, one, c, "product", field("name"), c.Name, roleMention, false)
	case r.branded && !own && !integ:
		return addHits(hits, one, c, "product", field("name"), c.Name, roleMaker, false)
	}
	return addHits(hits, one, c, "product", field("name"), c.Name, roleNameOnly, false)
}

// makerHit reports a strong hit for entry e: its supplier, maker or
// identifiers already name the entity.
func makerHit(hits []hit, e *entry) bool {
	for i := range hits {
		if hits[i].rule.entry == e && hits[i].role > roleCopyright {
			return true
		}
	}
	return false
}

// declaresMaker reports a component that names who made it: a supplier,
// manufacturer, publisher, author or purl namespace. When that maker is
// the entity, its own signals say so.
func declaresMaker(t *target) bool {
	c := t.Component
	return c.Supplier != nil && c.Supplier.Name != "" || c.Manufacturer != nil && c.Manufacturer.Name != "" ||
		c.Publisher != "" || len(c.Authors) > 0 || t.hasPURL && t.purl.ns != ""
}

// integrationWords in a component name, outside the product name, say the
// component works with the product rather than being it.
var integrationWords = map[string]bool{
	"exporter": true, "exporters": true, "importer": true, "importers": true,
	"plugin": true, "plugins": true, "connector": true, "connectors": true,
	"integration": true, "integrations": true, "adapter": true, "adapters": true, "adaptor": true,
	"addon": true, "addons": true, "bridge": true, "parser": true, "parsers": true,
	"decoder": true, "decoders": true, "collector": true, "forwarder": true, "receiver": true,
	"dashboard": true, "dashboards": true, "beat": true, "wrapper": true, "bindings": true,
	"mock": true, "mocks": true, "stub": true, "stubs": true, "emulator": true,
	// Third-party tools built around an application: "Unofficial CapCut
	// automation", "TikTok downloader".
	"unofficial": true, "downloader": true, "downloaders": true, "scraper": true, "scrapers": true,
	"uploader": true, "automation": true, "bot": true, "bots": true, "extractor": true, "clone": true,
	"api": true, "export": true,
}

// integrationName reports integration words around the name at
// toks[start:end]: "exporter", "add-on", "content pack" anywhere outside
// it, "for" or "to" before it ("Splunk Add-on for Kaspersky").
func integrationName(toks []string, start, end int) bool {
	for j, w := range toks {
		if j >= start && j < end {
			continue
		}
		switch {
		case integrationWords[w]:
			return true
		case j < start && (w == "for" || w == "to" || w == "2"):
			return true
		case j+1 < len(toks) && (w == "add" && toks[j+1] == "on" || w == "plug" && toks[j+1] == "in" ||
			w == "content" && toks[j+1] == "pack" || w == "app" && toks[j+1] == "for"):
			return true
		}
	}
	return false
}

// isFileName reports a name that ends in a file extension
// ("kaspersky_av.lua", "kaspersky.py"): a file named after the entity,
// not one of its products.
func isFileName(name string) bool {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || len(name)-i-1 < 1 || len(name)-i-1 > 4 {
		return false
	}
	for _, b := range []byte(name[i+1:]) {
		if wordByte(b) == 0 || '0' <= b && b <= '9' {
			return false
		}
	}
	return true
}
