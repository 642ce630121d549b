package match

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestDocumentKeepsNoRefs: a Document streaming a huge SBOM keeps each
// component's label for dependency paths, but not its ref (refs are often
// long purls): 40,000 components with 300-byte refs would keep 12 MB.
func TestDocumentKeepsNoRefs(t *testing.T) {
	l, err := vendorlists.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := New([]*vendorlists.List{l})
	if err != nil {
		t.Fatal(err)
	}
	const n = 40_000
	pad := strings.Repeat("x", 280)
	comps := make([]sbom.Component, n)
	for i := range comps {
		comps[i] = sbom.Component{Ref: fmt.Sprintf("pkg:generic/%s/c%06d", pad, i), Name: fmt.Sprintf("c%d", i), Version: "1"}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := m.NewDocument("big.cdx.json")
	for i := range comps {
		c := comps[i] // a copy whose ref the caller drops, as a decoder does
		c.Ref = strings.Clone(c.Ref)
		d.Visit(&c)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if limit := int64(6 << 20); grown > limit {
		t.Errorf("live heap grew by %d MiB over %d components, want under %d MiB: refs are kept", grown>>20, n, limit>>20)
	}
	// the labels still give dependency paths
	doc := &sbom.Document{SubjectRef: comps[0].Ref, Dependencies: map[string][]string{comps[0].Ref: {comps[1].Ref}}}
	if got := newPathFinder(doc, d.labels, []string{comps[1].Ref}).pathTo(comps[1].Ref); len(got) != 2 || got[0] != "c0@1" || got[1] != "c1@1" {
		t.Errorf("path = %q, want [c0@1 c1@1]", got)
	}
	runtime.KeepAlive(d)
	runtime.KeepAlive(comps)
}
