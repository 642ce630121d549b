package sbom

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// decodeCycloneDX decodes CycloneDX JSON or XML with cyclonedx-go, the
// reference decoder, and flattens it into the model.
func decodeCycloneDX(data []byte, isXML bool) (*Document, error) {
	format := cdx.BOMFileFormatJSON
	if isXML {
		format = cdx.BOMFileFormatXML
	}
	bom := new(cdx.BOM)
	if err := cdx.NewBOMDecoder(bytes.NewReader(data), format).Decode(bom); err != nil {
		return nil, fmt.Errorf("decode CycloneDX: %w", err)
	}
	b := cdxBuilder{xml: isXML, doc: &Document{Dependencies: map[string][]string{}}}
	b.document(bom)
	warnings := checkCycloneDX(bom, b.doc.SpecVersion)
	for _, w := range b.doc.Warnings {
		warnings = addWarning(warnings, w)
	}
	b.doc.Warnings = warnings
	return b.doc, nil
}

type cdxBuilder struct {
	xml   bool
	doc   *Document
	dedup dedup
}

func (b *cdxBuilder) document(bom *cdx.BOM) {
	d := b.doc
	d.SpecVersion = cdxSpecVersion(bom, b.xml)
	d.Namespace = bom.SerialNumber
	if m := bom.Metadata; m != nil {
		b.metadata(m)
	}
	if bom.Components != nil {
		b.components(*bom.Components, b.path("components"), "")
	}
	if bom.Dependencies != nil {
		for _, dep := range *bom.Dependencies {
			if dep.Dependencies != nil {
				d.Dependencies[dep.Ref] = append(d.Dependencies[dep.Ref], *dep.Dependencies...)
			}
		}
	}
	if bom.Components == nil && bom.Metadata == nil {
		d.Warnings = addWarning(d.Warnings, "the BOM has no metadata and no components")
	}
}

func (b *cdxBuilder) metadata(m *cdx.Metadata) {
	d := b.doc
	if t, err := time.Parse(time.RFC3339, m.Timestamp); err == nil {
		d.Timestamp = t
	} else if m.Timestamp != "" {
		d.Warnings = addWarning(d.Warnings, fmt.Sprintf("metadata.timestamp %q is not an RFC 3339 date-time", m.Timestamp))
	}
	d.Supplier = cdxOrg(m.Supplier)
	d.Manufacturer = cdxOrg(m.Manufacturer)
	if d.Manufacturer == nil {
		d.Manufacturer = cdxOrg(m.Manufacture)
	}
	d.Authors = cdxContacts(m.Authors)
	d.Creators = cdxTools(m.Tools)
	if m.Component != nil {
		c := b.component(m.Component, b.path("metadata", "component"), "")
		d.Subject = &c
		d.SubjectRef = c.Ref
		d.Name = c.Name
		if m.Component.Components != nil {
			b.components(*m.Component.Components, b.path("metadata", "component", "components"), c.Ref)
		}
	}
}

// path builds a JSON pointer, or an XPath-like path for XML, from names.
func (b *cdxBuilder) path(parts ...string) string {
	if b.xml {
		parts = append([]string{"bom"}, parts...)
	}
	return "/" + strings.Join(parts, "/")
}

func (b *cdxBuilder) index(base string, i int) string {
	if b.xml {
		return fmt.Sprintf("%s/component[%d]", base, i+1)
	}
	return fmt.Sprintf("%s/%d", base, i)
}

// components flattens a component list depth-first, keeping each nested
// component's parent and recording the parent→child edge in the graph.
func (b *cdxBuilder) components(list []cdx.Component, base, parent string) {
	for i := range list {
		ptr := b.index(base, i)
		c := b.component(&list[i], ptr, parent)
		if b.dedup.add(b.doc, &c, "bom-ref") {
			b.doc.Components = append(b.doc.Components, c)
		}
		if parent != "" && c.Ref != "" {
			b.doc.Dependencies[parent] = append(b.doc.Dependencies[parent], c.Ref)
		}
		if list[i].Components != nil {
			b.components(*list[i].Components, ptr+"/components", c.Ref)
		}
	}
}

func (b *cdxBuilder) component(in *cdx.Component, ptr, parent string) Component {
	c := Component{
		Ref:          in.BOMRef,
		Type:         strings.ToLower(string(in.Type)),
		Name:         in.Name,
		Group:        in.Group,
		Version:      in.Version,
		PURL:         in.PackageURL,
		Supplier:     cdxOrg(in.Supplier),
		Manufacturer: cdxOrg(in.Manufacturer),
		Publisher:    in.Publisher,
		Authors:      cdxContacts(in.Authors),
		Copyright:    in.Copyright,
		Description:  in.Description,
		Licenses:     cdxLicenses(in.Licenses),
		Parent:       parent,
		Origin:       Origin{Pointer: ptr},
	}
	if in.Author != "" {
		c.Authors = append(c.Authors, Contact{Name: in.Author})
	}
	if in.CPE != "" {
		c.CPEs = append(c.CPEs, CPE{Value: in.CPE, Source: "cpe"})
	}
	c.Hashes = cdxHashes(in.Hashes)
	c.ExternalRefs = cdxRefs(in.ExternalReferences)
	c.Properties = cdxProperties(in.Properties)
	for _, p := range c.Properties {
		if p.Name == "syft:cpe23" && p.Value != "" {
			c.CPEs = append(c.CPEs, CPE{Value: p.Value, Source: "property:syft:cpe23"})
		}
	}
	if b.generatedBySyft() {
		for i := range c.CPEs {
			c.CPEs[i].Generated = true
		}
	}
	if in.Pedigree != nil && in.Pedigree.Notes != "" {
		c.Comment = in.Pedigree.Notes
	}
	return c
}

// generatedBySyft is true when syft made the SBOM: its CPEs are guesses,
// and CycloneDX loses the tag that would say which ones.
func (b *cdxBuilder) generatedBySyft() bool {
	for _, t := range b.doc.Creators {
		if strings.Contains(strings.ToLower(t), "syft") {
			return true
		}
	}
	return false
}

func cdxSpecVersion(bom *cdx.BOM, isXML bool) string {
	if !isXML {
		return bom.SpecVersion.String()
	}
	const prefix = "http://cyclonedx.org/schema/bom/"
	if strings.HasPrefix(bom.XMLNS, prefix) {
		return strings.TrimPrefix(bom.XMLNS, prefix)
	}
	return bom.SpecVersion.String()
}

func cdxOrg(in *cdx.OrganizationalEntity) *Organization {
	if in == nil {
		return nil
	}
	o := &Organization{Name: in.Name, Kind: "Organization"}
	if in.URL != nil {
		o.URLs = append(o.URLs, *in.URL...)
	}
	if in.Address != nil {
		o.Country = in.Address.Country
	}
	o.Contact = cdxContacts(in.Contact)
	for _, c := range o.Contact {
		if c.Email != "" {
			o.Emails = append(o.Emails, c.Email)
		}
	}
	if o.Name == "" && len(o.URLs) == 0 && len(o.Contact) == 0 {
		return nil
	}
	return o
}

func cdxContacts(in *[]cdx.OrganizationalContact) []Contact {
	if in == nil {
		return nil
	}
	out := make([]Contact, 0, len(*in))
	for _, c := range *in {
		out = append(out, Contact{Name: c.Name, Email: c.Email, Phone: c.Phone})
	}
	return out
}

func cdxTools(t *cdx.ToolsChoice) []string {
	if t == nil {
		return nil
	}
	var out []string
	if t.Tools != nil {
		for _, x := range *t.Tools {
			out = append(out, strings.TrimSpace(strings.Join([]string{x.Vendor, x.Name, x.Version}, " ")))
		}
	}
	if t.Components != nil {
		for _, x := range *t.Components {
			out = append(out, strings.TrimSpace(strings.Join([]string{x.Group, x.Name, x.Version}, " ")))
		}
	}
	if t.Services != nil {
		for _, x := range *t.Services {
			out = append(out, strings.TrimSpace(strings.Join([]string{x.Group, x.Name, x.Version}, " ")))
		}
	}
	return out
}

func cdxLicenses(in *cdx.Licenses) []string {
	if in == nil {
		return nil
	}
	var out []string
	for _, l := range *in {
		switch {
		case l.Expression != "":
			out = append(out, l.Expression)
		case l.License != nil && l.License.ID != "":
			out = append(out, l.License.ID)
		case l.License != nil && l.License.Name != "":
			out = append(out, l.License.Name)
		}
	}
	return out
}

func cdxHashes(in *[]cdx.Hash) []Hash {
	if in == nil {
		return nil
	}
	out := make([]Hash, 0, len(*in))
	for _, h := range *in {
		out = append(out, Hash{Algorithm: string(h.Algorithm), Value: h.Value})
	}
	return out
}

func cdxRefs(in *[]cdx.ExternalReference) []ExternalRef {
	if in == nil {
		return nil
	}
	out := make([]ExternalRef, 0, len(*in))
	for _, r := range *in {
		out = append(out, ExternalRef{Type: string(r.Type), URL: r.URL, Comment: r.Comment})
	}
	return out
}

func cdxProperties(in *[]cdx.Property) []Property {
	if in == nil {
		return nil
	}
	out := make([]Property, 0, len(*in))
	for _, p := range *in {
		out = append(out, Property{Name: p.Name, Value: p.Value})
	}
	return out
}
