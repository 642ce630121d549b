package reports

import (
	"fmt"
	"strings"
)

// visible replaces every character that could act on a terminal or hide
// text instead of being shown: C0 and C1 controls (ESC starts ANSI
// sequences), DEL, and the Unicode bidirectional overrides used in
// "trojan source" attacks. Each becomes a visible Go-style escape such as
// \x1b or \u202e, so the reader sees that the SBOM contained it. Newlines
// and tabs are escaped too: one value is one line.
func visible(s string) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case needsEscape(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}
