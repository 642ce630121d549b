package match

import (
	"hash/maphash"
	"strings"
)

// gateMemo remembers strings the word gate turned away. SBOM tools repeat
// the same property values ("/package-lock.json", "javascript"...) and
// CPE vendors on thousands of components: on the 100k-component bench,
// 218k property values are 4,266 distinct strings and 215k CPE vendors
// 30k. A remembered string costs a hash and a comparison instead of a
// scan of every word.
//
// The memo is per target, so per goroutine, and belongs to one Matcher,
// so its answers are the gate's for that Matcher's index. A string is
// kept (copied, so that no document stays alive through the memo) only
// the second time its slot sees it turned away: a string seen once costs
// a hash and a store, not a copy.
type gateMemo struct {
	seed  maphash.Seed
	slots [4096]struct {
		h uint64
		s string
	}
}

// memoMin is the length below which scanning is as cheap as the memo.
const memoMin = 12

// mayMatch is ix.first.mayMatch(s), remembered.
func (m *gateMemo) mayMatch(ix *index, s string) bool {
	if len(s) < memoMin {
		return ix.first.mayMatch(s)
	}
	if m.seed == (maphash.Seed{}) {
		m.seed = maphash.MakeSeed()
	}
	h := maphash.String(m.seed, s)
	e := &m.slots[h%uint64(len(m.slots))]
	if e.h == h && e.s == s {
		return false
	}
	if ix.first.mayMatch(s) {
		return true
	}
	if e.h == h {
		e.s = strings.Clone(s)
	} else {
		e.h, e.s = h, ""
	}
	return false
}

// findInText is ix.findInText with the gate remembered.
func (m *gateMemo) findInText(ix *index, s string, k phraseKinds) []*rule {
	if s == "" || !m.mayMatch(ix, s) {
		return nil
	}
	return ix.findPhrases(Tokens(s), k)
}
