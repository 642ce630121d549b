package audit

import (
	"path/filepath"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
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

// BenchmarkMatchSynth100k matches the components of the 100k-component
// bench SBOM (../shared/bench/synth100k.cdx.json.gz), decoded once, with
// the Kaspersky list alone and with every embedded list: the throughput
// issue 14 and 15 measure, on real component shapes rather than the
// deliberately heavy synthetic ones of BenchmarkMatch.
func BenchmarkMatchSynth100k(b *testing.B) {
	doc, err := sbom.ReadFile(filepath.Join("..", "..", "shared", "bench", "synth100k.cdx.json.gz"), sbom.Options{})
	if err != nil {
		b.Skipf("skipping: no bench SBOM (%v); it lives in ../shared/bench", err)
	}
	all, err := vendorlists.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	k, err := vendorlists.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		lists []*vendorlists.List
	}{{"kaspersky", []*vendorlists.List{k}}, {"all-lists", all}} {
		b.Run(tc.name, func(b *testing.B) {
			a, err := New(Config{Lists: tc.lists, AsOf: testAsOf})
			if err != nil {
				b.Fatal(err)
			}
			cs := doc.Components
			b.ReportAllocs()
			cpu0 := cpuTime(b)
			for b.Loop() {
				for i := range cs {
					a.MatchComponent(&cs[i])
				}
			}
			cpu := cpuTime(b) - cpu0
			b.ReportMetric(float64(len(cs)*b.N)/cpu.Seconds(), "components/cpu-s")
		})
	}
}
