package match

import (
	"fmt"
	"strings"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// entry is one listed entity of one list, as compiled.
type entry struct {
	idx  int // position across all lists: the order of findings
	list *vendorlists.List
	ent  *vendorlists.Entity
	fps  []falsePositive
}

// Rule kinds, the middle part of a rule id.
const (
	kindName    = "name"
	kindPerson  = "person"
	kindProduct = "product"
	kindPURL    = "purl"
	kindCPE     = "cpe"
	kindDomain  = "domain"
	kindPackage = "package"
)

// rule is one compiled list entry that a signal can match.
type rule struct {
	entry    *entry
	id       string // "kaspersky/name/kaspersky-lab"
	kind     string
	matched  string // the list entry as written
	category vendorlists.Category
	unique   bool   // package rules: the name alone identifies the entity
	branded  bool   // product rules: the product name carries the entity's name
	name     string // purl rules: lower-case package name, "" for any
}

// phrase is a word sequence to find inside longer text.
type phrase struct {
	toks []string
	rule *rule
	// glued is the one-word form of a longer name ("kasperskylab"), found
	// as the longer name would be.
	glued bool
}

// index holds every list compiled into lookup tables, so that matching a
// component costs a few map lookups and never a regular expression.
type index struct {
	entries     []*entry
	first       firstTokens         // words that start any name, product or person
	orgs        map[string][]*rule  // normalised organisation name
	persons     map[string][]*rule  // normalised person name
	phrases     map[string][]phrase // first word → names, products, persons
	domains     map[string][]*rule  // lower-case domain
	purls       map[string][]*rule  // type \x00 namespace, exact
	wild        map[string][]*rule  // type \x00 namespace, that namespace and below
	cpes        map[string][]*rule  // normalised CPE vendor
	cpeFirst    map[string]bool     // the first word of each key of cpes
	cpeGate     cpeGate
	pkgs        map[string][]*rule // ecosystem \x00 name; ecosystem "*" for any
	anyPkg      map[string][]*rule // name, every ecosystem: for unknown ones
	keys        map[string]*rule   // rule id → rule, to merge duplicates
	brands      map[string][]*rule // one-word organisation names: the distinctive name
	cjk         cjkIndex           // one-word CJK names, found inside runs written without spaces
	paths       []pathRule         // install paths and registry keys
	pathAnchors []string           // a word each path rule's matches hold

	// Gates in front of the identifier maps.
	domainGate, purlGate, wildGate keyGate
	pkgNames, purlNS               pairGate // first two bytes of package names, purl namespaces
	starPkgs                       bool     // a package rule is for every ecosystem
}

func compile(lists []*vendorlists.List) (*index, error) {
	ix := &index{
		orgs: map[string][]*rule{}, persons: map[string][]*rule{},
		phrases: map[string][]phrase{}, domains: map[string][]*rule{},
		purls: map[string][]*rule{}, wild: map[string][]*rule{},
		cpes: map[string][]*rule{}, pkgs: map[string][]*rule{},
		anyPkg: map[string][]*rule{}, keys: map[string]*rule{},
		brands: map[string][]*rule{},
	}
	for _, l := range lists {
		if l == nil {
			return nil, fmt.Errorf("compile lists: nil list")
		}
		for i := range l.Entities {
			e := &entry{idx: len(ix.entries), list: l, ent: &l.Entities[i]}
			if err := ix.addEntity(e); err != nil {
				return nil, fmt.Errorf("compile list %q: %w", l.ID, err)
			}
			ix.entries = append(ix.entries, e)
		}
	}
	ix.keys = nil
	return ix, nil
}

func (ix *index) addEntity(e *entry) error {
	ent := e.ent
	if ent.ID == "" {
		return fmt.Errorf("entity %q has no id", ent.Name)
	}
	steps := []func(*entry) error{
		ix.addNames, ix.addPersons, ix.addProducts, ix.addDomains,
		ix.addPURLs, ix.addCPEs, ix.addPackages, ix.addPaths, ix.addFalsePositives,
	}
	for _, step := range steps {
		if err := step(e); err != nil {
			return fmt.Errorf("entity %q: %w", ent.ID, err)
		}
	}
	return nil
}

// newRule returns the rule with this id, creating it on first use, so
// that spellings normalising alike share one rule.
func (ix *index) newRule(e *entry, kind, key, matched string) (*rule, bool) {
	id := e.ent.ID + "/" + kind + "/" + key
	if r, ok := ix.keys[id]; ok && r.entry == e {
		return r, false
	}
	r := &rule{entry: e, id: id, kind: kind, matched: matched}
	ix.keys[id] = r
	return r, true
}

func (ix *index) addPhrase(toks []string, r *rule) {
	ix.first.add(toks[0])
	ix.phrases[toks[0]] = append(ix.phrases[toks[0]], phrase{toks: toks, rule: r})
	if len(toks) > 1 {
		// "KasperskyLab", "KASPERSKYLAB": the words written together.
		g := strings.Join(toks, "")
		ix.first.add(g)
		ix.phrases[g] = append(ix.phrases[g], phrase{toks: []string{g}, rule: r, glued: true})
	}
}

func slug(norm string) string { return strings.ReplaceAll(norm, " ", "-") }

func (ix *index) addNames(e *entry) error {
	for _, n := range e.ent.Names {
		norm := NormalizeOrg(n.Value)
		if norm == "" {
			return fmt.Errorf("name %q normalises to nothing", n.Value)
		}
		r, fresh := ix.newRule(e, kindName, slug(norm), n.Value)
		if !fresh {
			continue
		}
		ix.orgs[norm] = append(ix.orgs[norm], r)
		toks := strings.Split(norm, " ")
		ix.addPhrase(toks, r)
		if len(toks) == 1 {
			ix.brands[norm] = append(ix.brands[norm], r)
			ix.cjk.add(norm, r)
		} else {
			g := strings.Join(toks, "")
			ix.orgs[g] = append(ix.orgs[g], r)
		}
	}
	return nil
}

func (ix *index) addPersons(e *entry) error {
	for _, p := range e.ent.Persons {
		toks := Tokens(p.Value)
		if len(toks) < 2 {
			return fmt.Errorf("person %q: want a full name", p.Value)
		}
		norm := strings.Join(toks, " ")
		r, fresh := ix.newRule(e, kindPerson, slug(norm), p.Value)
		if fresh {
			ix.persons[norm] = append(ix.persons[norm], r)
			ix.addPhrase(toks, r)
		}
	}
	return nil
}

func (ix *index) addProducts(e *entry) error {
	brand := strings.Fields(NormalizeOrg(e.ent.Name))
	for _, p := range e.ent.Products {
		toks := Tokens(p.Name)
		if len(toks) == 0 {
			return fmt.Errorf("product %q has no words", p.Name)
		}
		norm := strings.Join(toks, " ")
		r, fresh := ix.newRule(e, kindProduct, slug(norm), p.Name)
		if !fresh {
			continue
		}
		r.category = p.Category
		// Compared against list data only: "KasperskyOS" carries the brand.
		r.branded = len(brand) > 0 && strings.Contains(strings.Join(toks, ""), brand[0])
		ix.addPhrase(toks, r)
	}
	return nil
}
