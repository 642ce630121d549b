package sbom

// The previous, whole-buffer syft JSON decoder, kept as the reference for
// the streaming one.

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// refSyftDoc is the part of syft's own JSON format that embargo reads. It is
// decoded directly rather than through syft, whose decoder would link all
// of syft into every test binary and drop nothing we need here anyway.
type refSyftDoc struct {
	Artifacts     []refSyftArtifact `json:"artifacts"`
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

type refSyftArtifact struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Version  string            `json:"version"`
	Type     string            `json:"type"`
	PURL     string            `json:"purl"`
	CPEs     []json.RawMessage `json:"cpes"`
	Licenses []json.RawMessage `json:"licenses"`
	Metadata map[string]any    `json:"metadata"`
}

func refDecodeSyftJSON(data []byte) (*Document, error) {
	var in refSyftDoc
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
		c := refSyftComponent(&in.Artifacts[i], i)
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

func refSyftComponent(a *refSyftArtifact, i int) Component {
	c := Component{
		Ref:     a.ID,
		Type:    a.Type,
		Name:    a.Name,
		Version: a.Version,
		PURL:    a.PURL,
		Origin:  Origin{Pointer: "/artifacts/" + strconv.Itoa(i)},
	}
	for _, raw := range a.CPEs {
		c.CPEs = append(c.CPEs, refSyftCPE(raw))
	}
	for _, raw := range a.Licenses {
		if l := refSyftLicense(raw); l != "" {
			c.Licenses = appendUniq(c.Licenses, l)
		}
	}
	syftMetadata(&c, a.Metadata)
	return c
}

// refSyftCPE reads a CPE as a string (old schemas) or {cpe, source}; only a
// CPE whose source is a dictionary or a declaration counts as declared.
func refSyftCPE(raw json.RawMessage) CPE {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return CPE{Value: s, Source: "syft", Generated: true}
	}
	var o struct{ CPE, Source string }
	_ = json.Unmarshal(raw, &o)
	return CPE{Value: o.CPE, Source: "syft:" + o.Source, Generated: o.Source == "" || strings.HasPrefix(o.Source, "syft-gen")}
}

func refSyftLicense(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		Value          string `json:"value"`
		SPDXExpression string `json:"spdxExpression"`
	}
	_ = json.Unmarshal(raw, &o)
	return cmp.Or(o.SPDXExpression, o.Value)
}
