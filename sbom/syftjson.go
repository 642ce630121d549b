package sbom

import (
	"cmp"
	"fmt"
	"io"
	"net/mail"
	"sort"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// syftJSONDecoder reads syft's own JSON, streaming the artifacts.
var syftJSONDecoder = decoder{
	format: FormatSyftJSON,
	syntax: syntaxJSON,
	identify: func(s *sniff) certainty {
		if s.json.hasArtifacts && s.json.hasDescriptor {
			return declared
		}
		return s.guess("artifacts", "artifactRelationships")
	},
	decode: func(in *input, visit func(*Component) error) (*Document, error) {
		return decodeSyftJSON(in.stream(), visit)
	},
}

// syft's own JSON format is decoded directly rather than through syft,
// whose decoder would link all of syft into every test binary and drop
// nothing we need here anyway. Artifacts stream one at a time.

type syftArtifact struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	Version  string           `json:"version"`
	Type     string           `json:"type"`
	PURL     string           `json:"purl"`
	CPEs     []jsontext.Value `json:"cpes"`
	Licenses []jsontext.Value `json:"licenses"`
	Metadata map[string]any   `json:"metadata"`
}

func decodeSyftJSON(r io.Reader, visit func(*Component) error) (*Document, error) {
	dec, lines := newJSONDecoder(r, true)
	d := &Document{Dependencies: map[string][]string{}}
	em := emitter{visit: visit}
	seen := map[string]bool{}
	var descriptor struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	hasArtifacts, hasDescriptor := false, false
	err := forEachMember(dec, func(name string) error {
		var err error
		switch name {
		case "artifacts":
			hasArtifacts = true
			_, err = forEachElement(dec, func(i int) error {
				var a syftArtifact
				at := lines.at(lines.valueStart(dec))
				if err := json.UnmarshalDecode(dec, &a); err != nil {
					return err
				}
				c := syftComponent(&a, i)
				c.Origin.Line, c.Origin.Column = at.line, at.col
				if c.Ref != "" && seen[c.Ref] {
					return nil
				}
				seen[c.Ref] = true
				return em.emit(&c, "id", func(string) {})
			})
		case "artifactRelationships":
			_, err = forEachElement(dec, func(int) error { return syftRelationship(dec, d) })
		case "source":
			var src struct {
				Name string `json:"name"`
			}
			err = json.UnmarshalDecode(dec, &src)
			d.Name = src.Name
		case "descriptor":
			hasDescriptor = true
			err = json.UnmarshalDecode(dec, &descriptor)
		case "schema":
			hasDescriptor = true
			var schema struct {
				Version string `json:"version"`
			}
			err = json.UnmarshalDecode(dec, &schema)
			d.SpecVersion = schema.Version
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err := endDocument(dec, lines, "decode syft JSON", err); err != nil {
		return nil, err
	}
	if !hasArtifacts || !hasDescriptor {
		return nil, errNotJSONSBOM
	}
	d.Creators = []string{strings.TrimSpace("Tool: " + descriptor.Name + " " + descriptor.Version)}
	d.ComponentCount = em.count
	return d, nil
}

func syftRelationship(dec *jsontext.Decoder, d *Document) error {
	var parent, child, typ string
	err := forEachMember(dec, func(key string) error {
		var err error
		switch key {
		case "parent":
			parent, err = jsonString(dec)
		case "child":
			child, err = jsonString(dec)
		case "type":
			typ, err = jsonString(dec)
		default:
			err = dec.SkipValue()
		}
		return err
	})
	switch typ {
	case "contains", "evident-by":
		d.Dependencies[parent] = append(d.Dependencies[parent], child)
	case "dependency-of":
		d.Dependencies[child] = append(d.Dependencies[child], parent)
	}
	return err
}

func syftComponent(a *syftArtifact, i int) Component {
	c := Component{
		Ref:     a.ID,
		Type:    a.Type,
		Name:    a.Name,
		Version: a.Version,
		PURL:    a.PURL,
		Origin:  Origin{Pointer: "/artifacts/" + strconv.Itoa(i)},
	}
	for _, raw := range a.CPEs {
		c.CPEs = append(c.CPEs, syftCPE(raw))
	}
	for _, raw := range a.Licenses {
		if l := syftLicense(raw); l != "" {
			c.Licenses = appendUniq(c.Licenses, l)
		}
	}
	syftMetadata(&c, a.Metadata)
	return c
}

// syftCPE reads a CPE as a string (old schemas) or {cpe, source}; only a
// CPE whose source is a dictionary or a declaration counts as declared.
func syftCPE(raw jsontext.Value) CPE {
	var s string
	if (raw.Kind() == '"' || raw.Kind() == 'n') && json.Unmarshal(raw, &s) == nil {
		return CPE{Value: s, Source: "syft", Generated: true}
	}
	var o struct{ CPE, Source string }
	_ = json.Unmarshal(raw, &o, jsonOpts)
	return CPE{Value: o.CPE, Source: "syft:" + o.Source, Generated: o.Source == "" || strings.HasPrefix(o.Source, "syft-gen")}
}

func syftLicense(raw jsontext.Value) string {
	var s string
	if (raw.Kind() == '"' || raw.Kind() == 'n') && json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		Value          string `json:"value"`
		SPDXExpression string `json:"spdxExpression"`
	}
	_ = json.Unmarshal(raw, &o, jsonOpts)
	return cmp.Or(o.SPDXExpression, o.Value)
}

// syftVendorKeys map metadata keys that name who made or shipped a package
// onto the model's organisation fields.
var syftVendorKeys = map[string]string{
	"maintainer":               "supplier", // dpkg, apk
	"vendor":                   "supplier", // rpm
	"packager":                 "supplier", // rpm, alpm
	"Implementation-Vendor":    "supplier", // java manifest
	"Bundle-Vendor":            "supplier",
	"Specification-Vendor":     "manufacturer",
	"Implementation-Vendor-Id": "supplier",
	"companyName":              "publisher", // .NET / PE version resources
	"CompanyName":              "publisher",
	"publisher":                "publisher",
	"author":                   "author", // npm, python, gem, php
	"authors":                  "author",
	"authorEmail":              "author-email",
	"LegalCopyright":           "copyright",
	"legalCopyright":           "copyright",
	"copyright":                "copyright",
}

// syftMetadata flattens package metadata into properties and lifts the
// vendor fields into supplier, manufacturer, publisher and authors.
func syftMetadata(c *Component, md map[string]any) {
	flat := map[string]string{}
	flatten("", md, flat)
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := flat[k]
		c.Properties = append(c.Properties, Property{Name: "syft:metadata:" + k, Value: v})
		leaf := k[strings.LastIndexByte(k, '.')+1:]
		if i := strings.IndexByte(leaf, '['); i >= 0 {
			leaf = leaf[:i]
		}
		liftVendor(c, syftVendorKeys[leaf], v)
	}
}

func liftVendor(c *Component, role, v string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	name, email := splitNameEmail(v)
	switch role {
	case "supplier":
		if c.Supplier == nil {
			c.Supplier = NewOrganization(name, email)
		}
	case "manufacturer":
		if c.Manufacturer == nil {
			c.Manufacturer = NewOrganization(name, email)
		}
	case "publisher":
		if c.Publisher == "" {
			c.Publisher = name
		}
	case "author":
		c.Authors = append(c.Authors, Contact{Name: name, Email: email})
	case "author-email":
		c.Authors = append(c.Authors, Contact{Email: v})
	case "copyright":
		if c.Copyright == "" {
			c.Copyright = v
		}
	}
}

// splitNameEmail splits "Name <user@host>" as maintainers are written.
func splitNameEmail(s string) (string, string) {
	if a, err := mail.ParseAddress(s); err == nil {
		return a.Name, a.Address
	}
	return strings.TrimSpace(s), ""
}

// flatten writes scalar leaves of nested metadata as dotted keys. Java
// manifests arrive as lists of {key, value}; those become key=value leaves.
func flatten(prefix string, v any, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		if k, ok := x["key"].(string); ok && len(x) <= 2 {
			if val, ok := x["value"].(string); ok {
				out[joinKey(prefix, k)] = val
				return
			}
		}
		for k, child := range x {
			if k == "files" {
				continue // per-file digests: bulky and never vendor evidence
			}
			flatten(joinKey(prefix, k), child, out)
		}
	case []any:
		for i, child := range x {
			if _, isObj := child.(map[string]any); isObj {
				flatten(prefix, child, out)
				continue
			}
			flatten(prefix+"["+strconv.Itoa(i)+"]", child, out)
		}
	case string:
		if x != "" {
			out[prefix] = x
		}
	case float64, bool:
		out[prefix] = fmt.Sprint(x)
	}
}

func joinKey(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}
