package sbom

import (
	"bufio"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestSPDXJSONRelationshipsBecomeTheGraph: relationships, read ahead on
// the parse goroutines, make the same graph whatever their shape: ids
// without the SPDXRef- prefix, escaped ids, null and absent elements,
// repeated members (the last wins), types in any case, edges in both
// directions, the subject; and thousands of them, over many batches, in
// document order.
func TestSPDXJSONRelationshipsBecomeTheGraph(t *testing.T) {
	rels := []string{
		`{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-app"}`,
		`{"spdxElementId":"SPDXRef-app","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-lib"}`,
		`{"spdxElementId":"app","relationshipType":"contains","relatedSpdxElement":"file-1"}`,
		`{"spdxElementId":"SPDXRef-\u006cib","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-zlib"}`,
		`{"spdxElementId":"SPDXRef-tool","relationshipType":"DEPENDENCY_OF","relatedSpdxElement":"SPDXRef-app"}`,
		`{"spdxElementId":"SPDXRef-app","relationshipType":"DEPENDS_ON","relatedSpdxElement":null}`,
		`{"relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-orphan"}`,
		`{"spdxElementId":"SPDXRef-x","spdxElementId":"SPDXRef-lib","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-ssl"}`,
		`{"spdxElementId":"SPDXRef-app","relationshipType":"OTHER","relatedSpdxElement":"SPDXRef-doc"}`,
		`{"spdxElementId":"SPDXRef-lib ","relationshipType":"DEPENDS_ON","relatedSpdxElement":" SPDXRef-crypto\u00a0"}`,
	}
	for i := range 5000 {
		rels = append(rels, fmt.Sprintf(`{"spdxElementId":"SPDXRef-chain-%d","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-chain-%d"}`, i, i+1))
	}
	doc := `{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","creationInfo":{"created":"2024-01-01T00:00:00Z"},` +
		`"packages":[{"SPDXID":"SPDXRef-app","name":"app"},{"SPDXID":"SPDXRef-lib","name":"lib"}],` +
		`"relationships":[` + strings.Join(rels, ",") + `]}`
	d, err := decodeSPDXJSON(bufio.NewReader(strings.NewReader(doc)), "/packages/", func(*Component) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if d.SubjectRef != "SPDXRef-app" {
		t.Errorf("subject %q", d.SubjectRef)
	}
	want := map[string][]string{
		"SPDXRef-app": {"SPDXRef-lib", "SPDXRef-file-1", "SPDXRef-tool", ""},
		"SPDXRef-lib": {"SPDXRef-zlib", "SPDXRef-ssl", "SPDXRef-crypto"},
		"":            {"SPDXRef-orphan"},
	}
	for ref, deps := range want {
		if got := d.Dependencies[ref]; !slices.Equal(got, deps) {
			t.Errorf("dependencies of %q: %q, want %q", ref, got, deps)
		}
	}
	for i := range 5000 {
		ref := fmt.Sprintf("SPDXRef-chain-%d", i)
		if got := d.Dependencies[ref]; len(got) != 1 || got[0] != fmt.Sprintf("SPDXRef-chain-%d", i+1) {
			t.Fatalf("dependencies of %s: %q", ref, got)
		}
	}
	if _, ok := d.Dependencies["SPDXRef-x"]; ok {
		t.Error("a repeated spdxElementId kept its first value")
	}
}
