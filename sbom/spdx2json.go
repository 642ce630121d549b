package sbom

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
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
	return decodeSPDXJSONStream(r, prefix, false, visit)
}

// decodeSPDXJSONStream is decodeSPDXJSON for SPDX JSON and, with
// fromYAML set, for the JSON converted from SPDX YAML, whose positions
// are not the input's and so are left unknown.
func decodeSPDXJSONStream(r io.Reader, prefix string, fromYAML bool, visit func(*Component) error) (*Document, error) {
	requireVersion := !fromYAML
	dec, lines := newJSONDecoder(r, !fromYAML)
	w := newJSONWalker()
	s := newSPDXState(visit)
	d := s.doc
	// One of each element being read, for the whole document: the
	// tables' setters make what they fill escape to the heap.
	var (
		file spdxFileJSON
		rel  spdxRelKinds
	)
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
			_, err = forEachParsedElement(dec, lines, func(w *jsonWalker, raw []byte, i int, at position, pkg *spdxPkgItem) error {
				return pkg.parse(w, raw, i, at, prefix)
			}, func(pkg *spdxPkgItem, _ int) error { return s.pkg(&pkg.spdxPkg) })
		case "files":
			_, err = forEachRawElement(dec, lines, func(raw []byte, i int, at position) error {
				w.walk(raw, at)
				return s.jsonFile(w, &file, i, filesPrefix(prefix))
			})
		case "relationships":
			_, err = forEachParsedElement(dec, lines, func(w *jsonWalker, raw []byte, i int, at position, r *spdxRelItem) error {
				return r.parse(w, raw, i, at, s.nodeSeed)
			}, func(r *spdxRelItem, _ int) error {
				s.relationshipItem(r, &rel)
				return nil
			})
		case "hasExtractedLicensingInfos":
			_, err = forEachElement(dec, func(i int) error { return s.jsonLicense(dec, lines, i, prefix) })
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err := endDocument(dec, lines, "decode SPDX JSON", err); err != nil {
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

// spdxPkgItem is a package as read ahead by a parser, with the storage
// of its list of references, which s.pkg only reads (never keeps), kept
// for the next package read into it: on 100k packages the growth of
// those lists was a third of the decoder's allocations.
type spdxPkgItem struct {
	spdxPkg
	spare []spdxRef
}

// spdxFileJSON is one file as it is read: only what can name a maker,
// and how many checksums it has.
type spdxFileJSON struct {
	spdxFile
	checksums int
}

// jsonFile checks one file (SPDX 2 requires its checksums) and keeps it
// if it carries a copyright or attribution text.
func (s *spdxState) jsonFile(w *jsonWalker, f *spdxFileJSON, i int, prefix string) error {
	*f = spdxFileJSON{spdxFile: spdxFile{Origin: Origin{Pointer: prefix + strconv.Itoa(i), Line: w.base.line, Column: w.base.col}}}
	isObject, err := readObject(w, spdxFileTable, f)
	if err == nil && !isObject {
		err = errors.New("expected an object, found null")
	}
	if err != nil {
		return fmt.Errorf("files[%d]: %w", i, err)
	}
	if err == nil && f.checksums == 0 {
		s.warn.addf(spdxWarnFiles, "files[%d] (%s) has no checksums, which SPDX 2.x requires", i, f.Name)
	}
	if err == nil {
		f.ID = normalizeSPDXID(f.ID)
		s.file(&f.spdxFile)
	}
	return err
}

// spdxRelItem is one relationship as read ahead by a parser: its
// elements' ids, normalised (empty when absent), with their digests for
// the node table, so that the decoder only looks the nodes up.
type spdxRelItem struct {
	a, b    spdxRelEnd
	relType string
}

// spdxRelEnd is one element of a relationship: its id, in storage of its
// own (the walker's buffers are reused), and the id's digest.
type spdxRelEnd struct {
	id  []byte // in the element's raw JSON, or in buf
	buf []byte
	key uint64
}

// parse reads relationships[i] into r; seed is the node table's.
func (r *spdxRelItem) parse(w *jsonWalker, raw []byte, i int, at position, seed maphash.Seed) error {
	r.a.id, r.b.id, r.relType = nil, nil, ""
	w.walk(raw, at)
	isObject, err := readObject(w, spdxRelTable, r)
	if err == nil && !isObject {
		err = errors.New("expected an object, found null")
	}
	if err != nil {
		return fmt.Errorf("relationships[%d]: %w", i, err)
	}
	r.a.key, r.b.key = maphash.Bytes(seed, r.a.id), maphash.Bytes(seed, r.b.id)
	return nil
}

// spdxRelKinds remembers the kind of the last relationship type: a
// document holds few, in runs.
type spdxRelKinds struct {
	lastType string
	lastKind spdxRelKind
}

// relationshipItem joins a relationship read ahead to the graph.
func (s *spdxState) relationshipItem(r *spdxRelItem, kinds *spdxRelKinds) {
	if r.relType != kinds.lastType {
		kinds.lastType, kinds.lastKind = r.relType, spdxRelKindOf(r.relType)
	}
	s.relationshipNodes(s.nodeKeyed(r.a.key, r.a.id), kinds.lastKind, s.nodeKeyed(r.b.key, r.b.id))
}

// The tables of the SPDX structs the JSON walker reads: each member name
// beside the field it fills. Package members fold (jsonOpts), file and
// relationship members match exactly.
var (
	spdxFileTable = newJSONTable(false,
		strField("fileName", func(f *spdxFileJSON) *string { return &f.Name }),
		jsonField[spdxFileJSON]{"checksums", func(w *jsonWalker, f *spdxFileJSON) error {
			_, err := w.array(func() error {
				f.checksums++
				w.skip()
				return nil
			})
			return err
		}},
		strField("SPDXID", func(f *spdxFileJSON) *string { return &f.ID }),
		// Files of one package share their copyright text.
		internedField("copyrightText", func(f *spdxFileJSON) *string { return &f.Copyright }),
		stringListField("attributionTexts", false, func(f *spdxFileJSON) *[]string { return &f.Attributions }),
	)
	spdxRelTable = newJSONTable(false,
		spdxIDField("spdxElementId", func(r *spdxRelItem) *spdxRelEnd { return &r.a }),
		internedField("relationshipType", func(r *spdxRelItem) *string { return &r.relType }),
		spdxIDField("relatedSpdxElement", func(r *spdxRelItem) *spdxRelEnd { return &r.b }),
	)
	spdxPkgTable = newJSONTable(true,
		strField("SPDXID", func(p *spdxPkg) *string { return &p.ID }),
		strField("name", func(p *spdxPkg) *string { return &p.Name }),
		strField("versionInfo", func(p *spdxPkg) *string { return &p.Version }),
		strField("packageFileName", func(p *spdxPkg) *string { return &p.FileName }),
		internedField("supplier", func(p *spdxPkg) *string { return &p.Supplier }),
		internedField("originator", func(p *spdxPkg) *string { return &p.Originator }),
		internedField("downloadLocation", func(p *spdxPkg) *string { return &p.Download }),
		internedField("homepage", func(p *spdxPkg) *string { return &p.Homepage }),
		internedField("copyrightText", func(p *spdxPkg) *string { return &p.Copyright }),
		strField("summary", func(p *spdxPkg) *string { return &p.Summary }),
		strField("description", func(p *spdxPkg) *string { return &p.Description }),
		strField("comment", func(p *spdxPkg) *string { return &p.Comment }),
		internedField("primaryPackagePurpose", func(p *spdxPkg) *string { return &p.Purpose }),
		internedField("licenseConcluded", func(p *spdxPkg) *string { return &p.LicenseConcluded }),
		internedField("licenseDeclared", func(p *spdxPkg) *string { return &p.LicenseDeclared }),
		jsonField[spdxPkg]{"checksums", func(w *jsonWalker, p *spdxPkg) (err error) {
			p.Checksums, err = readNonEmptyList(w, spdxChecksumTable, p.Checksums)
			return err
		}},
		jsonField[spdxPkg]{"externalRefs", func(w *jsonWalker, p *spdxPkg) (err error) {
			p.Refs, err = readNonEmptyList(w, spdxExtRefTable, p.Refs)
			return err
		}},
		recentField("sourceInfo", func(p *spdxPkg) *string { return &p.SourceInfo }),
		stringListField("attributionTexts", false, func(p *spdxPkg) *[]string { return &p.Attributions }),
		stringListField("hasFiles", true, func(p *spdxPkg) *[]string { return &p.HasFiles }),
	)
	spdxChecksumTable = newJSONTable(true,
		internedField("algorithm", func(h *Hash) *string { return &h.Algorithm }),
		strField("checksumValue", func(h *Hash) *string { return &h.Value }),
	)
	spdxExtRefTable = newJSONTable(true,
		internedField("referenceCategory", func(r *spdxRef) *string { return &r.Category }),
		internedField("referenceType", func(r *spdxRef) *string { return &r.Type }),
		strField("referenceLocator", func(r *spdxRef) *string { return &r.Locator }),
		internedField("comment", func(r *spdxRef) *string { return &r.Comment }),
	)
)

// spdxIDField reads an SPDX id of a relationship, normalised; null is
// the empty id, as an absent one is.
func spdxIDField(name string, field func(*spdxRelItem) *spdxRelEnd) jsonField[spdxRelItem] {
	return jsonField[spdxRelItem]{name, func(w *jsonWalker, r *spdxRelItem) error {
		end := field(r)
		// An id is nearly always a plain string with its prefix: it is
		// used where it stands in the element, which stays until the
		// relationship is applied; one that was unescaped or prefixed
		// lives in the walker's buffers and is copied.
		if w.peekKind() == '"' {
			raw := w.rawString()
			if body := raw[1 : len(raw)-1]; bytes.IndexByte(body, '\\') < 0 && bytes.HasPrefix(body, []byte("SPDXRef-")) &&
				len(bytes.TrimSpace(body)) == len(body) {
				end.id = body
				return nil
			}
			w.pos -= len(raw) // read it again, the general way
		}
		b, err := w.stringBytes()
		if err != nil {
			return err
		}
		end.buf = append(end.buf[:0], w.normalizeSPDXID(b)...)
		end.id = end.buf
		return nil
	}}
}

// readNonEmptyList reads an array of objects; an empty or null list is
// nil, as the reference's conversion leaves it.
func readNonEmptyList[T any](w *jsonWalker, t *jsonTable[T], list []T) ([]T, error) {
	out, present, err := readObjectList(w, t, list)
	if !present || len(out) == 0 {
		return nil, err
	}
	return out, err
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

// parse reads packages[i] into p.
func (p *spdxPkgItem) parse(w *jsonWalker, raw []byte, i int, at position, prefix string) error {
	w.walk(raw, at)
	if cap(p.Refs) > cap(p.spare) {
		p.spare = p.Refs
	}
	p.spdxPkg = spdxPkg{Origin: Origin{Pointer: prefix + strconv.Itoa(i), Line: at.line, Column: at.col}, Refs: p.spare[:0]}
	if err := w.spdxPackage(&p.spdxPkg); err != nil {
		return fmt.Errorf("packages[%d]: %w", i, err)
	}
	p.ID = normalizeSPDXID(p.ID)
	return nil
}

// spdxPackage reads a package into p, as json.UnmarshalDecode into a
// struct of its JSON fields would; p.ID is not normalised yet. null reads
// as a package with no fields, as Unmarshal does.
func (w *jsonWalker) spdxPackage(p *spdxPkg) error {
	_, err := readObject(w, spdxPkgTable, p)
	return err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
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
func (s *spdxState) jsonLicense(dec *jsontext.Decoder, lines *jsonLines, i int, prefix string) error {
	var l spdxJSONLicense
	at := lines.at(lines.valueStart(dec))
	if err := jsonv2.UnmarshalDecode(dec, &l, jsonOpts); err != nil {
		return fmt.Errorf("hasExtractedLicensingInfos[%d]: %w", i, err)
	}
	ptr := strings.TrimSuffix(prefix, "packages/") + "hasExtractedLicensingInfos/" + strconv.Itoa(i)
	s.license(&spdxLicense{ID: l.ID, Name: l.Name, Text: l.Text, Origin: Origin{Pointer: ptr, Line: at.line, Column: at.col}})
	return nil
}
