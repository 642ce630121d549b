package sbom

import "fmt"

// dedup drops a component that a writer reported twice: same ref and same
// identity. A ref shared by different components is kept for each, with a
// warning, because refs in the wild are not always unique.
type dedup struct {
	byRef  map[string]string // ref -> identity of its first component
	warned map[string]bool
}

func identity(c *Component) string {
	return c.Type + "\x00" + c.Group + "\x00" + c.Name + "\x00" + c.Version + "\x00" + c.PURL
}

// add reports whether c is new; refKind names the ref field in warnings.
func (d *dedup) add(doc *Document, c *Component, refKind string) bool {
	if c.Ref == "" {
		return true
	}
	if d.byRef == nil {
		d.byRef, d.warned = map[string]string{}, map[string]bool{}
	}
	id := identity(c)
	first, seen := d.byRef[c.Ref]
	switch {
	case !seen:
		d.byRef[c.Ref] = id
		return true
	case first == id:
		doc.Warnings = addWarning(doc.Warnings, fmt.Sprintf("component %q is listed twice (%s %q); counted once", c.Name, refKind, c.Ref))
		return false
	case !d.warned[c.Ref]:
		d.warned[c.Ref] = true
		doc.Warnings = addWarning(doc.Warnings, fmt.Sprintf("%s %q is shared by different components; each is kept", refKind, c.Ref))
	}
	return true
}
