package sbom

import "time"

// Format names an SBOM serialisation, as detected from content.
type Format string

// Every format embargo reads.
const (
	FormatUnknown       Format = ""
	FormatCycloneDXJSON Format = "cyclonedx-json"
	FormatCycloneDXXML  Format = "cyclonedx-xml"
	FormatSPDXJSON      Format = "spdx-json"
	FormatSPDXTagValue  Format = "spdx-tag-value"
	FormatSPDXYAML      Format = "spdx-yaml"
	FormatSPDXRDF       Format = "spdx-rdf"
	FormatSPDX3JSON     Format = "spdx3-json"
	FormatSyftJSON      Format = "syft-json"
)

// Document is one decoded SBOM.
type Document struct {
	Path        string // as given by the user ("-" for stdin)
	SHA256      string // hex digest of the bytes as read, before decompression (what sha256sum prints)
	Format      Format
	SpecVersion string // e.g. "1.6", "SPDX-2.3", "3.0.1", syft schema version
	Name        string
	Namespace   string // CycloneDX serialNumber, SPDX documentNamespace
	Timestamp   time.Time

	// SubjectRef is the ref of the component the document describes
	// (CycloneDX metadata.component, SPDX DESCRIBES target); empty if none.
	SubjectRef string
	// Subject is CycloneDX metadata.component, which is not one of
	// Components (so counts agree with other tools) but is audited too.
	// For SPDX the described package is already in Components and Subject
	// is nil.
	Subject      *Component
	Supplier     *Organization
	Manufacturer *Organization
	Authors      []Contact
	Creators     []string // SPDX creators, CycloneDX metadata tools, as written

	// Components holds every package-like component, flattened, once each,
	// and every CycloneDX service as a component of type "service", so
	// that every signal reads them (provider as supplier, endpoints as
	// URL texts). The subject is included when the format carries it as a
	// component.
	// Read fills it; Decode leaves it nil and hands each component to its
	// visit function instead.
	Components []Component
	// ComponentCount is the number of components decoded (after removing
	// duplicates): len(Components) for Read, the number of visits for
	// Decode.
	ComponentCount int
	// ServiceCount is how many of them are CycloneDX services (type
	// "service": a SaaS API, a carrier's trunk, a cloud reputation
	// service), which other tools count apart from components.
	ServiceCount int

	// Files are SPDX files that carry a copyright or attribution text or
	// a binary's name, with Parent set to the package that holds them
	// (hasFiles, CONTAINS), extracted licences (Type "license") with a
	// name or text, under the first package that uses them, and the
	// document's organisation and person creators (Type "document",
	// spdxcreators.go) under the subject; they are audited but
	// not counted as components. They are kept small, since a document
	// may list hundreds of thousands: File.Component makes the component.
	Files []File

	// Dependencies maps a ref to the refs it depends on or contains.
	Dependencies map[string][]string

	// Warnings are problems that did not stop decoding.
	Warnings []string
}

// Organization is a supplier, manufacturer or originator.
type Organization struct {
	Name    string
	Kind    string // "Organization", "Person", "Tool" or "" (SPDX agent types)
	URLs    []string
	Emails  []string
	Country string
	Contact []Contact
}

// NewOrganization is an organisation known by a name and at most one
// e-mail address ("" for none), as package metadata gives a maintainer.
func NewOrganization(name, email string) *Organization {
	o := &Organization{Name: name}
	if email != "" {
		o.Emails = []string{email}
	}
	return o
}

// Contact is a person or an author entry.
type Contact struct {
	Name  string
	Email string
	Phone string
}

// CPE is one CPE identifier with where it came from.
type CPE struct {
	Value string
	// Source says which field held it: "cpe", "externalRef", "property:syft:cpe23".
	Source string
	// Generated is true when the producing tool guessed the CPE (syft's
	// generated CPEs); a guessed CPE is a weak signal.
	Generated bool
}

// Hash is one digest of a component.
type Hash struct {
	Algorithm string
	Value     string
}

// ExternalRef is any URL-bearing reference: CycloneDX externalReferences,
// SPDX download location, homepage and external refs.
type ExternalRef struct {
	Type    string // "website", "vcs", "distribution", "download", "homepage", ...
	URL     string
	Comment string
}

// Property is a name/value pair (CycloneDX properties, syft metadata).
type Property struct {
	Name  string
	Value string
}

// Origin locates a component in its source document.
type Origin struct {
	Pointer string // JSON pointer (or an XPath-like path for XML)
	Line    int    // 1-based line number where known, else 0
	// Column is the 1-based column, in bytes, where the component's
	// element begins (JSON: its opening brace), where known, else 0.
	Column int
}

// Component is one package, library, application, firmware or file entry.
type Component struct {
	Ref          string // bom-ref or SPDXID
	Type         string // CycloneDX type or SPDX primary purpose, lower case
	Name         string
	Group        string // CycloneDX group, Maven groupId, npm scope
	Version      string
	PURL         string
	CPEs         []CPE
	Supplier     *Organization
	Manufacturer *Organization
	Publisher    string
	Authors      []Contact
	Originator   *Organization
	Copyright    string
	Description  string
	Comment      string
	Licenses     []string
	Hashes       []Hash
	ExternalRefs []ExternalRef
	Properties   []Property
	// Texts are further fields that can name the maker: licence names,
	// evidence and file copyright, attributions, SWID tags, pedigree.
	Texts []Text
	// Parent is the ref of the enclosing component for nested CycloneDX
	// components; empty at the top level.
	Parent string
	Origin Origin
}

// TextKind says what a further text of a component is, and so how much
// it can say about who made the component.
type TextKind uint8

// Kinds of further texts.
const (
	// TextCopyright is a copyright or attribution notice: CycloneDX
	// evidence.copyright, SPDX attributionTexts and file copyright text.
	TextCopyright TextKind = iota + 1
	// TextLicense is a licence name (an EULA names its rightholder).
	TextLicense
	// TextURL is a URL: licence URLs and the like.
	TextURL
	// TextProvenance is free text about where the component came from:
	// SPDX PackageSourceInfo, extracted licence text.
	TextProvenance
	// TextName is another name of the component: CycloneDX swid.name,
	// evidence.identity of field name, SPDX PackageFileName.
	TextName
	// TextFileName is a package file name such as
	// "vendor-product-1.2-3.x86_64.rpm".
	TextFileName
	// TextTagID is a SWID tag id, possibly a reversed-domain regid.
	TextTagID
	// TextOrg is an organisation that made a related component: the
	// supplier, manufacturer, publisher or author of a pedigree entry.
	TextOrg
	// TextPURL is a package URL of a related component or an identity.
	TextPURL
	// TextCPE is a CPE of a related component or an identity.
	TextCPE
)

// Lineage says how a related component that a text belongs to relates to
// the component; empty for the component's own texts.
type Lineage string

// Pedigree relations (CycloneDX pedigree).
const (
	LineageOwn        Lineage = ""
	LineageAncestor   Lineage = "ancestor"   // the component derives from it
	LineageDescendant Lineage = "descendant" // it derives from the component
	LineageVariant    Lineage = "variant"    // same lineage, relation unknown
)

// Text is a further field of a component that can name its maker,
// beyond the dedicated fields of Component.
type Text struct {
	Kind    TextKind
	Lineage Lineage
	Field   string // model path: "evidence.copyright[0].text", "pedigree.ancestors[0].supplier.name"
	Value   string
	// Pointer locates the text when it lives outside the component's own
	// element (an SPDX file, an extracted licence); "" for Origin.Pointer.
	Pointer string
	Line    int
}

// File is an SPDX file or extracted licence kept for auditing: only the
// fields that can name a maker, so that file-heavy documents stay small.
type File struct {
	Ref, Type, Name, Copyright string
	Texts                      []Text
	Parent                     string // the package that holds or uses it
	Origin                     Origin
}

// Component is the file as a component, for matching.
func (f *File) Component() Component {
	return Component{Ref: f.Ref, Type: f.Type, Name: f.Name, Copyright: f.Copyright, Texts: f.Texts, Parent: f.Parent, Origin: f.Origin}
}
