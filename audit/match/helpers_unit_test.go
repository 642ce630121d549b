package match

import (
	"strings"
	"testing"
)

func TestComponentKey(t *testing.T) {
	for _, tt := range []struct {
		r    ComponentRef
		want string
	}{
		{ComponentRef{PURL: "pkg:deb/debian/kesl@11.4.0?arch=amd64#usr/bin", Name: "kesl"}, "pkg:deb/debian/kesl@11.4.0"},
		{ComponentRef{PURL: "pkg:deb/debian/kesl@11.4.0#sub?x", Name: "kesl"}, "pkg:deb/debian/kesl@11.4.0"},
		{ComponentRef{PURL: "pkg:npm/left-pad@1.3.0"}, "pkg:npm/left-pad@1.3.0"},
		{ComponentRef{Name: "kes", Group: "kaspersky", Version: "12", Type: "application", Ref: "r1"}, "application/kaspersky/kes@12"},
		{ComponentRef{Ref: "SPDXRef-Package-7"}, "SPDXRef-Package-7"},
	} {
		if got := ComponentKey(tt.r); got != tt.want {
			t.Errorf("ComponentKey(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestCloneIsDeep(t *testing.T) {
	at := Attribution{
		Component: ComponentRef{CPEs: []string{"cpe:a"}},
		Evidence:  []Evidence{{Signal: "supplier"}},
		Path:      []string{"app", "lib"},
		OSStamp:   &OSStamp{Product: "kasperskyos", Components: 2},
	}
	c := at.Clone()
	c.Component.CPEs[0], c.Evidence[0].Signal, c.Path[0], c.OSStamp.Components = "x", "x", "x", 9
	if at.Component.CPEs[0] != "cpe:a" || at.Evidence[0].Signal != "supplier" || at.Path[0] != "app" || at.OSStamp.Components != 2 {
		t.Errorf("clone shares memory with the original: %+v", at)
	}
	if (Attribution{}).Clone().OSStamp != nil {
		t.Error("clone invented an OS stamp")
	}
}

func TestWordByte(t *testing.T) {
	for b, want := range map[byte]byte{
		'a': 'a', 'z': 'z', 'A': 'a', 'Z': 'z', '0': '0', '9': '9',
		'`': 0, '{': 0, '@': 0, '[': 0, '/': 0, ':': 0, '-': 0, ' ': 0, 0xC3: 0,
	} {
		if got := wordByte(b); got != want {
			t.Errorf("wordByte(%q) = %q, want %q", b, got, want)
		}
	}
}

func TestAppendLowerDecoded(t *testing.T) {
	for in, want := range map[string]string{
		"Kaspersky%20Lab": "kaspersky lab",
		"%4b%41SPER":      "kasper", // hex digits either case, decoded then lower-cased
		"%4B%61":          "ka",
		"%3a%3A":          "::",
		"%zz%4":           "%zz%4", // not an escape
		"100%":            "100%",
		"%2":              "%2",
		"AZaz09%7E":       "azaz09~",
		"@[`{":            "@[`{",
	} {
		if got := string(appendLower(nil, in, true)); got != want {
			t.Errorf("appendLower(%q, decode) = %q, want %q", in, got, want)
		}
	}
	for b, want := range map[byte]bool{'0': true, '9': true, 'a': true, 'f': true, 'A': true, 'F': true, 'g': false, 'G': false, '/': false, ':': false, '`': false, '@': false} {
		if isHex(b) != want {
			t.Errorf("isHex(%q) = %v", b, !want)
		}
	}
}

func TestIsYear(t *testing.T) {
	for w, want := range map[string]bool{"2019": true, "19": true, "1": false, "20190": false, "20a9": false, "": false, "999": true} {
		if isYear(w) != want {
			t.Errorf("isYear(%q) = %v, want %v", w, !want, want)
		}
	}
}

func TestIsOrgProperty(t *testing.T) {
	for _, tt := range []struct {
		name string
		want bool
	}{
		{"syft:metadata:maintainer", true},
		{"syft:metadata:Vendor", true},
		{"PUBLISHER", true},
		{"x:co-authors", true},
		{"cdx:npm:packageSupplier", true},
		{"acme:Organization", true},
		{"ACME:MANUFACTURER", true},
		{"rpm:packager", true},
		{"spdx:originator", true},
		{"acme:company", true},
		{"vendor:path", false}, // only the last segment counts
		{"syft:package:foundBy", false},
		{"syft:location:0:path", false},
		{"acme:org", false},
		{"acme:vendo", false},
		{"acme:suppl", false},
		{"acme:\u212aompany", false}, // the Kelvin sign is not ASCII "c"... nor "k"
		{"", false},
		{"a:", false},
	} {
		if got := isOrgProperty(tt.name); got != tt.want {
			t.Errorf("isOrgProperty(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The memo gives the class classifyProperty gives, whatever the order
// of the names and however many share a slot.
func TestPropMemo(t *testing.T) {
	names := []string{"syft:package:foundBy", "syft:location:0:path", "syft:metadata:maintainer", "syft:cpe23",
		"syft:package:vendor", "syft:location:0:layerID", "acme:Supplier", "", "x", "y", "vendor", "rodnev"}
	for i := 0; i < 200; i++ {
		names = append(names, "p:"+strings.Repeat("a", i%40)+string(rune('a'+i%26))+"author"[:i%7])
	}
	var m propMemo
	for round := 0; round < 3; round++ {
		for i := range names {
			n := names[(i*7+round*13)%len(names)]
			if got, want := m.class(n), classifyProperty(n); got != want {
				t.Fatalf("memo class of %q = %v, want %v", n, got, want)
			}
		}
	}
	if classifyProperty("syft:package:vendor") != propOrg|propOpaque {
		t.Errorf("a bookkeeping property that names a vendor is both opaque and an organisation")
	}
}
