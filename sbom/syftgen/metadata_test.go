package syftgen

import (
	"os"
	"reflect"
	"regexp"
	"testing"

	"github.com/anchore/syft/syft/file"
	"github.com/anchore/syft/syft/pkg"

	"github.com/embargo-sbom/embargo/sbom"
)

func TestSplitContact(t *testing.T) {
	tests := []struct{ in, name, email string }{
		{"AO Kaspersky Lab <support@kaspersky.com>", "AO Kaspersky Lab", "support@kaspersky.com"},
		{"AO Kaspersky Lab", "AO Kaspersky Lab", ""},
		{"opentip_py@kaspersky.com", "", "opentip_py@kaspersky.com"},
		{"Jane Doe <jane@example.com> (https://example.com/jane)", "Jane Doe", "jane@example.com"},
		{"Jane Doe (https://example.com)", "Jane Doe", ""},
		{`"Doe, Jane" <jane@example.com>`, "Doe, Jane", "jane@example.com"},
		{"  Kaspersky Lab, Inc.  ", "Kaspersky Lab, Inc.", ""},
		{"@kaspersky", "@kaspersky", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		name, email := splitContact(tt.in)
		if name != tt.name || email != tt.email {
			t.Errorf("splitContact(%q) = %q, %q; want %q, %q", tt.in, name, email, tt.name, tt.email)
		}
	}
}

func TestParseContacts(t *testing.T) {
	tests := []struct {
		in   string
		want []sbom.Contact
	}{
		{"", nil},
		{"AO Kaspersky Lab", []sbom.Contact{{Name: "AO Kaspersky Lab"}}},
		{"Kaspersky Lab, Inc.", []sbom.Contact{{Name: "Kaspersky Lab, Inc."}}},
		// syft joins npm author and contributors with ", "
		{"A One <a@example.com> (https://a.example), B Two <b@example.com>", []sbom.Contact{
			{Name: "A One", Email: "a@example.com"}, {Name: "B Two", Email: "b@example.com"},
		}},
	}
	for _, tt := range tests {
		if got := parseContacts(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseContacts(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestPythonAuthors(t *testing.T) {
	tests := []struct {
		author, email string
		want          []sbom.Contact
	}{
		{"Kaspersky Lab", "opentip_py@kaspersky.com", []sbom.Contact{{Name: "Kaspersky Lab", Email: "opentip_py@kaspersky.com"}}},
		{"", "Kaspersky Lab <opentip_py@kaspersky.com>", []sbom.Contact{{Name: "Kaspersky Lab", Email: "opentip_py@kaspersky.com"}}},
		{"Kaspersky Lab", "", []sbom.Contact{{Name: "Kaspersky Lab"}}},
		{"A One", "a@example.com, B Two <b@example.com>", []sbom.Contact{
			{Name: "A One", Email: "a@example.com"}, {Name: "B Two", Email: "b@example.com"},
		}},
		{"A One", "not an address", []sbom.Contact{{Name: "A One"}, {Email: "not an address"}}},
		{"", "", nil},
	}
	for _, tt := range tests {
		if got := pythonAuthors(tt.author, tt.email); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pythonAuthors(%q, %q) = %+v, want %+v", tt.author, tt.email, got, tt.want)
		}
	}
}

// TestAddMetadata covers the ecosystems the fixtures do not: each
// metadata type's vendor fields land in the right model field and are not
// repeated as properties, and the rest are kept.
func TestAddMetadata(t *testing.T) {
	tests := []struct {
		name      string
		md        any
		want      sbom.Component
		wantProps []sbom.Property
	}{
		{
			name: "rpm vendor",
			md:   pkg.RpmDBEntry{Name: "kesl", Version: "12.1.0", Release: "1297", Arch: "x86_64", Vendor: "AO Kaspersky Lab", Size: 10},
			want: sbom.Component{Name: "kesl", Version: "12.1.0-1297", Supplier: &sbom.Organization{Name: "AO Kaspersky Lab"}},
			wantProps: []sbom.Property{
				{Name: "syft:metadata:architecture", Value: "x86_64"},
				{Name: "syft:metadata:release", Value: "1297"},
			},
		},
		{
			name: "apk maintainer (pointer metadata)",
			md:   &pkg.ApkDBEntry{Package: "kav", Version: "1.0", Maintainer: "Kaspersky <apk@kaspersky.com>"},
			want: sbom.Component{Name: "kav", Version: "1.0", Supplier: &sbom.Organization{Name: "Kaspersky", Emails: []string{"apk@kaspersky.com"}}},
		},
		{
			name: "PE version resources",
			md: pkg.PEBinary{VersionResources: pkg.KeyValues{
				{Key: "CompanyName", Value: "AO Kaspersky Lab"},
				{Key: "LegalCopyright", Value: "© 2024 AO Kaspersky Lab"},
				{Key: "ProductName", Value: "Kaspersky Endpoint Security"},
			}},
			want: sbom.Component{Publisher: "AO Kaspersky Lab", Copyright: "© 2024 AO Kaspersky Lab"},
			wantProps: []sbom.Property{
				{Name: "syft:metadata:VersionResources.ProductName", Value: "Kaspersky Endpoint Security"},
			},
		},
		{
			name: ".NET deps executables",
			md: pkg.DotnetDepsEntry{Name: "Kaspersky.Sdk", Version: "1.0.0", Executables: map[string]pkg.DotnetPortableExecutableEntry{
				"Kaspersky.Sdk.dll": {CompanyName: "AO Kaspersky Lab", LegalCopyright: "AO Kaspersky Lab", ProductName: "SDK"},
			}},
			want: sbom.Component{Name: "Kaspersky.Sdk", Version: "1.0.0", Publisher: "AO Kaspersky Lab", Copyright: "AO Kaspersky Lab"},
		},
		{
			name: "gem authors",
			md:   pkg.RubyGemspec{Name: "kl", Version: "1", Authors: []string{"Kaspersky Lab", "jane@example.com"}, Homepage: "https://kaspersky.com"},
			want: sbom.Component{Name: "kl", Version: "1",
				Authors:      []sbom.Contact{{Name: "Kaspersky Lab"}, {Email: "jane@example.com"}},
				ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://kaspersky.com"}}},
		},
		{
			name: "composer authors",
			md: pkg.PhpComposerLockEntry{Name: "kaspersky/sdk", Version: "1.0", Authors: []pkg.PhpComposerAuthors{{Name: "Kaspersky", Email: "php@kaspersky.com", Homepage: "https://kaspersky.com"}},
				Dist: pkg.PhpComposerExternalReference{Type: "zip", URL: "https://example.com/sdk.zip"}},
			want: sbom.Component{Name: "kaspersky/sdk", Version: "1.0",
				Authors:      []sbom.Contact{{Name: "Kaspersky", Email: "php@kaspersky.com"}},
				ExternalRefs: []sbom.ExternalRef{{Type: "distribution", URL: "https://example.com/sdk.zip"}}},
			wantProps: []sbom.Property{
				{Name: "syft:metadata:authors[0].homepage", Value: "https://kaspersky.com"},
				{Name: "syft:metadata:dist.type", Value: "zip"},
			},
		},
		{
			name: "java manifest falls back to Bundle-Vendor",
			md: pkg.JavaArchive{Manifest: &pkg.JavaManifest{Main: pkg.KeyValues{
				{Key: "Bundle-Vendor", Value: "AO Kaspersky Lab"},
				{Key: "Built-By", Value: "builder"},
			}}, ArchiveDigests: []file.Digest{{Algorithm: "sha1", Value: "abc"}}},
			want: sbom.Component{Supplier: &sbom.Organization{Name: "AO Kaspersky Lab"}, Hashes: []sbom.Hash{{Algorithm: "sha1", Value: "abc"}}},
			wantProps: []sbom.Property{
				{Name: "syft:metadata:manifest.main.Built-By", Value: "builder"},
			},
		},
		{
			name: "no metadata",
			md:   nil,
			want: sbom.Component{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sbom.Component{Name: tt.want.Name, Version: tt.want.Version}
			addMetadata(&c, tt.md)
			props := c.Properties
			c.Properties = nil
			if !reflect.DeepEqual(c, tt.want) {
				t.Errorf("component = %+v\nwant        %+v", c, tt.want)
			}
			for _, p := range props {
				if isVendorKey(p.Name) {
					t.Errorf("lifted field repeated as property %s=%q", p.Name, p.Value)
				}
			}
			for _, w := range tt.wantProps {
				found := false
				for _, p := range props {
					found = found || p == w
				}
				if !found {
					t.Errorf("property %s=%q missing from %+v", w.Name, w.Value, props)
				}
			}
		})
	}
}

var vendorKey = regexp.MustCompile(`(?i)[:.](maintainer|vendor|companyName|legalCopyright|CompanyName|LegalCopyright|authors?(\[\d+\])?(\.name|\.email)?|Bundle-Vendor|digest\[\d+\]\.value)$`)

func isVendorKey(name string) bool { return vendorKey.MatchString(name) }

func TestParseCount(t *testing.T) {
	tests := map[string]int64{"1,234 packages": 1234, "7 packages": 7, "": 0, "packages": 0, " 12 packages": 12}
	for in, want := range tests {
		if got := parseCount(in); got != want {
			t.Errorf("parseCount(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestPinnedSyftVersion keeps the fallback version in step with go.mod.
func TestPinnedSyftVersion(t *testing.T) {
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*github\.com/anchore/syft (v\S+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatal("go.mod does not require github.com/anchore/syft")
	}
	if string(m[1]) != pinnedSyftVersion {
		t.Errorf("go.mod requires syft %s, pinnedSyftVersion is %s", m[1], pinnedSyftVersion)
	}
}
