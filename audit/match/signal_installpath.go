package match

import (
	"fmt"
	"strings"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// Install paths and registry keys: a file under /opt/kaspersky/ or
// "\Kaspersky Lab\", or the key HKLM\SOFTWARE\KasperskyLab, is the
// entity's own software. Inventories and image scanners name components
// by such paths, or record them as the component's location (syft's
// "syft:location:0:path"). Registry keys count only there, never in free
// text: malware-behaviour signatures mention the keys they probe.

const kindPath = "path"

// pathRule is one compiled path rule; value is in canonical form.
type pathRule struct {
	value string
	kind  string // vendorlists.PathPrefix, PathSegment or PathRegistry
	rule  *rule
}

func (ix *index) addPaths(e *entry) error {
	for _, p := range e.ent.Paths {
		v := canonicalPath(p.Value)
		if v == "" {
			return fmt.Errorf("path rule %q is empty", p.Value)
		}
		r, fresh := ix.newRule(e, kindPath, v, p.Value)
		if !fresh {
			continue
		}
		r.category = p.Category
		ix.paths = append(ix.paths, pathRule{value: v, kind: p.Kind, rule: r})
		// The word gate must let through a path holding the rule's most
		// distinctive (longest) word: "kaspersky", "kasperskylab".
		longest := ""
		for _, w := range Tokens(p.Value) {
			if len(w) > len(longest) {
				longest = w
			}
		}
		if longest != "" {
			ix.first.add(longest)
		}
	}
	return nil
}

// canonicalPath lower-cases a path or registry key, makes "\" a "/", and
// spells the local-machine hive and the 32-bit view one way.
func canonicalPath(s string) string {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), `\`, "/"))
	if rest, ok := strings.CutPrefix(s, "hkey_local_machine/"); ok {
		s = "hklm/" + rest
	}
	return strings.Replace(s, "/wow6432node/", "/", 1)
}

// matchPath returns the rules a path or registry key matches.
func (ix *index) matchPath(value string) []*rule {
	if len(ix.paths) == 0 || strings.IndexByte(value, '/') < 0 && strings.IndexByte(value, '\\') < 0 {
		return nil
	}
	v := canonicalPath(value)
	var out []*rule
	for _, p := range ix.paths {
		ok := false
		switch p.kind {
		case vendorlists.PathPrefix:
			// An image scanner may root a path in its layer or mount.
			ok = strings.HasPrefix(v, p.value) || strings.Contains(v, p.value) && strings.HasPrefix(p.value, "/")
		case vendorlists.PathSegment:
			ok = strings.Contains(v, p.value)
		case vendorlists.PathRegistry:
			ok = v == strings.TrimSuffix(p.value, "/") || strings.HasPrefix(v, strings.TrimSuffix(p.value, "/")+"/")
		}
		if ok && !containsRule(out, p.rule) {
			out = append(out, p.rule)
		}
	}
	return out
}

// pathHits matches a component's name and its path-like properties.
func pathHits(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.paths) == 0 {
		return hits
	}
	if ix.first.mayMatch(c.Name) {
		hits = addHits(hits, ix.matchPath(c.Name), c, "path", field("name"), c.Name, roleMaker, false)
	}
	for i, p := range c.Properties {
		if t.props[i]&propPath != 0 && t.gate.mayMatch(ix, p.Value) {
			hits = addHits(hits, ix.matchPath(p.Value), c, "path", indexed("properties", i, ".value"), p.Value, roleMaker, false)
		}
	}
	return hits
}

// pathSignal is pathHits as a signal.
type pathSignal struct{}

func (pathSignal) match(ix *index, t *target, hits []hit) []hit { return pathHits(ix, t, hits) }
