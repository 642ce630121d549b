package match

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNormalizeOrg: normalisation never panics, is idempotent, yields
// valid UTF-8 without upper-case letters or doubled spaces.
func FuzzNormalizeOrg(f *testing.F) {
	for _, s := range []string{
		"AO Kaspersky Lab", "KASPERSKY LAB", "Kaspersky Lab, Inc.", "АО «Лаборатория Касперского»",
		"Organization: Kaspersky Labs GmbH (info@kaspersky.com)", "Person: Jane <j@x>", "",
		"\xff\xfe", "ＫＡＳＰＥＲＳＫＹ", "O'Reilly & Sons, Ltd.", "ООО «Касперский»",
		"ᏸ", "Ᏸ", "ꭰ Ꭰ", // Cherokee: folding alone is not idempotent
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeOrg(s)
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 from %q: %q", s, n)
		}
		if strings.Contains(n, "  ") || strings.TrimSpace(n) != n {
			t.Fatalf("untidy spaces from %q: %q", s, n)
		}
		if again := NormalizeOrg(n); again != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, again)
		}
	})
}
