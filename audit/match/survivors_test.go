package match

import (
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// Mutants `make mutate` leaves alive in this package, each equivalent
// (no behaviour can tell it from the original):
//
//   - textscan.go:24:17, textscan.go:25:17, prefilter.go:8:17,
//     prefilter.go:55:37 ARITHMETIC_BASE: `1 << 16 / 64` made
//     `1 << 16 * 64` only enlarges a bitmap array; every index (k>>6 of a
//     uint16) still falls in its first 1024 words.
//   - signal_cpe.go:59:14, signal_cpe.go:61:14 CONDITIONALS_BOUNDARY:
//     `len(s) > 8` made `>= 8` (and `> 5` made `>= 5`) only admits the
//     bare prefix "cpe:2.3:" or "cpe:/", whose empty remainder has no
//     vendor either way.
//   - signal_product.go:134:10 CONDITIONALS_BOUNDARY: `j < start` made
//     `j <= start`; j == start is inside the name, skipped just above.
//
// (Line numbers from make mutate of 2026-12-01, session 4.)
// match.go:187 (six ARITHMETIC_BASE on string "+") do not compile:
// gremlins counts them killed, the script's re-run not viable.

// TestLineageRole: a hit on a related component (CycloneDX pedigree) is
// weighed by how it relates: an ancestor the entity made makes the
// component an integration at least; a descendant or variant only
// relates to it; a mention stays a mention.
func TestLineageRole(t *testing.T) {
	for _, tt := range []struct {
		l    sbom.Lineage
		in   role
		want role
	}{
		{sbom.LineageOwn, roleSupplier, roleSupplier},
		{sbom.LineageOwn, roleMention, roleMention},
		{sbom.LineageAncestor, roleSupplier, roleAncestor},
		{sbom.LineageAncestor, roleMention, roleMention},
		{sbom.LineageDescendant, roleSupplier, roleRelated},
		{sbom.LineageDescendant, roleMention, roleMention},
		{sbom.LineageVariant, roleManufacturer, roleRelated},
	} {
		if got := lineageRole(tt.l, tt.in); got != tt.want {
			t.Errorf("lineageRole(%q, %d) = %d, want %d", tt.l, tt.in, got, tt.want)
		}
	}
}

// TestIntegrationWordsAfterTheName: two-word integration markers after a
// product name ("add on", "plug in", "content pack", "app for"), and a
// marker's first word alone at the end, which is none.
func TestIntegrationWordsAfterTheName(t *testing.T) {
	p := []string{"kaspersky", "security", "center"}
	for _, tt := range []struct {
		name string
		want bool
	}{
		{"Kaspersky Security Center add on", true},
		{"Kaspersky Security Center plug in", true},
		{"Kaspersky Security Center content pack", true},
		{"Kaspersky Security Center app for Splunk", true},
		{"Kaspersky Security Center add", false},
		{"Kaspersky Security Center plug", false},
		{"Kaspersky Security Center add in", false},
		{"Kaspersky Security Center plug on", false},
		{"Kaspersky Security Center app", false},
		{"Kaspersky Security Center content", false},
		{"on add Kaspersky Security Center", false},
		{"in plug Kaspersky Security Center", false},
	} {
		toks := Tokens(tt.name)
		at := -1
		for i := range toks {
			if hasWordsAt(toks, i, p) {
				at = i
				break
			}
		}
		if at < 0 {
			t.Fatalf("%q: product not found", tt.name)
		}
		if got := integrationName(toks, at, at+len(p)); got != tt.want {
			t.Errorf("%q: integration %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestUnhexEveryDigit(t *testing.T) {
	for in, want := range map[string]string{
		"%30%39": "09", "%41%46": "af", "%61%66": "af", "%4F": "o", "%4f": "o", "%3A": ":", "%5A": "z",
	} {
		if got := string(appendLower(nil, in, true)); got != want {
			t.Errorf("appendLower(%q, decode) = %q, want %q", in, got, want)
		}
	}
}

func evidenceAt(at *Attribution, signal, field string) int {
	n := 0
	for _, e := range at.Evidence {
		if e.Signal == signal && e.Field == field {
			n++
		}
	}
	return n
}

// TestConfusableOnlyWhereTheRawValueDidNotMatch: look-alike evidence is
// added per field for rules the raw value of that field did not match.
func TestConfusableOnlyWhereTheRawValueDidNotMatch(t *testing.T) {
	m := testListMatcher(t)
	// The raw supplier names the entity; a Cyrillic а in the
	// manufacturer is still a look-alike on that field.
	c := sbom.Component{Name: "x", Supplier: org("Kaspersky Lab"), Manufacturer: org("K\u0430spersky Lab")}
	at := attributionFor(m.Attribute(&c), "kaspersky")
	if at == nil || evidenceAt(at, "confusable", "manufacturer.name") != 1 {
		t.Fatalf("want one confusable evidence on manufacturer.name, got %+v", at)
	}
	// Plain and look-alike spelling in one field: the raw value matched
	// already, so no look-alike evidence on it.
	c = sbom.Component{Name: "x", Supplier: org("Kaspersky Lab / K\u0430spersky Lab")}
	at = attributionFor(m.Attribute(&c), "kaspersky")
	if at == nil || evidenceAt(at, "supplier", "supplier.name") == 0 || evidenceAt(at, "confusable", "supplier.name") != 0 {
		t.Fatalf("want supplier evidence and no confusable one, got %+v", at)
	}
}

// TestInvisibleCharactersNotedOncePerField: a field whose value hides
// invisible characters gets one note, whatever number of rules matched
// it; every such field gets its own.
func TestInvisibleCharactersNotedOncePerField(t *testing.T) {
	m := testListMatcher(t)
	c := sbom.Component{Name: "x", Supplier: org("Kasper\u200bsky Lab"), Publisher: "Kaspersky\u2060 Lab"}
	at := attributionFor(m.Attribute(&c), "kaspersky")
	if at == nil {
		t.Fatal("not attributed")
	}
	for _, f := range []string{"supplier.name", "publisher"} {
		if n := evidenceAt(at, "invisible-characters", f); n != 1 {
			t.Errorf("%d invisible-characters notes on %s, want 1: %+v", n, f, at.Evidence)
		}
	}
	for _, e := range at.Evidence {
		if e.Signal == "invisible-characters" && (e.Strength != "weak" || !strings.Contains(e.Matched, "U+")) {
			t.Errorf("note %+v", e)
		}
	}
}

// TestEquipmentCPEKeepsAProduct: an entity whose products are equipment
// (Hikvision: cameras and recorders) makes software that is not its
// product, unless a matched CPE of part o or h says the component is
// the equipment's firmware or hardware.
func TestEquipmentCPEKeepsAProduct(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct {
		cpe  string
		want string
	}{
		{"cpe:2.3:o:hikvision:ds-2cd2032-i_firmware:5.4.0:*:*:*:*:*:*:*", "product"},
		{"cpe:/h:hikvision:ds-2cd2032-i", "product"},
		{"cpe:2.3:a:hikvision:ivms-4200:3.0:*:*:*:*:*:*:*", "non-security"},
	} {
		c := sbom.Component{Name: "svc", Type: "library", CPEs: []sbom.CPE{{Value: tt.cpe}}}
		at := attributionFor(m.Attribute(&c), "hikvision")
		if at == nil || string(at.Category) != tt.want {
			t.Errorf("%s: %+v, want %s", tt.cpe, at, tt.want)
		}
	}
}

// TestPackageNameOncePerRule: a package the purl matched is not matched
// again from the component name; another package the name matches is.
func TestPackageNameOncePerRule(t *testing.T) {
	m := testListMatcher(t)
	for _, tt := range []struct {
		c            sbom.Component
		purl, byName int
	}{
		{sbom.Component{Name: "KESL", PURL: "pkg:deb/kaspersky/kesl@12.1"}, 1, 0},
		{sbom.Component{Name: "klnagent64", PURL: "pkg:deb/kaspersky/kesl@12.1"}, 1, 1},
	} {
		at := attributionFor(m.Attribute(&tt.c), "kaspersky")
		if at == nil {
			t.Fatalf("%s: not attributed", tt.c.Name)
		}
		if p, n := evidenceAt(at, "package-name", "purl"), evidenceAt(at, "package-name", "name"); p != tt.purl || n != tt.byName {
			t.Errorf("%s: package-name evidence on purl %d, on name %d; want %d, %d: %+v", tt.c.Name, p, n, tt.purl, tt.byName, at.Evidence)
		}
	}
}

// TestConfusableBesideAnotherEntity: a name that spells one listed entity
// plainly and another with look-alike characters is evidence for both:
// the plain match of one rule never hides the look-alike of another.
func TestConfusableBesideAnotherEntity(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct{ name, plain, lookAlike string }{
		{"Kaspersky Endpoint Security Hu\u0430wei", "kaspersky", "huawei"},
		{"Huawei K\u0430spersky Endpoint Security", "huawei", "kaspersky"},
	} {
		ats := m.Attribute(&sbom.Component{Name: tt.name})
		plain, look := attributionFor(ats, tt.plain), attributionFor(ats, tt.lookAlike)
		if plain == nil || look == nil || evidenceAt(look, "confusable", "name") == 0 || evidenceAt(plain, "confusable", "name") != 0 {
			t.Errorf("%q: %s %+v / %s %+v", tt.name, tt.plain, plain, tt.lookAlike, look)
		}
	}
}

// TestComponentRefLabel: a component's label joins the parts it has.
func TestComponentRefLabel(t *testing.T) {
	for _, tt := range []struct {
		c    ComponentRef
		want string
	}{
		{ComponentRef{Name: "kesl"}, "kesl"},
		{ComponentRef{Name: "kesl", Version: "11.4"}, "kesl@11.4"},
		{ComponentRef{Group: "com.kaspersky", Name: "kav"}, "com.kaspersky/kav"},
		{ComponentRef{Group: "com.kaspersky", Name: "kav", Version: "1"}, "com.kaspersky/kav@1"},
	} {
		if got := tt.c.Label(); got != tt.want {
			t.Errorf("Label(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}
