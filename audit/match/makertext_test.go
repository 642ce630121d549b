package match

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestMakerTextsAsOrganisations: a maker that reaches the matcher as a
// text (the subject's metadata.supplier or metadata.manufacture, a
// pedigree ancestor's supplier, an SPDX 3 originatedBy) gets the checks a
// component supplier's name gets: look-alike characters are caught and
// flagged for review (even on an ancestor, whose own hits would make an
// integration), and a name that opens with a listed brand is at least
// review. A person written surname first stays clean.
func TestMakerTextsAsOrganisations(t *testing.T) {
	m := embeddedMatcher(t)
	text := func(lin sbom.Lineage, field, v string) []sbom.Text {
		return []sbom.Text{{Kind: sbom.TextOrg, Lineage: lin, Field: field, Value: v, Pointer: "/metadata/supplier/name"}}
	}
	const product = vendorlists.CategoryProduct
	tests := []struct {
		name     string
		texts    []sbom.Text
		category vendorlists.Category // "" for no attribution
		signal   string
		nameOnly bool // the finding must be a name-only one (review)
	}{
		{"metadata supplier, Cyrillic а", text("", "metadata.supplier.name", "Kаspersky Lab"), product, "confusable", true},
		{"metadata manufacture, combining overlay", text("", "metadata.manufacture.name", "Kaspers\u0336ky Lab"), product, "confusable", true},
		{"ancestor supplier, Cyrillic а", text(sbom.LineageAncestor, "pedigree.ancestors[0].supplier.name", "Kаspersky Lab"), product, "confusable", true},
		{"metadata supplier, brand and a unit", text("", "metadata.supplier.name", "Kaspersky OEM Technologies"), product, "originator", true},
		{"metadata supplier, brand-prefixed subsidiary", text("", "metadata.supplier.name", "Kaspersky Lab Switzerland GmbH"), product, "originator", false},
		{"metadata supplier, plain name", text("", "metadata.supplier.name", "AO Kaspersky Lab"), product, "originator", false},
		{"metadata supplier, person surname first", text("", "metadata.supplier.name", "Kaspersky, Marek"), "", "", false},
		{"metadata supplier, other vendor", text("", "metadata.supplier.name", "Kasperskytte Consulting"), "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sbom.Component{Name: "kis-oem", Type: "application", Texts: tt.texts}
			at := attributionFor(m.Attribute(&c), "kaspersky")
			if !attributed(t, at, tt.category) {
				return
			}
			if at.Category != tt.category || at.NameOnly != tt.nameOnly {
				t.Errorf("category %s name-only %v, want %s %v (%s)", at.Category, at.NameOnly, tt.category, tt.nameOnly, at.Reason)
			}
			found := false
			for _, e := range at.Evidence {
				found = found || e.Signal == tt.signal && e.Field == tt.texts[0].Field && e.Location == "/metadata/supplier/name"
			}
			if !found {
				t.Errorf("no %s evidence at %s in %+v", tt.signal, tt.texts[0].Field, at.Evidence)
			}
		})
	}
}
