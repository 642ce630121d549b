package sbom

// The previous, whole-buffer SPDX 2 decoder, kept as the reference for
// the streaming one (second to tools-golang, which rejects many real files).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"sigs.k8s.io/yaml"
)

// refSpdxJSON is SPDX 2.x JSON as written by every known producer. Values
// whose type varies in the wild are RawMessage and read leniently.
type refSpdxJSON struct {
	SPDXVersion       string `json:"spdxVersion"`
	Name              string `json:"name"`
	DocumentNamespace string `json:"documentNamespace"`
	CreationInfo      struct {
		Created  string            `json:"created"`
		Creators []json.RawMessage `json:"creators"`
	} `json:"creationInfo"`
	DocumentDescribes []string             `json:"documentDescribes"`
	Packages          []refSpdxJSONPackage `json:"packages"`
	Files             []struct {
		SPDXID       string            `json:"SPDXID"`
		FileName     string            `json:"fileName"`
		Checksums    []json.RawMessage `json:"checksums"`
		Copyright    string            `json:"copyrightText"`
		Attributions []string          `json:"attributionTexts"`
	} `json:"files"`
	Licenses []struct {
		ID   string `json:"licenseId"`
		Name string `json:"name"`
		Text string `json:"extractedText"`
	} `json:"hasExtractedLicensingInfos"`
	Relationships []struct {
		Element string `json:"spdxElementId"`
		Type    string `json:"relationshipType"`
		Related string `json:"relatedSpdxElement"`
	} `json:"relationships"`
}

type refSpdxJSONPackage struct {
	SPDXID           string   `json:"SPDXID"`
	Name             string   `json:"name"`
	Version          string   `json:"versionInfo"`
	FileName         string   `json:"packageFileName"`
	Supplier         string   `json:"supplier"`
	Originator       string   `json:"originator"`
	Download         string   `json:"downloadLocation"`
	Homepage         string   `json:"homepage"`
	Copyright        string   `json:"copyrightText"`
	Summary          string   `json:"summary"`
	Description      string   `json:"description"`
	Comment          string   `json:"comment"`
	Purpose          string   `json:"primaryPackagePurpose"`
	LicenseConcluded string   `json:"licenseConcluded"`
	LicenseDeclared  string   `json:"licenseDeclared"`
	SourceInfo       string   `json:"sourceInfo"`
	Attributions     []string `json:"attributionTexts"`
	HasFiles         []string `json:"hasFiles"`
	Checksums        []struct {
		Algorithm string `json:"algorithm"`
		Value     string `json:"checksumValue"`
	} `json:"checksums"`
	ExternalRefs []struct {
		Category string `json:"referenceCategory"`
		Type     string `json:"referenceType"`
		Locator  string `json:"referenceLocator"`
		Comment  string `json:"comment"`
	} `json:"externalRefs"`
}

// refDecodeSPDXJSON reads SPDX 2.x JSON; YAML is converted to JSON first.
func refDecodeSPDXJSON(data []byte, isYAML bool) (*Document, error) {
	prefix := "/packages/"
	if isYAML {
		j, wrapped, err := refSpdxYAMLToJSON(data)
		if err != nil {
			return nil, fmt.Errorf("decode SPDX YAML: %w", err)
		}
		data = j
		if wrapped {
			prefix = "/Document/packages/"
		}
	}
	var in refSpdxJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("decode SPDX JSON: %w", refJsonErrorContext(data, err))
	}
	return in.toDoc(prefix).refDocument(), nil
}

func (in *refSpdxJSON) toDoc(prefix string) *spdxDoc {
	s := &spdxDoc{
		Version:   in.SPDXVersion,
		Name:      in.Name,
		Namespace: in.DocumentNamespace,
		Created:   in.CreationInfo.Created,
	}
	for i, raw := range in.CreationInfo.Creators {
		var c string
		if json.Unmarshal(raw, &c) != nil {
			s.warnf("creationInfo.creators[%d] is %s, not a string", i, refTruncate(string(raw), 60))
			continue
		}
		s.Creators = append(s.Creators, c)
	}
	for _, d := range in.DocumentDescribes {
		s.Describes = append(s.Describes, normalizeSPDXID(d))
	}
	for i := range in.Packages {
		s.Packages = append(s.Packages, in.Packages[i].toPkg(prefix+strconv.Itoa(i)))
	}
	for i, f := range in.Files {
		if len(f.Checksums) == 0 {
			s.warnf("files[%d] (%s) has no checksums, which SPDX 2.x requires", i, f.FileName)
		}
		s.Files = append(s.Files, spdxFile{ID: normalizeSPDXID(f.SPDXID), Name: f.FileName, Copyright: f.Copyright,
			Attributions: f.Attributions, Origin: Origin{Pointer: strings.TrimSuffix(prefix, "packages/") + "files/" + strconv.Itoa(i)}})
	}
	for _, r := range in.Relationships {
		s.Relationships = append(s.Relationships, spdxRel{A: normalizeSPDXID(r.Element), Type: r.Type, B: normalizeSPDXID(r.Related)})
	}
	for i, l := range in.Licenses {
		s.Licenses = append(s.Licenses, spdxLicense{ID: l.ID, Name: l.Name, Text: l.Text,
			Origin: Origin{Pointer: strings.TrimSuffix(prefix, "packages/") + "hasExtractedLicensingInfos/" + strconv.Itoa(i)}})
	}
	return s
}

func (p *refSpdxJSONPackage) toPkg(ptr string) spdxPkg {
	out := spdxPkg{
		ID: normalizeSPDXID(p.SPDXID), Name: p.Name, Version: p.Version, FileName: p.FileName,
		Supplier: p.Supplier, Originator: p.Originator, Download: p.Download, Homepage: p.Homepage,
		Copyright: p.Copyright, Summary: p.Summary, Description: p.Description, Comment: p.Comment,
		Purpose: p.Purpose, LicenseConcluded: p.LicenseConcluded, LicenseDeclared: p.LicenseDeclared,
		SourceInfo: p.SourceInfo, Attributions: p.Attributions, HasFiles: p.HasFiles,
		Origin: Origin{Pointer: ptr},
	}
	for _, c := range p.Checksums {
		out.Checksums = append(out.Checksums, Hash{Algorithm: c.Algorithm, Value: c.Value})
	}
	for _, r := range p.ExternalRefs {
		out.Refs = append(out.Refs, spdxRef{Category: r.Category, Type: r.Type, Locator: r.Locator, Comment: r.Comment})
	}
	return out
}

// refSpdxYAMLToJSON converts SPDX YAML to JSON, unwrapping the top-level
// "Document:" key that SPDX 2.1 YAML (tools-python 0.7) used.
func refSpdxYAMLToJSON(data []byte) ([]byte, bool, error) {
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, false, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(j, &top); err != nil {
		return nil, false, fmt.Errorf("top level is not a mapping")
	}
	if inner, ok := top["Document"]; ok && len(top) == 1 {
		return inner, true, nil
	}
	return j, false, nil
}

// refJsonErrorContext adds the line and column to a JSON syntax or type error.
func refJsonErrorContext(data []byte, err error) error {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err
	}
	line := bytes.Count(data[:off], []byte("\n")) + 1
	col := off - int64(bytes.LastIndexByte(data[:off], '\n'))
	return fmt.Errorf("line %d, column %d (byte offset %d): %w", line, col, off, err)
}

func refTruncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func (s *spdxDoc) refDocument() *Document {
	d := &Document{
		SpecVersion:  s.Version,
		Name:         s.Name,
		Namespace:    s.Namespace,
		Creators:     s.Creators,
		Dependencies: map[string][]string{},
		Warnings:     s.Warnings,
	}
	if s.Version == "" {
		d.Warnings = addWarning(d.Warnings, "spdxVersion is missing")
	}
	if t, err := time.Parse(time.RFC3339, s.Created); err == nil {
		d.Timestamp = t
	} else {
		d.Warnings = addWarning(d.Warnings, fmt.Sprintf("creationInfo.created %q is not an RFC 3339 date-time", s.Created))
	}
	var dd refDedup
	for i := range s.Packages {
		c := s.Packages[i].component(&spdxSlabs{})
		if dd.add(d, &c, "SPDXID") {
			d.Components = append(d.Components, c)
		}
	}
	if len(s.Describes) > 0 {
		d.SubjectRef = s.Describes[0]
	}
	owner := map[string]string{}
	for _, p := range s.Packages {
		for _, f := range p.HasFiles {
			f = normalizeSPDXID(f)
			if _, ok := owner[f]; !ok {
				owner[f] = p.ID
			}
		}
	}
	for _, r := range s.Relationships {
		refAddSPDXRelationship(d, r)
	}
	d.Files = refSPDXFiles(s.Files, owner, d.Dependencies)
	d.Files = append(d.Files, refSPDXLicenses(s)...)
	if f, ok := creatorsElement(d, d.SubjectRef, "#SPDXRef-DOCUMENT"); ok {
		d.Files = append(d.Files, f)
	}
	return d
}

// refSPDXLicenses keeps the extracted licences with a name or text, each
// under the first package whose declared or concluded licence names it.
func refSPDXLicenses(s *spdxDoc) []File {
	user := map[string]string{}
	re := regexp.MustCompile(`LicenseRef-[A-Za-z0-9.-]*`)
	for _, p := range s.Packages {
		for _, expr := range []string{p.LicenseDeclared, p.LicenseConcluded} {
			for _, ref := range re.FindAllString(expr, -1) {
				if _, ok := user[ref]; !ok {
					user[ref] = p.ID
				}
			}
		}
	}
	var out []File
	for _, l := range s.Licenses {
		c := File{Ref: l.ID, Type: "license", Name: l.ID, Origin: l.Origin, Parent: user[l.ID]}
		if noAssertion(l.Name) != "" {
			c.Texts = append(c.Texts, Text{Kind: TextLicense, Field: "extractedLicense.name", Value: l.Name})
		}
		if noAssertion(l.Text) != "" {
			c.Texts = append(c.Texts, Text{Kind: TextCopyright, Field: "extractedLicense.extractedText", Value: l.Text})
		}
		if len(c.Texts) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// refSPDXFiles keeps the files with a copyright or attribution text or a
// binary's name (TestIsBinaryFileName holds that rule) and finds each
// one's package: hasFiles first, else the first containing
// element in sorted order.
func refSPDXFiles(files []spdxFile, owner map[string]string, deps map[string][]string) []File {
	var out []File
	for _, f := range files {
		c := File{Ref: f.ID, Type: "file", Name: f.Name, Copyright: noAssertion(f.Copyright), Origin: f.Origin}
		for i, a := range f.Attributions {
			if noAssertion(a) != "" {
				c.Texts = append(c.Texts, Text{Kind: TextCopyright, Field: fmt.Sprintf("attributionTexts[%d]", i), Value: a})
			}
		}
		if strings.TrimSpace(c.Copyright) == "" && len(c.Texts) == 0 && !isBinaryFileName(c.Name) {
			continue
		}
		c.Parent = owner[c.Ref]
		if c.Parent == "" {
			var keys []string
			for a := range deps {
				keys = append(keys, a)
			}
			sort.Strings(keys)
			for _, a := range keys {
				for _, b := range deps[a] {
					if b == c.Ref && a != b && c.Parent == "" {
						c.Parent = a
					}
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// refAddSPDXRelationship turns a relationship into a graph edge from the
// including element to the included one, and finds the subject.
func refAddSPDXRelationship(d *Document, r spdxRel) {
	switch strings.ToUpper(r.Type) {
	case "DESCRIBES":
		if d.SubjectRef == "" && (r.A == "SPDXRef-DOCUMENT" || r.A == "") {
			d.SubjectRef = r.B
		}
	case "DESCRIBED_BY":
		if d.SubjectRef == "" {
			d.SubjectRef = r.A
		}
	case "DEPENDS_ON", "CONTAINS", "STATIC_LINK", "DYNAMIC_LINK", "HAS_PREREQUISITE", "ANCESTOR_OF", "GENERATES":
		d.Dependencies[r.A] = append(d.Dependencies[r.A], r.B)
	case "DEPENDENCY_OF", "CONTAINED_BY", "BUILD_DEPENDENCY_OF", "DEV_DEPENDENCY_OF",
		"RUNTIME_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF",
		"TEST_DEPENDENCY_OF", "PACKAGE_OF", "PREREQUISITE_FOR", "DESCENDANT_OF", "VARIANT_OF", "GENERATED_FROM":
		d.Dependencies[r.B] = append(d.Dependencies[r.B], r.A)
	}
}
