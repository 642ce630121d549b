package sbom

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"sort"
	"strconv"
	"strings"
)

// syftDoc is the part of syft's own JSON format that embargo reads. It is
// decoded directly rather than through syft, whose decoder would link all
// of syft into every test binary and drop nothing we need here anyway.
type syftDoc struct {
	Artifacts     []syftArtifact `json:"artifacts"`
	Relationships []struct {
		Parent string `json:"parent"`
		Child  string `json:"child"`
		Type   string `json:"type"`
	} `json:"artifactRelationships"`
	Source struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Version string `json:"version"`
		Type    string `json:"type"`
	} `json:"source"`
	Descriptor struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"descriptor"`
	Schema struct {
		Version string `json:"version"`
	} `json:"schema"`
}

type syftArtifact struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Version  string            `json:"version"`
	Type     string            `json:"type"`
	PURL     string            `json:"purl"`
	CPEs     []json.RawMessage `json:"cpes"`
	Licenses []json.RawMessage `json:"licenses"`
	Metadata map[string]any    `json:"metadata"`
}

func decodeSyftJSON(data []byte) (*Document, error) {
	var in syftDoc
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("decode syft JSON: %w", err)
	}
	d := &Document{
		SpecVersion:  in.Schema.Version,
		Name:         in.Source.Name,
		Dependencies: map[string][]string{},
		Creators:     []string{strings.TrimSpace("Tool: " + in.Descriptor.Name + " " + in.Descriptor.Version)},
	}
	seen := map[string]bool{}
	for i := range in.Artifacts {
		c := syftComponent(&in.Artifacts[i], i)
		if c.Ref != "" && seen[c.Ref] {
			continue
		}
		seen[c.Ref] = true
		d.Components = append(d.Components, c)
	}
	for _, r := range in.Relationships {
		switch r.Type {
		case "contains", "evident-by":
			d.Dependencies[r.Parent] = append(d.Dependencies[r.Parent], r.Child)
		case "dependency-of":
			d.Dependencies[r.Child] = append(d.Dependencies[r.Child], r.Parent)
		}
	}
	return d, nil
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
func syftCPE(raw json.RawMessage) CPE {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return CPE{Value: s, Source: "syft", Generated: true}
	}
	var o struct{ CPE, Source string }
	_ = json.Unmarshal(raw, &o)
	return CPE{Value: o.CPE, Source: "syft:" + o.Source, Generated: o.Source == "" || strings.HasPrefix(o.Source, "syft-gen")}
}

func syftLicense(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		Value          string `json:"value"`
		SPDXExpression string `json:"spdxExpression"`
	}
	_ = json.Unmarshal(raw, &o)
	return firstNonEmpty(o.SPDXExpression, o.Value)
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
			c.Supplier = &Organization{Name: name, Emails: nonEmpty(email)}
		}
	case "manufacturer":
		if c.Manufacturer == nil {
			c.Manufacturer = &Organization{Name: name, Emails: nonEmpty(email)}
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

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
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
