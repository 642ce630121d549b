package match

import (
	"hash/maphash"
	"strings"
)

// rejectMemo remembers strings a check turned away. SBOM tools repeat
// the same property values ("/package-lock.json", "javascript"...) on
// thousands of components: on the 100k-component bench, 218k property
// values are 4,266 distinct strings. A remembered string costs a hash and
// a comparison instead of the check.
//
// A memo is per target, so per goroutine, and belongs to one Matcher, so
// its answers are the check's for that Matcher's index. A string is kept
// (copied, so that no document stays alive through the memo) only the
// second time its slot sees it turned away: a string seen once costs a
// hash and a store, not a copy.
type rejectMemo struct {
	seed  maphash.Seed
	slots [4096]memoSlot
}

type memoSlot struct {
	h uint64
	s string
}

// lookup returns s's slot and hash, and whether s was turned away before.
func (m *rejectMemo) lookup(s string) (*memoSlot, uint64, bool) {
	if m.seed == (maphash.Seed{}) {
		m.seed = maphash.MakeSeed()
	}
	h := maphash.String(m.seed, s)
	e := &m.slots[h%uint64(len(m.slots))]
	return e, h, e.h == h && e.s == s
}

// reject records that s, whose slot and hash lookup returned, was turned
// away: the first time as a hash only, the second time with a copy.
func (m *rejectMemo) reject(e *memoSlot, h uint64, s string) {
	if e.h == h {
		e.s = strings.Clone(s)
	} else {
		e.h, e.s = h, ""
	}
}

// gateMemo remembers property values in which no phrase was found.
type gateMemo struct{ rejectMemo }

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
	e, h, seen := m.lookup(s)
	if seen {
		return nil
	}
	var rules []*rule
	if ix.first.mayMatch(s) {
		if rules = ix.findPhrases(Tokens(s), k); rules != nil {
			return rules
		}
	}
	m.reject(e, h, s)
	return nil
}
