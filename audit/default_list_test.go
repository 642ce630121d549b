package audit

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestEmbeddedList runs the real embedded list over a few representative
// components, so that the list and the matcher stay compatible.
func TestEmbeddedList(t *testing.T) {
	l, err := vendorlists.Default()
	if err != nil {
		t.Fatalf("embedded list: %v", err)
	}
	a, err := New(Config{Lists: []*vendorlists.List{l}, AsOf: testAsOf})
	if err != nil {
		t.Fatalf("New with the embedded list: %v", err)
	}
	cases := []matchCase{
		{name: "kesl deb from Kaspersky", c: sbom.Component{Name: "kesl", PURL: "pkg:deb/kaspersky/kesl@12.1.0", Supplier: org("AO Kaspersky Lab")},
			verdict: VerdictProhibited, category: vendorlists.CategoryProduct, confidence: ConfidenceHigh},
		{name: "declared CPE", c: sbom.Component{Name: "kts", CPEs: []sbom.CPE{{Value: "cpe:/a:kaspersky_lab:kaspersky_internet_security_2017"}}},
			verdict: VerdictProhibited, category: vendorlists.CategoryProduct, confidence: ConfidenceHigh},
		{name: "kaspresso", c: sbom.Component{Name: "kaspresso", PURL: "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4"},
			verdict: VerdictReview, category: vendorlists.CategoryNonSecurity, confidence: ConfidenceHigh},
		{name: "nrpe copyright", c: sbom.Component{Name: "nagios-nrpe-server", PURL: "pkg:deb/debian/nagios-nrpe-server@4.1.0-1",
			Supplier: org("Debian"), Copyright: "Copyright: 2011, Kaspersky Lab ZAO"},
			verdict: VerdictReview, category: vendorlists.CategoryContribution, confidence: ConfidenceMedium},
		{name: "KasperSkytte", c: sbom.Component{Name: "ampvis2", PURL: "pkg:github/kasperskytte/ampvis2@2.8"}},
		{name: "python3-fakesleep", c: sbom.Component{Name: "python3-fakesleep", PURL: "pkg:deb/debian/python3-fakesleep@0.1-1"}},
		{name: "apache commons", c: sbom.Component{Name: "commons-io", PURL: "pkg:maven/commons-io/commons-io@2.15.1",
			Supplier: org("The Apache Software Foundation")}},
	}
	runMatchCases(t, a, cases)
}
