package match

import (
	"strconv"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// signal is one matching strategy: it looks at some fields of a component
// and appends a hit for every list entry they match. Strategies must not
// allocate when nothing matches.
type signal interface {
	match(ix *index, t *target, hits []hit) []hit
}

// target is the component being matched with what several signals read
// worked out once: its purl split, the class of each property. Targets
// are pooled (one goroutine at a time), so the property-name memo lives
// across components.
type target struct {
	*sbom.Component
	purl      purlParts
	hasPURL   bool
	props     []propClass // the class of each of Component.Properties
	pathProps []int       // the indices of the path-like properties
	memo      propMemo
	gate      gateMemo
	paths     pathMemo // location values no path rule matches
}

// reset points t at c, keeping the buffers and the memo.
func (t *target) reset(c *sbom.Component) {
	t.Component = c
	t.purl, t.hasPURL = splitPURL(c.PURL)
	t.props, t.pathProps = t.props[:0], t.pathProps[:0]
	for i, p := range c.Properties {
		k := t.memo.class(p.Name)
		t.props = append(t.props, k)
		if k&propPath != 0 {
			t.pathProps = append(t.pathProps, i)
		}
	}
}

// release drops what t holds of the component, so that a pooled target
// keeps no document alive.
func (t *target) release() {
	t.Component = nil
	t.purl = purlParts{}
	t.props = t.props[:0]
}

// signals is the one registry of strategies, in the order their evidence
// is reported.
func signals() []signal {
	return []signal{
		orgSignal{},
		personSignal{},
		copyrightSignal{},
		purlSignal{},
		cpeSignal{},
		domainSignal{},
		packageSignal{},
		fileNameSignal{},
		pathSignal{},
		productSignal{},
		propertySignal{},
		textSignal{},
		mentionSignal{},
		confusableSignal{},
	}
}

// role is what a hit says about how the entity relates to the component.
type role int

const (
	roleMention      role = iota // only refers to the entity
	roleShared                   // a name unrelated projects use too: counts only if corroborated
	roleNameOnly                 // a name that alone points to the entity, but needs review
	roleRelated                  // a pedigree descendant or variant is the entity's: review
	roleProvenance               // a description says it comes from the entity: review
	roleCopyright                // holds copyright in (part of) it
	roleAncestor                 // a pedigree ancestor is the entity's: an integration at least
	roleOriginator               // originally made it
	roleManufacturer             // made it
	roleMaker                    // published, wrote or owns its identifiers
	roleSupplier                 // supplies it
)

// weak reports roles that cannot carry a finding's confidence alone.
func (r role) weak() bool { return r <= roleProvenance }

// hit is one signal that fired, with its evidence.
type hit struct {
	rule     *rule
	ev       Evidence
	role     role
	identity bool // the signal alone identifies the maker
	// cat, when set, is what this hit makes the component, whatever the
	// rule's category: a third-party integration named after a product.
	cat vendorlists.Category
}

// fieldPath names a model field, formatted only when a rule matched so
// that the no-match path does not allocate: parent.name[i]suffix.
type fieldPath struct {
	parent, name string
	i            int // -1 for no index
	suffix       string
}

func field(name string) fieldPath { return fieldPath{name: name, i: -1} }

func indexed(name string, i int, suffix string) fieldPath {
	return fieldPath{name: name, i: i, suffix: suffix}
}

func (f fieldPath) String() string {
	s := f.name
	if f.parent != "" {
		s = f.parent + "." + s
	}
	if f.i >= 0 {
		s += "[" + strconv.Itoa(f.i) + "]"
	}
	return s + f.suffix
}

// addHits appends one hit per rule for a field value.
func addHits(hits []hit, rules []*rule, c *sbom.Component, sig string, fp fieldPath, value string, ro role, identity bool) []hit {
	if len(rules) == 0 {
		return hits
	}
	field := fp.String()
	strength := "strong"
	if ro.weak() {
		strength = "weak"
	}
	for _, r := range rules {
		hits = append(hits, hit{
			rule: r, role: ro, identity: identity,
			ev: Evidence{
				Signal: sig, Field: field, Value: value, Matched: r.matched,
				Location: c.Origin.Pointer, Line: c.Origin.Line, Column: c.Origin.Column,
				Rule: r.id, Strength: strength,
			},
		})
	}
	return hits
}
