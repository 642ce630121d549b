package sbom

import (
	"strconv"
	"strings"
)

// An SPDX document's creators ("Organization: X", "Person: Y", "Tool: Z")
// say who wrote the document, not who made the product it describes: a
// consultant, a scanning service or a customer's tool writes SBOMs of
// other makers' products. A listed organisation among them is still worth
// an analyst's look, so the organisations and persons are kept as one
// element of type "document", audited beside the files, under the
// described package, with each creator as source information: the text
// signals can only mention an entity in it, never attribute the product.

// creatorsElement is the element of the document's organisation and
// person creators, under the subject, at pointer ptr; false if it has
// none.
func creatorsElement(d *Document, subject, ptr string) (File, bool) {
	f := File{Ref: "SPDXRef-DOCUMENT", Type: "document", Name: d.Name, Parent: subject, Origin: Origin{Pointer: ptr}}
	if f.Name == "" {
		f.Name = f.Ref
	}
	for i, c := range d.Creators {
		kind, _, _ := strings.Cut(c, ":")
		switch strings.TrimSpace(kind) {
		case "Organization", "Person":
			f.Texts = append(f.Texts, Text{Kind: TextProvenance, Field: "creationInfo.creators[" + strconv.Itoa(i) + "]", Value: c})
		}
	}
	return f, len(f.Texts) > 0
}
