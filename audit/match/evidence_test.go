package match

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// TestEvidenceFieldsAndDuplicates: a CycloneDX service's provider is
// named provider in the evidence (its name, URLs and look-alikes), a
// component's supplier stays supplier; one text that two list entries
// match gives one evidence entry naming the more specific entry, while
// evidence of distinct fields, values or signals stays apart.
func TestEvidenceFieldsAndDuplicates(t *testing.T) {
	m := embeddedMatcher(t)
	type ev struct{ signal, field string }
	tests := []struct {
		name string
		c    sbom.Component
		want []ev // the evidence, in order, exactly
	}{
		{"service provider", sbom.Component{Name: "reputation", Type: "service", Supplier: &sbom.Organization{Name: "AO Kaspersky Lab", URLs: []string{"https://www.kaspersky.com"}}},
			[]ev{{"supplier", "provider.name"}, {"domain", "provider.urls[0]"}}},
		{"service provider look-alike", sbom.Component{Name: "reputation", Type: "service", Supplier: &sbom.Organization{Name: "Kаspersky Lab"}},
			[]ev{{"confusable", "provider.name"}}},
		{"component supplier", sbom.Component{Name: "engine", Type: "library", Supplier: &sbom.Organization{Name: "AO Kaspersky Lab", URLs: []string{"https://www.kaspersky.com"}}},
			[]ev{{"supplier", "supplier.name"}, {"domain", "supplier.urls[0]"}}},
		{"one source note, two entries", sbom.Component{Name: "other", Texts: []sbom.Text{{Kind: sbom.TextProvenance, Field: "sourceInfo", Value: "Kaspersky ICS CERT report"}}},
			[]ev{{"source-info", "sourceInfo"}}},
		{"two source notes stay apart", sbom.Component{Name: "other", Texts: []sbom.Text{
			{Kind: sbom.TextProvenance, Field: "sourceInfo", Value: "Kaspersky ICS CERT report"},
			{Kind: sbom.TextProvenance, Field: "attributionTexts[0]", Value: "Kaspersky ICS CERT report"},
		}}, []ev{{"source-info", "sourceInfo"}, {"source-info", "attributionTexts[0]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := attributionFor(m.Attribute(&tt.c), "kaspersky")
			if at == nil {
				t.Fatal("not attributed")
			}
			var got []ev
			for _, e := range at.Evidence {
				got = append(got, ev{e.Signal, e.Field})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("evidence %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("evidence %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
	// The entry kept names the more specific list entry.
	c := sbom.Component{Name: "other", Texts: []sbom.Text{{Kind: sbom.TextProvenance, Field: "sourceInfo", Value: "Kaspersky ICS CERT report"}}}
	if at := attributionFor(m.Attribute(&c), "kaspersky"); at == nil || at.Evidence[0].Matched != "Kaspersky ICS CERT" {
		t.Errorf("kept %+v, want the Kaspersky ICS CERT entry", at)
	}
}
