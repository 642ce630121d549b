package match

import (
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// FuzzSplitPURL: the allocation-free purl splitter never panics, and what
// it returns is a well-formed type/namespace/name cut of its input.
func FuzzSplitPURL(f *testing.F) {
	for _, s := range []string{
		"pkg:maven/com.kaspersky/kaspresso@1.5.4?type=jar#sub",
		"pkg:npm/%40kaspersky/hexa-ui@1.0.0",
		"PKG:DEB/debian/kesl@11",
		"pkg://golang/github.com/a/b/c",
		"pkg:a/@",
		"pkg:/",
		"pkg:npm/name@1@2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := splitPURL(s)
		if !ok {
			return
		}
		if p.typ == "" || p.name == "" {
			t.Fatalf("splitPURL(%q) = %+v: empty type or name", s, p)
		}
		if strings.Contains(p.typ, "/") || strings.Contains(p.name, "/") {
			t.Fatalf("splitPURL(%q) = %+v: a slash in type or name", s, p)
		}
		for _, part := range []string{p.typ, p.ns, p.name} {
			if !strings.Contains(s, part) {
				t.Fatalf("splitPURL(%q) = %+v: %q is not from the input", s, p, part)
			}
		}
		if strings.ContainsAny(p.name, "?#") || strings.ContainsAny(p.ns, "?#") {
			t.Fatalf("splitPURL(%q) = %+v: qualifiers or subpath kept", s, p)
		}
	})
}

// FuzzCPEVendor: the vendor is a field of the CPE (never the part, never a
// wildcard), never runs past an unescaped colon, and is what a plain
// byte-by-byte reading of the CPE finds (cpeVendorRef).
func FuzzCPEVendor(f *testing.F) {
	for _, s := range []string{
		"cpe:2.3:a:kaspersky:anti-virus:21.3:*:*:*:*:*:*:*",
		"cpe:/a:kaspersky_lab:kaspersky_endpoint_security:11",
		`cpe:2.3:a:kasper\:sky:x:*`,
		`cpe:2.3:a:kasper\\\\:sky:x:*`,
		"cpe:2.3::vendor:x",
		"cpe:2.3:ab:vendor:x",
		"cpe:2.3:a:*:x",
		"cpe:/a:-",
		"cpe:2.3:a:v\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := cpeVendor(s)
		if ref := cpeVendorRef(s); v != ref {
			t.Fatalf("cpeVendor(%q) = %q, a byte-by-byte reading finds %q", s, v, ref)
		}
		if v == "" {
			return
		}
		if v == "*" || v == "-" {
			t.Fatalf("cpeVendor(%q) = %q, a wildcard", s, v)
		}
		if !strings.Contains(s, v) {
			t.Fatalf("cpeVendor(%q) = %q, not a part of the input", s, v)
		}
		for i := 0; i < len(v); i++ {
			if v[i] == '\\' {
				i++
				continue
			}
			if v[i] == ':' {
				t.Fatalf("cpeVendor(%q) = %q runs past an unescaped colon", s, v)
			}
		}
	})
}

// cpeVendorRef is cpeVendor written the plain way: skip the part up to
// the first colon, then read byte by byte, a backslash escaping the next.
func cpeVendorRef(s string) string {
	rest, ok := cpeBody(s)
	if !ok {
		return ""
	}
	i := strings.IndexByte(rest, ':')
	if i < 0 {
		return ""
	}
	rest = rest[i+1:]
	end := 0
	for end < len(rest) && rest[end] != ':' {
		if rest[end] == '\\' {
			end++
		}
		end++
	}
	v := rest[:min(end, len(rest))]
	if v == "*" || v == "-" {
		return ""
	}
	return v
}

// FuzzCPEMayMatch: the first-word gate of CPE vendors never turns away a
// vendor that normalises to a listed one (embedded lists).
func FuzzCPEMayMatch(f *testing.F) {
	m, err := embeddedIndexForFuzz()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"kaspersky", "kaspersky_lab", "ao_kaspersky_lab", `\@algolia\/client`, `kasper\sky`, "KASPERSKY",
		`organization\:kaspersky`, "%6Baspersky", "kaspersky's", "\u0430o_kaspersky", "sp_z_o_o_kaspersky",
		"ao", "(kaspersky)", "huawei", "dahuasecurity", "zte_corporation", "inc_huawei", "x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if m.cpes[NormalizeCPEVendor(v)] != nil && !m.cpeMayMatch(v) {
			t.Fatalf("cpeMayMatch(%q) = false, but it normalises to %q, a listed vendor", v, NormalizeCPEVendor(v))
		}
		// The same vendor in a CPE name, read without parsing the vendor.
		cpe := "cpe:2.3:a:" + v + ":product:1.0:*:*:*:*:*:*:*"
		if vv := cpeVendor(cpe); vv != "" && m.cpes[NormalizeCPEVendor(vv)] != nil && m.cpeFirstWordRejects(cpe) {
			t.Fatalf("cpeFirstWordRejects(%q) = true, but its vendor %q normalises to a listed vendor", cpe, vv)
		}
	})
}

func embeddedIndexForFuzz() (*index, error) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		return nil, err
	}
	m, err := New(lists)
	if err != nil {
		return nil, err
	}
	return m.ix, nil
}

func TestCPEMayMatch(t *testing.T) {
	ix, err := embeddedIndexForFuzz()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		v    string
		want bool
	}{
		{"kaspersky", true}, {"KASPERSKY_LAB", true}, {"ao_kaspersky_lab", true}, {`kasper\sky`, true},
		{`\@algolia\/client-abtesting`, false}, {"golang", false}, {"actions\\/checkout", false},
		{"%6Baspersky", true}, {"kaspersky's", true}, {`organization\:kaspersky`, true},
		{"ao", true}, // legal forms only: the full path decides
		{"apache_kaspersky", false},
	} {
		if got := ix.cpeMayMatch(tt.v); got != tt.want {
			t.Errorf("cpeMayMatch(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
