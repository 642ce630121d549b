package vendorlists

import (
	"fmt"
	"slices"
)

// scopes checks the fields that narrow a regime or widen a profile: every
// entity a regime or condition names is in the list, every condition asks
// a question and cites a source, and a profile never extends itself.
func (v *validator) scopes() {
	for i, r := range v.l.Regimes {
		p := fmt.Sprintf("regimes[%d]", i)
		v.entityRefs(p+".entities", r.Entities)
		for j, c := range r.OutOfScope {
			cp := fmt.Sprintf("%s.outOfScope[%d]", p, j)
			v.category(cp, c, false)
			if slices.Contains(r.Covers, c) {
				v.errorf(cp, "category %q is both covered and out of scope", c)
			}
		}
		for j, c := range r.Conditions {
			cp := fmt.Sprintf("%s.conditions[%d]", p, j)
			if len(c.Entities) == 0 {
				v.errorf(cp+".entities", "a condition needs at least one entity")
			}
			v.entityRefs(cp+".entities", c.Entities)
			v.required(cp+".question", c.Question)
			v.cite(cp+".sources", c.Sources)
		}
	}
	for i, e := range v.l.Entities {
		for j, id := range e.CPEVendors {
			for k, os := range id.OSProducts {
				if !cpeVendorPattern.MatchString(os) {
					v.errorf(fmt.Sprintf("entities[%d].cpeVendors[%d].osProducts[%d]", i, j, k),
						"cpe product %q must be lower case without spaces or colons", os)
				}
			}
		}
	}
	for i, p := range v.l.Profiles {
		for j, x := range p.Extends {
			xp := fmt.Sprintf("profiles[%d].extends[%d]", i, j)
			v.id(xp, x)
			if x == p.ID {
				v.errorf(xp, "profile %q extends itself", x)
			}
		}
	}
}

func (v *validator) entityRefs(path string, ids []string) {
	for k, id := range ids {
		if _, ok := v.l.Entity(id); !ok {
			v.errorf(fmt.Sprintf("%s[%d]", path, k), "entity %q is not in entities", id)
		}
	}
}
