package sbom

import (
	"fmt"
	"hash/maphash"
)

// dedup drops a component that a writer reported twice: same ref and same
// identity. A ref shared by different components is kept for each, with a
// warning, because refs in the wild are not always unique. It keeps a
// 64-bit digest of each identity rather than the identity itself, so that
// its memory stays small on huge documents; two different identities of
// one ref colliding is a 2⁻⁶⁴ event.
//
// It also interns refs: the dependency graph names each ref many times,
// and holds one copy of it.
type dedup struct {
	seed  maphash.Seed
	byRef map[string]dedupRef
}

// dedupRef is one ref: its interned string and, once a component with it
// was seen, the digest of that component's identity.
type dedupRef struct {
	ref    string
	id     uint64
	used   bool // a component has this ref
	warned bool // the ref was reported as shared
}

func (d *dedup) init() {
	if d.byRef == nil {
		d.seed = maphash.MakeSeed()
		d.byRef = map[string]dedupRef{}
	}
}

// intern returns the one copy of ref b.
func (d *dedup) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	d.init()
	if e, ok := d.byRef[string(b)]; ok {
		return e.ref
	}
	s := string(b)
	d.byRef[s] = dedupRef{ref: s}
	return s
}

// internString is intern for a string already made.
func (d *dedup) internString(s string) string {
	if s == "" {
		return ""
	}
	d.init()
	if e, ok := d.byRef[s]; ok {
		return e.ref
	}
	d.byRef[s] = dedupRef{ref: s}
	return s
}

func (d *dedup) identity(c *Component) uint64 {
	var h maphash.Hash
	h.SetSeed(d.seed)
	for _, s := range [...]string{c.Type, c.Group, c.Name, c.Version, c.PURL} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// add reports whether c is new; refKind names the ref field in warnings,
// which go to warn. It replaces c.Ref with its interned copy.
func (d *dedup) add(c *Component, refKind string, warn func(string)) bool {
	if c.Ref == "" {
		return true
	}
	d.init()
	id := d.identity(c)
	e, seen := d.byRef[c.Ref]
	if seen {
		c.Ref = e.ref
	}
	switch {
	case !seen || !e.used:
		d.byRef[c.Ref] = dedupRef{ref: c.Ref, id: id, used: true}
		return true
	case e.id == id:
		warn(fmt.Sprintf("component %q is listed twice (%s %q); counted once", c.Name, refKind, c.Ref))
		return false
	case !e.warned:
		e.warned = true
		d.byRef[c.Ref] = e
		warn(fmt.Sprintf("%s %q is shared by different components; each is kept", refKind, c.Ref))
	}
	return true
}
