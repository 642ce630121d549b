package audit

import (
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestVerdictRules(t *testing.T) {
	cases := []matchCase{
		{name: "integration: manufacturer is the entity, supplier someone else",
			c:       sbom.Component{Name: "utm-firmware", Supplier: org("ZyXEL"), Manufacturer: org("Kaspersky Lab")},
			verdict: VerdictProhibited, category: vendorlists.CategoryIntegration, confidence: ConfidenceHigh},
		{name: "integration: originator is the entity, supplier someone else",
			c:       sbom.Component{Name: "orange-security-suite", Supplier: org("Orange"), Originator: org("AO Kaspersky Lab")},
			verdict: VerdictProhibited, category: vendorlists.CategoryIntegration, confidence: ConfidenceMedium},
		{name: "manufacturer and supplier both the entity is a product",
			c:       sbom.Component{Name: "kes", Supplier: org("Kaspersky Lab"), Manufacturer: org("AO Kaspersky Lab")},
			verdict: VerdictProhibited, category: vendorlists.CategoryProduct, confidence: ConfidenceHigh},
		{name: "rule category overrides the product presumption",
			c:       sbom.Component{Name: "kaspresso", Supplier: org("Kaspersky Lab"), PURL: "pkg:maven/com.kaspersky.android-components/kaspresso@1"},
			verdict: VerdictReview, category: vendorlists.CategoryNonSecurity, confidence: ConfidenceHigh},
		{name: "contribution never above review",
			c:       sbom.Component{Name: "mwcollectd", Supplier: org("Debian"), Copyright: "© 2009 Georg Wicherski, Kaspersky Labs GmbH"},
			verdict: VerdictReview, category: vendorlists.CategoryContribution, confidence: ConfidenceMedium},
		{name: "copyright with the entity as supplier is a product",
			c:       sbom.Component{Name: "knp", Supplier: org("AO Kaspersky Lab"), Copyright: "© 2024 AO Kaspersky Lab"},
			verdict: VerdictProhibited, category: vendorlists.CategoryProduct, confidence: ConfidenceHigh},
		{name: "mention only is info",
			c:       sbom.Component{Name: "x", Description: "Kaspersky Lab log decoder"},
			verdict: VerdictInfo, category: vendorlists.CategoryMention, confidence: ConfidenceLow},
		{name: "name alone: generated CPE",
			c:       sbom.Component{Name: "y", CPEs: []sbom.CPE{{Value: "cpe:2.3:a:kaspersky_lab:y:1:*:*:*:*:*:*:*", Generated: true}}},
			verdict: VerdictReview, category: vendorlists.CategoryProduct, confidence: ConfidenceLow},
		{name: "name alone plus a mention stays review",
			c:       sbom.Component{Name: "kics", PURL: "pkg:deb/debian/kics@1", Description: "Kaspersky Industrial CyberSecurity"},
			verdict: VerdictReview, category: vendorlists.CategoryProduct, confidence: ConfidenceLow},
	}
	runMatchCases(t, newTestAuditor(t), cases)
}

func TestProfiles(t *testing.T) {
	kaspresso := sbom.Component{Name: "kaspresso", PURL: "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4"}
	kesl := sbom.Component{Name: "kesl", Supplier: org("AO Kaspersky Lab")}
	opentip := sbom.Component{Name: "opentip", PURL: "pkg:pypi/opentip@1.2", Authors: []sbom.Contact{{Name: "Kaspersky Lab"}}}
	integ := sbom.Component{Name: "fw", Supplier: org("ZyXEL"), Manufacturer: org("Kaspersky Lab")}
	tests := []struct {
		profiles []string
		c        sbom.Component
		want     Verdict
		regimes  []string // regimes of the obligations, in order
	}{
		// BIS binds for Kaspersky but covers only products and
		// integrations: a non-security component is a question under it.
		{nil, kaspresso, VerdictReview, []string{"bis-icts-2024"}},
		{[]string{"us-commercial"}, kaspresso, VerdictReview, []string{"bis-icts-2024"}},
		{[]string{"us-federal-contractor"}, kaspresso, VerdictProhibited, []string{"far-52-204-23", "far-52-204-23"}},
		{[]string{"us-commercial"}, kesl, VerdictProhibited, []string{"bis-icts-2024"}},
		{[]string{"us-federal-contractor"}, kesl, VerdictProhibited, []string{"far-52-204-23", "far-52-204-23", "bis-icts-2024"}},
		{[]string{"fcc-subsidy-recipient"}, kesl, VerdictProhibited, []string{"fcc-covered-list", "bis-icts-2024"}},
		{[]string{"us-commercial"}, opentip, VerdictReview, nil},
		{[]string{"us-federal-contractor"}, opentip, VerdictProhibited, []string{"far-52-204-23", "far-52-204-23"}},
		{[]string{"fcc-subsidy-recipient"}, integ, VerdictProhibited, []string{"bis-icts-2024"}},
		// Two profiles bind the union of their regimes, once each.
		{[]string{"us-commercial", "fcc-subsidy-recipient"}, kesl, VerdictProhibited, []string{"bis-icts-2024", "fcc-covered-list"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.profiles, "+")+"/"+tt.c.Name, func(t *testing.T) {
			f := findingFor(newTestAuditor(t, tt.profiles...).MatchComponent(&tt.c), "kaspersky")
			if f == nil {
				t.Fatal("no finding")
			}
			if f.Verdict != tt.want {
				t.Errorf("verdict %s, want %s (%s)", f.Verdict, tt.want, f.Rationale)
			}
			var got []string
			for _, o := range f.Obligations {
				got = append(got, o.Regime)
			}
			if strings.Join(got, ",") != strings.Join(tt.regimes, ",") {
				t.Errorf("obligation regimes %v, want %v", got, tt.regimes)
			}
		})
	}
}

func TestRationale(t *testing.T) {
	a := newTestAuditor(t)
	tests := []struct {
		c    sbom.Component
		want []string
	}{
		{sbom.Component{Name: "kesl", Supplier: org("AO Kaspersky Lab")}, []string{"supplier.name", "which bis-icts-2024 covers"}},
		{sbom.Component{Name: "kaspresso", PURL: "pkg:maven/com.kaspersky.android-components/kaspresso@1"}, []string{"non-security", "bis-icts-2024 (Commerce ICTS Final Determination) binds you for this entity but names only its product and integration software as covered, so it needs review"}},
		{sbom.Component{Name: "nrpe", Supplier: org("Nagios"), Copyright: "Copyright 2011 Kaspersky Lab ZAO"}, []string{"Only a copyright notice ties", "whether the component integrates software or equipment of the entity that bis-icts-2024 covers"}},
		{sbom.Component{Name: "x", Description: "Kaspersky Lab parser"}, []string{"only mentions"}},
		{sbom.Component{Name: "Kaspresso"}, []string{"nothing corroborates"}},
	}
	for _, tt := range tests {
		f := findingFor(a.MatchComponent(&tt.c), "kaspersky")
		if f == nil {
			t.Fatalf("%s: no finding", tt.c.Name)
		}
		for _, w := range tt.want {
			if !strings.Contains(f.Rationale, w) {
				t.Errorf("%s: rationale %q lacks %q", tt.c.Name, f.Rationale, w)
			}
		}
		if strings.Count(f.Rationale, ". ") > 0 || !strings.HasSuffix(f.Rationale, ".") {
			t.Errorf("%s: rationale %q is not one sentence", tt.c.Name, f.Rationale)
		}
	}
}
