package sbom

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// spdxJSONDecoder reads SPDX 2 JSON, streaming the packages.
var spdxJSONDecoder = decoder{
	format: FormatSPDXJSON,
	syntax: syntaxJSON,
	identify: func(s *sniff) certainty {
		if s.json.spdxVersion != "" {
			return declared
		}
		return s.guess("packages", "files", "relationships", "snippets")
	},
	decode: func(in *input, visit func(*Component) error) (*Document, error) {
		return decodeSPDXJSON(in.stream(), "/packages/", visit)
	},
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
	w := newJSONWalker(dec)
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
			_, err = forEachRawElement(dec, func(raw []byte, i int) error {
				w.walk(raw)
				pkg := spdxPkg{Origin: Origin{Pointer: prefix + strconv.Itoa(i)}}
				if err := w.spdxPackage(&pkg); err != nil {
					return fmt.Errorf("packages[%d]: %w", i, err)
				}
				pkg.ID = normalizeSPDXID(pkg.ID)
				return s.pkg(&pkg)
			})
		case "files":
			_, err = forEachElement(dec, func(i int) error { return s.jsonFile(w, i, filesPrefix(prefix)) })
		case "relationships":
			_, err = forEachRawElement(dec, func(raw []byte, i int) error { return s.jsonRelationship(w, raw, i) })
		case "hasExtractedLicensingInfos":
			_, err = forEachElement(dec, func(i int) error { return s.jsonLicense(dec, i, prefix) })
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err := endDocument(dec, "decode SPDX JSON", err); err != nil {
		return nil, err
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

// jsonFile checks one file (SPDX 2 requires its checksums) and keeps it
// if it carries a copyright or attribution text.
func (s *spdxState) jsonFile(w *jsonWalker, i int, prefix string) error {
	f := spdxFile{Origin: Origin{Pointer: prefix + strconv.Itoa(i)}}
	checksums := 0
	if err := w.load(); err != nil {
		return err
	}
	isObject, err := w.object(spdxFileFields, func(field int) error {
		var err error
		switch field {
		case 0:
			f.Name, err = w.str()
		case 1:
			_, err = w.array(func() error {
				checksums++
				w.skip()
				return nil
			})
		case 2:
			f.ID, err = w.str()
		case 3:
			f.Copyright, err = w.istr() // files of one package share their copyright text
		case 4:
			f.Attributions, err = w.stringList(nil, false)
		}
		return err
	})
	if err == nil && !isObject {
		err = errors.New("expected an object, found null")
	}
	if err == nil && checksums == 0 {
		s.warn.addf(spdxWarnFiles, "files[%d] (%s) has no checksums, which SPDX 2.x requires", i, f.Name)
	}
	if err == nil {
		f.ID = normalizeSPDXID(f.ID)
		s.file(&f)
	}
	return err
}

func (s *spdxState) jsonRelationship(w *jsonWalker, raw []byte, i int) error {
	var a, typ, b string
	w.walk(raw)
	isObject, err := w.object(spdxRelFields, func(f int) error {
		var err error
		switch f {
		case 0:
			a, err = w.spdxID(&s.em.dedup)
		case 1:
			typ, err = w.istr()
		case 2:
			b, err = w.spdxID(&s.em.dedup)
		}
		return err
	})
	if err == nil && !isObject {
		err = errors.New("expected an object, found null")
	}
	if err != nil {
		return fmt.Errorf("relationships[%d]: %w", i, err)
	}
	s.relationship(a, typ, b)
	return nil
}

var (
	spdxFileFields = newJSONFieldsExact("fileName", "checksums", "SPDXID", "copyrightText", "attributionTexts")
	spdxRelFields  = newJSONFieldsExact("spdxElementId", "relationshipType", "relatedSpdxElement")
	spdxPkgFields  = newJSONFields("SPDXID", "name", "versionInfo", "packageFileName", "supplier", "originator",
		"downloadLocation", "homepage", "copyrightText", "summary", "description", "comment",
		"primaryPackagePurpose", "licenseConcluded", "licenseDeclared", "checksums", "externalRefs",
		"sourceInfo", "attributionTexts", "hasFiles")
	spdxChecksumFields = newJSONFields("algorithm", "checksumValue")
	spdxExtRefFields   = newJSONFields("referenceCategory", "referenceType", "referenceLocator", "comment")
)

// spdxID reads an SPDX id, normalised (see normalizeSPDXID) and interned
// in d.
func (w *jsonWalker) spdxID(d *dedup) (string, error) {
	b, err := w.stringBytes()
	if err != nil {
		return "", err
	}
	return d.intern(w.normalizeSPDXID(b)), nil
}

// normalizeSPDXID is normalizeSPDXID for bytes, valid until the next call.
func (w *jsonWalker) normalizeSPDXID(b []byte) []byte {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.HasPrefix(b, []byte("SPDXRef-")) || bytes.HasPrefix(b, []byte("DocumentRef-")) ||
		string(b) == "NOASSERTION" || string(b) == "NONE" {
		return b
	}
	w.idBuf = append(append(w.idBuf[:0], "SPDXRef-"...), b...)
	return w.idBuf
}

// spdxPackage reads a package into p, as json.UnmarshalDecode into a
// struct of its JSON fields would; p.ID is not normalised yet.
func (w *jsonWalker) spdxPackage(p *spdxPkg) error {
	isObject, err := w.object(spdxPkgFields, func(f int) error {
		var err error
		switch f {
		case 0:
			p.ID, err = w.str()
		case 1:
			p.Name, err = w.str()
		case 2:
			p.Version, err = w.str()
		case 3:
			p.FileName, err = w.str()
		case 4:
			p.Supplier, err = w.istr()
		case 5:
			p.Originator, err = w.istr()
		case 6:
			p.Download, err = w.istr()
		case 7:
			p.Homepage, err = w.istr()
		case 8:
			p.Copyright, err = w.istr()
		case 9:
			p.Summary, err = w.str()
		case 10:
			p.Description, err = w.str()
		case 11:
			p.Comment, err = w.str()
		case 12:
			p.Purpose, err = w.istr()
		case 13:
			p.LicenseConcluded, err = w.istr()
		case 14:
			p.LicenseDeclared, err = w.istr()
		case 15:
			p.Checksums, err = w.spdxChecksums(p.Checksums)
		case 16:
			p.Refs, err = w.spdxRefs(p.Refs)
		case 17:
			p.SourceInfo, err = w.str()
		case 18:
			p.Attributions, err = w.stringList(p.Attributions, false)
		case 19:
			p.HasFiles, err = w.stringList(p.HasFiles, true)
		}
		return err
	})
	_ = isObject // null reads as a package with no fields, as Unmarshal does
	return err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// spdxChecksums reads a package's checksums; an empty or null list is nil,
// as the reference's conversion leaves it.
func (w *jsonWalker) spdxChecksums(list []Hash) ([]Hash, error) {
	out, present, err := objectList(w, list, spdxChecksumFields, func(h *Hash, f int) error {
		var err error
		if f == 0 {
			h.Algorithm, err = w.istr()
		} else {
			h.Value, err = w.str()
		}
		return err
	})
	if !present || len(out) == 0 {
		return nil, err
	}
	return out, err
}

// spdxRefs reads a package's external references; empty or null is nil.
func (w *jsonWalker) spdxRefs(list []spdxRef) ([]spdxRef, error) {
	out, present, err := objectList(w, list, spdxExtRefFields, func(r *spdxRef, f int) error {
		var err error
		switch f {
		case 0:
			r.Category, err = w.istr()
		case 1:
			r.Type, err = w.istr()
		case 2:
			r.Locator, err = w.str()
		case 3:
			r.Comment, err = w.istr()
		}
		return err
	})
	if !present || len(out) == 0 {
		return nil, err
	}
	return out, err
}

// filesPrefix is the JSON pointer of the files array plus "/", beside the
// packages array whose pointer prefix is given.
func filesPrefix(packages string) string {
	return strings.TrimSuffix(packages, "packages/") + "files/"
}

// spdxJSONLicense is an extracted licence as written in JSON.
type spdxJSONLicense struct {
	ID   string `json:"licenseId"`
	Name string `json:"name"`
	Text string `json:"extractedText"`
}

// jsonLicense reads one extracted licence.
func (s *spdxState) jsonLicense(dec *jsontext.Decoder, i int, prefix string) error {
	var l spdxJSONLicense
	if err := jsonv2.UnmarshalDecode(dec, &l, jsonOpts); err != nil {
		return fmt.Errorf("hasExtractedLicensingInfos[%d]: %w", i, err)
	}
	ptr := strings.TrimSuffix(prefix, "packages/") + "hasExtractedLicensingInfos/" + strconv.Itoa(i)
	s.license(&spdxLicense{ID: l.ID, Name: l.Name, Text: l.Text, Origin: Origin{Pointer: ptr}})
	return nil
}
