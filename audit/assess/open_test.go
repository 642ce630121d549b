package assess

import (
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestContributionRationaleNamesTheStatement checks that a finding on a
// licence's Rightholder clause or an attribution notice says so, instead
// of calling it a copyright of a component someone else supplies (a
// licence has no supplier).
func TestContributionRationaleNamesTheStatement(t *testing.T) {
	ls := embedded(t)
	k := ls["kaspersky"]
	a := newAssessor(t, Config{Lists: []*vendorlists.List{k}, Profiles: []string{"us-commercial"}, AsOf: d("2025-01-01")})
	tests := []struct{ reason, want string }{
		{`extractedLicense.extractedText "Rightholder is AO Kaspersky Lab" matches "AO Kaspersky Lab"`, "Only a licence text ties"},
		{`licenses[0].license.text "Rightholder is AO Kaspersky Lab" matches "AO Kaspersky Lab"`, "Only a licence text ties"},
		{`attributionTexts[0] "licensed from AO Kaspersky Lab" matches "AO Kaspersky Lab"`, "Only an attribution notice ties"},
		{`copyright "Copyright (c) 2011 Kaspersky Lab ZAO" matches "AO Kaspersky Lab"`, "Only a copyright notice ties"},
		{`evidence.copyright[0].text "(c) AO Kaspersky Lab" matches "AO Kaspersky Lab"`, "Only a copyright notice ties"},
	}
	for _, tt := range tests {
		at := inFile(attribution(k, "kaspersky", vendorlists.CategoryContribution, match.ConfidenceMedium))
		at.Reason = tt.reason
		got := a.Assess(at, a.Stateless())
		if !strings.HasPrefix(got.Rationale, tt.want) || !strings.Contains(got.Rationale, tt.reason) {
			t.Errorf("%s: rationale %q, want it to open with %q and quote the evidence", tt.reason, got.Rationale, tt.want)
		}
		if strings.Contains(got.Rationale, "someone else supplies") {
			t.Errorf("%s: rationale claims a supplier: %q", tt.reason, got.Rationale)
		}
	}
}

// TestCaseObligationsOfAQuestion checks that a remembered review no
// regime covers carries the obligations of the regimes that make it a
// question, as its assessment does.
func TestCaseObligationsOfAQuestion(t *testing.T) {
	ls := embedded(t)
	b := ls["bytedance"]
	a := newAssessor(t, Config{Lists: []*vendorlists.List{b}, Profiles: []string{"us-federal-contractor"}, AsOf: d("2025-01-01")})
	e := match.EntityRef{ID: "bytedance", Name: "ByteDance", List: b.ID}
	got := a.CaseObligations(b, e, vendorlists.CategoryNonSecurity, VerdictReview, a.Stateless())
	if r := regimesOf(got); r != "far-52-204-27/no-covered-application" {
		t.Errorf("obligations %s, want far-52-204-27/no-covered-application", r)
	}
	if got := a.CaseObligations(b, e, vendorlists.CategoryContribution, VerdictInfo, a.Stateless()); len(got) != 0 {
		t.Errorf("an info case has obligations: %s", regimesOf(got))
	}
}

// TestContributionOutOfScope checks that a list can say a regime does not
// turn on authorship: with contributions out of the scope of §889 Part A
// and B, a Huawei copyright on openEuler's libboundscheck is information
// only, as other-regimes-facts §4 reads it ("authorship ≠ equipment
// producer"), while a Huawei-copyrighted file inside a product stays a
// question of integration.
func TestContributionOutOfScope(t *testing.T) {
	s889 := *embedded(t)["section-889"]
	s889.Regimes = append([]vendorlists.Regime(nil), s889.Regimes...)
	for i := range s889.Regimes {
		r := &s889.Regimes[i]
		if r.ID == "far-52-204-25-part-a" || r.ID == "far-52-204-25-part-b" {
			r.OutOfScope = append(append([]vendorlists.Category(nil), r.OutOfScope...), vendorlists.CategoryContribution)
		}
	}
	a := newAssessor(t, Config{Lists: []*vendorlists.List{&s889}, Profiles: []string{"us-federal-contractor"}, AsOf: d("2025-01-01")})
	got := a.Assess(attribution(&s889, "huawei", vendorlists.CategoryContribution, match.ConfidenceMedium), a.Stateless())
	if got.Verdict != VerdictInfo || len(got.Obligations) != 0 {
		t.Errorf("verdict %s with %d obligations, want info with none (%s)", got.Verdict, len(got.Obligations), got.Rationale)
	}
	// The entity's code inside another component (a Huawei-copyrighted
	// file in ONT firmware) is still a question of integration.
	file := inFile(attribution(&s889, "huawei", vendorlists.CategoryContribution, match.ConfidenceMedium))
	if got := a.Assess(file, a.Stateless()); got.Verdict != VerdictReview || !strings.Contains(got.Rationale, "whether the component integrates software or equipment") || len(got.Obligations) == 0 {
		t.Errorf("a file: verdict %s with %d obligations (%s), want a review of integration", got.Verdict, len(got.Obligations), got.Rationale)
	}
	// The same list without that data keeps the question.
	b := newAssessor(t, Config{Lists: []*vendorlists.List{embedded(t)["section-889"]}, Profiles: []string{"us-federal-contractor"}, AsOf: d("2025-01-01")})
	if got := b.Assess(attribution(embedded(t)["section-889"], "huawei", vendorlists.CategoryContribution, match.ConfidenceMedium), b.Stateless()); got.Verdict != VerdictReview {
		t.Errorf("without outOfScope: verdict %s, want review", got.Verdict)
	}
}
