package sbom

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// spdx3Decoder reads SPDX 3 JSON-LD, whole.
var spdx3Decoder = decoder{
	format: FormatSPDX3JSON,
	syntax: syntaxJSON,
	identify: func(s *sniff) certainty {
		if strings.Contains(s.json.context, "spdx.org/rdf/3") {
			return declared
		}
		return s.guess("@graph")
	},
	decode: decodeWhole(func(data []byte, _ Options) (*Document, error) { return decodeSPDX3(data) }),
}

// spdx3Element holds the fields embargo reads from any SPDX 3 element;
// JSON-LD puts every element type in one flat @graph array.
type spdx3Element struct {
	Type        string `json:"type"`
	AtType      string `json:"@type"`
	SpdxID      string `json:"spdxId"`
	AtID        string `json:"@id"`
	Name        string `json:"name"`
	Summary     string `json:"summary"`
	Description string `json:"description"`
	Comment     string `json:"comment"`

	PackageVersion   string            `json:"software_packageVersion"`
	PackageURL       string            `json:"software_packageUrl"`
	DownloadLocation string            `json:"software_downloadLocation"`
	HomePage         string            `json:"software_homePage"`
	SourceInfo       string            `json:"software_sourceInfo"`
	CopyrightText    string            `json:"software_copyrightText"`
	AttributionText  []string          `json:"software_attributionText"`
	PrimaryPurpose   string            `json:"software_primaryPurpose"`
	SuppliedBy       json.RawMessage   `json:"suppliedBy"`
	OriginatedBy     []json.RawMessage `json:"originatedBy"`
	ExtIDs           []spdx3ExtID      `json:"externalIdentifier"`
	ExtIDsPlural     []spdx3ExtID      `json:"externalIdentifiers"` // seen in the wild
	ExtRefs          []spdx3ExtRef     `json:"externalRef"`
	VerifiedUsing    []spdx3Hash       `json:"verifiedUsing"`
	LicenseExpr      string            `json:"simplelicensing_licenseExpression"`

	From             string   `json:"from"`
	To               []string `json:"to"`
	RelationshipType string   `json:"relationshipType"`
	RootElement      []string `json:"rootElement"`

	SpecVersion  string            `json:"specVersion"`
	Created      string            `json:"created"`
	CreatedBy    []json.RawMessage `json:"createdBy"`
	CreatedUsing []json.RawMessage `json:"createdUsing"`
	CreationInfo json.RawMessage   `json:"creationInfo"`
}

type spdx3ExtID struct {
	Type       string `json:"externalIdentifierType"`
	Identifier string `json:"identifier"`
}

type spdx3ExtRef struct {
	Type    string   `json:"externalRefType"`
	Locator []string `json:"locator"`
}

type spdx3Hash struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"hashValue"`
}

func (e *spdx3Element) kind() string {
	if e.Type != "" {
		return e.Type
	}
	return e.AtType
}

func (e *spdx3Element) id() string {
	if e.SpdxID != "" {
		return e.SpdxID
	}
	return e.AtID
}

func (e *spdx3Element) isPackage() bool {
	switch e.kind() {
	case "software_Package", "ai_AIPackage", "dataset_DatasetPackage", "Package", "software:Package":
		return true
	}
	return false
}

// decodeSPDX3 reads SPDX 3.0 JSON-LD. tools-golang's SPDX 3 reader
// expands JSON-LD through json-gold, which may try to fetch the context
// from the network; the compacted form is plain JSON, so it is read directly.
func decodeSPDX3(data []byte) (*Document, error) {
	var raw struct {
		Graph []spdx3Element `json:"@graph"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("decode SPDX 3: %w", err)
	}
	b := spdx3Builder{byID: map[string]*spdx3Element{}, licenses: map[string][]string{}}
	for i := range raw.Graph {
		if id := raw.Graph[i].id(); id != "" {
			b.byID[id] = &raw.Graph[i]
		}
	}
	return b.build(raw.Graph), nil
}

type spdx3Builder struct {
	byID     map[string]*spdx3Element
	licenses map[string][]string
	binaries binaryFiles // files kept for their names alone
}

func (b *spdx3Builder) build(graph []spdx3Element) *Document {
	d := &Document{Dependencies: map[string][]string{}}
	creationAt := ""
	for i := range graph {
		e := &graph[i]
		switch {
		case e.kind() == "CreationInfo" && d.SpecVersion == "":
			b.creation(d, e)
			creationAt = "/@graph/" + strconv.Itoa(i)
		case e.kind() == "SpdxDocument":
			d.Name = e.Name
			b.subject(d, e.RootElement)
		case e.kind() == "software_Sbom":
			b.subject(d, e.RootElement)
		case strings.HasSuffix(e.kind(), "Relationship"):
			b.relationship(d, e)
		}
	}
	var files []File
	for i := range graph {
		switch {
		case graph[i].isPackage():
			d.Components = append(d.Components, b.component(&graph[i], i))
		case graph[i].kind() == "software_File" || graph[i].kind() == "File":
			if f, ok := b.file(&graph[i], i); ok {
				files = append(files, f)
			}
		}
	}
	d.Files = spdxFileParents(files, nil, d.Dependencies)
	if w := b.binaries.warning(); w != "" {
		d.Warnings = append(d.Warnings, w)
	}
	if f, ok := creatorsElement(d, d.SubjectRef, creationAt); ok {
		d.Files = append(d.Files, f)
	}
	for i := range d.Components {
		d.Components[i].Licenses = b.licenses[d.Components[i].Ref]
	}
	if d.SpecVersion == "" {
		d.SpecVersion = "3.0"
	}
	return d
}

func (b *spdx3Builder) creation(d *Document, e *spdx3Element) {
	d.SpecVersion = e.SpecVersion
	if t, err := time.Parse(time.RFC3339, e.Created); err == nil {
		d.Timestamp = t
	}
	for _, r := range append(append([]json.RawMessage{}, e.CreatedBy...), e.CreatedUsing...) {
		if a := b.agent(r); a != nil {
			d.Creators = append(d.Creators, strings.TrimSpace(a.Kind+": "+a.Name))
		}
	}
}

// subject follows root elements through an Sbom to the first package.
func (b *spdx3Builder) subject(d *Document, roots []string) {
	for _, r := range roots {
		e := b.byID[r]
		switch {
		case d.SubjectRef != "":
			return
		case e == nil:
		case e.isPackage():
			d.SubjectRef = r
		case e.kind() == "software_Sbom":
			b.subject(d, e.RootElement)
		}
	}
}

func (b *spdx3Builder) relationship(d *Document, e *spdx3Element) {
	switch e.RelationshipType {
	case "hasDeclaredLicense", "hasConcludedLicense":
		for _, to := range e.To {
			if l := b.byID[to]; l != nil && l.LicenseExpr != "" {
				b.licenses[e.From] = appendUniq(b.licenses[e.From], l.LicenseExpr)
			}
		}
	case "describes":
		if d.SubjectRef == "" && len(e.To) > 0 {
			if t := b.byID[e.To[0]]; t != nil && t.isPackage() {
				d.SubjectRef = e.To[0]
			}
		}
	case "contains", "dependsOn", "hasDynamicLink", "hasStaticLink", "hasPrerequisite",
		"hasProvidedDependency", "hasOptionalDependency", "hasDistributionArtifact", "packagedBy":
		d.Dependencies[e.From] = append(d.Dependencies[e.From], e.To...)
	}
}

func (b *spdx3Builder) component(e *spdx3Element, i int) Component {
	c := Component{
		Ref:         e.id(),
		Type:        strings.ToLower(e.PrimaryPurpose),
		Name:        e.Name,
		Version:     e.PackageVersion,
		PURL:        e.PackageURL,
		Copyright:   noAssertion(e.CopyrightText),
		Description: cmp.Or(e.Description, e.Summary),
		Comment:     e.Comment,
		Supplier:    b.agent(e.SuppliedBy),
		Origin:      Origin{Pointer: "/@graph/" + strconv.Itoa(i)},
	}
	for j, r := range e.OriginatedBy {
		a := b.agent(r)
		switch {
		case a == nil:
		case c.Originator == nil:
			c.Originator = a
		case a.Name != "":
			c.Texts = append(c.Texts, Text{Kind: TextOrg, Field: "originatedBy[" + strconv.Itoa(j) + "]", Value: a.Name})
		}
	}
	for j, t := range e.AttributionText {
		if t = noAssertion(t); t != "" {
			c.Texts = append(c.Texts, Text{Kind: TextCopyright, Field: "software_attributionText[" + strconv.Itoa(j) + "]", Value: t})
		}
	}
	if v := noAssertion(e.SourceInfo); v != "" {
		c.Texts = append(c.Texts, Text{Kind: TextProvenance, Field: "software_sourceInfo", Value: v})
	}
	for _, h := range e.VerifiedUsing {
		c.Hashes = append(c.Hashes, Hash{Algorithm: h.Algorithm, Value: h.Value})
	}
	for _, u := range []ExternalRef{{Type: "download", URL: e.DownloadLocation}, {Type: "homepage", URL: e.HomePage}} {
		if u.URL = noAssertion(u.URL); u.URL != "" {
			c.ExternalRefs = append(c.ExternalRefs, u)
		}
	}
	spdx3Identifiers(&c, append(append([]spdx3ExtID{}, e.ExtIDs...), e.ExtIDsPlural...))
	for _, r := range e.ExtRefs {
		for _, l := range r.Locator {
			c.ExternalRefs = append(c.ExternalRefs, ExternalRef{Type: r.Type, URL: l})
		}
	}
	return c
}

func spdx3Identifiers(c *Component, ids []spdx3ExtID) {
	for _, x := range ids {
		switch x.Type {
		case "packageUrl":
			if c.PURL == "" {
				c.PURL = x.Identifier
			}
		case "cpe22", "cpe23":
			c.CPEs = append(c.CPEs, CPE{Value: x.Identifier, Source: "externalIdentifier"})
		default:
			c.Properties = append(c.Properties, Property{Name: "spdx3:" + x.Type, Value: x.Identifier})
		}
	}
}

// agent resolves an agent reference (an id string or an inline object).
func (b *spdx3Builder) agent(raw json.RawMessage) *Organization {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var e *spdx3Element
	var ref string
	if json.Unmarshal(raw, &ref) == nil {
		e = b.byID[ref]
	} else {
		e = new(spdx3Element)
		if json.Unmarshal(raw, e) != nil {
			return nil
		}
	}
	if e == nil {
		return nil
	}
	o := &Organization{Name: e.Name, Kind: e.kind()}
	for _, x := range append(append([]spdx3ExtID{}, e.ExtIDs...), e.ExtIDsPlural...) {
		switch x.Type {
		case "email":
			o.Emails = append(o.Emails, x.Identifier)
		case "urlScheme", "other":
			if strings.Contains(x.Identifier, "://") {
				o.URLs = append(o.URLs, x.Identifier)
			}
		}
	}
	return o
}

// file keeps an SPDX 3 file whose copyright, attribution or makers can
// name a vendor, or whose name is a binary's (binaryfiles.go); its
// supplier and first originator become texts.
func (b *spdx3Builder) file(e *spdx3Element, i int) (File, bool) {
	c := b.component(e, i)
	f := File{Ref: c.Ref, Type: "file", Name: c.Name, Copyright: c.Copyright, Texts: c.Texts, Origin: c.Origin}
	if c.Supplier != nil && c.Supplier.Name != "" {
		f.Texts = append(f.Texts, Text{Kind: TextOrg, Field: "suppliedBy", Value: c.Supplier.Name})
	}
	if c.Originator != nil && c.Originator.Name != "" {
		f.Texts = append(f.Texts, Text{Kind: TextOrg, Field: "originatedBy[0]", Value: c.Originator.Name})
	}
	return f, f.Copyright != "" || len(f.Texts) > 0 || b.binaries.keep(f.Name)
}
