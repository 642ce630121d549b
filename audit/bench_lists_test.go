package audit

import (
	"testing"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// BenchmarkMatchAllLists is BenchmarkMatchEmbedded with every embedded
// list loaded (Kaspersky, §889, FCC Covered List, ByteDance); `make
// bench-match` runs both in one command, and only their ratio means
// something on a shared machine.
func BenchmarkMatchAllLists(b *testing.B) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		b.Skipf("embedded lists: %v", err)
	}
	a, err := New(Config{Lists: lists, AsOf: testAsOf})
	if err != nil {
		b.Fatal(err)
	}
	benchmarkMatch(b, a, syntheticComponents(100_000))
}
