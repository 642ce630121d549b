package match

import (
	"strings"
)

// cpeSignal matches the vendor field of CPE 2.2 URIs and 2.3 formatted
// strings. A CPE the producing tool guessed is only a name.
type cpeSignal struct{}

func (cpeSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	for i, cpe := range c.CPEs {
		// Most CPEs are turned away at the first word of the vendor,
		// read where it stands in the CPE, without parsing the vendor.
		if ix.cpeFirstWordRejects(cpe.Value) {
			continue
		}
		v := cpeVendor(cpe.Value)
		if v == "" || !ix.cpeMayMatch(v) {
			continue
		}
		rules := ix.cpes[NormalizeCPEVendor(v)]
		ro, identity := roleMaker, true
		if cpe.Generated {
			ro, identity = roleNameOnly, false
		}
		hits = addHits(hits, rules, c, "cpe", indexed("cpes", i, ""), cpe.Value, ro, identity)
	}
	return hits
}

// cpeFirstWordRejects reports a CPE 2.3 name ("cpe:2.3:a:...") whose
// vendor's first word is plain, no legal form or SPDX role, and starts no
// listed vendor: cpeMayMatch would turn the vendor away. Anything else
// (another spelling, a vendor that opens with a separator, a wildcard) is
// left to the full reading.
func (ix *index) cpeFirstWordRejects(s string) bool {
	if len(s) < 11 || s[:8] != "cpe:2.3:" || s[9] != ':' || ix.cpeFirst == nil {
		return false
	}
	rest := s[10:]
	g := &ix.cpeGate
	if c := g.class[rest[0]]; c <= cpeSlow {
		return false // a separator, a backslash or a byte needing the full path first
	}
	start, _, h, plain := g.word(rest, 0)
	if !plain || start != 0 || g.legal.has(h) || g.roles.has(h) {
		return false
	}
	return !g.first.has(h)
}

// cpeBody returns what follows "cpe:2.3:" or "cpe:/" in a CPE name, with
// or without the "p-" prefix some scanners use (p-cpe: from Tenable,
// Greenbone); false for anything else.
func cpeBody(s string) (string, bool) {
	if len(s) > 8 && s[:8] == "cpe:2.3:" { // the usual spelling: no folding, no prefix
		return s[8:], true
	}
	if len(s) > 2 && strings.EqualFold(s[:2], "p-") {
		s = s[2:]
	}
	switch {
	case len(s) > 8 && strings.EqualFold(s[:8], "cpe:2.3:"):
		return s[8:], true
	case len(s) > 5 && strings.EqualFold(s[:5], "cpe:/"):
		return s[5:], true
	}
	return "", false
}

// cpeVendor returns the raw vendor field of a CPE name, "" if there is
// none or it is a wildcard.
func cpeVendor(s string) string {
	rest, ok := cpeBody(s)
	if !ok {
		return ""
	}
	// Skip the part field (one letter, in any CPE a tool writes), then
	// read the vendor up to an unescaped colon. IndexByte finds each colon
	// a word at a time; a colon after an odd run of backslashes is escaped.
	i := 1
	if len(rest) < 2 || rest[0] == ':' || rest[1] != ':' {
		if i = strings.IndexByte(rest, ':'); i < 0 {
			return ""
		}
	}
	rest = rest[i+1:]
	end := 0
	for {
		j := strings.IndexByte(rest[end:], ':')
		if j < 0 {
			end = len(rest)
			break
		}
		end += j
		if !escapedAt(rest, end) {
			break
		}
		end++
	}
	v := rest[:end]
	if v == "*" || v == "-" {
		return ""
	}
	return v
}

// escapedAt reports whether s[i] follows an odd run of backslashes, so is
// escaped by the last of them.
func escapedAt(s string, i int) bool {
	n := 0
	for i > 0 && s[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// cpeMayMatch reports whether the CPE vendor v may normalise to a listed
// vendor. A listed vendor is matched whole, so the first word of v that
// is no legal form must be the first word of one: only that word is read
// ("\@algolia\/client-abtesting" is turned away at "algolia"), instead
// of every word. Whatever NormalizeCPEVendor would read otherwise than
// this plain scan — a percent escape or another script before the word,
// an apostrophe in it, an SPDX role, a trailing e-mail, the Polish legal
// form, a vendor of legal forms only — takes the full path.
func (ix *index) cpeMayMatch(v string) bool {
	if v != "" && (v[len(v)-1] == ')' || v[len(v)-1] == '>') {
		return true
	}
	g := &ix.cpeGate
	skipped := false
	for i := 0; ; {
		start, end, h, plain := g.word(v, i)
		switch {
		case !plain:
			return true
		case start == end:
			return skipped
		case g.legal.has(h) || g.roles.has(h):
			var buf [maxWord]byte
			w := g.lower(buf[:0], v[start:end])
			if string(w) == "sp" || (string(w) == "organization" || string(w) == "person" || string(w) == "tool") && end < len(v) && v[end] == ':' {
				return true
			}
			if isLegalFormBytes(w) {
				i, skipped = end, true
				continue
			}
		}
		if !g.first.has(h) {
			return false
		}
		var buf [maxWord]byte
		return ix.cpeFirst[string(g.lower(buf[:0], v[start:end]))]
	}
}

// cpeGate holds what cpeMayMatch reads a word with: a byte class table
// and hash filters of the listed vendors' first words, of legal forms and
// of SPDX roles.
type cpeGate struct {
	class               [256]byte // lower-case letter or digit; cpeSep, cpeBackslash, cpeSlow
	first, legal, roles wordFilter
}

const (
	cpeSep       = 0
	cpeBackslash = 1 // NormalizeCPEVendor removes it: never a separator
	cpeSlow      = 2 // percent escape, apostrophe, another script
)

func (g *cpeGate) init() {
	for b := 0; b < 256; b++ {
		switch {
		case b >= 0x80 || b == '%' || b == '\'' || b == '`':
			g.class[b] = cpeSlow
		case b == '\\':
			g.class[b] = cpeBackslash
		default:
			g.class[b] = wordByte(byte(b))
		}
	}
	for _, w := range []string{"ao", "zao", "ooo", "jsc", "pjsc", "cjsc", "ltd", "limited", "inc",
		"incorporated", "gmbh", "llc", "corp", "corporation", "co", "pte", "pvt", "plc", "pty", "llp", "ag",
		"sa", "sas", "sarl", "bv", "nv", "kk", "oy", "oyj", "spa", "srl", "sro", "kft", "sdn", "bhd", "sp"} {
		g.legal.add(w)
	}
	for _, w := range []string{"organization", "person", "tool"} {
		g.roles.add(w)
	}
}

// word finds the next word of v at or after i: v[start:end], with its
// lower-cased bytes hashed (backslashes skipped); plain is false when a
// byte needs the full normalisation.
func (g *cpeGate) word(v string, i int) (start, end int, h uint32, plain bool) {
	for ; i < len(v); i++ { // separators and backslashes before the word
		c := g.class[v[i]]
		if c == cpeSlow {
			return i, i, 0, false
		}
		if c > cpeSlow {
			break
		}
	}
	start, h = i, 2166136261
	for ; i < len(v); i++ {
		c := g.class[v[i]]
		switch {
		case c > cpeSlow:
			h = (h ^ uint32(c)) * 16777619
		case c == cpeSlow:
			return start, i, 0, false
		case c == cpeSep:
			return start, i, h, true
		}
	}
	return start, i, h, true
}

// lower appends the word's lower-cased bytes without backslashes.
func (g *cpeGate) lower(dst []byte, w string) []byte {
	for i := 0; i < len(w) && len(dst) < cap(dst); i++ {
		if c := g.class[w[i]]; c > cpeSlow {
			dst = append(dst, c)
		}
	}
	return dst
}

// wordFilter is a 64k-bit filter of FNV-1a hashes of words.
type wordFilter [1 << 16 / 64]uint64

func (f *wordFilter) add(w string) {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	k := uint16(h ^ h>>16)
	f[k>>6] |= 1 << (k & 63)
}

func (f *wordFilter) has(h uint32) bool {
	k := uint16(h ^ h>>16)
	return f[k>>6]&(1<<(k&63)) != 0
}

func isLegalFormBytes(w []byte) bool { return isLegalForm(string(w)) }
