package match

import "strings"

// maxWord bounds the words the allocation-free scanner copies; a longer
// ASCII word sends the text to the slow path, which handles any length.
const maxWord = 64

// wordByte returns b lower-cased if it is part of an ASCII word, else 0.
func wordByte(b byte) byte {
	switch {
	case 'a' <= b && b <= 'z', '0' <= b && b <= '9':
		return b
	case 'A' <= b && b <= 'Z':
		return b + 'a' - 'A'
	}
	return 0
}

// firstTokens is the set of words that can start a dictionary entry,
// with a two-byte bitmap in front of the map so that most words of
// ordinary text are rejected without copying or hashing them.
type firstTokens struct {
	bits  [1 << 16 / 64]uint64
	words [1 << 16 / 64]uint64 // a hash of each whole word: spares the map lookup for most words that pass the pair gate
	set   map[string]struct{}
	class [256]byte // ASCII: lower-case letter or digit, skip for apostrophes, 0 for separators
}

const classSkip = 1 // apostrophes: inside words, dropped

func (f *firstTokens) add(w string) {
	if f.set == nil {
		f.set = map[string]struct{}{}
		for b := 0; b < 0x80; b++ {
			f.class[b] = wordByte(byte(b))
		}
		f.class['\''], f.class['`'] = classSkip, classSkip
	}
	f.set[w] = struct{}{}
	f.setPair(pairKey(w))
	h := wordHash(w)
	f.words[h>>6] |= 1 << (h & 63)
}

// wordHash is FNV-1a folded to 16 bits.
func wordHash[T string | []byte](w T) uint16 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return uint16(h ^ h>>16)
}

func (f *firstTokens) setPair(k uint16) { f.bits[k>>6] |= 1 << (k & 63) }

func (f *firstTokens) hasPair(k uint16) bool { return f.bits[k>>6]&(1<<(k&63)) != 0 }

func pairKey[T string | []byte](w T) uint16 {
	k := uint16(w[0]) << 8
	if len(w) > 1 {
		k |= uint16(w[1])
	}
	return k
}

// mayMatch reports whether s could hold a dictionary entry: it has an
// ASCII word that starts one, or it is not plain ASCII and so needs the
// full Unicode path. It never allocates. It reads s once: a word whose
// first two bytes start no entry is skipped without hashing; any other
// is hashed, lower-cased, as it is read, for the whole-word gate.
func (f *firstTokens) mayMatch(s string) bool {
	if f.set == nil {
		return false
	}
	for i := 0; i < len(s); {
		a := f.class[s[i]]
		if a == 0 {
			if s[i] >= 0x80 {
				return true
			}
			i++
			continue
		}
		b := byte(0)
		if i+1 < len(s) {
			b = f.class[s[i+1]]
		}
		if a != classSkip && b != classSkip && !f.hasPair(uint16(a)<<8|uint16(b)) {
			for i < len(s) && f.class[s[i]] != 0 {
				i++
			}
		} else {
			start, h, skip := i, uint32(2166136261), false
			for ; i < len(s); i++ {
				c := f.class[s[i]]
				if c <= classSkip {
					if c == 0 {
						break
					}
					skip = true
					continue
				}
				h = (h ^ uint32(c)) * 16777619
			}
			if f.startsEntry(s[start:i], h, skip) {
				return true
			}
		}
		if i < len(s) && s[i] >= 0x80 {
			return true // the word goes on in another script
		}
	}
	return false
}

// startsEntry reports whether the ASCII word w, whose first two bytes
// passed the pair gate, is a first token once lower-cased and without
// apostrophes; h is the hash of those bytes, skip whether w had an
// apostrophe.
func (f *firstTokens) startsEntry(w string, h uint32, skip bool) bool {
	if skip || len(w) > maxWord {
		return f.startsEntrySlow(w)
	}
	if k := uint16(h ^ h>>16); f.words[k>>6]&(1<<(k&63)) == 0 {
		return false
	}
	return f.startsEntrySlow(w)
}

func (f *firstTokens) startsEntrySlow(w string) bool {
	if d := dropPossessive(w); len(d) < len(w) && f.startsEntrySlow(d) {
		return true
	}
	var buf [maxWord]byte
	n := 0
	for i := 0; i < len(w); i++ {
		c := f.class[w[i]]
		if c == classSkip {
			continue
		}
		if n == maxWord {
			return true
		}
		buf[n] = c
		n++
	}
	if n == 0 || !f.hasPair(pairKey(buf[:n])) {
		return false
	}
	if h := wordHash(buf[:n]); f.words[h>>6]&(1<<(h&63)) == 0 {
		return false
	}
	_, ok := f.set[string(buf[:n])]
	return ok
}

// appendLower appends s lower-cased (ASCII only) and, when decode is set,
// with %XX escapes decoded; used to build map keys without allocating.
func appendLower(dst []byte, s string, decode bool) []byte {
	if decode && strings.IndexByte(s, '%') >= 0 {
		return appendLowerDecoded(dst, s)
	}
	n := len(dst)
	dst = append(dst, s...)
	for i, b := range dst[n:] {
		if 'A' <= b && b <= 'Z' {
			dst[n+i] = b + 'a' - 'A'
		}
	}
	return dst
}

func appendLowerDecoded(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		dst = append(dst, b)
	}
	return dst
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

func unhex(b byte) byte {
	switch {
	case b <= '9':
		return b - '0'
	case b <= 'F':
		return b - 'A' + 10
	}
	return b - 'a' + 10
}

// urlHost extracts the host of a URL or a scheme-less "host/path" or
// "user@host:path" reference, without allocating. It returns "" when
// there is no plausible host.
func urlHost(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	} else if strings.HasPrefix(s, "pkg:") {
		return ""
	}
	s = s[:indexAnyOf(s, '/', '?', '#')]
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	if !strings.Contains(s, ".") {
		return ""
	}
	return s
}

// emailDomain returns the domain of the first e-mail address in s
// ("Team <a@b.org>", "a@b.org"), or "".
func emailDomain(s string) string {
	i := strings.IndexByte(s, '@')
	if i < 0 {
		return ""
	}
	s = s[i+1:]
	end := 0
	for end < len(s) && isHostByte(s[end]) {
		end++
	}
	d := strings.TrimSuffix(s[:end], ".")
	if !strings.Contains(d, ".") {
		return ""
	}
	return d
}

func isHostByte(b byte) bool {
	return wordByte(b) != 0 || b == '.' || b == '-' || b >= 0x80
}

// indexAnyOf returns the index of the first of a, b or c in s, or len(s);
// a byte loop is cheaper than strings.IndexAny on short strings.
func indexAnyOf(s string, a, b, c byte) int {
	for i := 0; i < len(s); i++ {
		if x := s[i]; x == a || x == b || x == c {
			return i
		}
	}
	return len(s)
}
