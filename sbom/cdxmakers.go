package sbom

import "strconv"

// The makers a CycloneDX BOM declares in its metadata, beside the subject
// (metadata.component), are what a white label hides behind: a subject
// named "KIS-OEM" whose metadata.manufacture is the vendor. Their meaning
// follows the schema's own words:
//   - metadata.supplier: "the organization that supplied the component
//     that the BOM describes" (the maker or a distributor);
//   - metadata.manufacture (1.5, deprecated in 1.6): "the organization
//     that manufactured the component that the BOM describes";
//   - metadata.manufacturer (1.6): "the organization that created the
//     BOM", and metadata.authors: "the person(s) who created the BOM".
// The first two say who made or supplied the product, so they apply to
// the subject as organisation texts when it declares no supplier
// (manufacturer) of its own. The last two say who wrote the document, not
// who made the product (a consultant or a scanning service writes BOMs
// for others): they are read as source information, which can only
// mention an entity. Every text points at its metadata field.

// subjectMakers adds the document-level makers of m to c, the subject.
func (s *cdxState) subjectMakers(c *Component, m *cdxMetadata) {
	if c.Supplier == nil {
		c.Texts = s.orgTexts(c.Texts, TextOrg, m.Supplier, "supplier")
	}
	if c.Manufacturer == nil {
		c.Texts = s.orgTexts(c.Texts, TextOrg, m.Manufacture, "manufacture")
	}
	c.Texts = s.orgTexts(c.Texts, TextProvenance, m.Manufacturer, "manufacturer")
	for i, a := range m.Authors {
		if a.Name == "" {
			continue
		}
		field := "authors[" + strconv.Itoa(i) + "].name"
		ptr := s.path("metadata", "authors", strconv.Itoa(i), "name")
		if s.xml {
			ptr = s.path("metadata", "authors", "author["+strconv.Itoa(i+1)+"]", "name")
		}
		c.Texts = append(c.Texts, Text{Kind: TextProvenance, Field: "metadata." + field, Value: a.Name, Pointer: ptr})
	}
}

// orgTexts appends the name of o, a metadata organisation, as a text of
// kind k, and, for a maker (TextOrg), its URLs as URL texts: the web site
// of the BOM's writer says nothing of the product.
func (s *cdxState) orgTexts(out []Text, k TextKind, o *cdxOrg, name string) []Text {
	if o == nil {
		return out
	}
	if o.Name != "" {
		out = append(out, Text{Kind: k, Field: "metadata." + name + ".name", Value: o.Name, Pointer: s.path("metadata", name, "name")})
	}
	if k != TextOrg {
		return out
	}
	for i, u := range o.URL {
		if u == "" {
			continue
		}
		ptr := s.path("metadata", name, "url", strconv.Itoa(i))
		if s.xml {
			ptr = s.path("metadata", name, "url["+strconv.Itoa(i+1)+"]")
		}
		out = append(out, Text{Kind: TextURL, Field: "metadata." + name + ".url[" + strconv.Itoa(i) + "]", Value: u, Pointer: ptr})
	}
	return out
}
