package sbom

import (
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"strconv"
	"strings"
	"time"
)

// CycloneDX is decoded by embargo's own streaming decoders (cdxjson.go,
// cdxxml.go), one top-level component at a time, into the small structs
// below that hold only what the model needs. cyclonedx-go, the reference
// decoder, holds the whole BOM in memory at 4-5 times the file size; the
// differential test compares the two on every corpus and bench file.

// cdxComp is one CycloneDX component with its nested components.
type cdxComp struct {
	BOMRef       string        `json:"bom-ref" xml:"bom-ref,attr"`
	Type         string        `json:"type" xml:"type,attr"`
	Name         string        `json:"name" xml:"name"`
	Group        string        `json:"group" xml:"group"`
	Version      string        `json:"version" xml:"version"`
	VersionRange string        `json:"versionRange" xml:"versionRange"`
	PURL         string        `json:"purl" xml:"purl"`
	CPE          string        `json:"cpe" xml:"cpe"`
	Supplier     *cdxOrg       `json:"supplier" xml:"supplier"`
	Manufacturer *cdxOrg       `json:"manufacturer" xml:"manufacturer"`
	Author       string        `json:"author" xml:"author"`
	Authors      []cdxContact  `json:"authors" xml:"authors>author"`
	Publisher    string        `json:"publisher" xml:"publisher"`
	Copyright    string        `json:"copyright" xml:"copyright"`
	Description  string        `json:"description" xml:"description"`
	Licenses     cdxLicenses   `json:"licenses" xml:"licenses"`
	Hashes       []cdxHash     `json:"hashes" xml:"hashes>hash"`
	ExternalRefs []cdxExtRef   `json:"externalReferences" xml:"externalReferences>reference"`
	Properties   []cdxProperty `json:"properties" xml:"properties>property"`
	Pedigree     *cdxPedigree  `json:"pedigree" xml:"pedigree"`
	Swid         *cdxSwid      `json:"swid" xml:"swid"`
	Evidence     *cdxEvidence  `json:"evidence" xml:"evidence"`
	Components   []cdxComp     `json:"components" xml:"components>component"`
	// Provider, Endpoints and Services are the fields of a service
	// (cdxservices.go); components leave them empty.
	Provider  *cdxOrg   `json:"provider" xml:"provider"`
	Endpoints []string  `json:"endpoints" xml:"endpoints>endpoint"`
	Services  []cdxComp `json:"services" xml:"services>service"`
	// at is where the component begins, where the decoder knows it.
	at position
}

type cdxPedigree struct {
	Ancestors   []cdxComp `json:"ancestors" xml:"ancestors>component"`
	Descendants []cdxComp `json:"descendants" xml:"descendants>component"`
	Variants    []cdxComp `json:"variants" xml:"variants>component"`
	Commits     []cdxURL  `json:"commits" xml:"commits>commit"`
	Notes       string    `json:"notes" xml:"notes"`

	// Patches are read in cdxpatches.go.
	Patches []cdxPatch `json:"patches" xml:"patches>patch"`
}

// cdxSwid is the part of a SWID tag that names a maker.
type cdxSwid struct {
	TagID string `json:"tagId" xml:"tagId,attr"`
	Name  string `json:"name" xml:"name,attr"`
}

// cdxEvidence is the part of component evidence that names a maker.
type cdxEvidence struct {
	Copyright []cdxText     `json:"copyright" xml:"copyright>text"`
	Identity  cdxIdentities `json:"identity" xml:"identity"`
	Licenses  cdxLicenses   `json:"licenses" xml:"licenses"`
}

type cdxText struct {
	Text string `json:"text" xml:",chardata"`
}

// cdxIdentities is evidence.identity: one object in CycloneDX 1.5, an
// array from 1.6.
type cdxIdentities []cdxIdentity

type cdxIdentity struct {
	Field          string `json:"field" xml:"field"`
	ConcludedValue string `json:"concludedValue" xml:"concludedValue"`
}

// UnmarshalJSON reads the 1.5 object and the 1.6 array alike.
func (ids *cdxIdentities) UnmarshalJSON(b []byte) error {
	v := jsontext.Value(b)
	switch v.Kind() {
	case '{':
		var one cdxIdentity
		if err := json.Unmarshal(b, &one, jsonOpts); err != nil {
			return err
		}
		*ids = cdxIdentities{one}
		return nil
	case 'n':
		*ids = nil
		return nil
	}
	var list []cdxIdentity
	if err := json.Unmarshal(b, &list, jsonOpts); err != nil {
		return err
	}
	*ids = list
	return nil
}

type cdxOrg struct {
	Name    string       `json:"name" xml:"name"`
	Address *cdxAddress  `json:"address" xml:"address"`
	URL     []string     `json:"url" xml:"url"`
	Contact []cdxContact `json:"contact" xml:"contact"`
}

type cdxAddress struct {
	Country string `json:"country" xml:"country"`
}

type cdxContact struct {
	Name  string `json:"name" xml:"name"`
	Email string `json:"email" xml:"email"`
	Phone string `json:"phone" xml:"phone"`
}

// cdxLicenses is a licence list; XML mixes <license> and <expression>
// elements in it.
type cdxLicenses []cdxLicense

type cdxLicense struct {
	License    *cdxLicenseID `json:"license"`
	Expression string        `json:"expression"`
}

type cdxLicenseID struct {
	ID   string `json:"id" xml:"id"`
	Name string `json:"name" xml:"name"`
	URL  string `json:"url" xml:"url"`
	// Text and Licensing can name the rightholder (cdxlicensing.go).
	Text      *cdxAttachedText `json:"text" xml:"text"`
	Licensing *cdxLicensing    `json:"licensing" xml:"licensing"`
}

type cdxHash struct {
	Alg     string `json:"alg" xml:"alg,attr"`
	Content string `json:"content" xml:",chardata"`
}

type cdxExtRef struct {
	URL     string `json:"url" xml:"url"`
	Comment string `json:"comment" xml:"comment"`
	Type    string `json:"type" xml:"type,attr"`
}

type cdxProperty struct {
	Name  string `json:"name" xml:"name,attr"`
	Value string `json:"value" xml:",chardata"`
}

// cdxTool is a legacy tool, or a tool component or service (group, name,
// version).
type cdxTool struct {
	Vendor  string `json:"vendor" xml:"vendor"`
	Group   string `json:"group" xml:"group"`
	Name    string `json:"name" xml:"name"`
	Version string `json:"version" xml:"version"`
}

// cdxMetadata is BOM metadata with tools already flattened to strings.
type cdxMetadata struct {
	Timestamp    string
	Tools        []string
	Authors      []cdxContact
	Component    *cdxComp
	Manufacture  *cdxOrg
	Manufacturer *cdxOrg
	Supplier     *cdxOrg
}

// cdxState builds a Document from CycloneDX parts as they stream past.
type cdxState struct {
	xml  bool
	doc  *Document
	warn *warnings
	em   emitter

	deps []string // scratch for a dependency's dependsOn

	syft           bool // the metadata names syft as a tool
	metadataSeen   bool
	componentsSeen bool
	hasComponents  bool // a components array (possibly empty) was present
}

func newCDXState(isXML bool, visit func(*Component) error) *cdxState {
	return &cdxState{
		xml:  isXML,
		doc:  &Document{Dependencies: map[string][]string{}},
		warn: newWarnings(cdxWarnGroups),
		em:   emitter{visit: visit},
	}
}

// path builds a JSON pointer, or an XPath-like path for XML, from names.
func (s *cdxState) path(parts ...string) string {
	if s.xml {
		return "/bom/" + strings.Join(parts, "/")
	}
	return "/" + strings.Join(parts, "/")
}

func (s *cdxState) index(base string, i int) string {
	if s.xml {
		return base + "/component[" + strconv.Itoa(i+1) + "]"
	}
	return base + "/" + strconv.Itoa(i)
}

func (s *cdxState) specVersion(v string) {
	s.doc.SpecVersion = v
	if !knownCDXVersions[v] {
		s.warn.addf(cdxWarnVersion, "unknown CycloneDX spec version %q (namespace or specVersion); read as the latest", v)
	}
}

func (s *cdxState) serialNumber(v string) {
	s.doc.Namespace = v
	if v != "" && !serialNumberRE.MatchString(v) {
		s.warn.addf(cdxWarnSerial, "serialNumber %q is not a urn:uuid RFC 4122 UUID", v)
	}
}

func (s *cdxState) metadata(m *cdxMetadata) error {
	d := s.doc
	s.metadataSeen = true
	if t, err := time.Parse(time.RFC3339, m.Timestamp); err == nil {
		d.Timestamp = t
	} else if m.Timestamp != "" {
		s.warn.addf(cdxWarnTimestamp, "metadata.timestamp %q is not an RFC 3339 date-time", m.Timestamp)
	}
	d.Supplier = m.Supplier.org()
	d.Manufacturer = m.Manufacturer.org()
	if d.Manufacturer == nil {
		d.Manufacturer = m.Manufacture.org()
	}
	d.Authors = cdxContacts(m.Authors)
	d.Creators = m.Tools
	for _, t := range d.Creators {
		if strings.Contains(strings.ToLower(t), "syft") {
			s.syft = true
		}
	}
	if s.syft && s.componentsSeen {
		s.warn.add(cdxWarnLate, "metadata comes after components, so the CPEs of the components before it are not marked as generated by syft")
	}
	if m.Component == nil {
		return nil
	}
	s.checkComponent(m.Component, "metadata.component", cdxWarnSubject)
	c := s.component(m.Component, s.path("metadata", "component"), "")
	s.subjectMakers(&c, m)
	d.Subject = &c
	d.SubjectRef = c.Ref
	d.Name = c.Name
	if m.Component.Components != nil {
		return s.components(m.Component.Components, s.path("metadata", "component", "components"), "metadata.component.components", c.Ref, cdxWarnDedupMetadata, false)
	}
	return nil
}

// components flattens a component list depth-first, keeping each nested
// component's parent and recording the parent→child edge in the graph.
// checkPath names the list in warnings; check is false for the children
// of the subject, which the schema checks leave alone.
func (s *cdxState) components(list []cdxComp, base, checkPath, parent string, dedupGroup int, check bool) error {
	for i := range list {
		if err := s.topComponent(&list[i], s.index(base, i), checkPath+"["+strconv.Itoa(i)+"]", parent, dedupGroup, check); err != nil {
			return err
		}
	}
	return nil
}

// topComponent emits in, at pointer ptr, and its nested components.
func (s *cdxState) topComponent(in *cdxComp, ptr, checkPath, parent string, dedupGroup int, check bool) error {
	s.componentsSeen = true
	if check {
		s.checkComponent(in, checkPath, cdxWarnComponents)
	}
	c := &s.em.buf
	*c = s.component(in, ptr, parent)
	if err := s.em.emit(c, "bom-ref", func(w string) { s.warn.add(dedupGroup, w) }); err != nil {
		return err
	}
	ref := c.Ref // c is reused by the nested components
	if parent != "" && ref != "" {
		s.doc.Dependencies[parent] = append(s.doc.Dependencies[parent], ref)
	}
	if in.Components != nil {
		return s.components(in.Components, ptr+"/components", checkPath+".components", ref, dedupGroup, check)
	}
	return nil
}

func (s *cdxState) component(in *cdxComp, ptr, parent string) Component {
	c := Component{
		Ref:          in.BOMRef,
		Type:         strings.ToLower(in.Type),
		Name:         in.Name,
		Group:        in.Group,
		Version:      in.Version,
		PURL:         in.PURL,
		Supplier:     in.Supplier.org(),
		Manufacturer: in.Manufacturer.org(),
		Publisher:    in.Publisher,
		Authors:      cdxContacts(in.Authors),
		Copyright:    in.Copyright,
		Description:  in.Description,
		Parent:       parent,
		Origin:       Origin{Pointer: ptr, Line: in.at.line, Column: in.at.col},
	}
	if in.Author != "" {
		c.Authors = append(c.Authors, Contact{Name: in.Author})
	}
	ncpe := 0
	if in.CPE != "" {
		ncpe++
	}
	for _, p := range in.Properties {
		if p.Name == "syft:cpe23" && p.Value != "" {
			ncpe++
		}
	}
	if ncpe > 0 {
		c.CPEs = make([]CPE, 0, ncpe)
	}
	if in.CPE != "" {
		c.CPEs = append(c.CPEs, CPE{Value: in.CPE, Source: "cpe"})
	}
	for _, l := range in.Licenses {
		switch {
		case l.Expression != "":
			c.Licenses = append(c.Licenses, l.Expression)
		case l.License != nil && l.License.ID != "":
			c.Licenses = append(c.Licenses, l.License.ID)
		case l.License != nil && l.License.Name != "":
			c.Licenses = append(c.Licenses, l.License.Name)
		}
	}
	if len(in.Hashes) > 0 {
		c.Hashes = make([]Hash, len(in.Hashes))
		for i, h := range in.Hashes {
			c.Hashes[i] = Hash{Algorithm: h.Alg, Value: h.Content}
		}
	}
	if len(in.ExternalRefs) > 0 {
		c.ExternalRefs = make([]ExternalRef, len(in.ExternalRefs))
		for i, r := range in.ExternalRefs {
			c.ExternalRefs[i] = ExternalRef{Type: r.Type, URL: r.URL, Comment: r.Comment}
		}
	}
	if len(in.Properties) > 0 {
		c.Properties = make([]Property, len(in.Properties))
		for i, p := range in.Properties {
			c.Properties[i] = Property(p)
			if p.Name == "syft:cpe23" && p.Value != "" {
				c.CPEs = append(c.CPEs, CPE{Value: p.Value, Source: "property:syft:cpe23"})
			}
		}
	}
	if s.syft {
		for i := range c.CPEs {
			c.CPEs[i].Generated = true
		}
	}
	if in.Pedigree != nil && in.Pedigree.Notes != "" {
		c.Comment = in.Pedigree.Notes
	}
	c.Texts = cdxTexts(in, c.Texts)
	return c
}

func (s *cdxState) dependency(i int, ref string, dependsOn []string, present bool) {
	if ref == "" {
		s.warn.addf(cdxWarnDependencies, "dependencies[%d] has no ref", i)
	}
	if present {
		s.doc.Dependencies[ref] = append(s.doc.Dependencies[ref], dependsOn...)
	}
}

// finish completes the document once the whole BOM has been read.
func (s *cdxState) finish() *Document {
	if !s.hasComponents && !s.metadataSeen {
		s.warn.add(cdxWarnEmpty, "the BOM has no metadata and no components")
	}
	s.doc.Warnings = s.warn.list()
	s.doc.ComponentCount = s.em.count
	return s.doc
}

func (o *cdxOrg) org() *Organization {
	if o == nil {
		return nil
	}
	out := &Organization{Name: o.Name, Kind: "Organization"}
	if len(o.URL) > 0 {
		out.URLs = o.URL
	}
	if o.Address != nil {
		out.Country = o.Address.Country
	}
	out.Contact = cdxContacts(o.Contact)
	for _, c := range out.Contact {
		if c.Email != "" {
			out.Emails = append(out.Emails, c.Email)
		}
	}
	if out.Name == "" && len(out.URLs) == 0 && len(out.Contact) == 0 {
		return nil
	}
	return out
}

func cdxContacts(in []cdxContact) []Contact {
	if len(in) == 0 {
		return nil
	}
	out := make([]Contact, len(in))
	for i, c := range in {
		out[i] = Contact(c)
	}
	return out
}

// toolNames flattens legacy tools, tool components and tool services.
func toolNames(tools, components, services []cdxTool) []string {
	var out []string
	for _, x := range tools {
		out = append(out, strings.TrimSpace(strings.Join([]string{x.Vendor, x.Name, x.Version}, " ")))
	}
	for _, list := range [][]cdxTool{components, services} {
		for _, x := range list {
			out = append(out, strings.TrimSpace(strings.Join([]string{x.Group, x.Name, x.Version}, " ")))
		}
	}
	return out
}
