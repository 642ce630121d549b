package sbom

import "testing"

// TestRefTable: every key inserted is found again with what was stored in
// its slot, across the table's growth, for keys that share their low bits
// (one probe chain) and for the key 0, which is stored as 1.
func TestRefTable(t *testing.T) {
	var tab refTable
	keys := []uint64{0, 1 << 40, 2 << 40, 3 << 40} // same low bits
	for i := uint64(1); i <= 5000; i++ {
		keys = append(keys, i*0x9E3779B97F4A7C15)
	}
	for i, k := range keys {
		s, found := tab.find(k)
		if found && k != 1 { // 0 was stored as 1
			t.Fatalf("key %#x found before it was inserted", k)
		}
		s.id = uint64(i) << 1
	}
	if tab.n != len(keys) {
		t.Fatalf("n = %d, want %d", tab.n, len(keys))
	}
	for i, k := range keys {
		s, found := tab.find(k)
		if !found || s.id != uint64(i)<<1 {
			t.Fatalf("key %#x: found %v, id %d, want %d", k, found, s.id, uint64(i)<<1)
		}
	}
	if 4*tab.n > 3*len(tab.slots) {
		t.Fatalf("%d keys in %d slots", tab.n, len(tab.slots))
	}
}
