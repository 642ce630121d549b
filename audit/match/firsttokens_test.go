package match

import (
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
