package sbom

import (
	"fmt"
	"hash/maphash"
	"maps"
)

// dedup drops a component that a writer reported twice: same ref and same
// identity. A ref shared by different components is kept for each, with a
// warning, because refs in the wild are not always unique. It keeps 64-bit
// digests of each ref and identity rather than the strings themselves, so
// that its memory stays small on huge documents (a ref is often a long
// purl, and 100,000 of them cost more than the rest of a streaming
// decode); two different refs or identities colliding is a 2⁻⁶⁴ event.
//
// It also interns refs: the dependency graph names each ref many times,
// and holds one copy of it.
type dedup struct {
	seed     maphash.Seed
	byRef    map[uint64]dedupRef
	interned map[string]string
	reserved bool // reserve was called
}

// dedupRef is what is known of one ref: the digest of the identity of the
// component that has it.
type dedupRef struct {
	id     uint64
	warned bool // the ref was reported as shared
}

func (d *dedup) init() {
	if d.byRef == nil {
		d.seed = maphash.MakeSeed()
		d.byRef = map[uint64]dedupRef{}
		d.interned = map[string]string{}
	}
}

// reserve makes room for about n refs in the interning table and in deps
// (the document's dependency graph) before a big list of refs is read
// (dependencies, relationships), n being the number of components read so
// far: a map of 100,000 refs grown step by step is rehashed a dozen times,
// which cost a tenth of decoding SPDX JSON. Only the first call counts.
func (d *dedup) reserve(n int, deps *map[string][]string) {
	d.init()
	if d.reserved || n <= 0 {
		return
	}
	d.reserved = true
	if len(d.interned) < n/2 {
		m := make(map[string]string, n)
		maps.Copy(m, d.interned)
		d.interned = m
	}
	if len(*deps) < n/2 {
		m := make(map[string][]string, n)
		maps.Copy(m, *deps)
		*deps = m
	}
}

// intern returns the one copy of ref b.
func (d *dedup) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	d.init()
	if s, ok := d.interned[string(b)]; ok {
		return s
	}
	s := string(b)
	d.interned[s] = s
	return s
}

// internString is intern for a string already made.
func (d *dedup) internString(s string) string {
	if s == "" {
		return ""
	}
	d.init()
	if c, ok := d.interned[s]; ok {
		return c
	}
	d.interned[s] = s
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
// which go to warn. A ref the dependency graph already holds is replaced
// by that copy.
func (d *dedup) add(c *Component, refKind string, warn func(string)) bool {
	if c.Ref == "" {
		return true
	}
	d.init()
	if s, ok := d.interned[c.Ref]; ok {
		c.Ref = s
	}
	key := maphash.String(d.seed, c.Ref)
	id := d.identity(c)
	e, seen := d.byRef[key]
	switch {
	case !seen:
		d.byRef[key] = dedupRef{id: id}
		return true
	case e.id == id:
		warn(fmt.Sprintf("component %q is listed twice (%s %q); counted once", c.Name, refKind, c.Ref))
		return false
	case !e.warned:
		e.warned = true
		d.byRef[key] = e
		warn(fmt.Sprintf("%s %q is shared by different components; each is kept", refKind, c.Ref))
	}
	return true
}
