package match

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestGateMemoAgrees: remembered or not, the memo finds what the phrase
// search finds, for strings seen once, twice or many times, sharing
// slots, for strings the gate lets through that hold a phrase (never
// remembered) and for strings it lets through that hold none.
func TestGateMemoAgrees(t *testing.T) {
	ix := embeddedMatcher(t).ix
	var pool []string
	for i := 0; i < 3000; i++ {
		pool = append(pool, fmt.Sprintf("/usr/share/doc/libfoo%d/copyright", i))
	}
	pool = append(pool, "Kaspersky Lab products", "/opt/kaspersky/kesl/bin", "cpe-vendor-huawei", "short", "",
		"AO Kaspersky Lab", "/node_modules/re2/vendor/re2/.github/workflows/release.yml", "kaspersky-free words here")
	var m gateMemo
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 40000; n++ {
		s := pool[rng.IntN(len(pool))]
		if n%3 == 0 {
			s = pool[len(pool)-1-rng.IntN(8)] // the matching ones, often
		}
		if got, want := len(m.findInText(ix, s, allPhrases)), len(ix.findInText(s, allPhrases)); got != want {
			t.Fatalf("memo finds %d rules in %q, the search %d", got, s, want)
		}
	}
}

// TestGateMemoCopies: what the memo remembers is its own copy, so that a
// pooled target keeps no decoded document alive after its audit.
func TestGateMemoCopies(t *testing.T) {
	ix := embeddedMatcher(t).ix
	b := []byte("/usr/share/doc/libfoo/copyright")
	s := unsafe.String(&b[0], len(b))
	var m gateMemo
	for range 3 {
		if m.findInText(ix, s, allPhrases) != nil {
			t.Fatalf("%q let through", s)
		}
	}
	kept := 0
	for _, e := range m.slots {
		if e.s == s {
			kept++
			if unsafe.StringData(e.s) == &b[0] {
				t.Fatal("the memo holds the caller's bytes, not a copy")
			}
		}
	}
	if kept != 1 {
		t.Fatalf("%q remembered %d times after three sightings, want once", s, kept)
	}
}
