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

// decodeCycloneDXJSON streams a CycloneDX JSON BOM: one top-level
// component at a time is decoded into a cdxComp, checked, flattened and
// visited.
func decodeCycloneDXJSON(r io.Reader, visit func(*Component) error) (*Document, error) {
	dec, lines := newJSONDecoder(r, true)
	w := newJSONWalker()
	s := newCDXState(false, visit)
	var bomFormat, schema string
	var dep cdxDepJSON
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
			s.hasComponents, err = forEachRawElement(dec, lines, func(raw []byte, i int, at position) error {
				w.cdx.reset()
				in = cdxComp{}
				w.walk(raw, at)
				if err := w.cdxComp(&in); err != nil {
					return fmt.Errorf("components[%d]: %w", i, err)
				}
				return s.topComponent(&in, "/components/"+strconv.Itoa(i), "components["+strconv.Itoa(i)+"]", "", cdxWarnDedupComponents, true)
			})
		case "services":
			err = s.jsonServices(dec, lines, w)
		case "dependencies":
			s.em.dedup.reserve(s.em.count, &s.doc.Dependencies)
			_, err = forEachRawElement(dec, lines, func(raw []byte, i int, at position) error {
				return s.jsonDependency(w, &dep, raw, i, at)
			})
		case "vulnerabilities":
			_, err = forEachElement(dec, func(i int) error { return s.jsonVulnerability(dec, i) })
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err := endDocument(dec, lines, "decode CycloneDX JSON", err); err != nil {
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

// jsonDependency reads one entry of dependencies into d, which is reused
// from entry to entry.
func (s *cdxState) jsonDependency(w *jsonWalker, d *cdxDepJSON, raw []byte, i int, at position) error {
	*d = cdxDepJSON{refs: &s.em.dedup, deps: d.deps[:0]}
	w.walk(raw, at)
	isObject, err := readObject(w, cdxDepTable, d)
	if err == nil && !isObject {
		err = errors.New("expected an object, found null")
	}
	if err != nil {
		return fmt.Errorf("dependencies[%d]: %w", i, err)
	}
	s.dependency(i, d.ref, d.deps, d.present)
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

// The tables of the CycloneDX structs the JSON walker reads: each member
// name beside the field it fills. Member names fold (jsonOpts).
var (
	cdxOrgTable = newJSONTable(true,
		internedField("name", func(o *cdxOrg) *string { return &o.Name }),
		ptrField("address", cdxAddressTable, func(o *cdxOrg) **cdxAddress { return &o.Address }),
		stringListField("url", true, func(o *cdxOrg) *[]string { return &o.URL }),
		jsonField[cdxOrg]{"contact", func(w *jsonWalker, o *cdxOrg) (err error) {
			o.Contact, err = w.cdxContacts(o.Contact)
			return err
		}},
	)
	cdxAddressTable = newJSONTable(true,
		internedField("country", func(a *cdxAddress) *string { return &a.Country }),
	)
	cdxContactTable = newJSONTable(true,
		internedField("name", func(c *cdxContact) *string { return &c.Name }),
		internedField("email", func(c *cdxContact) *string { return &c.Email }),
		internedField("phone", func(c *cdxContact) *string { return &c.Phone }),
	)
	cdxLicenseTable = newJSONTable(true,
		ptrField("license", cdxLicenseIDTable, func(l *cdxLicense) **cdxLicenseID { return &l.License }),
		internedField("expression", func(l *cdxLicense) *string { return &l.Expression }),
	)
	cdxLicenseIDTable = newJSONTable(true,
		internedField("id", func(l *cdxLicenseID) *string { return &l.ID }),
		internedField("name", func(l *cdxLicenseID) *string { return &l.Name }),
		strField("url", func(l *cdxLicenseID) *string { return &l.URL }),
		ptrField("text", cdxAttachedTextTable, func(l *cdxLicenseID) **cdxAttachedText { return &l.Text }),
		ptrField("licensing", cdxLicensingTable, func(l *cdxLicenseID) **cdxLicensing { return &l.Licensing }),
	)
	cdxHashTable = newJSONTable(true,
		internedField("alg", func(h *cdxHash) *string { return &h.Alg }),
		strField("content", func(h *cdxHash) *string { return &h.Content }),
	)
	cdxExtRefTable = newJSONTable(true,
		strField("url", func(r *cdxExtRef) *string { return &r.URL }),
		internedField("comment", func(r *cdxExtRef) *string { return &r.Comment }),
		internedField("type", func(r *cdxExtRef) *string { return &r.Type }),
	)
	cdxPropertyTable = newJSONTable(true,
		internedField("name", func(p *cdxProperty) *string { return &p.Name }),
		recentField("value", func(p *cdxProperty) *string { return &p.Value }),
	)
	cdxSwidTable = newJSONTable(true,
		strField("tagId", func(s *cdxSwid) *string { return &s.TagID }),
		strField("name", func(s *cdxSwid) *string { return &s.Name }),
	)
	cdxEvidenceTable = newJSONTable(true,
		jsonField[cdxEvidence]{"copyright", func(w *jsonWalker, ev *cdxEvidence) error {
			list, present, err := readObjectList(w, cdxTextTable, ev.Copyright)
			if !present {
				list = nil
			}
			ev.Copyright = list
			return err
		}},
		jsonField[cdxEvidence]{"identity", func(w *jsonWalker, ev *cdxEvidence) error {
			return w.cdxIdentities(&ev.Identity)
		}},
		jsonField[cdxEvidence]{"licenses", func(w *jsonWalker, ev *cdxEvidence) error {
			list, present, err := readObjectList(w, cdxLicenseTable, []cdxLicense(ev.Licenses))
			if !present {
				list = nil
			}
			ev.Licenses = list
			return err
		}},
	)
	cdxTextTable = newJSONTable(true,
		strField("text", func(t *cdxText) *string { return &t.Text }),
	)
	cdxIdentityTable = newJSONTable(true,
		internedField("field", func(id *cdxIdentity) *string { return &id.Field }),
		strField("concludedValue", func(id *cdxIdentity) *string { return &id.ConcludedValue }),
	)
	// cdxDepTable reads one entry of dependencies; its names match
	// exactly.
	cdxDepTable = newJSONTable(false,
		jsonField[cdxDepJSON]{"ref", func(w *jsonWalker, d *cdxDepJSON) error {
			b, err := w.stringBytes()
			d.ref = d.refs.intern(b)
			return err
		}},
		jsonField[cdxDepJSON]{"dependsOn", func(w *jsonWalker, d *cdxDepJSON) (err error) {
			d.deps = d.deps[:0]
			d.present, err = w.array(func() error {
				b, err := w.stringBytes()
				d.deps = append(d.deps, d.refs.intern(b))
				return err
			})
			return err
		}},
	)
)

// The tables of components and pedigrees refer to each other, so they are
// made in init (the list fields read cdxCompTable when they run).
var (
	cdxCompTable     *jsonTable[cdxComp]
	cdxPedigreeTable *jsonTable[cdxPedigree]
)

func init() {
	cdxPedigreeTable = newJSONTable(true,
		cdxCompListField("ancestors", func(p *cdxPedigree) *[]cdxComp { return &p.Ancestors }),
		cdxCompListField("descendants", func(p *cdxPedigree) *[]cdxComp { return &p.Descendants }),
		cdxCompListField("variants", func(p *cdxPedigree) *[]cdxComp { return &p.Variants }),
		strField("notes", func(p *cdxPedigree) *string { return &p.Notes }),
		jsonField[cdxPedigree]{"commits", func(w *jsonWalker, p *cdxPedigree) error {
			list, present, err := readObjectList(w, cdxURLTable, p.Commits)
			if !present {
				list = nil
			}
			p.Commits = list
			return err
		}},
		jsonField[cdxPedigree]{"patches", readPatches},
	)
	cdxCompTable = newJSONTable(true,
		strField("bom-ref", func(c *cdxComp) *string { return &c.BOMRef }),
		internedField("type", func(c *cdxComp) *string { return &c.Type }),
		strField("name", func(c *cdxComp) *string { return &c.Name }),
		internedField("group", func(c *cdxComp) *string { return &c.Group }),
		strField("version", func(c *cdxComp) *string { return &c.Version }),
		strField("versionRange", func(c *cdxComp) *string { return &c.VersionRange }),
		strField("purl", func(c *cdxComp) *string { return &c.PURL }),
		strField("cpe", func(c *cdxComp) *string { return &c.CPE }),
		ptrField("supplier", cdxOrgTable, func(c *cdxComp) **cdxOrg { return &c.Supplier }),
		ptrField("manufacturer", cdxOrgTable, func(c *cdxComp) **cdxOrg { return &c.Manufacturer }),
		internedField("author", func(c *cdxComp) *string { return &c.Author }),
		jsonField[cdxComp]{"authors", func(w *jsonWalker, c *cdxComp) (err error) {
			c.Authors, err = w.cdxContacts(c.Authors)
			return err
		}},
		internedField("publisher", func(c *cdxComp) *string { return &c.Publisher }),
		internedField("copyright", func(c *cdxComp) *string { return &c.Copyright }),
		strField("description", func(c *cdxComp) *string { return &c.Description }),
		cdxLicensesField,
		// The lists below live in w.cdx until w.cdx.reset.
		jsonField[cdxComp]{"hashes", func(w *jsonWalker, c *cdxComp) (err error) {
			c.Hashes, err = readArenaList(w, cdxHashTable, &w.cdx.hashes)
			return err
		}},
		cdxExtRefsField,
		cdxPropertiesField,
		ptrField("pedigree", cdxPedigreeTable, func(c *cdxComp) **cdxPedigree { return &c.Pedigree }),
		cdxCompListField("components", func(c *cdxComp) *[]cdxComp { return &c.Components }),
		ptrField("swid", cdxSwidTable, func(c *cdxComp) **cdxSwid { return &c.Swid }),
		ptrField("evidence", cdxEvidenceTable, func(c *cdxComp) **cdxEvidence { return &c.Evidence }),
	)
	cdxCompTable.origin = func(c *cdxComp) *position { return &c.at }
}

// cdxCompListField reads an array of components (nested components,
// pedigree ancestors, descendants, variants), as Unmarshal would into a
// slice: null stores nil.
func cdxCompListField[T any](name string, field func(*T) *[]cdxComp) jsonField[T] {
	return jsonField[T]{name, func(w *jsonWalker, v *T) error {
		p := field(v)
		list, present, err := readObjectList(w, cdxCompTable, *p)
		if !present {
			list = nil
		}
		*p = list
		return err
	}}
}

// cdxDepJSON is one entry of dependencies as it is read.
type cdxDepJSON struct {
	refs    *dedup // interns the refs
	ref     string
	deps    []string
	present bool // dependsOn was an array
}

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
	_, err := readObject(w, cdxCompTable, in)
	return err
}

func (w *jsonWalker) cdxContacts(list []cdxContact) ([]cdxContact, error) {
	out, present, err := readObjectList(w, cdxContactTable, list)
	if !present {
		return nil, err
	}
	return out, err
}

// cdxIdentities reads evidence.identity, an object (1.5) or an array of
// objects (1.6), as cdxIdentities.UnmarshalJSON does.
func (w *jsonWalker) cdxIdentities(p *cdxIdentities) error {
	switch w.peekKind() {
	case 'n':
		*p = nil
		w.pos += len("null")
		return nil
	case '{':
		var one cdxIdentity
		_, err := readObject(w, cdxIdentityTable, &one)
		*p = cdxIdentities{one}
		return err
	}
	list, present, err := readObjectList(w, cdxIdentityTable, []cdxIdentity(nil))
	if !present {
		list = nil
	}
	*p = list
	return err
}
