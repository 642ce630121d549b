package match

// keyGate sits in front of a map: it records the length and the first two
// bytes after a fixed offset of every key, so that most absent keys are
// rejected without hashing.
type keyGate struct {
	lens  [4]uint64 // lengths 0..255; 255 stands for any longer length
	pairs [1 << 16 / 64]uint64
}

func gateLen(n int) int { return min(n, 255) }

// add records key; at is where the distinctive part starts (after a
// "type\x00" prefix, say).
func (g *keyGate) add(key string, at int) {
	n := gateLen(len(key))
	g.lens[n>>6] |= 1 << (n & 63)
	if at < len(key) {
		k := pairKey(key[at:])
		g.pairs[k>>6] |= 1 << (k & 63)
	}
}

// mayHave reports whether key can be in the map; false is certain.
func (g *keyGate) mayHave(key []byte, at int) bool {
	n := gateLen(len(key))
	if g.lens[n>>6]&(1<<(n&63)) == 0 {
		return false
	}
	if at >= len(key) {
		return true
	}
	k := pairKey(key[at:])
	return g.pairs[k>>6]&(1<<(k&63)) != 0
}

// mayHaveFolded is mayHave(lower-cased ASCII key, 0) without copying
// the key to lower-case it.
func (g *keyGate) mayHaveFolded(key string) bool {
	n := gateLen(len(key))
	if g.lens[n>>6]&(1<<(n&63)) == 0 {
		return false
	}
	if len(key) == 0 {
		return true
	}
	k := uint16(lowerASCII(key[0])) << 8
	if len(key) > 1 {
		k |= uint16(lowerASCII(key[1]))
	}
	return g.pairs[k>>6]&(1<<(k&63)) != 0
}

// pairGate records the first two bytes of lower-case keys.
type pairGate struct{ bits [1 << 16 / 64]uint64 }

func (g *pairGate) add(key string) {
	if key != "" {
		k := pairKey(key)
		g.bits[k>>6] |= 1 << (k & 63)
	}
}

// mayStart reports whether a key made of name+suffix, lower-cased and
// unescaped, can be recorded; false is certain. An escape in the first
// two bytes is let through.
func (g *pairGate) mayStart(name, suffix string) bool {
	a := name[0]
	b := byte(0)
	switch {
	case len(name) > 1:
		b = name[1]
	case suffix != "":
		b = suffix[0]
	}
	if a == '%' || b == '%' {
		return true
	}
	k := uint16(lowerASCII(a))<<8 | uint16(lowerASCII(b))
	return g.bits[k>>6]&(1<<(k&63)) != 0
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
