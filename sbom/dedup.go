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
type dedup struct {
	seed   maphash.Seed
	byRef  map[string]uint64 // ref -> identity digest of its first component
	warned map[string]bool
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
// which go to warn.
func (d *dedup) add(c *Component, refKind string, warn func(string)) bool {
	if c.Ref == "" {
		return true
	}
	if d.byRef == nil {
		d.seed = maphash.MakeSeed()
		d.byRef, d.warned = map[string]uint64{}, map[string]bool{}
	}
	id := d.identity(c)
	first, seen := d.byRef[c.Ref]
	switch {
	case !seen:
		d.byRef[c.Ref] = id
		return true
	case first == id:
		warn(fmt.Sprintf("component %q is listed twice (%s %q); counted once", c.Name, refKind, c.Ref))
		return false
	case !d.warned[c.Ref]:
		d.warned[c.Ref] = true
		warn(fmt.Sprintf("%s %q is shared by different components; each is kept", refKind, c.Ref))
	}
	return true
}

// warnings keeps a document's warnings in ordered groups, so that a
// streaming decoder reports them in a fixed order whatever the order of
// the document's parts; each group keeps one more than the bound, which is
// all that addWarning can show.
type warnings struct {
	groups [][]string
}

func newWarnings(groups int) *warnings {
	return &warnings{groups: make([][]string, groups)}
}

func (w *warnings) add(group int, msg string) {
	if len(w.groups[group]) <= maxWarnings {
		w.groups[group] = append(w.groups[group], msg)
	}
}

func (w *warnings) addf(group int, format string, args ...any) {
	if len(w.groups[group]) <= maxWarnings {
		w.add(group, fmt.Sprintf(format, args...))
	}
}

// list is every group in order, bounded as addWarning bounds.
func (w *warnings) list() []string {
	var out []string
	for _, g := range w.groups {
		for _, msg := range g {
			out = addWarning(out, msg)
		}
	}
	return out
}

// emitter hands de-duplicated components to the caller's visit function
// and counts them.
type emitter struct {
	visit func(*Component) error
	dedup dedup
	count int
}

// emit visits c unless it duplicates an earlier component; duplicate
// warnings go to warn.
func (e *emitter) emit(c *Component, refKind string, warn func(string)) error {
	if !e.dedup.add(c, refKind, warn) {
		return nil
	}
	e.count++
	if err := e.visit(c); err != nil {
		return &visitError{err}
	}
	return nil
}
