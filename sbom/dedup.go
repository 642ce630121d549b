package sbom

import (
	"fmt"
	"hash/maphash"
	"maps"
)

// dedup drops a component that a writer reported twice: same ref and same
// identity. A ref shared by different components is kept for each, with a
// warning, because refs in the wild are not always unique. It keeps 64-bit
// digests of each ref and identity (63 bits of an identity's) rather than
// the strings themselves, so that its memory stays small on huge
// documents (a ref is often a long purl, and 100,000 of them cost more
// than the rest of a streaming decode); two different refs or identities
// colliding is a 2⁻⁶⁴ (2⁻⁶³) event.
//
// It also interns refs: the dependency graph names each ref many times,
// and holds one copy of it.
type dedup struct {
	seed     maphash.Seed
	byRef    refTable
	interned map[string]string
	reserved bool // reserve was called
}

func (d *dedup) init() {
	if d.interned == nil {
		d.seed = maphash.MakeSeed()
		d.interned = map[string]string{}
	}
}

// refTable maps the digest of a ref to the digest of the identity of the
// component that has it, whose lowest bit says whether the ref was
// reported as shared. It is an open-addressing table of 16-byte slots
// rather than a map: a component's ref is looked up and, when new,
// inserted with one probe of one slot, where a map took two lookups
// (cache misses, on 100k refs) and more memory per entry.
type refTable struct {
	slots []refSlot
	n     int
}

// refSlot is one entry; key 0 is free (a digest of 0 is stored as 1).
type refSlot struct{ key, id uint64 }

// find returns the slot of key, inserting it when absent (found false).
func (t *refTable) find(key uint64) (s *refSlot, found bool) {
	if key == 0 {
		key = 1
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		switch s.key {
		case key:
			return s, true
		case 0:
			s.key = key
			t.n++
			return s, false
		}
	}
}

func (t *refTable) grow() {
	old := t.slots
	t.slots = make([]refSlot, max(64, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, o := range old {
		if o.key == 0 {
			continue
		}
		i := o.key & mask
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = o
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
	id := d.identity(c) &^ 1 // the lowest bit is the slot's "warned"
	e, seen := d.byRef.find(key)
	switch {
	case !seen:
		e.id = id
		return true
	case e.id&^1 == id:
		warn(fmt.Sprintf("component %q is listed twice (%s %q); counted once", c.Name, refKind, c.Ref))
		return false
	case e.id&1 == 0:
		e.id |= 1
		warn(fmt.Sprintf("%s %q is shared by different components; each is kept", refKind, c.Ref))
	}
	return true
}
