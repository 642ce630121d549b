package audit

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestObligations(t *testing.T) {
	l := loadTestList(t)
	a, err := New(Config{
		Lists: []*vendorlists.List{l}, Profiles: []string{"us-federal-contractor", "fcc-subsidy-recipient", "future"},
		AsOf: d("2026-12-30"), Discovered: d("2026-12-23"),
	})
	if err != nil {
		t.Fatal(err)
	}
	c := sbom.Component{Name: "kesl", Supplier: org("AO Kaspersky Lab")}
	f := findingFor(a.MatchComponent(&c), "kaspersky")
	if f == nil {
		t.Fatal("no finding")
	}
	want := []Obligation{
		{Regime: "far-52-204-23", Action: "Report to the contracting officer.", Effective: "2018-07-16", Due: "2026-12-29",
			// Counted from --discovered with nothing recorded: overdue (it
			// read "deadline passed on" before the L5 fix).
			Status: ObligationStatus{State: "overdue", Days: 1, Text: "overdue by 1 business day (no submission recorded)"}},
		{Regime: "far-52-204-23", Action: "Follow up with mitigation.", Effective: "2018-07-16", Due: "2027-01-13",
			Status: ObligationStatus{State: "due", Days: 14, Text: "due in 14 days at the latest"}},
		{Regime: "bis-icts-2024", Action: "Replace the software; no updates after this date.", Effective: "2024-09-29",
			Status: ObligationStatus{State: "in-force", Days: 822, Text: "in force for 822 days"}},
		{Regime: "fcc-covered-list", Action: "File the annual supply-chain report.", Effective: "2022-05-24", Due: "2027-03-31",
			Status: ObligationStatus{State: "due", Days: 91, Text: "due in 91 days"}},
		{Regime: "future-rule", Action: "Comply.", Effective: "2027-01-01", Due: "2027-06-30",
			Status: ObligationStatus{State: "upcoming", Days: 2, Text: "takes effect in 2 days"}},
	}
	if len(f.Obligations) != len(want) {
		t.Fatalf("got %d obligations, want %d: %+v", len(f.Obligations), len(want), f.Obligations)
	}
	for i, w := range want {
		g := f.Obligations[i]
		if g.Regime != w.Regime || g.Action != w.Action || g.Effective != w.Effective || g.Due != w.Due || g.Status != w.Status {
			t.Errorf("obligation %d = %+v, want %+v", i, g, w)
		}
		if g.Title == "" || g.Citation == "" || len(g.Sources) == 0 {
			t.Errorf("obligation %d lacks title, citation or sources: %+v", i, g)
		}
	}

	info := sbom.Component{Name: "x", Description: "Kaspersky Lab parser"}
	if f := findingFor(a.MatchComponent(&info), "kaspersky"); f == nil || len(f.Obligations) != 0 {
		t.Errorf("info finding carries obligations: %+v", f)
	}
}
