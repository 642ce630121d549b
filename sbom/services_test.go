package sbom

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestServicesAreComponents reads a CycloneDX BOM whose services (a
// carrier's trunk, a cloud reputation service with a nested service) must
// each become a component of type "service", in JSON and XML alike.
func TestServicesAreComponents(t *testing.T) {
	for _, tc := range []struct {
		file string
		ptr  []string // pointers of s0, s1, s1a
	}{
		{"services.cdx.json", []string{"/services/0", "/services/1", "/services/1/services/0"}},
		{"services.cdx.xml", []string{"/bom/services/service[1]", "/bom/services/service[2]", "/bom/services/service[2]/services/service[1]"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := ReadFile(filepath.Join("testdata", tc.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.ComponentCount != 4 || doc.ServiceCount != 3 || len(doc.Components) != 4 {
				t.Fatalf("ComponentCount %d, ServiceCount %d, len %d; want 4, 3, 4", doc.ComponentCount, doc.ServiceCount, len(doc.Components))
			}
			byRef := map[string]Component{}
			for _, c := range doc.Components {
				byRef[c.Ref] = c
			}
			if c := byRef["c0"]; c.Type != "library" {
				t.Errorf("c0 type %q, want library", c.Type)
			}
			s0, s1, s1a := byRef["s0"], byRef["s1"], byRef["s1a"]
			for i, c := range []Component{s0, s1, s1a} {
				if c.Type != "service" {
					t.Errorf("%s: type %q, want service", c.Ref, c.Type)
				}
				if c.Origin.Pointer != tc.ptr[i] {
					t.Errorf("%s: pointer %q, want %q", c.Ref, c.Origin.Pointer, tc.ptr[i])
				}
			}
			if s0.Supplier == nil || s0.Supplier.Name != "Carrier Corp." || len(s0.Supplier.URLs) != 1 {
				t.Errorf("s0 supplier (provider) = %+v", s0.Supplier)
			}
			if s0.Group != "voice" || s0.Version != "2025" || len(s0.ExternalRefs) != 1 || len(s0.Properties) != 1 || len(s0.Licenses) != 1 {
				t.Errorf("s0 fields: %+v", s0)
			}
			wantTexts := map[string][]string{
				"s0":  {"licenses[0].license.name=Carrier Terms", "licenses[0].license.url=https://carrier.example/terms", "endpoints[0]=https://sip.carrier.example/trunk"},
				"s1":  {"endpoints[0]=https://rep.cloud.example/"},
				"s1a": {"endpoints[0]=https://stats.cloud.example"},
			}
			for ref, want := range wantTexts {
				var got []string
				for _, x := range byRef[ref].Texts {
					got = append(got, x.Field+"="+x.Value)
				}
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s texts %q, want %q", ref, got, want)
				}
			}
			if s1.Description != "file reputation lookups" || s1.Parent != "" || s1a.Parent != "s1" {
				t.Errorf("s1 description %q parent %q; s1a parent %q", s1.Description, s1.Parent, s1a.Parent)
			}
			if deps := doc.Dependencies["s1"]; len(deps) != 1 || deps[0] != "s1a" {
				t.Errorf("graph s1 -> %v, want [s1a]", deps)
			}
			// The evidence of an endpoint is a URL text.
			if x := s1.Texts[0]; x.Kind != TextURL {
				t.Errorf("endpoint text kind %d, want TextURL", x.Kind)
			}
		})
	}
}
