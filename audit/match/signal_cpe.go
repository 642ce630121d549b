package match

import (
	"strings"
)

// cpeSignal matches the vendor field of CPE 2.2 URIs and 2.3 formatted
// strings. A CPE the producing tool guessed is only a name.
type cpeSignal struct{}

func (cpeSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	// A tool that guesses CPEs writes several per component with the same
	// few vendors; a vendor the gate turned away once is not read again.
	var rejected [4]string
	nrej := 0
	for i, cpe := range c.CPEs {
		v := cpeVendor(cpe.Value)
		if v == "" || seen(rejected[:nrej], v) {
			continue
		}
		if !ix.first.mayMatch(v) {
			if nrej < len(rejected) {
				rejected[nrej] = v
				nrej++
			}
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

func seen(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
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
