package match

import "testing"

// The gates may let an absent key through but must never reject a
// present one; each case below also pins a rejection, which is what the
// gate is for (a gate that accepts everything is correct but useless).
func TestKeyGate(t *testing.T) {
	var g keyGate
	g.add("pypi\x00opentip", 5)
	g.add("deb\x00kesl", 4)
	g.add(string(make([]byte, 300)), 0) // any length from 255 up
	g.add("npm\x00", 4)                 // nothing after the prefix: length only
	for _, tt := range []struct {
		key  string
		at   int
		want bool
	}{
		{"pypi\x00opentip", 5, true},
		{"deb\x00kesl", 4, true},
		{"deb\x00KEsl", 4, false},    // another pair
		{"deb\x00kes", 4, false},     // another length
		{"pypi\x00opentiq", 5, true}, // same length and pair: let through
		{"npm\x00", 4, true},         // at the end: the length decides
		{"npm\x00x", 5, false},       // length 5 never added
		{string(make([]byte, 255)), 0, true},
		{string(make([]byte, 400)), 0, true},
		{string(make([]byte, 254)), 0, false},
		{"", 0, false},
	} {
		if got := g.mayHave([]byte(tt.key), tt.at); got != tt.want {
			t.Errorf("mayHave(%q, %d) = %v, want %v", tt.key, tt.at, got, tt.want)
		}
	}
	if gateLen(0) != 0 || gateLen(254) != 254 || gateLen(255) != 255 || gateLen(1000) != 255 {
		t.Error("gateLen")
	}
}

func TestPairGate(t *testing.T) {
	var g pairGate
	g.add("kaspersky")
	g.add("k") // one byte: the pair is k and 0
	g.add("")
	for _, tt := range []struct {
		name, suffix string
		want         bool
	}{
		{"kaspersky", "", true},
		{"KAspersky", "", true}, // lower-cased
		{"kb", "", false},
		{"k", "a", true}, // the second byte from the suffix
		{"k", "", true},
		{"k", "b", false},
		{"%6b", "", true}, // an escape is let through
		{"k%61", "", true},
		{"k", "%", true},
		{"z", "a", false},
		{"[a", "", false}, // '[' is not an upper-case letter
		{"@a", "", false},
	} {
		if got := g.mayStart(tt.name, tt.suffix); got != tt.want {
			t.Errorf("mayStart(%q, %q) = %v, want %v", tt.name, tt.suffix, got, tt.want)
		}
	}
	for b, want := range map[byte]byte{'A': 'a', 'Z': 'z', 'a': 'a', '@': '@', '[': '[', '0': '0'} {
		if got := lowerASCII(b); got != want {
			t.Errorf("lowerASCII(%q) = %q", b, got)
		}
	}
}
