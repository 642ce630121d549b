package assess

import (
	"testing"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestCaveatLabelAndCitationText(t *testing.T) {
	if got := (Caveat{Regime: "far-52.204-23"}).Label(); got != "far-52.204-23" {
		t.Errorf("Label = %q", got)
	}
	if got := (Caveat{Regime: "far-52.204-23", Obligation: "report"}).Label(); got != "far-52.204-23/report" {
		t.Errorf("Label = %q", got)
	}
	for _, tt := range []struct {
		c    Citation
		want string
	}{
		{Citation{ID: "S1"}, "S1"},
		{Citation{ID: "S1", Title: "S1"}, "S1"},
		{Citation{ID: "S1", Title: "89 FR 52434"}, "S1 89 FR 52434"},
		{Citation{ID: "S1", URL: "https://example.gov/x"}, "S1 <https://example.gov/x>"},
		{Citation{ID: "S1", Title: "89 FR 52434", URL: "https://example.gov/x"}, "S1 89 FR 52434 <https://example.gov/x>"},
	} {
		if got := tt.c.Text(); got != tt.want {
			t.Errorf("Text(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

// TestCaseObligationsNone: a remembered case of an info verdict or a mere
// mention owes nothing; a product case under a federal contractor's
// profile owes its reports.
func TestCaseObligationsNone(t *testing.T) {
	k := embedded(t)["kaspersky"]
	a := newAssessor(t, Config{Lists: []*vendorlists.List{k}, Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-12-01")})
	ent := match.EntityRef{ID: "kaspersky", Name: "Kaspersky", List: k.ID}
	dates := Dates{Identified: d("2026-11-25")}
	if obs := a.CaseObligations(k, ent, vendorlists.CategoryProduct, VerdictInfo, dates); len(obs) != 0 {
		t.Errorf("an info case owes %s", regimesOf(obs))
	}
	if obs := a.CaseObligations(k, ent, vendorlists.CategoryMention, VerdictReview, dates); len(obs) != 0 {
		t.Errorf("a mention owes %s", regimesOf(obs))
	}
	if obs := a.CaseObligations(k, ent, vendorlists.CategoryProduct, VerdictProhibited, dates); len(obs) == 0 {
		t.Error("a prohibited product case owes nothing")
	}
}
