package match

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFirstTokensEdges: the allocation-free word gate agrees with the
// dictionary at its edges: apostrophes anywhere in a word, words at and
// beyond maxWord bytes, words running into non-ASCII text, digits.
func TestFirstTokensEdges(t *testing.T) {
	var empty firstTokens
	if empty.mayMatch("kaspersky") {
		t.Error("an empty dictionary matched")
	}
	long := strings.Repeat("ab", maxWord/2) // exactly maxWord bytes
	var f firstTokens
	for _, w := range []string{"kaspersky", "kesl", "k", long, "aardvark"} {
		f.add(w)
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"k'aspersky", true},  // apostrophe second: the slow path drops it
		{"'kaspersky", true},  // apostrophe first
		{"kasp`ersky", true},  // backquote is an apostrophe too
		{"kaspersky'", true},  // trailing
		{"kasperskx", false},  // same pair, another word
		{"kaspersk", false},   // a prefix is not the word
		{"kasperskyy", false}, // nor a longer one
		{"KESL", true},
		{"kesl12", false},
		{"kesl 12", true},
		{"x-kesl", true},
		{"kasperskyé", true}, // runs into non-ASCII: the slow path decides
		{"é", true},
		{"zz", false},
		{long, true},
		{strings.ToUpper(long), true},
		{strings.Repeat("ab", maxWord/2-1) + "ac", false}, // maxWord bytes, another word
		{strings.Repeat("a", maxWord+6), true},            // longer than maxWord: let through
		{strings.Repeat("z", maxWord+6), false},           // ...unless its first pair starts nothing
		{strings.Repeat("a", maxWord-1) + "'" + "aaaaaa", true},
		{"'", false},
		{"''", false},
	} {
		if got := f.mayMatch(tt.in); got != tt.want {
			t.Errorf("mayMatch(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if h := wordHash("kaspersky"); h != wordHash([]byte("kaspersky")) || h == wordHash("kasperskz") {
		t.Error("wordHash")
	}
	if pairKey("k") != uint16('k')<<8 || pairKey("ka") != uint16('k')<<8|uint16('a') {
		t.Error("pairKey")
	}
}

// TestMayMatchNeverMisses: the gate may let through what the dictionary
// does not hold, but never turns away a string with a dictionary word in
// it (lower-cased, apostrophes dropped), whatever surrounds the word:
// random strings from dictionary words, their pieces, apostrophes,
// separators, digits and upper case.
func TestMayMatchNeverMisses(t *testing.T) {
	words := []string{"kaspersky", "kesl", "k", "huawei", "hikvision", "zte", "x9", "ab" + strings.Repeat("c", maxWord)}
	var f firstTokens
	for _, w := range words {
		f.add(w)
	}
	pieces := append([]string{" ", "-", "/", ".", "'", "`", "Q", "z", "7", "kasp", "ersky", "ZT", "E", "hik", "vision"}, words...)
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(3) == 0 {
				p = strings.ToUpper(p)
			}
			b.WriteString(p)
		}
		s := b.String()
		if holdsWord(&f, s) && !f.mayMatch(s) {
			t.Fatalf("mayMatch(%q) = false, but it holds a dictionary word", s)
		}
	}
}

// holdsWord is the reference: split s into ASCII words as the gate does
// (letters, digits and apostrophes), drop apostrophes, lower-case, look
// each up.
func holdsWord(f *firstTokens, s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '\'' || r == '`' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}) {
		w = strings.ToLower(strings.NewReplacer("'", "", "`", "").Replace(w))
		if _, ok := f.set[w]; ok {
			return true
		}
	}
	return false
}
