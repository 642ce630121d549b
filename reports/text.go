package reports

import "strings"

// Small text helpers every renderer uses.

// sentence ends s with a full stop unless it already ends a sentence, so
// that a value ending in "." (an action, "Inc.") is not doubled.
func sentence(s string) string {
	s = strings.TrimRight(s, " ")
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// plain makes an SBOM string safe for plain-text fields.
func plain(s string) string {
	return visible(s)
}

// quotePlain quotes a value so that where it starts and ends is clear.
func quotePlain(s string) string {
	return `"` + visible(s) + `"`
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
