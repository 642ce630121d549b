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
		ix.pathAnchors = addAnchor(ix.pathAnchors, pathAnchor(p.Value))
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
	if looksLikeFilePath(c.Name) && hasAnchor(c.Name, ix) {
		hits = addHits(hits, ix.matchPath(c.Name), c, "path", field("name"), c.Name, roleMaker, false)
	}
	for _, i := range t.pathProps {
		if v := c.Properties[i].Value; t.paths.mayHold(ix, v) {
			hits = addHits(hits, ix.matchPath(v), c, "path", indexed("properties", i, ".value"), v, roleMaker, false)
		}
	}
	return hits
}

// pathAnchor is the longest word of a path rule, lower-cased: a path the
// rule matches holds it ("kaspersky" in /opt/kaspersky/).
func pathAnchor(v string) string {
	longest := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == '/' || r == '\\' || r == ' ' }) {
		if len(w) > len(longest) {
			longest = w
		}
	}
	return longest
}

// addAnchor adds a to anchors unless one of them already is a prefix of
// it (a path holding "kasperskylab" holds "kaspersky").
func addAnchor(anchors []string, a string) []string {
	if a == "" {
		return anchors
	}
	out := anchors[:0:0]
	for _, x := range anchors {
		if strings.HasPrefix(a, x) {
			return anchors
		}
		if !strings.HasPrefix(x, a) {
			out = append(out, x)
		}
	}
	return append(out, a)
}

// hasAnchor reports whether s, a path, holds one of the anchors in any
// case. Paths are on most components (syft records where it found each
// package) and can be long, so each anchor is looked for with IndexByte,
// once per case of its first letter, and compared only where that letter
// stands.
func hasAnchor(s string, ix *index) bool {
	for _, a := range ix.pathAnchors {
		for _, first := range [2]byte{a[0], upperASCII(a[0])} {
			for i := 0; i+len(a) <= len(s); i++ {
				j := strings.IndexByte(s[i:len(s)-len(a)+1], first)
				if j < 0 {
					break
				}
				i += j
				if strings.EqualFold(s[i:i+len(a)], a) {
					return true
				}
			}
			if first == upperASCII(first) && first == a[0] {
				break // no other case
			}
		}
	}
	return false
}

// pathSignal is pathHits as a signal.
type pathSignal struct{}

func (pathSignal) match(ix *index, t *target, hits []hit) []hit { return pathHits(ix, t, hits) }

func upperASCII(b byte) byte {
	if 'a' <= b && b <= 'z' {
		return b - 'a' + 'A'
	}
	return b
}

// looksLikeFilePath reports a component name that is a file path: absolute
// or relative to the current directory, a Windows path, or one with a
// drive. npm's "@scope/name" and Go's "github.com/x/y" are not.
func looksLikeFilePath(s string) bool {
	return s != "" && (s[0] == '/' || s[0] == '.' || len(s) > 2 && s[1] == ':' || strings.IndexByte(s, '\\') >= 0)
}

// pathMemo remembers location values no path rule can match: syft
// records one location per package and repeats it ("/package-lock.json"
// on every npm package: 89k values, 1,571 distinct on the 100k bench).
type pathMemo struct{ rejectMemo }

// mayHold is hasAnchor(s, ix), remembered.
func (m *pathMemo) mayHold(ix *index, s string) bool {
	e, h, seen := m.lookup(s)
	if seen {
		return false
	}
	if hasAnchor(s, ix) {
		return true
	}
	m.reject(e, h, s)
	return false
}
