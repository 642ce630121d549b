package audit

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// isLegalForm reports company-form words, dropped wherever they stand so
// that "AO Kaspersky Lab", "Kaspersky Lab ZAO" and "Kaspersky Lab, Inc."
// agree.
func isLegalForm(w string) bool {
	switch w {
	case "ao", "zao", "ooo", "jsc", "pjsc", "cjsc", "ltd", "limited", "inc",
		"incorporated", "gmbh", "llc", "corp", "corporation", "co",
		"ао", "зао", "ооо", "пао", "оао":
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
	toks := tokenize(foldLower(s))
	return strings.Join(dropLegalForms(toks), " ")
}

// foldLower case-folds s, then lower-cases what folding left upper-case.
// Folding alone is not idempotent for scripts whose fold target is the
// capital letter (Cherokee: U+13F8 folds to U+13F0, which x/text folds
// back to U+13F8), so normalising a normalised name would change it.
func foldLower(s string) string {
	return strings.ToLower(cases.Fold().String(s))
}

// Tokens splits s into lower-case words (runs of letters, marks and
// digits) after NFKC normalisation and case folding. Apostrophes join.
func Tokens(s string) []string {
	return tokenize(foldLower(norm.NFKC.String(s)))
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
	var toks []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case isApostrophe(r):
		case isWordRune(r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return toks
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
			out = append(out, toks[i])
		}
	}
	if len(out) == 0 {
		return toks
	}
	return out
}
