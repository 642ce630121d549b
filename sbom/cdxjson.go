package sbom

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// cdxJSONDecoder reads CycloneDX JSON, streaming the components.
var cdxJSONDecoder = decoder{
	format: FormatCycloneDXJSON,
	syntax: syntaxJSON,
	identify: func(s *sniff) certainty {
		k := &s.json
		switch {
		case strings.EqualFold(k.bomFormat, "CycloneDX"):
			return declared
		case !k.hasBOMFormat && k.hasSpecVersion && (k.hasComponents || k.hasMetadata),
			!k.hasBOMFormat && strings.Contains(strings.ToLower(k.schema), "cyclonedx.org/schema"):
			return inferred
		}
		return s.guess("components", "metadata", "dependencies")
	},
	decode: func(in *input, visit func(*Component) error) (*Document, error) {
		return decodeCycloneDXJSON(in.stream(), visit)
	},
}

// jsonOpts read JSON as leniently as encoding/json does, which the
// reference decoders use: duplicate names (the last wins), invalid UTF-8
// (replaced) and names in any case.
var jsonOpts = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
)

func newJSONDecoder(r io.Reader) *jsontext.Decoder {
	return jsontext.NewDecoder(r, jsonOpts)
}

// jsonAt wraps a decoding error with where it happened.
func jsonAt(dec *jsontext.Decoder, what string, err error) error {
	return fmt.Errorf("%s at byte offset %d (%s): %w", what, dec.InputOffset(), dec.StackPointer(), err)
}

// forEachMember calls fn with each member name of the object that is the
// next value, positioned at the member's value; fn must consume it.
func forEachMember(dec *jsontext.Decoder, fn func(name string) error) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '{' {
		return fmt.Errorf("expected an object, found %s", kindName(tok.Kind()))
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if err := fn(name.String()); err != nil {
			return err
		}
	}
	_, err = dec.ReadToken()
	return err
}

// forEachElement calls fn with the index of each element of the array
// that is the next value, positioned at the element; fn must consume it.
// A null counts as an empty array; present reports whether it was an array.
func forEachElement(dec *jsontext.Decoder, fn func(i int) error) (present bool, err error) {
	if dec.PeekKind() == 'n' {
		_, err := dec.ReadToken()
		return false, err
	}
	tok, err := dec.ReadToken()
	if err != nil {
		return false, err
	}
	if tok.Kind() != '[' {
		return false, fmt.Errorf("expected an array, found %s", kindName(tok.Kind()))
	}
	for i := 0; dec.PeekKind() != ']'; i++ {
		if err := fn(i); err != nil {
			return true, err
		}
	}
	_, err = dec.ReadToken()
	return true, err
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "the end of the input"
}

// jsonString reads a string value; null reads as "".
func jsonString(dec *jsontext.Decoder) (string, error) {
	tok, err := dec.ReadToken()
	if err != nil {
		return "", err
	}
	switch tok.Kind() {
	case '"':
		return tok.String(), nil
	case 'n':
		return "", nil
	}
	return "", fmt.Errorf("expected a string, found %s", kindName(tok.Kind()))
}

// jsonEnd checks that nothing but white space follows the top-level value.
// endDocument finishes a top-level walk: an error from visit is returned
// as is, a decoding error gets its position, and nothing may follow the
// document.
func endDocument(dec *jsontext.Decoder, what string, err error) error {
	if err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return ve.err
		}
		return jsonAt(dec, what, err)
	}
	if err := jsonEnd(dec); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func jsonEnd(dec *jsontext.Decoder) error {
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("unexpected data after the top-level value")
		}
		return jsonAt(dec, "invalid JSON", err)
	}
	return nil
}

// decodeCycloneDXJSON streams a CycloneDX JSON BOM: one top-level
// component at a time is decoded into a cdxComp, checked, flattened and
// visited.
func decodeCycloneDXJSON(r io.Reader, visit func(*Component) error) (*Document, error) {
	dec := newJSONDecoder(r)
	w := newJSONWalker(dec)
	s := newCDXState(false, visit)
	var bomFormat, schema string
	hasBOMFormat, hasSpecVersion := false, false
	err := forEachMember(dec, func(name string) error {
		var err error
		switch name {
		case "bomFormat":
			hasBOMFormat = true
			bomFormat, err = jsonString(dec)
		case "$schema":
			schema, err = jsonString(dec)
		case "specVersion":
			var v string
			if v, err = jsonString(dec); err == nil {
				hasSpecVersion = true
				s.specVersion(v)
			}
		case "serialNumber":
			var v string
			if v, err = jsonString(dec); err == nil {
				s.serialNumber(v)
			}
		case "metadata":
			err = s.jsonMetadata(dec)
		case "components":
			var in cdxComp
			s.hasComponents, err = forEachRawElement(dec, func(raw []byte, i int) error {
				w.cdx.reset()
				in = cdxComp{}
				w.walk(raw)
				if err := w.cdxComp(&in); err != nil {
					return fmt.Errorf("components[%d]: %w", i, err)
				}
				return s.topComponent(&in, "/components/"+strconv.Itoa(i), "components["+strconv.Itoa(i)+"]", "", cdxWarnDedupComponents, true)
			})
		case "dependencies":
			_, err = forEachRawElement(dec, func(raw []byte, i int) error { return s.jsonDependency(w, raw, i) })
		case "vulnerabilities":
			_, err = forEachElement(dec, func(i int) error { return s.jsonVulnerability(dec, i) })
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err := endDocument(dec, "decode CycloneDX JSON", err); err != nil {
		return nil, err
	}
	switch {
	case hasBOMFormat && !strings.EqualFold(bomFormat, "CycloneDX"):
		return nil, fmt.Errorf("%w: bomFormat holds %q (a string), want \"CycloneDX\"", ErrInvalidSBOM, bomFormat)
	case !hasBOMFormat && !(hasSpecVersion && (s.hasComponents || s.metadataSeen)) && !strings.Contains(strings.ToLower(schema), "cyclonedx.org/schema"):
		return nil, errNotJSONSBOM
	}
	if !hasSpecVersion {
		s.specVersion("")
	}
	return s.finish(), nil
}

// visitError carries an error from the caller's visit function through
// the decoders unchanged.
type visitError struct{ err error }

func (e *visitError) Error() string { return e.err.Error() }
func (e *visitError) Unwrap() error { return e.err }

// cdxMetadataJSON is metadata as written in JSON; tools is a legacy array
// or an object of components and services.
type cdxMetadataJSON struct {
	Timestamp    string         `json:"timestamp"`
	Tools        jsontext.Value `json:"tools"`
	Authors      []cdxContact   `json:"authors"`
	Component    *cdxComp       `json:"component"`
	Manufacture  *cdxOrg        `json:"manufacture"`
	Manufacturer *cdxOrg        `json:"manufacturer"`
	Supplier     *cdxOrg        `json:"supplier"`
}

func (s *cdxState) jsonMetadata(dec *jsontext.Decoder) error {
	if dec.PeekKind() == 'n' {
		return dec.SkipValue()
	}
	var m cdxMetadataJSON
	if err := json.UnmarshalDecode(dec, &m); err != nil {
		return err
	}
	out := cdxMetadata{
		Timestamp: m.Timestamp, Authors: m.Authors, Component: m.Component,
		Manufacture: m.Manufacture, Manufacturer: m.Manufacturer, Supplier: m.Supplier,
	}
	switch m.Tools.Kind() {
	case '[':
		var legacy []cdxTool
		if err := json.Unmarshal(m.Tools, &legacy, jsonOpts); err != nil {
			return fmt.Errorf("metadata.tools: %w", err)
		}
		out.Tools = toolNames(legacy, nil, nil)
	case '{':
		var choice struct {
			Components []cdxTool `json:"components"`
			Services   []cdxTool `json:"services"`
		}
		if err := json.Unmarshal(m.Tools, &choice, jsonOpts); err != nil {
			return fmt.Errorf("metadata.tools: %w", err)
		}
		out.Tools = toolNames(nil, choice.Components, choice.Services)
	}
	return s.metadata(&out)
}

func (s *cdxState) jsonDependency(w *jsonWalker, raw []byte, i int) error {
	var ref string
	deps := s.deps[:0]
	present := false
	w.walk(raw)
	isObject, err := w.object(cdxDepFields, func(f int) error {
		if f == 0 {
			b, err := w.stringBytes()
			ref = s.em.dedup.intern(b)
			return err
		}
		deps = deps[:0]
		var err error
		present, err = w.array(func() error {
			b, err := w.stringBytes()
			deps = append(deps, s.em.dedup.intern(b))
			return err
		})
		return err
	})
	s.deps = deps
	if err == nil && !isObject {
		err = errors.New("expected an object, found null")
	}
	if err != nil {
		return fmt.Errorf("dependencies[%d]: %w", i, err)
	}
	s.dependency(i, ref, deps, present)
	return nil
}

func (s *cdxState) jsonVulnerability(dec *jsontext.Decoder, i int) error {
	var v struct {
		ID       string `json:"id"`
		Analysis *struct {
			State         string `json:"state"`
			Justification string `json:"justification"`
		} `json:"analysis"`
	}
	if err := json.UnmarshalDecode(dec, &v); err != nil {
		return err
	}
	if v.Analysis != nil {
		s.checkVulnerability(i, v.ID, v.Analysis.State, v.Analysis.Justification)
	}
	return nil
}

// Field indexes of the CycloneDX structs the JSON walker reads, in the
// order of their jsonFields.
const (
	ccBOMRef = iota
	ccType
	ccName
	ccGroup
	ccVersion
	ccVersionRange
	ccPURL
	ccCPE
	ccSupplier
	ccManufacturer
	ccAuthor
	ccAuthors
	ccPublisher
	ccCopyright
	ccDescription
	ccLicenses
	ccHashes
	ccExternalRefs
	ccProperties
	ccPedigree
	ccComponents
	ccSwid
	ccEvidence
)

var (
	cdxCompFields = newJSONFields("bom-ref", "type", "name", "group", "version", "versionRange", "purl", "cpe",
		"supplier", "manufacturer", "author", "authors", "publisher", "copyright", "description", "licenses",
		"hashes", "externalReferences", "properties", "pedigree", "components", "swid", "evidence")
	cdxOrgFields      = newJSONFields("name", "address", "url", "contact")
	cdxAddressFields  = newJSONFields("country")
	cdxContactFields  = newJSONFields("name", "email", "phone")
	cdxLicenseFields  = newJSONFields("license", "expression")
	cdxLicIDFields    = newJSONFields("id", "name", "url")
	cdxHashFields     = newJSONFields("alg", "content")
	cdxExtRefFields   = newJSONFields("url", "comment", "type")
	cdxPropertyFields = newJSONFields("name", "value")
	cdxPedigreeFields = newJSONFields("ancestors", "descendants", "variants", "notes")
	cdxSwidFields     = newJSONFields("tagId", "name")
	cdxEvidenceFields = newJSONFields("copyright", "identity")
	cdxTextFields     = newJSONFields("text")
	cdxIdentityFields = newJSONFields("field", "concludedValue")
	cdxDepFields      = newJSONFieldsExact("ref", "dependsOn")
)

// cdxArenas hold the lists of the component being read: they are copied
// into the model's types before the next top-level component, so their
// memory is reused.
type cdxArenas struct {
	hashes  []cdxHash
	extRefs []cdxExtRef
	props   []cdxProperty
}

func (a *cdxArenas) reset() {
	a.hashes, a.extRefs, a.props = a.hashes[:0], a.extRefs[:0], a.props[:0]
}

// cdxComp reads a component into in, as json.UnmarshalDecode would; its
// hashes, external references and properties live in w.cdx until
// w.cdx.reset.
func (w *jsonWalker) cdxComp(in *cdxComp) error {
	_, err := w.object(cdxCompFields, func(f int) error {
		var err error
		switch f {
		case ccBOMRef:
			in.BOMRef, err = w.str()
		case ccType:
			in.Type, err = w.istr()
		case ccName:
			in.Name, err = w.str()
		case ccGroup:
			in.Group, err = w.istr()
		case ccVersion:
			in.Version, err = w.str()
		case ccVersionRange:
			in.VersionRange, err = w.str()
		case ccPURL:
			in.PURL, err = w.str()
		case ccCPE:
			in.CPE, err = w.str()
		case ccSupplier:
			err = w.cdxOrg(&in.Supplier)
		case ccManufacturer:
			err = w.cdxOrg(&in.Manufacturer)
		case ccAuthor:
			in.Author, err = w.istr()
		case ccAuthors:
			in.Authors, err = w.cdxContacts(in.Authors)
		case ccPublisher:
			in.Publisher, err = w.istr()
		case ccCopyright:
			in.Copyright, err = w.istr()
		case ccDescription:
			in.Description, err = w.str()
		case ccLicenses:
			err = w.cdxLicenses(&in.Licenses)
		case ccHashes:
			err = w.cdxHashes(&in.Hashes)
		case ccExternalRefs:
			err = w.cdxExtRefs(&in.ExternalRefs)
		case ccProperties:
			err = w.cdxProperties(&in.Properties)
		case ccPedigree:
			err = w.cdxPedigree(&in.Pedigree)
		case ccComponents:
			list := in.Components[:0]
			if list == nil {
				list = []cdxComp{}
			}
			var present bool
			present, err = w.array(func() error {
				list = append(list, cdxComp{})
				return w.cdxComp(&list[len(list)-1])
			})
			if !present {
				list = nil
			}
			in.Components = list
		case ccSwid:
			err = w.cdxSwid(&in.Swid)
		case ccEvidence:
			err = w.cdxEvidence(&in.Evidence)
		}
		return err
	})
	return err
}

func (w *jsonWalker) cdxOrg(p **cdxOrg) error {
	if w.peekKind() == 'n' {
		*p = nil
		w.pos += len("null")
		return nil
	}
	o := *p
	if o == nil {
		o = new(cdxOrg)
	}
	present, err := w.object(cdxOrgFields, func(f int) error {
		var err error
		switch f {
		case 0:
			o.Name, err = w.istr()
		case 1:
			if w.peekKind() == 'n' {
				o.Address = nil
				w.pos += len("null")
				return nil
			}
			a := o.Address
			if a == nil {
				a = new(cdxAddress)
			}
			if _, err = w.object(cdxAddressFields, func(int) error {
				var err error
				a.Country, err = w.istr()
				return err
			}); err == nil {
				o.Address = a
			}
		case 2:
			o.URL, err = w.stringList(o.URL, true)
		case 3:
			o.Contact, err = w.cdxContacts(o.Contact)
		}
		return err
	})
	if present {
		*p = o
	}
	return err
}

func (w *jsonWalker) cdxContacts(list []cdxContact) ([]cdxContact, error) {
	out, present, err := objectList(w, list, cdxContactFields, func(c *cdxContact, f int) error {
		var err error
		switch f {
		case 0:
			c.Name, err = w.istr()
		case 1:
			c.Email, err = w.istr()
		case 2:
			c.Phone, err = w.istr()
		}
		return err
	})
	if !present {
		return nil, err
	}
	return out, err
}

func (w *jsonWalker) cdxLicenses(p *cdxLicenses) error {
	out := (*p)[:0]
	if out == nil {
		out = cdxLicenses{}
	}
	present, err := w.array(func() error {
		out = append(out, cdxLicense{})
		l := &out[len(out)-1]
		_, err := w.object(cdxLicenseFields, func(f int) error {
			if f == 1 {
				var err error
				l.Expression, err = w.istr()
				return err
			}
			if w.peekKind() == 'n' {
				l.License = nil
				w.pos += len("null")
				return nil
			}
			id := l.License
			if id == nil {
				id = new(cdxLicenseID)
			}
			present, err := w.object(cdxLicIDFields, func(f int) error {
				var err error
				switch f {
				case 0:
					id.ID, err = w.istr()
				case 1:
					id.Name, err = w.istr()
				default:
					id.URL, err = w.str()
				}
				return err
			})
			if present {
				l.License = id
			}
			return err
		})
		return err
	})
	if !present {
		out = nil
	}
	*p = out
	return err
}

func (w *jsonWalker) cdxHashes(p *[]cdxHash) (err error) {
	*p, err = arenaObjectList(w, &w.cdx.hashes, cdxHashFields, func(h *cdxHash, f int) error {
		var err error
		if f == 0 {
			h.Alg, err = w.istr()
		} else {
			h.Content, err = w.str()
		}
		return err
	})
	return err
}

func (w *jsonWalker) cdxExtRefs(p *[]cdxExtRef) (err error) {
	*p, err = arenaObjectList(w, &w.cdx.extRefs, cdxExtRefFields, func(r *cdxExtRef, f int) error {
		var err error
		switch f {
		case 0:
			r.URL, err = w.str()
		case 1:
			r.Comment, err = w.istr()
		case 2:
			r.Type, err = w.istr()
		}
		return err
	})
	return err
}

func (w *jsonWalker) cdxProperties(p *[]cdxProperty) (err error) {
	*p, err = arenaObjectList(w, &w.cdx.props, cdxPropertyFields, func(pr *cdxProperty, f int) error {
		var err error
		if f == 0 {
			pr.Name, err = w.istr()
		} else {
			pr.Value, err = w.str()
		}
		return err
	})
	return err
}

func (w *jsonWalker) cdxPedigree(p **cdxPedigree) error {
	if w.peekKind() == 'n' {
		*p = nil
		w.pos += len("null")
		return nil
	}
	pd := *p
	if pd == nil {
		pd = new(cdxPedigree)
	}
	present, err := w.object(cdxPedigreeFields, func(f int) error {
		var err error
		switch f {
		case 0:
			pd.Ancestors, err = w.cdxCompList(pd.Ancestors)
		case 1:
			pd.Descendants, err = w.cdxCompList(pd.Descendants)
		case 2:
			pd.Variants, err = w.cdxCompList(pd.Variants)
		default:
			pd.Notes, err = w.str()
		}
		return err
	})
	if present {
		*p = pd
	}
	return err
}

// cdxCompList reads an array of components (pedigree ancestors,
// descendants, variants), as Unmarshal would into a slice.
func (w *jsonWalker) cdxCompList(list []cdxComp) ([]cdxComp, error) {
	list = list[:0]
	if list == nil {
		list = []cdxComp{}
	}
	present, err := w.array(func() error {
		list = append(list, cdxComp{})
		return w.cdxComp(&list[len(list)-1])
	})
	if !present {
		list = nil
	}
	return list, err
}

func (w *jsonWalker) cdxSwid(p **cdxSwid) error {
	if w.peekKind() == 'n' {
		*p = nil
		w.pos += len("null")
		return nil
	}
	sw := *p
	if sw == nil {
		sw = new(cdxSwid)
	}
	present, err := w.object(cdxSwidFields, func(f int) error {
		var err error
		if f == 0 {
			sw.TagID, err = w.str()
		} else {
			sw.Name, err = w.str()
		}
		return err
	})
	if present {
		*p = sw
	}
	return err
}

func (w *jsonWalker) cdxEvidence(p **cdxEvidence) error {
	if w.peekKind() == 'n' {
		*p = nil
		w.pos += len("null")
		return nil
	}
	ev := *p
	if ev == nil {
		ev = new(cdxEvidence)
	}
	present, err := w.object(cdxEvidenceFields, func(f int) error {
		if f == 0 {
			list, present, err := objectList(w, ev.Copyright, cdxTextFields, func(t *cdxText, _ int) error {
				var err error
				t.Text, err = w.str()
				return err
			})
			if !present {
				list = nil
			}
			ev.Copyright = list
			return err
		}
		return w.cdxIdentities(&ev.Identity)
	})
	if present {
		*p = ev
	}
	return err
}

// cdxIdentities reads evidence.identity, an object (1.5) or an array of
// objects (1.6), as cdxIdentities.UnmarshalJSON does.
func (w *jsonWalker) cdxIdentities(p *cdxIdentities) error {
	set := func(id *cdxIdentity, f int) error {
		var err error
		if f == 0 {
			id.Field, err = w.istr()
		} else {
			id.ConcludedValue, err = w.str()
		}
		return err
	}
	switch w.peekKind() {
	case 'n':
		*p = nil
		w.pos += len("null")
		return nil
	case '{':
		var one cdxIdentity
		_, err := w.object(cdxIdentityFields, func(f int) error { return set(&one, f) })
		*p = cdxIdentities{one}
		return err
	}
	list, present, err := objectList(w, []cdxIdentity(nil), cdxIdentityFields, set)
	if !present {
		list = nil
	}
	*p = list
	return err
}
