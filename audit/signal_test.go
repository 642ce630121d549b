package audit

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// ev names one piece of evidence a case expects.
type ev struct{ signal, field string }

type matchCase struct {
	name       string
	c          sbom.Component
	verdict    Verdict // "" = no finding for kaspersky
	category   vendorlists.Category
	confidence Confidence
	evidence   []ev
}

func runMatchCases(t *testing.T, a *Auditor, cases []matchCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := findingFor(a.MatchComponent(&tt.c), "kaspersky")
			if tt.verdict == "" {
				if f != nil {
					t.Fatalf("unexpected finding: %s %s, evidence %+v", f.Verdict, f.Category, f.Evidence)
				}
				return
			}
			if f == nil {
				t.Fatal("no finding")
			}
			if f.Verdict != tt.verdict || f.Category != tt.category || f.Confidence != tt.confidence {
				t.Errorf("got %s/%s/%s, want %s/%s/%s (%s)", f.Verdict, f.Category, f.Confidence,
					tt.verdict, tt.category, tt.confidence, f.Rationale)
			}
			for _, e := range tt.evidence {
				if !hasEvidence(f, e.signal, e.field) {
					t.Errorf("missing evidence %s at %s in %+v", e.signal, e.field, f.Evidence)
				}
			}
		})
	}
}

func TestSignals(t *testing.T) {
	const (
		prohibited = VerdictProhibited
		review     = VerdictReview
		info       = VerdictInfo
		product    = vendorlists.CategoryProduct
		nonSec     = vendorlists.CategoryNonSecurity
		ti         = vendorlists.CategoryThreatIntel
		high       = ConfidenceHigh
		medium     = ConfidenceMedium
		low        = ConfidenceLow
	)
	cases := []matchCase{
		// Organisation fields.
		{name: "supplier legal form", c: sbom.Component{Name: "avp", Supplier: org("AO Kaspersky Lab")},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"supplier", "supplier.name"}}},
		{name: "supplier SPDX role and e-mail", c: sbom.Component{Name: "x", Supplier: org("Organization: Kaspersky Lab (a@b.org)")},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"supplier", "supplier.name"}}},
		{name: "supplier Cyrillic", c: sbom.Component{Name: "x", Supplier: org("АО «Лаборатория Касперского»")},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"supplier", "supplier.name"}}},
		{name: "supplier one-word name", c: sbom.Component{Name: "x", Supplier: org("Kaspersky")},
			verdict: prohibited, category: product, confidence: high},
		{name: "supplier subsidiary contains name", c: sbom.Component{Name: "x", Supplier: org("Kaspersky Lab Polska Sp. z o.o.")},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"supplier", "supplier.name"}}},
		{name: "supplier person with one-word name inside", c: sbom.Component{Name: "x", Supplier: org("Alan Kaspersky")}},
		{name: "manufacturer", c: sbom.Component{Name: "x", Manufacturer: org("Kaspersky Lab, Inc.")},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"manufacturer", "manufacturer.name"}}},
		{name: "publisher", c: sbom.Component{Name: "x", Publisher: "Kaspersky Lab JSC"},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"publisher", "publisher"}}},
		{name: "author name", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "AO Kaspersky Lab"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"author", "authors[0].name"}}},
		{name: "author KasperSkytte", c: sbom.Component{Name: "ampvis2", Authors: []sbom.Contact{{Name: "KasperSkytte"}}}},
		{name: "originator alone", c: sbom.Component{Name: "x", Originator: org("Kaspersky Lab")},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"originator", "originator.name"}}},

		// Copyright.
		{name: "copyright only, other supplier", c: sbom.Component{Name: "nagios-nrpe-server", Supplier: org("Nagios Enterprises"), Copyright: "Copyright: 2011, Kaspersky Lab ZAO"},
			verdict: review, category: vendorlists.CategoryContribution, confidence: medium, evidence: []ev{{"copyright", "copyright"}}},
		{name: "copyright one-word name is not enough", c: sbom.Component{Name: "x", Copyright: "Copyright 2020 Alan Kaspersky"}},

		// Package URLs and groups.
		{name: "maven purl", c: sbom.Component{Name: "kaspresso", PURL: "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4"},
			verdict: review, category: nonSec, confidence: high, evidence: []ev{{"purl", "purl"}, {"product", "name"}}},
		{name: "maven wildcard namespace", c: sbom.Component{Name: "sdk", PURL: "pkg:maven/com.kavsdk.av/sdk@1"},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"purl", "purl"}}},
		{name: "maven wildcard base namespace", c: sbom.Component{Name: "sdk", PURL: "pkg:maven/com.kavsdk/sdk@1"},
			verdict: prohibited, category: product, confidence: high},
		{name: "maven look-alike namespace", c: sbom.Component{Name: "sdk", PURL: "pkg:maven/com.kavsdkx/sdk@1"}},
		{name: "maven group without purl", c: sbom.Component{Name: "adbserver-device", Group: "com.kaspersky.android-components"},
			verdict: review, category: nonSec, confidence: high, evidence: []ev{{"purl", "group"}}},
		{name: "npm scope escaped", c: sbom.Component{Name: "hexa-ui", PURL: "pkg:npm/%40kaspersky/hexa-ui@6.198.2"},
			verdict: review, category: nonSec, confidence: high, evidence: []ev{{"purl", "purl"}}},
		{name: "npm scope in group", c: sbom.Component{Name: "dev-tools", Group: "@kaspersky"},
			verdict: review, category: nonSec, confidence: high, evidence: []ev{{"purl", "group"}}},
		{name: "npm other scope", c: sbom.Component{Name: "hexa-ui", PURL: "pkg:npm/%40kasperskyy/hexa-ui@1"}},
		{name: "purl rule with name", c: sbom.Component{Name: "scanengine_httpd", PURL: "pkg:docker/kaspersky/scanengine_httpd@2"},
			verdict: prohibited, category: product, confidence: high},
		{name: "purl rule with other name", c: sbom.Component{Name: "nginx", PURL: "pkg:docker/kaspersky/nginx@2"}},
		{name: "github purl mixed case", c: sbom.Component{Name: "klogga", PURL: "pkg:github/KasperskyLab/klogga@v1"},
			verdict: review, category: nonSec, confidence: high},
		{name: "github vcs url", c: sbom.Component{Name: "klogga", ExternalRefs: []sbom.ExternalRef{{Type: "vcs", URL: "git+https://github.com/KasperskyLab/klogga.git"}}},
			verdict: review, category: nonSec, confidence: high, evidence: []ev{{"vcs", "externalRefs[0].url"}}},
		{name: "github KasperSkytte", c: sbom.Component{Name: "ampvis2", ExternalRefs: []sbom.ExternalRef{{Type: "vcs", URL: "https://github.com/KasperSkytte/ampvis2"}}}},

		// CPEs.
		{name: "declared cpe 2.2", c: sbom.Component{Name: "kts", CPEs: []sbom.CPE{{Value: "cpe:/a:kaspersky:kaspersky_total_security"}}},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"cpe", "cpes[0]"}}},
		{name: "declared cpe 2.3 kaspersky_lab", c: sbom.Component{Name: "kis", CPEs: []sbom.CPE{{Value: "cpe:2.3:a:kaspersky_lab:kaspersky_internet_security_2017:*:*:*:*:*:*:*:*"}}},
			verdict: prohibited, category: product, confidence: high},
		{name: "cpe vendor ao-kaspersky-lab", c: sbom.Component{Name: "x", CPEs: []sbom.CPE{{Value: "cpe:2.3:a:ao-kaspersky-lab:x:1:*:*:*:*:*:*:*"}}},
			verdict: prohibited, category: product, confidence: high},
		{name: "generated cpe only", c: sbom.Component{Name: "kaspersky", CPEs: []sbom.CPE{{Value: "cpe:2.3:a:kaspersky:kaspersky:1:*:*:*:*:*:*:*", Generated: true}}},
			verdict: review, category: product, confidence: low, evidence: []ev{{"cpe", "cpes[0]"}, {"name", "name"}}},
		{name: "cpe look-alike vendor", c: sbom.Component{Name: "x", CPEs: []sbom.CPE{{Value: "cpe:2.3:a:kasperskytte:ampvis2:1:*:*:*:*:*:*:*"}}}},

		// Domains.
		{name: "download url subdomain", c: sbom.Component{Name: "kesl.tgz", ExternalRefs: []sbom.ExternalRef{{Type: "distribution", URL: "https://products.s.kaspersky-labs.com/endpoints/kesl.tgz"}}},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"domain", "externalRefs[0].url"}}},
		{name: "website url", c: sbom.Component{Name: "x", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://support.KASPERSKY.com/kesl"}}},
			verdict: prohibited, category: product, confidence: medium},
		{name: "notkaspersky.com", c: sbom.Component{Name: "x", ExternalRefs: []sbom.ExternalRef{{Type: "distribution", URL: "https://notkaspersky.com/x"}}}},
		{name: "kaspersky.com.evil.example", c: sbom.Component{Name: "x", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://kaspersky.com.evil.example/"}}}},
		{name: "author e-mail", c: sbom.Component{Name: "opentip2", Authors: []sbom.Contact{{Name: "Someone", Email: "opentip_py@kaspersky.com"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "authors[0].email"}}},
		{name: "supplier url", c: sbom.Component{Name: "x", Supplier: &sbom.Organization{Name: "Reseller", URLs: []string{"https://www.kaspersky.ru/"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "supplier.urls[0]"}}},
		{name: "supplier contact e-mail", c: sbom.Component{Name: "x", Supplier: &sbom.Organization{Contact: []sbom.Contact{{Email: "x@kaspersky.com"}}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "supplier.contact[0].email"}}},
		{name: "publisher e-mail", c: sbom.Component{Name: "x", Publisher: "Team <team@os.kaspersky.com>"},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "publisher"}}},
		{name: "threat-intel domain", c: sbom.Component{Name: "rules", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://securelist.com/apt"}}},
			verdict: review, category: ti, confidence: medium},

		// Package names.
		{name: "deb unique package", c: sbom.Component{Name: "kesl", PURL: "pkg:deb/kaspersky/kesl@12.1"},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"package-name", "purl"}}},
		{name: "package in other ecosystem", c: sbom.Component{Name: "kesl", PURL: "pkg:npm/kesl@1.0.0"}},
		{name: "package without purl", c: sbom.Component{Name: "klnagent64"},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"package-name", "name"}}},
		{name: "non-unique package alone", c: sbom.Component{Name: "kics", PURL: "pkg:deb/debian/kics@1"},
			verdict: review, category: product, confidence: low},
		{name: "non-unique package corroborated", c: sbom.Component{Name: "kics", PURL: "pkg:deb/debian/kics@1", Supplier: org("AO Kaspersky Lab")},
			verdict: prohibited, category: product, confidence: high},
		{name: "pypi threat-intel package", c: sbom.Component{Name: "opentip", PURL: "pkg:pypi/opentip@1.2"},
			verdict: review, category: ti, confidence: medium},
		{name: "python3-fakesleep", c: sbom.Component{Name: "python3-fakesleep", PURL: "pkg:deb/debian/python3-fakesleep@0.1"}},

		// Properties.
		{name: "syft maintainer property", c: sbom.Component{Name: "x", Properties: []sbom.Property{{Name: "syft:metadata:maintainer", Value: "Kaspersky Lab <support@example.org>"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"property", "properties[0].value"}}},
		{name: "syft vendor property e-mail", c: sbom.Component{Name: "x", Properties: []sbom.Property{{Name: "syft:metadata:Vendor", Value: "Build <b@kaspersky.com>"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "properties[0].value"}}},
		{name: "other property mentions", c: sbom.Component{Name: "x", Properties: []sbom.Property{{Name: "note", Value: "tested with Kaspersky Endpoint Security"}}},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"property", "properties[0].value"}}},
		{name: "cpe property skipped", c: sbom.Component{Name: "x", Properties: []sbom.Property{{Name: "syft:cpe23", Value: "cpe:2.3:a:kaspersky:x:1:*:*:*:*:*:*:*"}}}},

		// Product names and mentions.
		{name: "branded product name", c: sbom.Component{Name: "Kaspersky Endpoint Security for Linux"},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"product", "name"}}},
		{name: "bare product name", c: sbom.Component{Name: "Kaspresso"},
			verdict: review, category: nonSec, confidence: low},
		{name: "product word inside other word", c: sbom.Component{Name: "kaspressolike"}},
		{name: "file named after entity", c: sbom.Component{Name: "kaspersky_scanner.lua"},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"name", "name"}}},
		{name: "description mention", c: sbom.Component{Name: "log-parser", Description: "Parses AO Kaspersky Lab event logs"},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"description", "description"}}},
		{name: "comment mention", c: sbom.Component{Name: "x", Comment: "Replaces Kaspersky"},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"comment", "comment"}}},
		{name: "person in authors", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "Igor Chekunov <i@example.org>"}}},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"person", "authors[0].name"}}},
		{name: "person surname only", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "Chekunov"}}}},
		{name: "casperjs", c: sbom.Component{Name: "casperjs", PURL: "pkg:npm/casperjs@1.1.4", Description: "Navigation scripting for PhantomJS"}},

		// Several strong signals.
		{name: "two strong non-identity signals", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "Kaspersky Lab", Email: "a@kaspersky.com"}}},
			verdict: prohibited, category: product, confidence: high},
	}
	runMatchCases(t, newTestAuditor(t), cases)
}
