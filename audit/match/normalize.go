package match

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// isLegalForm reports company-form words, dropped wherever they stand so
// that "AO Kaspersky Lab", "Kaspersky Lab ZAO" and "Kaspersky Lab, Inc."
// agree.
func isLegalForm(w string) bool {
	switch w {
	case "ao", "zao", "ooo", "jsc", "pjsc", "cjsc", "ltd", "limited", "inc",
		"incorporated", "gmbh", "llc", "corp", "corporation", "co",
		"pte", "pvt", "plc", "pty", "llp", "ag", "sa", "sas", "sarl", "bv", "nv",
		"kk", "oy", "oyj", "spa", "srl", "sro", "kft", "sdn", "bhd",
		"ао", "зао", "ооо", "пао", "оао", "тов", "пат", "прат", "ат",
		"株式会社", "有限会社", "有限公司", "股份有限公司":
		return true
	}
	return false
}

// legalSeqLen is the length of the one multi-word legal form, Polish
// "Sp. z o.o.", as words.
const legalSeqLen = 4

func isLegalSeq(toks []string, i int) bool {
	return len(toks)-i >= legalSeqLen && toks[i] == "sp" && toks[i+1] == "z" &&
		toks[i+2] == "o" && toks[i+3] == "o"
}

// NormalizeOrg reduces an organisation name to lower-case words without
// punctuation, quotes, SPDX role, trailing e-mail or legal form, so that
// every spelling of one company compares equal.
func NormalizeOrg(s string) string {
	s = norm.NFKC.String(s)
	s = stripRole(strings.TrimSpace(s))
	s = stripTrailingEmail(s)
	toks := tokenize(fold(s))
	// Dropping a character between two combining marks (an apostrophe)
	// can leave them out of canonical order: normalise the result again so
	// that NormalizeOrg is idempotent (found by fuzzing; seed kept).
	return norm.NFKC.String(strings.Join(dropLegalForms(toks), " "))
}

// Tokens splits s into lower-case words (runs of letters, marks and
// digits) after NFKC normalisation and case folding. Apostrophes join.
func Tokens(s string) []string {
	return tokenize(fold(norm.NFKC.String(s)))
}

// fold case-folds s. Case folding alone is not idempotent for Cherokee
// (x/text folds each case to the other), so the result is lower-cased
// too (found by fuzzing; the input is kept as a regression seed).
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // what folding does to ASCII, without building a Caser
	}
	return strings.ToLower(cases.Fold().String(s))
}

// NormalizeCPEVendor normalises the vendor field of a CPE name so that
// "kaspersky_lab", "ao_kaspersky_lab" and "ao-kaspersky-lab" equal
// NormalizeOrg("Kaspersky Lab").
func NormalizeCPEVendor(v string) string {
	if strings.Contains(v, "%") {
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
	}
	return NormalizeOrg(strings.ReplaceAll(v, `\`, ""))
}

func stripRole(s string) string {
	// SPDX puts an agent type before supplier and originator names.
	for _, r := range [...]string{"organization:", "person:", "tool:"} {
		if len(s) >= len(r) && strings.EqualFold(s[:len(r)], r) {
			return strings.TrimSpace(s[len(r):])
		}
	}
	return s
}

// stripTrailingEmail drops "(a@b)" or "<a@b>" at the end of a name.
func stripTrailingEmail(s string) string {
	if s == "" {
		return s
	}
	var open byte
	switch s[len(s)-1] {
	case ')':
		open = '('
	case '>':
		open = '<'
	default:
		return s
	}
	i := strings.LastIndexByte(s, open)
	if i < 0 || !strings.Contains(s[i:], "@") {
		return s
	}
	return strings.TrimSpace(s[:i])
}

// isApostrophe reports runes that join the halves of a word ("O'Neil").
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '‘', '’', 'ʼ', '′':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// tokenize splits already folded text into words; every other rune
// (punctuation, quotes of every kind, symbols, spaces) separates words.
func tokenize(s string) []string {
	if isASCII(s) {
		return tokenizeASCII(s)
	}
	return tokenizeRunes(s)
}

// tokenizeASCII is tokenizeRunes for ASCII text: words are substrings of
// s, copied only when an apostrophe has to be dropped from one.
func tokenizeASCII(s string) []string {
	var toks []string
	if len(s) > 16 {
		toks = make([]string, 0, 8) // one allocation where growing would take four
	}
	for i := 0; i < len(s); {
		if wordByte(s[i]) == 0 && !isASCIIApostrophe(s[i]) {
			i++
			continue
		}
		start, apos := i, false
		for ; i < len(s) && (wordByte(s[i]) != 0 || isASCIIApostrophe(s[i])); i++ {
			apos = apos || isASCIIApostrophe(s[i])
		}
		w := s[start:i]
		if apos {
			w = dropPossessive(w)
		}
		if apos {
			w = strings.Map(func(r rune) rune {
				if isASCIIApostrophe(byte(r)) {
					return -1
				}
				return r
			}, w)
		}
		if w != "" {
			toks = append(toks, w)
		}
	}
	if len(toks) == 0 {
		return nil // as tokenizeRunes
	}
	return toks
}

func isASCIIApostrophe(b byte) bool { return b == '\'' || b == '`' }

// tokenizeRunes splits any text into words, rune by rune.
func tokenizeRunes(s string) []string {
	var toks []string
	var b []byte
	aposAt := -1 // where the last apostrophe stood in b
	flush := func() {
		if aposAt >= 0 && aposAt == len(b)-1 && b[aposAt] == 's' {
			b = b[:aposAt] // a possessive: "Kaspersky’s" is Kaspersky
		}
		if len(b) > 0 {
			toks = append(toks, string(b))
			b = b[:0]
		}
		aposAt = -1
	}
	for _, r := range s {
		switch {
		case isApostrophe(r):
			aposAt = len(b)
		case isInvisible(r):
		case isWordRune(r):
			b = utf8.AppendRune(b, r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// dropPossessive cuts an apostrophe and s closing a word ("kaspersky's"):
// the possessive names the same entity, where apostrophes inside a word
// ("o'reilly") are only dropped.
func dropPossessive(w string) string {
	if n := len(w); n > 2 && w[n-1] == 's' && isASCIIApostrophe(w[n-2]) {
		return w[:n-2]
	}
	return w
}

// isInvisible reports format characters (soft hyphen, zero-width space,
// joiners, word joiner, byte-order mark, bidi controls): they change no
// glyph, so a name written with them is the same name. They are dropped
// inside words rather than splitting them.
func isInvisible(r rune) bool {
	return r >= 0x80 && (unicode.Is(unicode.Cf, r) || r == '\u200b' || r == '\u2060' || r == '\ufeff')
}

// cjkLegalForms are company forms that CJK names carry glued to the name,
// without a space: 株式会社カスペルスキー.
var cjkLegalForms = [...]string{"股份有限公司", "有限公司", "株式会社", "有限会社"}

// trimCJKLegalForm drops a CJK company form glued before or after a name.
func trimCJKLegalForm(w string) string {
	if w == "" || w[0] < 0x80 {
		return w
	}
	for _, f := range cjkLegalForms {
		if len(w) > len(f) {
			if rest, ok := strings.CutPrefix(w, f); ok {
				return rest
			}
			if rest, ok := strings.CutSuffix(w, f); ok {
				return rest
			}
		}
	}
	return w
}

// dropLegalForms removes legal-form words; a name made only of legal
// forms is kept as it is rather than reduced to nothing.
func dropLegalForms(toks []string) []string {
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		if isLegalSeq(toks, i) {
			i += legalSeqLen - 1
			continue
		}
		if !isLegalForm(toks[i]) {
			out = append(out, trimCJKLegalForm(toks[i]))
		}
	}
	if len(out) == 0 {
		return toks
	}
	return out
}

// appendInvisible adds, for each field whose value held invisible
// characters, an evidence entry that names them and where they stood, so
// that a reviewer sees the name was disguised.
func appendInvisible(ev []Evidence) []Evidence {
	n := len(ev)
	for i := 0; i < n; i++ {
		desc := describeInvisible(ev[i].Value)
		if desc == "" || hasInvisibleNote(ev[n:], ev[i].Field) {
			continue
		}
		e := ev[i]
		e.Signal, e.Matched, e.Strength = "invisible-characters", desc, "weak"
		ev = append(ev, e)
	}
	return ev
}

func hasInvisibleNote(notes []Evidence, field string) bool {
	for _, e := range notes {
		if e.Field == field {
			return true
		}
	}
	return false
}

// describeInvisible lists the invisible characters of s with their
// positions ("U+00AD SOFT HYPHEN at character 7"), or "" for none.
func describeInvisible(s string) string {
	var parts []string
	pos := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		pos++
		if isInvisible(r) {
			parts = append(parts, fmt.Sprintf("U+%04X %s at character %d", r, runenames.Name(r), pos))
		}
		i += size
	}
	if len(parts) == 0 {
		return ""
	}
	return "removed before matching: " + strings.Join(parts, ", ")
}
