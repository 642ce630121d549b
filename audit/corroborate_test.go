package audit

import (
	"slices"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestSharedNameCorroboration: a package name another project also uses
// (kics is Checkmarx's scanner too) is review alone, nothing when the
// component names its own unrelated maker in any maker field, and
// prohibited when a maker field names the entity.
func TestSharedNameCorroboration(t *testing.T) {
	kics := func(mod func(*sbom.Component)) sbom.Component {
		c := sbom.Component{Name: "kics", PURL: "pkg:deb/debian/kics@1.7"}
		if mod != nil {
			mod(&c)
		}
		return c
	}
	const (
		review     = VerdictReview
		prohibited = VerdictProhibited
		product    = vendorlists.CategoryProduct
	)
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
	runMatchCases(t, newTestAuditor(t, "us-federal-contractor"), cases)
}

// TestLookAlikePrecedence: when several look-alike rules match one
// component, a rule that says "not the entity at all" wins over one that
// keeps it as a mention, whatever their order in the list; between rules
// that keep a category, the first in the list wins.
func TestLookAlikePrecedence(t *testing.T) {
	c := sbom.Component{Name: "kasperskytip", PURL: "pkg:pypi/kasperskytip@0.1",
		Description: "Unofficial client for the Kaspersky OpenTIP API",
		Authors:     []sbom.Contact{{Name: "KasperSkytte"}}}
	for _, reversed := range []bool{false, true} {
		l := loadTestList(t)
		l.Entities = slices.Clone(l.Entities)
		for i := range l.Entities {
			fps := slices.Clone(l.Entities[i].FalsePositives)
			if reversed {
				slices.Reverse(fps)
			}
			l.Entities[i].FalsePositives = fps
		}
		a, err := New(Config{Lists: []*vendorlists.List{l}, AsOf: testAsOf})
		if err != nil {
			t.Fatal(err)
		}
		if f := findingFor(a.MatchComponent(&c), "kaspersky"); f != nil {
			t.Errorf("reversed=%v: the suppressing rule lost to the mention rule: %s %s (%s)", reversed, f.Verdict, f.Category, f.Rationale)
		}
	}

	// Two category rules: the first listed decides.
	l := loadTestList(t)
	l.Entities = slices.Clone(l.Entities)
	e := &l.Entities[len(l.Entities)-1]
	for i := range l.Entities {
		if l.Entities[i].ID == "kaspersky" {
			e = &l.Entities[i]
		}
	}
	e.FalsePositives = append([]vendorlists.FalsePositive{{
		ID: "first-contribution", Ecosystem: "pypi", Name: "kasperskytip",
		Category: vendorlists.CategoryContribution, Reason: "test rule listed first", Sources: []string{"T1"},
	}}, e.FalsePositives...)
	a, err := New(Config{Lists: []*vendorlists.List{l}, AsOf: testAsOf})
	if err != nil {
		t.Fatal(err)
	}
	c.Authors = nil
	f := findingFor(a.MatchComponent(&c), "kaspersky")
	if f == nil || f.Category != vendorlists.CategoryContribution {
		t.Fatalf("two category rules: got %s, want the first listed (contribution)", describeFinding(f))
	}
}
