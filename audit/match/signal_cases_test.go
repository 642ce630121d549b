package match

import (
	"os"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
	"gopkg.in/yaml.v3"
)

// The tables below are the signal, corroboration and category cases of
// package audit (signal_test.go, corroborate_test.go, verdict_test.go),
// checked here on the attribution itself so that the matching code's own
// tests catch a broken signal: whether the component is attributed to
// Kaspersky at all (verdict "" = not), its category, its confidence and
// the evidence that must be there. The verdict column is kept as written
// there, for the reader; the assessment is audit/assess's.

type verdictLabel string

const (
	prohibited verdictLabel = "prohibited"
	review     verdictLabel = "review"
	info       verdictLabel = "info"
)

type ev struct{ signal, field string }

type matchCase struct {
	name       string
	c          sbom.Component
	verdict    verdictLabel
	category   vendorlists.Category
	confidence Confidence
	evidence   []ev
}

func org(name string) *sbom.Organization { return &sbom.Organization{Name: name} }

// testListMatcher compiles package audit's test list (audit/testdata).
func testListMatcher(t testing.TB) *Matcher {
	t.Helper()
	data, err := os.ReadFile("../testdata/testlist.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var l vendorlists.List
	if err := yaml.Unmarshal(data, &l); err != nil {
		t.Fatalf("decode test list: %v", err)
	}
	m, err := New([]*vendorlists.List{&l})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// attributed fails t unless at is nil when category is "" (no
// attribution wanted), or present otherwise; it reports whether there is
// an attribution to check further.
func attributed(t *testing.T, at *Attribution, category vendorlists.Category) bool {
	t.Helper()
	if category == "" {
		if at != nil {
			t.Fatalf("attributed (%s): %s %+v", at.Category, at.Reason, at.Evidence)
		}
		return false
	}
	if at == nil {
		t.Fatal("not attributed")
	}
	return true
}

func attributionFor(ats []Attribution, entity string) *Attribution {
	for i := range ats {
		if ats[i].Entity.ID == entity {
			return &ats[i]
		}
	}
	return nil
}

func runMatchCases(t *testing.T, m *Matcher, cases []matchCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			at := attributionFor(m.Attribute(&tt.c), "kaspersky")
			if tt.verdict == "" {
				if at != nil {
					t.Fatalf("unexpected attribution: %s %s, evidence %+v", at.Category, at.Confidence, at.Evidence)
				}
				return
			}
			if at == nil {
				t.Fatal("not attributed")
			}
			if at.Category != tt.category || at.Confidence != tt.confidence {
				t.Errorf("got %s/%s, want %s/%s (%s)", at.Category, at.Confidence, tt.category, tt.confidence, at.Reason)
			}
			for _, e := range tt.evidence {
				found := false
				for _, x := range at.Evidence {
					found = found || x.Signal == e.signal && x.Field == e.field
				}
				if !found {
					t.Errorf("missing evidence %s at %s in %+v", e.signal, e.field, at.Evidence)
				}
			}
			if ref := componentRef(&tt.c); at.Component.Name != ref.Name || at.Component.PURL != ref.PURL || at.Entity.List != at.List.ID {
				t.Errorf("component %+v entity %+v", at.Component, at.Entity)
			}
		})
	}
}

func TestSignals(t *testing.T) {
	const (
		product = vendorlists.CategoryProduct
		nonSec  = vendorlists.CategoryNonSecurity
		ti      = vendorlists.CategoryThreatIntel
		mention = vendorlists.CategoryMention
		high    = ConfidenceHigh
		medium  = ConfidenceMedium
		low     = ConfidenceLow
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
		{name: "supplier brand and corporate words", c: sbom.Component{Name: "fw", Supplier: org("Kaspersky Technologies Co., Ltd.")},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"supplier", "supplier.name"}}},
		{name: "supplier brand and a unit", c: sbom.Component{Name: "fw", Supplier: org("Kaspersky OEM Technologies")},
			verdict: review, category: product, confidence: low, evidence: []ev{{"supplier", "supplier.name"}}},
		{name: "supplier Singapore legal form", c: sbom.Component{Name: "x", Supplier: org("Kaspersky Lab Pte. Ltd.")},
			verdict: prohibited, category: product, confidence: high, evidence: []ev{{"supplier", "supplier.name"}}},
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
		// References that only point at the entity: a vendor's article linked
		// from someone else's package is a citation, whatever the type says.
		{name: "other ref to vendor blog", c: sbom.Component{Name: "openssl", Supplier: org("Debian"), PURL: "pkg:deb/debian/openssl@3.0.1",
			ExternalRefs: []sbom.ExternalRef{{Type: "other", URL: "https://www.kaspersky.com/blog/openssl-vulnerabilities/"}}},
			verdict: info, category: mention, confidence: low, evidence: []ev{{"domain", "externalRefs[0].url"}}},
		{name: "website ref to research article, own author", c: sbom.Component{Name: "yara-python", Authors: []sbom.Contact{{Name: "Victor M. Alvarez"}},
			PURL: "pkg:pypi/yara-python@4.5.1", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://securelist.com/how-to-use-yara-rules/"}}},
			verdict: info, category: mention, confidence: low},
		{name: "SPDX security advisory ref", c: sbom.Component{Name: "log4j-core", PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
			ExternalRefs: []sbom.ExternalRef{{Type: "SECURITY:advisory", URL: "https://securelist.com/cve-2021-44228-vulnerability-in-apache-log4j-library/105210/"}}},
			verdict: info, category: mention, confidence: low},
		{name: "SPDX other url ref", c: sbom.Component{Name: "curl", ExternalRefs: []sbom.ExternalRef{{Type: "OTHER:url", URL: "https://www.kaspersky.com/blog/curl-bug/"}}},
			verdict: info, category: mention, confidence: low},
		{name: "home page that is a dated article", c: sbom.Component{Name: "tool", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://www.kaspersky.com/about/press-releases/2024_x"}}},
			verdict: info, category: mention, confidence: low},
		{name: "evidence ref", c: sbom.Component{Name: "tool", ExternalRefs: []sbom.ExternalRef{{Type: "evidence", URL: "https://www.kaspersky.com/products/x"}}},
			verdict: info, category: mention, confidence: low},
		{name: "home page on entity domain", c: sbom.Component{Name: "tool", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://www.kaspersky.com/enterprise-security/endpoint"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "externalRefs[0].url"}}},
		{name: "SPDX 3 source artifact", c: sbom.Component{Name: "tool", ExternalRefs: []sbom.ExternalRef{{Type: "sourceArtifact", URL: "https://www.kaspersky.com/src/tool.tgz"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "externalRefs[0].url"}}},
		{name: "vcs ref", c: sbom.Component{Name: "tool", ExternalRefs: []sbom.ExternalRef{{Type: "vcs", URL: "https://git.kaspersky.com/tool.git"}}},
			verdict: prohibited, category: product, confidence: medium, evidence: []ev{{"domain", "externalRefs[0].url"}}},

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
		{name: "possessive in description", c: sbom.Component{Name: "av-wrapper", Description: "Thin wrapper around Kaspersky's scan engine"},
			verdict: review, category: vendorlists.CategoryIntegration, confidence: low},
		{name: "possessive, citing", c: sbom.Component{Name: "rules", Description: "Tuned with Kaspersky's research"},
			verdict: info, category: mention, confidence: low},
		{name: "attribution text with provenance", c: sbom.Component{Name: "scanner",
			Texts: []sbom.Text{{Kind: sbom.TextCopyright, Field: "attributionTexts[0]", Value: "Anti-virus engine powered by Kaspersky"}}},
			verdict: review, category: vendorlists.CategoryIntegration, confidence: low},
		{name: "description mention", c: sbom.Component{Name: "log-parser", Description: "Parses AO Kaspersky Lab event logs"},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"description", "description"}}},
		{name: "comment mention", c: sbom.Component{Name: "x", Comment: "Replaces Kaspersky"},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"comment", "comment"}}},
		{name: "person in authors", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "Igor Chekunov <i@example.org>"}}},
			verdict: info, category: vendorlists.CategoryMention, confidence: low, evidence: []ev{{"person", "authors[0].name"}}},
		{name: "person surname only", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "Chekunov"}}}},
		// Look-alike characters and punycode in URLs, purls and names.
		{name: "confusable distribution host", c: sbom.Component{Name: "x", ExternalRefs: []sbom.ExternalRef{{Type: "distribution", URL: "https://products.s.k\u0430spersky-labs.com/x.tgz"}}},
			verdict: review, category: product, confidence: low, evidence: []ev{{"confusable", "externalRefs[0].url"}}},
		{name: "punycode host", c: sbom.Component{Name: "x", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://xn--kspersky-labs-w1k.com/"}}},
			verdict: review, category: product, confidence: low, evidence: []ev{{"confusable", "externalRefs[0].url"}}},
		{name: "punycode of a genuine IDN", c: sbom.Component{Name: "x", ExternalRefs: []sbom.ExternalRef{{Type: "website", URL: "https://xn--bcher-kva.example/"}}}},
		{name: "confusable purl namespace", c: sbom.Component{Name: "sdk", PURL: "pkg:maven/com.k\u0430vsdk.engine/sdk@1"},
			verdict: review, category: product, confidence: low, evidence: []ev{{"confusable", "purl"}}},
		{name: "combining overlay in a name", c: sbom.Component{Name: "x", Supplier: org("Kaspers\u0336ky Lab")},
			verdict: review, category: product, confidence: low, evidence: []ev{{"confusable", "supplier.name"}}},
		{name: "person as SPDX supplier", c: sbom.Component{Name: "x", Supplier: org("Person: Igor Chekunov (i@example.org)")},
			verdict: review, category: product, confidence: low, evidence: []ev{{"person", "supplier.name"}}},
		{name: "person as originator", c: sbom.Component{Name: "x", Originator: org("Person: Igor Chekunov")},
			verdict: review, category: product, confidence: low, evidence: []ev{{"person", "originator.name"}}},
		{name: "person surname as supplier", c: sbom.Component{Name: "x", Supplier: org("Person: Chekunov")}},
		{name: "casperjs", c: sbom.Component{Name: "casperjs", PURL: "pkg:npm/casperjs@1.1.4", Description: "Navigation scripting for PhantomJS"}},

		// Several strong signals.
		{name: "two strong non-identity signals", c: sbom.Component{Name: "x", Authors: []sbom.Contact{{Name: "Kaspersky Lab", Email: "a@kaspersky.com"}}},
			verdict: prohibited, category: product, confidence: high},
	}
	runMatchCases(t, testListMatcher(t), cases)
}

func TestSharedNameCorroboration(t *testing.T) {
	kics := func(mod func(*sbom.Component)) sbom.Component {
		c := sbom.Component{Name: "kics", PURL: "pkg:deb/debian/kics@1.7"}
		if mod != nil {
			mod(&c)
		}
		return c
	}
	const product = vendorlists.CategoryProduct
	cases := []matchCase{
		{name: "alone", c: kics(nil), verdict: review, category: product, confidence: ConfidenceLow},
		{name: "unrelated supplier", c: kics(func(c *sbom.Component) { c.Supplier = org("Checkmarx Ltd.") })},
		{name: "unrelated manufacturer", c: kics(func(c *sbom.Component) { c.Manufacturer = org("Checkmarx Ltd.") })},
		{name: "unrelated publisher", c: kics(func(c *sbom.Component) { c.Publisher = "Checkmarx" })},
		{name: "unrelated authors", c: kics(func(c *sbom.Component) {
			c.Authors = []sbom.Contact{{Name: "Rogério Peixoto"}, {Name: "Felipe Avelar", Email: "felipe@checkmarx.example"}}
		})},
		{name: "entity among the authors", c: kics(func(c *sbom.Component) {
			c.Authors = []sbom.Contact{{Name: "Build Bot"}, {Name: "AO Kaspersky Lab"}}
		}), verdict: prohibited, category: product, confidence: ConfidenceMedium},
		{name: "entity as supplier", c: kics(func(c *sbom.Component) { c.Supplier = org("Kaspersky Lab ZAO") }),
			verdict: prohibited, category: product, confidence: ConfidenceHigh},
	}
	runMatchCases(t, testListMatcher(t), cases)
}

func TestCategoryRules(t *testing.T) {
	cases := []matchCase{
		{name: "integration: manufacturer is the entity, supplier someone else",
			c:       sbom.Component{Name: "utm-firmware", Supplier: org("ZyXEL"), Manufacturer: org("Kaspersky Lab")},
			verdict: prohibited, category: vendorlists.CategoryIntegration, confidence: ConfidenceHigh},
		{name: "integration: originator is the entity, supplier someone else",
			c:       sbom.Component{Name: "orange-security-suite", Supplier: org("Orange"), Originator: org("AO Kaspersky Lab")},
			verdict: prohibited, category: vendorlists.CategoryIntegration, confidence: ConfidenceMedium},
		{name: "manufacturer and supplier both the entity is a product",
			c:       sbom.Component{Name: "kes", Supplier: org("Kaspersky Lab"), Manufacturer: org("AO Kaspersky Lab")},
			verdict: prohibited, category: vendorlists.CategoryProduct, confidence: ConfidenceHigh},
		{name: "rule category overrides the product presumption",
			c:       sbom.Component{Name: "kaspresso", Supplier: org("Kaspersky Lab"), PURL: "pkg:maven/com.kaspersky.android-components/kaspresso@1"},
			verdict: review, category: vendorlists.CategoryNonSecurity, confidence: ConfidenceHigh},
		{name: "contribution never above review",
			c:       sbom.Component{Name: "mwcollectd", Supplier: org("Debian"), Copyright: "© 2009 Georg Wicherski, Kaspersky Labs GmbH"},
			verdict: review, category: vendorlists.CategoryContribution, confidence: ConfidenceMedium},
		{name: "copyright with the entity as supplier is a product",
			c:       sbom.Component{Name: "knp", Supplier: org("AO Kaspersky Lab"), Copyright: "© 2024 AO Kaspersky Lab"},
			verdict: prohibited, category: vendorlists.CategoryProduct, confidence: ConfidenceHigh},
		{name: "mention only is info",
			c:       sbom.Component{Name: "x", Description: "Kaspersky Lab log decoder"},
			verdict: info, category: vendorlists.CategoryMention, confidence: ConfidenceLow},
		{name: "name alone: generated CPE",
			c:       sbom.Component{Name: "y", CPEs: []sbom.CPE{{Value: "cpe:2.3:a:kaspersky_lab:y:1:*:*:*:*:*:*:*", Generated: true}}},
			verdict: review, category: vendorlists.CategoryProduct, confidence: ConfidenceLow},
		{name: "name alone plus a mention stays review",
			c:       sbom.Component{Name: "kics", PURL: "pkg:deb/debian/kics@1", Description: "Kaspersky Industrial CyberSecurity"},
			verdict: review, category: vendorlists.CategoryProduct, confidence: ConfidenceLow},
	}
	runMatchCases(t, testListMatcher(t), cases)
}
