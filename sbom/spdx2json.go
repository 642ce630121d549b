package sbom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"sigs.k8s.io/yaml"
)

// spdxJSONPackage is an SPDX 2 package as written in JSON (and in YAML,
// converted to JSON).
type spdxJSONPackage struct {
	SPDXID           string `json:"SPDXID"`
	Name             string `json:"name"`
	Version          string `json:"versionInfo"`
	FileName         string `json:"packageFileName"`
	Supplier         string `json:"supplier"`
	Originator       string `json:"originator"`
	Download         string `json:"downloadLocation"`
	Homepage         string `json:"homepage"`
	Copyright        string `json:"copyrightText"`
	Summary          string `json:"summary"`
	Description      string `json:"description"`
	Comment          string `json:"comment"`
	Purpose          string `json:"primaryPackagePurpose"`
	LicenseConcluded string `json:"licenseConcluded"`
	LicenseDeclared  string `json:"licenseDeclared"`
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

func (p *spdxJSONPackage) toPkg(ptr string) spdxPkg {
	out := spdxPkg{
		ID: normalizeSPDXID(p.SPDXID), Name: p.Name, Version: p.Version, FileName: p.FileName,
		Supplier: p.Supplier, Originator: p.Originator, Download: p.Download, Homepage: p.Homepage,
		Copyright: p.Copyright, Summary: p.Summary, Description: p.Description, Comment: p.Comment,
		Purpose: p.Purpose, LicenseConcluded: p.LicenseConcluded, LicenseDeclared: p.LicenseDeclared,
		Origin: Origin{Pointer: ptr},
	}
	if len(p.Checksums) > 0 {
		out.Checksums = make([]Hash, len(p.Checksums))
		for i, c := range p.Checksums {
			out.Checksums[i] = Hash{Algorithm: c.Algorithm, Value: c.Value}
		}
	}
	if len(p.ExternalRefs) > 0 {
		out.Refs = make([]spdxRef, len(p.ExternalRefs))
		for i, r := range p.ExternalRefs {
			out.Refs[i] = spdxRef(r)
		}
	}
	return out
}

// decodeSPDXJSON streams SPDX 2 JSON: one package at a time is decoded and
// visited; files are only checked, relationships become the graph. prefix
// is the JSON pointer of the packages array plus "/". When requireVersion
// is set, a document without spdxVersion is no SPDX JSON (detection from a
// prefix may have guessed it).
func decodeSPDXJSON(r io.Reader, prefix string, visit func(*Component) error) (*Document, error) {
	return decodeSPDXJSONStream(r, prefix, true, visit)
}

func decodeSPDXJSONStream(r io.Reader, prefix string, requireVersion bool, visit func(*Component) error) (*Document, error) {
	dec := newJSONDecoder(r)
	s := newSPDXState(visit)
	d := s.doc
	err := forEachMember(dec, func(name string) error {
		var err error
		switch name {
		case "spdxVersion":
			s.version, err = jsonString(dec)
			d.SpecVersion = s.version
		case "name":
			d.Name, err = jsonString(dec)
		case "documentNamespace":
			d.Namespace, err = jsonString(dec)
		case "creationInfo":
			err = s.jsonCreationInfo(dec)
		case "documentDescribes":
			_, err = forEachElement(dec, func(int) error {
				v, err := jsonString(dec)
				s.describes = append(s.describes, normalizeSPDXID(v))
				return err
			})
		case "packages":
			_, err = forEachElement(dec, func(i int) error {
				var p spdxJSONPackage
				if err := jsonv2.UnmarshalDecode(dec, &p); err != nil {
					return err
				}
				pkg := p.toPkg(prefix + strconv.Itoa(i))
				return s.pkg(&pkg)
			})
		case "files":
			_, err = forEachElement(dec, func(i int) error { return s.jsonFile(dec, i) })
		case "relationships":
			_, err = forEachElement(dec, func(int) error { return s.jsonRelationship(dec) })
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return nil, ve.err
		}
		return nil, jsonAt(dec, "decode SPDX JSON", err)
	}
	if err := jsonEnd(dec); err != nil {
		return nil, fmt.Errorf("decode SPDX JSON: %w", err)
	}
	if requireVersion && s.version == "" {
		return nil, errNotJSONSBOM
	}
	return s.finish(), nil
}

func (s *spdxState) jsonCreationInfo(dec *jsontext.Decoder) error {
	if dec.PeekKind() == 'n' {
		return dec.SkipValue()
	}
	return forEachMember(dec, func(name string) error {
		switch name {
		case "created":
			var err error
			s.created, err = jsonString(dec)
			return err
		case "creators":
			s.doc.Creators = nil
			_, err := forEachElement(dec, func(i int) error {
				raw, err := dec.ReadValue()
				if err != nil {
					return err
				}
				if raw.Kind() != '"' {
					s.warn.addf(spdxWarnCreators, "creationInfo.creators[%d] is %s, not a string", i, truncate(string(raw), 60))
					return nil
				}
				var c string
				if err := jsonv2.Unmarshal(raw, &c); err != nil {
					return err
				}
				s.doc.Creators = append(s.doc.Creators, c)
				return nil
			})
			return err
		}
		return dec.SkipValue()
	})
}

// jsonFile checks one file: SPDX 2 requires its checksums.
func (s *spdxState) jsonFile(dec *jsontext.Decoder, i int) error {
	var name string
	checksums := 0
	err := forEachMember(dec, func(key string) error {
		switch key {
		case "fileName":
			var err error
			name, err = jsonString(dec)
			return err
		case "checksums":
			_, err := forEachElement(dec, func(int) error {
				checksums++
				return dec.SkipValue()
			})
			return err
		}
		return dec.SkipValue()
	})
	if err == nil && checksums == 0 {
		s.warn.addf(spdxWarnFiles, "files[%d] (%s) has no checksums, which SPDX 2.x requires", i, name)
	}
	return err
}

func (s *spdxState) jsonRelationship(dec *jsontext.Decoder) error {
	var a, typ, b string
	err := forEachMember(dec, func(key string) error {
		var err error
		switch key {
		case "spdxElementId":
			a, err = jsonString(dec)
		case "relationshipType":
			typ, err = jsonString(dec)
		case "relatedSpdxElement":
			b, err = jsonString(dec)
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err == nil {
		s.relationship(normalizeSPDXID(a), typ, normalizeSPDXID(b))
	}
	return err
}

// decodeSPDXYAML converts SPDX YAML to JSON in memory and decodes that.
func decodeSPDXYAML(data []byte, visit func(*Component) error) (*Document, error) {
	j, wrapped, err := spdxYAMLToJSON(data)
	if err != nil {
		return nil, fmt.Errorf("decode SPDX YAML: %w", err)
	}
	prefix := "/packages/"
	if wrapped {
		prefix = "/Document/packages/"
	}
	doc, err := decodeSPDXJSONStream(bytes.NewReader(j), prefix, false, visit)
	if err != nil {
		return nil, fmt.Errorf("decode SPDX YAML: %w", err)
	}
	return doc, nil
}

// spdxYAMLToJSON converts SPDX YAML to JSON, unwrapping the top-level
// "Document:" key that SPDX 2.1 YAML (tools-python 0.7) used.
func spdxYAMLToJSON(data []byte) ([]byte, bool, error) {
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

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
