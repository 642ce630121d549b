package match

import (
	"hash/maphash"
	"strings"
)

// gateMemo remembers strings in which no phrase was found. SBOM tools repeat
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

// findInText is ix.findInText remembered: a string in which no phrase of
// kinds k was found is turned away next time, whether the gate or the
// phrase search turned it away (a value can pass the word gate and still
// hold no phrase: tokenizing it again each time cost more than the gate).
// Callers use one memo with one set of kinds.
func (m *gateMemo) findInText(ix *index, s string, k phraseKinds) []*rule {
	if s == "" {
		return nil
	}
	if len(s) < memoMin {
		if !ix.first.mayMatch(s) {
			return nil
		}
		return ix.findPhrases(Tokens(s), k)
	}
	if m.seed == (maphash.Seed{}) {
		m.seed = maphash.MakeSeed()
	}
	h := maphash.String(m.seed, s)
	e := &m.slots[h%uint64(len(m.slots))]
	if e.h == h && e.s == s {
		return nil
	}
	var rules []*rule
	if ix.first.mayMatch(s) {
		if rules = ix.findPhrases(Tokens(s), k); rules != nil {
			return rules
		}
	}
	if e.h == h {
		e.s = strings.Clone(s)
	} else {
		e.h, e.s = h, ""
	}
	return nil
}
