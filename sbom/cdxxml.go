package sbom

import (
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// cdxXMLDecoder reads CycloneDX XML, streaming the components.
var cdxXMLDecoder = decoder{
	format: FormatCycloneDXXML,
	syntax: syntaxXML,
	identify: func(s *sniff) certainty {
		if s.xmlRoot.Local == "bom" && strings.HasPrefix(s.xmlRoot.Space, "http://cyclonedx.org/schema/bom") {
			return declared
		}
		return notThis
	},
	decode: func(in *input, visit func(*Component) error) (*Document, error) {
		return decodeCycloneDXXML(in.stream(), visit)
	},
}

// CycloneDX XML is walked token by token with xmlScanner (encoding/xml's
// RawToken, rewritten for speed), which skips the name-space bookkeeping
// of Token, and no reflection: DecodeElement cost more than twice a plain
// token scan. The walker keeps encoding/xml's
// semantics for the structs in cdx.go: elements and attributes match by
// local name; a string field holds the character data directly inside its
// element (nested elements are skipped), the last occurrence winning; a
// pointer field is allocated once and merged into; a slice field (a>b
// paths included) appends one element per occurrence. It checks, as Token
// does, that every end element matches its start element.

const cdxXMLNSPrefix = "http://cyclonedx.org/schema/bom/"

// xmlWalker reads a CycloneDX XML document token by token.
type xmlWalker struct {
	dec   *xmlScanner
	open  []xml.Name // the elements open, as written (prefix in Space)
	text  []byte     // character data scratch
	strs  map[string]string
	props []cdxProperty // arena for the properties of the component being read
}

// decodeCycloneDXXML streams a CycloneDX XML BOM: one top-level
// <component> at a time is read, checked, flattened and visited.
func decodeCycloneDXXML(r io.Reader, visit func(*Component) error) (*Document, error) {
	dec := newXMLScanner(r)
	s := newCDXState(true, visit)
	w := &xmlWalker{dec: dec, strs: map[string]string{}, props: []cdxProperty{}}
	if err := w.bom(s); err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return nil, ve.err
		}
		line, col := dec.InputPos()
		return nil, fmt.Errorf("decode CycloneDX XML: line %d, column %d (byte offset %d): %w", line, col, dec.InputOffset(), err)
	}
	return s.finish(), nil
}

func (w *xmlWalker) syntaxError(msg string) error {
	line, _ := w.dec.InputPos()
	return &xml.SyntaxError{Msg: msg, Line: line}
}

// token reads the next token (w.dec holds it until the next read), with
// start and end elements checked to match as Token checks them.
func (w *xmlWalker) token() (xmlKind, error) {
	kind, err := w.dec.next()
	if err != nil {
		if errors.Is(err, io.EOF) && len(w.open) > 0 {
			return 0, w.syntaxError("unexpected EOF")
		}
		return 0, err
	}
	switch kind {
	case xmlStart:
		w.open = append(w.open, w.dec.start.Name)
	case xmlEnd:
		name := w.dec.name
		if len(w.open) == 0 {
			return 0, w.syntaxError("unexpected end element </" + name.Local + ">")
		}
		s := w.open[len(w.open)-1]
		w.open = w.open[:len(w.open)-1]
		switch {
		case s.Local != name.Local:
			return 0, w.syntaxError("element <" + s.Local + "> closed by </" + name.Local + ">")
		case s.Space != name.Space:
			ns := name.Space
			if ns == "" {
				ns = `""`
			}
			return 0, w.syntaxError("element <" + s.Local + "> in space " + s.Space + " closed by </" + name.Local + "> in space " + ns)
		}
	}
	return kind, nil
}

// children calls fn for each child element of the element just started;
// fn must consume the child, for instance with skip, and read what it
// needs of se (valid until the next read) first. It returns after the
// element's end.
func (w *xmlWalker) children(fn func(se *xml.StartElement) error) error {
	for {
		kind, err := w.token()
		if err != nil {
			return err
		}
		switch kind {
		case xmlStart:
			if err := fn(&w.dec.start); err != nil {
				return err
			}
		case xmlEnd:
			return nil
		}
	}
}

// skip consumes the rest of the element just started.
func (w *xmlWalker) skip() error {
	for depth := 1; depth > 0; {
		kind, err := w.token()
		if err != nil {
			return err
		}
		switch kind {
		case xmlStart:
			depth++
		case xmlEnd:
			depth--
		}
	}
	return nil
}

// textBytes reads the character data directly inside the element just
// started, skipping nested elements; valid until the next read.
func (w *xmlWalker) textBytes() ([]byte, error) {
	w.text = w.text[:0]
	for {
		kind, err := w.token()
		if err != nil {
			return nil, err
		}
		switch kind {
		case xmlText:
			w.text = append(w.text, w.dec.data...)
		case xmlStart:
			if err := w.skip(); err != nil {
				return nil, err
			}
		case xmlEnd:
			return w.text, nil
		}
	}
}

// str is the text of the element just started.
func (w *xmlWalker) str() (string, error) {
	b, err := w.textBytes()
	return string(b), err
}

// istr is str for values that repeat: each is allocated once.
func (w *xmlWalker) istr() (string, error) {
	b, err := w.textBytes()
	if err != nil || len(b) == 0 {
		return "", err
	}
	if s, ok := w.strs[string(b)]; ok {
		return s, nil
	}
	s := string(b)
	if len(w.strs) < maxInterned && len(b) <= 128 {
		w.strs[s] = s
	}
	return s, nil
}

// list calls fn for each child named item of the element just started
// (the b of an a>b path) and skips the other children.
func (w *xmlWalker) list(item string, fn func(se *xml.StartElement) error) error {
	return w.children(func(se *xml.StartElement) error {
		if se.Name.Local != item {
			return w.skip()
		}
		return fn(se)
	})
}

func attr(se *xml.StartElement, name string) (string, bool) {
	v, found := "", false
	for _, a := range se.Attr {
		if a.Name.Local == name {
			v, found = a.Value, true
		}
	}
	return v, found
}

func (w *xmlWalker) bom(s *cdxState) error {
	var root *xml.StartElement
	for root == nil {
		kind, err := w.token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("%w: no root element", ErrNotSBOM)
			}
			return err
		}
		if kind == xmlStart {
			se := w.dec.start
			se.Attr = append([]xml.Attr(nil), se.Attr...)
			root = &se
		}
	}
	if root.Name.Local != "bom" {
		return fmt.Errorf("%w: root element <%s> is not a CycloneDX <bom>", ErrNotSBOM, root.Name.Local)
	}
	xmlns := ""
	for _, a := range root.Attr {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			xmlns = a.Value
		case a.Name.Space == "" && a.Name.Local == "serialNumber":
			s.serialNumber(a.Value)
		}
	}
	version := ""
	if v, ok := strings.CutPrefix(xmlns, cdxXMLNSPrefix); ok {
		version = v
	}
	s.specVersion(version)
	return w.children(func(se *xml.StartElement) error {
		switch se.Name.Local {
		case "metadata":
			m, err := w.metadata()
			if err != nil {
				return err
			}
			return s.metadata(m)
		case "components":
			s.hasComponents = true
			i := 0
			var in cdxComp
			return w.list("component", func(se *xml.StartElement) error {
				w.props = w.props[:0]
				in = cdxComp{}
				if err := w.comp(se, &in); err != nil {
					return err
				}
				n := strconv.Itoa(i)
				i++
				return s.topComponent(&in, "/bom/components/component["+strconv.Itoa(i)+"]", "components["+n+"]", "", cdxWarnDedupComponents, true)
			})
		case "services":
			return w.services(s)
		case "dependencies":
			s.em.dedup.reserve(s.em.count, &s.doc.Dependencies)
			i := 0
			return w.list("dependency", func(se *xml.StartElement) error {
				err := w.dependency(s, se, i)
				i++
				return err
			})
		case "vulnerabilities":
			i := 0
			return w.list("vulnerability", func(*xml.StartElement) error {
				err := w.vulnerability(s, i)
				i++
				return err
			})
		}
		return w.skip()
	})
}

func (w *xmlWalker) dependency(s *cdxState, se *xml.StartElement, i int) error {
	ref, _ := attr(se, "ref")
	ref = s.em.dedup.internString(ref)
	deps := s.deps[:0]
	err := w.list("dependency", func(se *xml.StartElement) error {
		r, _ := attr(se, "ref")
		deps = append(deps, s.em.dedup.internString(r))
		return w.skip()
	})
	s.deps = deps
	if err != nil {
		return err
	}
	// dependency copies deps, a reused scratch, into the graph.
	s.dependency(i, ref, deps, len(deps) > 0)
	return nil
}

func (w *xmlWalker) vulnerability(s *cdxState, i int) error {
	var id, state, justification string
	hasAnalysis := false
	err := w.children(func(se *xml.StartElement) error {
		switch se.Name.Local {
		case "id":
			var err error
			id, err = w.str()
			return err
		case "analysis":
			hasAnalysis = true
			return w.children(func(se *xml.StartElement) error {
				var err error
				switch se.Name.Local {
				case "state":
					state, err = w.str()
				case "justification":
					justification, err = w.str()
				default:
					err = w.skip()
				}
				return err
			})
		}
		return w.skip()
	})
	if err == nil && hasAnalysis {
		s.checkVulnerability(i, id, state, justification)
	}
	return err
}

func (w *xmlWalker) metadata() (*cdxMetadata, error) {
	m := &cdxMetadata{}
	var tools, toolComps, toolServices []cdxTool
	hasTools := false
	err := w.children(func(se *xml.StartElement) error {
		var err error
		switch se.Name.Local {
		case "timestamp":
			m.Timestamp, err = w.str()
		case "tools":
			hasTools = true
			err = w.children(func(se *xml.StartElement) error {
				switch se.Name.Local {
				case "tool":
					t, err := w.tool()
					tools = append(tools, t)
					return err
				case "components":
					return w.list("component", func(*xml.StartElement) error {
						t, err := w.tool()
						toolComps = append(toolComps, t)
						return err
					})
				case "services":
					return w.list("service", func(*xml.StartElement) error {
						t, err := w.tool()
						toolServices = append(toolServices, t)
						return err
					})
				}
				return w.skip()
			})
		case "authors":
			err = w.list("author", func(*xml.StartElement) error {
				c, err := w.contact()
				m.Authors = append(m.Authors, c)
				return err
			})
		case "component":
			if m.Component == nil {
				m.Component = new(cdxComp)
			}
			err = w.comp(se, m.Component)
		case "manufacture":
			err = w.org(&m.Manufacture)
		case "manufacturer":
			err = w.org(&m.Manufacturer)
		case "supplier":
			err = w.org(&m.Supplier)
		default:
			err = w.skip()
		}
		return err
	})
	if hasTools {
		m.Tools = toolNames(tools, toolComps, toolServices)
	}
	return m, err
}

func (w *xmlWalker) tool() (cdxTool, error) {
	var t cdxTool
	err := w.children(func(se *xml.StartElement) error {
		var err error
		switch se.Name.Local {
		case "vendor":
			t.Vendor, err = w.istr()
		case "group":
			t.Group, err = w.istr()
		case "name":
			t.Name, err = w.istr()
		case "version":
			t.Version, err = w.istr()
		default:
			err = w.skip()
		}
		return err
	})
	return t, err
}

// comp reads the component just started (se) into in.
func (w *xmlWalker) comp(se *xml.StartElement, in *cdxComp) error {
	for _, a := range se.Attr {
		switch a.Name.Local {
		case "bom-ref":
			in.BOMRef = a.Value
		case "type":
			in.Type = a.Value
		}
	}
	return w.children(func(se *xml.StartElement) error {
		var err error
		switch se.Name.Local {
		case "name":
			in.Name, err = w.str()
		case "group":
			in.Group, err = w.istr()
		case "version":
			in.Version, err = w.str()
		case "versionRange":
			in.VersionRange, err = w.str()
		case "purl":
			in.PURL, err = w.str()
		case "cpe":
			in.CPE, err = w.str()
		case "supplier":
			err = w.org(&in.Supplier)
		case "manufacturer":
			err = w.org(&in.Manufacturer)
		case "author":
			in.Author, err = w.istr()
		case "authors":
			err = w.list("author", func(*xml.StartElement) error {
				c, err := w.contact()
				in.Authors = append(in.Authors, c)
				return err
			})
		case "publisher":
			in.Publisher, err = w.istr()
		case "copyright":
			in.Copyright, err = w.istr()
		case "description":
			in.Description, err = w.str()
		case "licenses":
			in.Licenses, err = w.licenses()
		case "hashes":
			err = w.list("hash", func(se *xml.StartElement) error {
				alg, _ := attr(se, "alg")
				v, err := w.str()
				in.Hashes = append(in.Hashes, cdxHash{Alg: alg, Content: v})
				return err
			})
		case "externalReferences":
			err = w.list("reference", func(se *xml.StartElement) error {
				var r cdxExtRef
				r.Type, _ = attr(se, "type")
				err := w.children(func(se *xml.StartElement) error {
					var err error
					switch se.Name.Local {
					case "url":
						r.URL, err = w.str()
					case "comment":
						r.Comment, err = w.istr()
					default:
						err = w.skip()
					}
					return err
				})
				in.ExternalRefs = append(in.ExternalRefs, r)
				return err
			})
		case "properties":
			start := len(w.props)
			err = w.list("property", func(se *xml.StartElement) error {
				name, _ := attr(se, "name")
				v, err := w.str()
				w.props = append(w.props, cdxProperty{Name: name, Value: v})
				return err
			})
			if group := w.props[start:len(w.props):len(w.props)]; len(in.Properties) == 0 {
				in.Properties = group
			} else {
				in.Properties = append(in.Properties, group...)
			}
		case "pedigree":
			if in.Pedigree == nil {
				in.Pedigree = new(cdxPedigree)
			}
			err = w.pedigree(in.Pedigree)
		case "swid":
			in.Swid = &cdxSwid{}
			in.Swid.TagID, _ = attr(se, "tagId")
			in.Swid.Name, _ = attr(se, "name")
			err = w.skip()
		case "evidence":
			if in.Evidence == nil {
				in.Evidence = new(cdxEvidence)
			}
			err = w.evidence(in.Evidence)
		case "components":
			err = w.list("component", func(se *xml.StartElement) error {
				in.Components = append(in.Components, cdxComp{})
				return w.comp(se, &in.Components[len(in.Components)-1])
			})
		case "provider", "endpoints", "services":
			err = w.serviceField(se, in)
		default:
			err = w.skip()
		}
		return err
	})
}

func (w *xmlWalker) org(p **cdxOrg) error {
	if *p == nil {
		*p = new(cdxOrg)
	}
	o := *p
	return w.children(func(se *xml.StartElement) error {
		var err error
		switch se.Name.Local {
		case "name":
			o.Name, err = w.istr()
		case "address":
			if o.Address == nil {
				o.Address = new(cdxAddress)
			}
			err = w.children(func(se *xml.StartElement) error {
				if se.Name.Local != "country" {
					return w.skip()
				}
				var err error
				o.Address.Country, err = w.istr()
				return err
			})
		case "url":
			var u string
			u, err = w.istr()
			o.URL = append(o.URL, u)
		case "contact":
			var c cdxContact
			c, err = w.contact()
			o.Contact = append(o.Contact, c)
		default:
			err = w.skip()
		}
		return err
	})
}

func (w *xmlWalker) contact() (cdxContact, error) {
	var c cdxContact
	err := w.children(func(se *xml.StartElement) error {
		var err error
		switch se.Name.Local {
		case "name":
			c.Name, err = w.istr()
		case "email":
			c.Email, err = w.istr()
		case "phone":
			c.Phone, err = w.istr()
		default:
			err = w.skip()
		}
		return err
	})
	return c, err
}

// licenses reads <license> and <expression> children in order, as
// cyclonedx-go does; the list replaces any earlier one.
func (w *xmlWalker) licenses() (cdxLicenses, error) {
	list := cdxLicenses{}
	err := w.children(func(se *xml.StartElement) error {
		switch se.Name.Local {
		case "license":
			id := new(cdxLicenseID)
			err := w.children(func(se *xml.StartElement) error {
				var err error
				switch se.Name.Local {
				case "id":
					id.ID, err = w.istr()
				case "name":
					id.Name, err = w.istr()
				case "url":
					id.URL, err = w.str()
				case "text":
					id.Text, err = w.licenseText(se)
				case "licensing":
					id.Licensing, err = w.licensing()
				default:
					err = w.skip()
				}
				return err
			})
			list = append(list, cdxLicense{License: id})
			return err
		case "expression", "expression-detailed":
			a, _ := attr(se, "expression")
			text, err := w.istr()
			list = append(list, cdxLicense{Expression: cmp.Or(a, text)})
			return err
		}
		return w.skip()
	})
	return list, err
}

// pedigree reads ancestors, descendants, variants and notes.
func (w *xmlWalker) pedigree(pd *cdxPedigree) error {
	return w.children(func(se *xml.StartElement) error {
		var list *[]cdxComp
		switch se.Name.Local {
		case "notes":
			var err error
			pd.Notes, err = w.str()
			return err
		case "commits":
			return w.commits(pd)
		case "patches":
			return w.patches(pd)
		case "ancestors":
			list = &pd.Ancestors
		case "descendants":
			list = &pd.Descendants
		case "variants":
			list = &pd.Variants
		default:
			return w.skip()
		}
		return w.list("component", func(se *xml.StartElement) error {
			*list = append(*list, cdxComp{})
			return w.comp(se, &(*list)[len(*list)-1])
		})
	})
}

// evidence reads the copyright texts and identities of component
// evidence; 1.5 has one <identity>, 1.6 repeats it.
func (w *xmlWalker) evidence(ev *cdxEvidence) error {
	return w.children(func(se *xml.StartElement) error {
		switch se.Name.Local {
		case "copyright":
			return w.list("text", func(*xml.StartElement) error {
				v, err := w.str()
				ev.Copyright = append(ev.Copyright, cdxText{Text: v})
				return err
			})
		case "identity":
			var id cdxIdentity
			err := w.children(func(se *xml.StartElement) error {
				var err error
				switch se.Name.Local {
				case "field":
					id.Field, err = w.istr()
				case "concludedValue":
					id.ConcludedValue, err = w.str()
				default:
					err = w.skip()
				}
				return err
			})
			ev.Identity = append(ev.Identity, id)
			return err
		case "licenses":
			var err error
			ev.Licenses, err = w.licenses()
			return err
		}
		return w.skip()
	})
}
