// Package sbom reads software bills of materials in every common format into
// one normalised model, so that matching and reporting never look at raw
// SBOM bytes.
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

	// Components holds every package-like component, flattened, once each.
	// The subject is included when the format carries it as a component.
	// Read fills it; Decode leaves it nil and hands each component to its
	// visit function instead.
	Components []Component
	// ComponentCount is the number of components decoded (after removing
	// duplicates): len(Components) for Read, the number of visits for
	// Decode.
	ComponentCount int

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
	// Parent is the ref of the enclosing component for nested CycloneDX
	// components; empty at the top level.
	Parent string
	Origin Origin
}
