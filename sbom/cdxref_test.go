package sbom

// The reference CycloneDX decoder: cyclonedx-go, the full library, mapped
// into the model as embargo did before its streaming decoders. The
// differential test holds the streaming decoders to its output.

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// refDecodeCycloneDX decodes CycloneDX JSON or XML with cyclonedx-go, the
// reference decoder, and flattens it into the model.
func refDecodeCycloneDX(data []byte, isXML bool) (*Document, error) {
	format := cdx.BOMFileFormatJSON
	if isXML {
		format = cdx.BOMFileFormatXML
	}
	bom := new(cdx.BOM)
	if err := cdx.NewBOMDecoder(bytes.NewReader(data), format).Decode(bom); err != nil {
		return nil, fmt.Errorf("decode CycloneDX: %w", err)
	}
	b := refCdxBuilder{xml: isXML, doc: &Document{Dependencies: map[string][]string{}}}
	b.document(bom)
	warnings := refCheckCycloneDX(bom, b.doc.SpecVersion)
	for _, w := range b.doc.Warnings {
		warnings = addWarning(warnings, w)
	}
	b.doc.Warnings = warnings
	return b.doc, nil
}

type refCdxBuilder struct {
	xml      bool
	doc      *Document
	refDedup refDedup
}

func (b *refCdxBuilder) document(bom *cdx.BOM) {
	d := b.doc
	d.SpecVersion = refCdxSpecVersion(bom, b.xml)
	d.Namespace = bom.SerialNumber
	if m := bom.Metadata; m != nil {
		b.metadata(m)
	}
	if bom.Components != nil {
		b.components(*bom.Components, b.path("components"), "")
	}
	if bom.Services != nil {
		b.services(*bom.Services, b.path("services"), "")
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

func (b *refCdxBuilder) metadata(m *cdx.Metadata) {
	d := b.doc
	if t, err := time.Parse(time.RFC3339, m.Timestamp); err == nil {
		d.Timestamp = t
	} else if m.Timestamp != "" {
		d.Warnings = addWarning(d.Warnings, fmt.Sprintf("metadata.timestamp %q is not an RFC 3339 date-time", m.Timestamp))
	}
	d.Supplier = refCdxOrg(m.Supplier)
	d.Manufacturer = refCdxOrg(m.Manufacturer)
	if d.Manufacturer == nil {
		d.Manufacturer = refCdxOrg(m.Manufacture)
	}
	d.Authors = refCdxContacts(m.Authors)
	d.Creators = refCdxTools(m.Tools)
	if m.Component != nil {
		c := b.component(m.Component, b.path("metadata", "component"), "")
		// The document's makers reach the subject by the decoders' own
		// rule; what is compared is that they were read alike.
		st := cdxState{xml: b.xml}
		st.subjectMakers(&c, &cdxMetadata{Supplier: refTextOrg(m.Supplier), Manufacture: refTextOrg(m.Manufacture),
			Manufacturer: refTextOrg(m.Manufacturer), Authors: refTextContacts(m.Authors)})
		d.Subject = &c
		d.SubjectRef = c.Ref
		d.Name = c.Name
		if m.Component.Components != nil {
			b.components(*m.Component.Components, b.path("metadata", "component", "components"), c.Ref)
		}
	}
}

// path builds a JSON pointer, or an XPath-like path for XML, from names.
func (b *refCdxBuilder) path(parts ...string) string {
	if b.xml {
		parts = append([]string{"bom"}, parts...)
	}
	return "/" + strings.Join(parts, "/")
}

func (b *refCdxBuilder) index(base string, i int) string {
	if b.xml {
		return fmt.Sprintf("%s/component[%d]", base, i+1)
	}
	return fmt.Sprintf("%s/%d", base, i)
}

// components flattens a component list depth-first, keeping each nested
// component's parent and recording the parent→child edge in the graph.
func (b *refCdxBuilder) components(list []cdx.Component, base, parent string) {
	for i := range list {
		ptr := b.index(base, i)
		c := b.component(&list[i], ptr, parent)
		if b.refDedup.add(b.doc, &c, "bom-ref") {
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

func (b *refCdxBuilder) component(in *cdx.Component, ptr, parent string) Component {
	c := Component{
		Ref:          in.BOMRef,
		Type:         strings.ToLower(string(in.Type)),
		Name:         in.Name,
		Group:        in.Group,
		Version:      in.Version,
		PURL:         in.PackageURL,
		Supplier:     refCdxOrg(in.Supplier),
		Manufacturer: refCdxOrg(in.Manufacturer),
		Publisher:    in.Publisher,
		Authors:      refCdxContacts(in.Authors),
		Copyright:    in.Copyright,
		Description:  in.Description,
		Licenses:     refCdxLicenses(in.Licenses),
		Parent:       parent,
		Origin:       Origin{Pointer: ptr},
	}
	if in.Author != "" {
		c.Authors = append(c.Authors, Contact{Name: in.Author})
	}
	if in.CPE != "" {
		c.CPEs = append(c.CPEs, CPE{Value: in.CPE, Source: "cpe"})
	}
	c.Hashes = refCdxHashes(in.Hashes)
	c.ExternalRefs = refCdxRefs(in.ExternalReferences)
	c.Properties = refCdxProperties(in.Properties)
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
	conv := refCdxTextSource(in)
	c.Texts = cdxTexts(&conv, nil)
	return c
}

// refCdxTextSource copies what cdxTexts reads from a cyclonedx-go
// component, so that the fields our decoders read are held to the
// reference decoder's.
func refCdxTextSource(in *cdx.Component) cdxComp {
	out := cdxComp{Name: in.Name, Group: in.Group, PURL: in.PackageURL, CPE: in.CPE, Publisher: in.Publisher,
		Author: in.Author, Copyright: in.Copyright}
	org := func(o *cdx.OrganizationalEntity) *cdxOrg {
		if o == nil {
			return nil
		}
		x := &cdxOrg{Name: o.Name}
		if o.URL != nil {
			x.URL = *o.URL
		}
		return x
	}
	out.Supplier, out.Manufacturer = org(in.Supplier), org(in.Manufacturer)
	if in.Authors != nil {
		for _, a := range *in.Authors {
			out.Authors = append(out.Authors, cdxContact{Name: a.Name})
		}
	}
	if in.ExternalReferences != nil {
		for _, r := range *in.ExternalReferences {
			out.ExternalRefs = append(out.ExternalRefs, cdxExtRef{URL: r.URL})
		}
	}
	out.Licenses = refCdxLicenseSource(in.Licenses)
	if in.SWID != nil {
		out.Swid = &cdxSwid{TagID: in.SWID.TagID, Name: in.SWID.Name}
	}
	if ev := in.Evidence; ev != nil {
		out.Evidence = &cdxEvidence{}
		if ev.Copyright != nil {
			for _, t := range *ev.Copyright {
				out.Evidence.Copyright = append(out.Evidence.Copyright, cdxText{Text: t.Text})
			}
		}
		if ev.Identity != nil {
			var ids []cdx.EvidenceIdentity
			if ev.Identity.Identities != nil {
				ids = *ev.Identity.Identities
			}
			if ev.Identity.Identity != nil {
				ids = append(ids, *ev.Identity.Identity)
			}
			for _, id := range ids {
				out.Evidence.Identity = append(out.Evidence.Identity, cdxIdentity{Field: string(id.Field), ConcludedValue: id.ConcludedValue})
			}
		}
		out.Evidence.Licenses = refCdxLicenseSource(ev.Licenses)
	}
	if pd := in.Pedigree; pd != nil {
		out.Pedigree = &cdxPedigree{}
		if pd.Commits != nil {
			for _, c := range *pd.Commits {
				out.Pedigree.Commits = append(out.Pedigree.Commits, cdxURL{URL: c.URL})
			}
		}
		if pd.Patches != nil {
			for _, p := range *pd.Patches {
				out.Pedigree.Patches = append(out.Pedigree.Patches, refCdxPatch(p))
			}
		}
		for _, l := range []struct {
			src *[]cdx.Component
			dst *[]cdxComp
		}{{pd.Ancestors, &out.Pedigree.Ancestors}, {pd.Descendants, &out.Pedigree.Descendants}, {pd.Variants, &out.Pedigree.Variants}} {
			if l.src == nil {
				continue
			}
			for i := range *l.src {
				*l.dst = append(*l.dst, refCdxTextSource(&(*l.src)[i]))
			}
		}
	}
	return out
}

// refCdxPatch copies what patchTexts reads from a cyclonedx-go patch.
func refCdxPatch(p cdx.Patch) cdxPatch {
	var out cdxPatch
	if p.Diff != nil {
		out.Diff = &cdxURL{URL: p.Diff.URL}
	}
	if p.Resolves != nil {
		for _, is := range *p.Resolves {
			x := cdxIssue{Name: is.Name}
			if is.Source != nil {
				x.Source = &cdxSource{Name: is.Source.Name, URL: is.Source.URL}
			}
			if is.References != nil {
				x.References = *is.References
			}
			out.Resolves = append(out.Resolves, x)
		}
	}
	return out
}

// generatedBySyft is true when syft made the SBOM: its CPEs are guesses,
// and CycloneDX loses the tag that would say which ones.
func (b *refCdxBuilder) generatedBySyft() bool {
	for _, t := range b.doc.Creators {
		if strings.Contains(strings.ToLower(t), "syft") {
			return true
		}
	}
	return false
}

func refCdxSpecVersion(bom *cdx.BOM, isXML bool) string {
	if !isXML {
		return bom.SpecVersion.String()
	}
	const prefix = "http://cyclonedx.org/schema/bom/"
	if strings.HasPrefix(bom.XMLNS, prefix) {
		return strings.TrimPrefix(bom.XMLNS, prefix)
	}
	return bom.SpecVersion.String()
}

func refCdxOrg(in *cdx.OrganizationalEntity) *Organization {
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
	o.Contact = refCdxContacts(in.Contact)
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

func refCdxContacts(in *[]cdx.OrganizationalContact) []Contact {
	if in == nil {
		return nil
	}
	out := make([]Contact, 0, len(*in))
	for _, c := range *in {
		out = append(out, Contact{Name: c.Name, Email: c.Email, Phone: c.Phone})
	}
	return out
}

func refCdxTools(t *cdx.ToolsChoice) []string {
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

func refCdxLicenses(in *cdx.Licenses) []string {
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

func refCdxHashes(in *[]cdx.Hash) []Hash {
	if in == nil {
		return nil
	}
	out := make([]Hash, 0, len(*in))
	for _, h := range *in {
		out = append(out, Hash{Algorithm: string(h.Algorithm), Value: h.Value})
	}
	return out
}

func refCdxRefs(in *[]cdx.ExternalReference) []ExternalRef {
	if in == nil {
		return nil
	}
	out := make([]ExternalRef, 0, len(*in))
	for _, r := range *in {
		out = append(out, ExternalRef{Type: string(r.Type), URL: r.URL, Comment: r.Comment})
	}
	return out
}

func refCdxProperties(in *[]cdx.Property) []Property {
	if in == nil {
		return nil
	}
	out := make([]Property, 0, len(*in))
	for _, p := range *in {
		out = append(out, Property{Name: p.Name, Value: p.Value})
	}
	return out
}

// refCdxChecker collects warnings; licence ids are loaded once per check.
type refCdxChecker struct {
	warnings []string
	licenses map[string]bool
}

func (k *refCdxChecker) warnf(format string, args ...any) {
	k.warnings = addWarning(k.warnings, fmt.Sprintf(format, args...))
}

func refCheckCycloneDX(bom *cdx.BOM, specVersion string) []string {
	k := &refCdxChecker{}
	if !knownCDXVersions[specVersion] {
		k.warnf("unknown CycloneDX spec version %q (namespace or specVersion); read as the latest", specVersion)
	}
	if bom.SerialNumber != "" && !serialNumberRE.MatchString(bom.SerialNumber) {
		k.warnf("serialNumber %q is not a urn:uuid RFC 4122 UUID", bom.SerialNumber)
	}
	if bom.Dependencies != nil {
		for i, d := range *bom.Dependencies {
			if d.Ref == "" {
				k.warnf("dependencies[%d] has no ref", i)
			}
		}
	}
	if bom.Metadata != nil && bom.Metadata.Component != nil {
		k.component(bom.Metadata.Component, "metadata.component")
	}
	if bom.Components != nil {
		k.components(*bom.Components, "components")
	}
	k.vulnerabilities(bom.Vulnerabilities)
	return k.warnings
}

func (k *refCdxChecker) components(list []cdx.Component, path string) {
	for i := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		k.component(&list[i], p)
		if list[i].Components != nil {
			k.components(*list[i].Components, p+".components")
		}
	}
}

func (k *refCdxChecker) component(c *cdx.Component, path string) {
	switch t := string(c.Type); {
	case t == "":
		k.warnf("%s (%s) has no type, which CycloneDX requires", path, c.Name)
	case !componentTypes[t]:
		k.warnf("%s (%s) has unknown type %q", path, c.Name, t)
	}
	if c.Version != "" && c.VersionRange != "" {
		k.warnf("%s (%s) has both version and versionRange", path, c.Name)
	}
	if c.Hashes != nil {
		for _, h := range *c.Hashes {
			if !hashAlgorithms[string(h.Algorithm)] {
				k.warnf("%s (%s) has a hash with unknown algorithm %q", path, c.Name, h.Algorithm)
			}
		}
	}
	k.licenseChoices(c.Licenses, path, c.Name)
}

func (k *refCdxChecker) licenseChoices(ls *cdx.Licenses, path, name string) {
	if ls == nil {
		return
	}
	hasExpr, hasLicense := false, false
	for _, l := range *ls {
		hasExpr = hasExpr || l.Expression != ""
		hasLicense = hasLicense || l.License != nil
		if l.License != nil && l.License.ID != "" && !k.knownLicense(l.License.ID) {
			k.warnf("%s (%s) names unknown SPDX license id %q", path, name, l.License.ID)
		}
	}
	if hasExpr && hasLicense {
		k.warnf("%s (%s) mixes a license expression with license objects", path, name)
	}
}

func (k *refCdxChecker) knownLicense(id string) bool {
	if k.licenses == nil {
		k.licenses = map[string]bool{}
		for _, line := range strings.Split(spdxLicenseIDsText, "\n") {
			if line != "" && !strings.HasPrefix(line, "#") {
				k.licenses[line] = true
			}
		}
	}
	return k.licenses[id]
}

func (k *refCdxChecker) vulnerabilities(vs *[]cdx.Vulnerability) {
	if vs == nil {
		return
	}
	for i, v := range *vs {
		if v.Analysis == nil {
			continue
		}
		if !analysisStates[string(v.Analysis.State)] {
			k.warnf("vulnerabilities[%d] (%s) has unknown analysis state %q", i, v.ID, v.Analysis.State)
		}
		if !justifications[string(v.Analysis.Justification)] {
			k.warnf("vulnerabilities[%d] (%s) has unknown analysis justification %q", i, v.ID, v.Analysis.Justification)
		}
	}
}

// refDedup drops a component that a writer reported twice: same ref and same
// refIdentity. A ref shared by different components is kept for each, with a
// warning, because refs in the wild are not always unique.
type refDedup struct {
	byRef  map[string]string // ref -> refIdentity of its first component
	warned map[string]bool
}

func refIdentity(c *Component) string {
	return c.Type + "\x00" + c.Group + "\x00" + c.Name + "\x00" + c.Version + "\x00" + c.PURL
}

// add reports whether c is new; refKind names the ref field in warnings.
func (d *refDedup) add(doc *Document, c *Component, refKind string) bool {
	if c.Ref == "" {
		return true
	}
	if d.byRef == nil {
		d.byRef, d.warned = map[string]string{}, map[string]bool{}
	}
	id := refIdentity(c)
	first, seen := d.byRef[c.Ref]
	switch {
	case !seen:
		d.byRef[c.Ref] = id
		return true
	case first == id:
		doc.Warnings = addWarning(doc.Warnings, fmt.Sprintf("component %q is listed twice (%s %q); counted once", c.Name, refKind, c.Ref))
		return false
	case !d.warned[c.Ref]:
		d.warned[c.Ref] = true
		doc.Warnings = addWarning(doc.Warnings, fmt.Sprintf("%s %q is shared by different components; each is kept", refKind, c.Ref))
	}
	return true
}

// services flattens services as the streaming decoders do: each is a
// component of type "service" with its provider as supplier and its
// endpoints as URL texts.
func (b *refCdxBuilder) services(list []cdx.Service, base, parent string) {
	for i := range list {
		in := &list[i]
		ptr := fmt.Sprintf("%s/%d", base, i)
		if b.xml {
			ptr = fmt.Sprintf("%s/service[%d]", base, i+1)
		}
		c := Component{
			Ref: in.BOMRef, Type: "service", Name: in.Name, Group: in.Group, Version: in.Version,
			Supplier: refCdxOrg(in.Provider), Description: in.Description,
			Licenses: refCdxLicenses(in.Licenses), Parent: parent, Origin: Origin{Pointer: ptr},
		}
		c.ExternalRefs = refCdxRefs(in.ExternalReferences)
		c.Properties = refCdxProperties(in.Properties)
		for _, p := range c.Properties {
			if p.Name == "syft:cpe23" && p.Value != "" {
				c.CPEs = append(c.CPEs, CPE{Value: p.Value, Source: "property:syft:cpe23", Generated: b.generatedBySyft()})
			}
		}
		conv := cdxComp{Licenses: refCdxLicenseSource(in.Licenses)}
		c.Texts = cdxTexts(&conv, nil)
		if in.Endpoints != nil {
			for j, e := range *in.Endpoints {
				if e != "" {
					c.Texts = append(c.Texts, Text{Kind: TextURL, Field: fmt.Sprintf("endpoints[%d]", j), Value: e})
				}
			}
		}
		if b.refDedup.add(b.doc, &c, "bom-ref") {
			b.doc.Components = append(b.doc.Components, c)
			b.doc.ServiceCount++
		}
		if parent != "" && c.Ref != "" {
			b.doc.Dependencies[parent] = append(b.doc.Dependencies[parent], c.Ref)
		}
		if in.Services != nil {
			b.services(*in.Services, ptr+"/services", c.Ref)
		}
	}
}

func refTextOrg(o *cdx.OrganizationalEntity) *cdxOrg {
	if o == nil {
		return nil
	}
	x := &cdxOrg{Name: o.Name}
	if o.URL != nil {
		x.URL = *o.URL
	}
	return x
}

func refTextContacts(in *[]cdx.OrganizationalContact) []cdxContact {
	if in == nil {
		return nil
	}
	out := make([]cdxContact, len(*in))
	for i, c := range *in {
		out[i] = cdxContact{Name: c.Name}
	}
	return out
}

// refCdxLicenseSource copies what licenseTexts reads of a cyclonedx-go
// licence list.
func refCdxLicenseSource(in *cdx.Licenses) cdxLicenses {
	if in == nil {
		return nil
	}
	var out cdxLicenses
	for _, l := range *in {
		x := cdxLicense{Expression: l.Expression}
		if lic := l.License; lic != nil {
			x.License = &cdxLicenseID{ID: lic.ID, Name: lic.Name, URL: lic.URL}
			if lic.Text != nil {
				x.License.Text = &cdxAttachedText{Content: lic.Text.Content, Encoding: lic.Text.Encoding}
			}
			if lc := lic.Licensing; lc != nil {
				x.License.Licensing = &cdxLicensing{Licensor: refCdxParty(lc.Licensor), Licensee: refCdxParty(lc.Licensee), Purchaser: refCdxParty(lc.Purchaser)}
			}
		}
		out = append(out, x)
	}
	return out
}

func refCdxParty(p *cdx.OrganizationalEntityOrContact) *cdxParty {
	if p == nil {
		return nil
	}
	out := &cdxParty{Organization: refTextOrg(p.Organization)}
	if p.Individual != nil {
		out.Individual = &cdxContact{Name: p.Individual.Name}
	}
	return out
}
