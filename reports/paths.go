package reports

import (
	"strings"
	"unicode/utf8"
)

// CommonDir is the longest directory prefix (ending in "/") that every
// input path shares; "" when they share none. With one input it is that
// input's directory, so the file name alone is left.
func CommonDir(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	prefix := dirOf(paths[0])
	for _, p := range paths[1:] {
		for prefix != "" && !strings.HasPrefix(p, prefix) {
			prefix = dirOf(strings.TrimSuffix(prefix, "/"))
		}
	}
	return prefix
}

// dirOf is everything up to and including the last "/" (or "\" on
// Windows paths), "" for a bare name.
func dirOf(p string) string {
	i := strings.LastIndexAny(p, `/\`)
	if i < 0 {
		return ""
	}
	return p[:i+1]
}

// inputPaths returns the model's input paths, for CommonDir.
func (m *Model) inputPaths() []string {
	out := make([]string, 0, len(m.Inputs))
	for _, in := range m.Inputs {
		out = append(out, in.Path)
	}
	return out
}

// relativeTo strips the common directory from an input path; a path
// outside it (a finding for an input the model does not list) is kept.
func relativeTo(dir, path string) string {
	if rel, ok := strings.CutPrefix(path, dir); ok && rel != "" {
		return rel
	}
	return path
}

// middle shortens s to n runes by cutting its middle, so that both the
// start of a path and the file name at its end stay readable.
func middle(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)
	// The end names the file: it gets two thirds of the room, or all of
	// the file name when that fits.
	tail := (n - 1) * 2 / 3
	if base := utf8.RuneCountInString(s[strings.LastIndexAny(s, `/\`)+1:]); base < n {
		tail = max(tail, base)
	}
	head := n - 1 - tail
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// middleDistinct shortens each text to n runes as middle does, but keeps
// texts apart that middle would make equal (paths that differ only in
// their middle: "vendorA/product-0017-x.json", "vendorA/product-0018-x.json"):
// those show the stretch where they differ instead. It returns the
// shortened form of every text.
func middleDistinct(texts []string, n int) map[string]string {
	out := make(map[string]string, len(texts))
	groups := map[string][]string{} // shortened form -> the texts it stands for
	for _, s := range texts {
		if _, ok := out[s]; ok {
			continue
		}
		short := middle(s, n)
		out[s] = short
		groups[short] = append(groups[short], s)
	}
	for _, g := range groups {
		if len(g) < 2 || n < 3 {
			continue
		}
		p := commonPrefixRunes(g)
		for _, s := range g {
			out[s] = around(s, p, n)
		}
	}
	return out
}

// commonPrefixRunes is the number of runes every text starts with alike.
func commonPrefixRunes(texts []string) int {
	first := []rune(texts[0])
	p := len(first)
	for _, s := range texts[1:] {
		i := 0
		for _, r := range s {
			if i >= p || first[i] != r {
				break
			}
			i++
		}
		p = i
	}
	return p
}

// around shortens s to n runes around rune p, with a little of what
// comes before it, marking each cut.
func around(s string, p, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	start := p - min(p, max(1, n/4))
	switch {
	case start+n-1 >= len(r):
		return "…" + string(r[len(r)-(n-1):])
	case start == 0:
		return string(r[:n-1]) + "…"
	}
	return "…" + string(r[start:start+n-2]) + "…"
}

// clipTo shortens s to n runes at the end, marking the cut.
func clipTo(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	return string([]rune(s)[:n-1]) + "…"
}
