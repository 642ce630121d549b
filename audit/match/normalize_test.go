package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeOrg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AO Kaspersky Lab", "kaspersky lab"},
		{"KASPERSKY LAB", "kaspersky lab"},
		{"Kaspersky Lab, Inc.", "kaspersky lab"},
		{"Kaspersky Lab ZAO", "kaspersky lab"},
		{"ZAO Kaspersky Lab", "kaspersky lab"},
		{"Kaspersky Lab JSC", "kaspersky lab"},
		{"Kaspersky Lab AO", "kaspersky lab"},
		{"Kaspersky Labs Limited", "kaspersky labs"},
		{"Kaspersky Labs GmbH", "kaspersky labs"},
		{"OOO Kaspersky Group", "kaspersky group"},
		{"Kaspersky Lab Polska Sp. z o.o.", "kaspersky lab polska"},
		{"Organization: AO Kaspersky Lab", "kaspersky lab"},
		{"Organization: Kaspersky Lab (info@kaspersky.com)", "kaspersky lab"},
		{"Person: Jane Doe <jane@example.org>", "jane doe"},
		{"Tool: syft-1.0", "syft 1 0"},
		{"\"Kaspersky Lab\"", "kaspersky lab"},
		{"«Kaspersky Lab»", "kaspersky lab"},
		{"„Kaspersky Lab“", "kaspersky lab"},
		{"‘Kaspersky Lab’", "kaspersky lab"},
		{"ＫＡＳＰＥＲＳＫＹ　ＬＡＢ", "kaspersky lab"}, // full-width, NFKC
		{"АО «Лаборатория Касперского»", "лаборатория касперского"},
		{"ЗАО \"Лаборатория Касперского\"", "лаборатория касперского"},
		{"  Kaspersky   Lab  ", "kaspersky lab"},
		{"Kaspersky Lab Co., Ltd.", "kaspersky lab"},
		{"The Apache Software Foundation", "the apache software foundation"},
		{"O'Reilly Media, Inc.", "oreilly media"},
		{"Inc.", "inc"}, // only a legal form: kept rather than emptied
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeOrg(tt.in); got != tt.want {
			t.Errorf("NormalizeOrg(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Copyright (c) 2011 Kaspersky Lab ZAO", []string{"copyright", "c", "2011", "kaspersky", "lab", "zao"}},
		{"kaspersky_av.lua", []string{"kaspersky", "av", "lua"}},
		{"KasperSkytte/ampvis2", []string{"kasperskytte", "ampvis2"}},
		{"python3-fakesleep", []string{"python3", "fakesleep"}},
		{"© 2024 AO Kaspersky Lab", []string{"2024", "ao", "kaspersky", "lab"}},
		{"Straße", []string{"strasse"}}, // case folding, not just lower-casing
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeCPEVendor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kaspersky_lab", "kaspersky lab"},
		{"ao_kaspersky_lab", "kaspersky lab"},
		{"ao-kaspersky-lab", "kaspersky lab"},
		{"Kaspersky", "kaspersky"},
		{`kaspersky\_lab`, "kaspersky lab"},
		{"kaspersky%5flab", "kaspersky lab"},
		{`\@algolia\/client-abtesting`, "algolia client abtesting"},
	}
	for _, tt := range tests {
		if got := NormalizeCPEVendor(tt.in); got != tt.want {
			t.Errorf("NormalizeCPEVendor(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if NormalizeCPEVendor(tt.in) == "kaspersky lab" && NormalizeOrg("Kaspersky Lab") != NormalizeCPEVendor(tt.in) {
			t.Errorf("CPE vendor %q and org name disagree", tt.in)
		}
	}
}

// TestTokenizeASCII: the ASCII fast path splits exactly as the rune path
// does, on random ASCII (letters of both cases, digits, apostrophes,
// backquotes, punctuation, controls).
func TestTokenizeASCII(t *testing.T) {
	const alphabet = "aZk9 '`-_./@:\t\x00\x7fQ"
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 50000; n++ {
		b := make([]byte, rng.IntN(16))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		if got, want := tokenizeASCII(s), tokenizeRunes(s); !slices.Equal(got, want) {
			t.Fatalf("tokenizeASCII(%q) = %q, tokenizeRunes %q", s, got, want)
		}
	}
	if got := fold("KASPERSKY Lab"); got != "kaspersky lab" {
		t.Errorf("fold = %q", got)
	}
}

// TestIsASCII: a byte of 0x80 or more anywhere, at every offset of the
// eight-byte loop and its tail, makes a string non-ASCII.
func TestIsASCII(t *testing.T) {
	for n := 0; n <= 20; n++ {
		b := []byte(strings.Repeat("a", n))
		if !isASCII(string(b)) {
			t.Fatalf("%q: not ASCII", b)
		}
		for i := range b {
			c := append([]byte(nil), b...)
			c[i] = 0x80
			if isASCII(string(c)) {
				t.Fatalf("%q: ASCII", c)
			}
		}
	}
}
