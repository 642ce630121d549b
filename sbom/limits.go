package sbom

import (
	"fmt"
	"strings"
)

// limitVisit wraps visit with the per-component limits: how many
// components, how deep they nest, how long any one value is. A hostile
// document fails with a clear error instead of exhausting memory or time.
func limitVisit(opts Options, visit func(*Component) error) func(*Component) error {
	maxN, maxLen, maxDepth := opts.maxComponents(), opts.maxStringBytes(), opts.maxDepth()
	n := 0
	return func(c *Component) error {
		n++
		if n > maxN {
			return fmt.Errorf("%w: more than %d components", ErrLimit, maxN)
		}
		if d := nesting(c.Origin.Pointer); d > maxDepth {
			return fmt.Errorf("%w: component %q nested %d deep, deeper than %d", ErrLimit, truncate(c.Name, 60), d, maxDepth)
		}
		if field, l := longestValue(c); l > maxLen {
			return fmt.Errorf("%w: component %q has a %s of %d bytes, longer than %d", ErrLimit, truncate(c.Name, 60), field, l, maxLen)
		}
		return visit(c)
	}
}

// nesting counts the components levels in a source pointer
// ("/components/0/components/3" is 2; XML paths count "component[").
func nesting(ptr string) int {
	return strings.Count(ptr, "components/") + strings.Count(ptr, "component[")
}

// longestValue finds the longest string a component carries.
func longestValue(c *Component) (string, int) {
	best, field := 0, ""
	check := func(name, v string) {
		if len(v) > best {
			best, field = len(v), name
		}
	}
	fields := [...]struct{ name, v string }{{"name", c.Name}, {"group", c.Group}, {"version", c.Version},
		{"purl", c.PURL}, {"description", c.Description}, {"copyright", c.Copyright}, {"comment", c.Comment},
		{"publisher", c.Publisher}, {"ref", c.Ref}}
	for _, f := range fields {
		check(f.name, f.v)
	}
	for _, o := range []*Organization{c.Supplier, c.Manufacturer, c.Originator} {
		if o != nil {
			check("organisation name", o.Name)
		}
	}
	for _, r := range c.ExternalRefs {
		check("reference URL", r.URL)
	}
	for _, p := range c.Properties {
		check("property", p.Value)
	}
	for _, l := range c.Licenses {
		check("licence", l)
	}
	return field, best
}
