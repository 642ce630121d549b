package match

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestGateMemoAgrees: remembered or not, the memo answers what the gate
// answers, for strings seen once, twice or many times, sharing slots, and
// for strings the gate lets through (never remembered as turned away).
func TestGateMemoAgrees(t *testing.T) {
	ix := embeddedMatcher(t).ix
	var pool []string
	for i := 0; i < 3000; i++ {
		pool = append(pool, fmt.Sprintf("/usr/share/doc/libfoo%d/copyright", i))
	}
	pool = append(pool, "Kaspersky Lab products", "/opt/kaspersky/kesl/bin", "cpe-vendor-huawei", "short", "",
		"AO Kaspersky Lab", "/node_modules/re2/vendor/re2/.github/workflows/release.yml")
	var m gateMemo
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 40000; n++ {
		s := pool[rng.IntN(len(pool))]
		if n%3 == 0 {
			s = pool[len(pool)-1-rng.IntN(7)] // the matching ones, often
		}
		if got, want := m.mayMatch(ix, s), ix.first.mayMatch(s); got != want {
			t.Fatalf("memo says %v for %q, the gate %v", got, s, want)
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
		if m.mayMatch(ix, s) {
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
