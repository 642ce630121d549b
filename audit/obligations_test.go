package audit

import (
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestStatusAt(t *testing.T) {
	tests := []struct {
		effective, due, asOf string
		want                 ObligationStatus
	}{
		{"2024-09-29", "", "2026-11-27", ObligationStatus{"in-force", 789, "in force for 789 days"}},
		{"2026-11-26", "", "2026-11-27", ObligationStatus{"in-force", 1, "in force for 1 day"}},
		{"2027-01-01", "2027-06-30", "2026-11-27", ObligationStatus{"upcoming", 35, "takes effect in 35 days"}},
		{"2018-07-16", "2026-12-02", "2026-11-27", ObligationStatus{"due", 5, "due in 5 days"}},
		// Issue 13: "due today", not "due in 0 days"; a past deadline the
		// tool cannot know was met reads "deadline passed on".
		{"2018-07-16", "2026-11-27", "2026-11-27", ObligationStatus{"due", 0, "due today"}},
		{"2018-07-16", "2026-11-20", "2026-11-27", ObligationStatus{"passed", 7, "deadline passed on 2026-11-20"}},
		{"2017-09-13", "2017-10-13", "2026-11-27", ObligationStatus{"passed", 3332, "deadline passed on 2017-10-13"}},
		{"2026-11-27", "", "2026-11-27", ObligationStatus{"in-force", 0, "takes effect today"}},
	}
	for _, tt := range tests {
		var due time.Time
		if tt.due != "" {
			due = d(tt.due)
		}
		if got := statusAt(d(tt.effective), due, d(tt.asOf), false); got != tt.want {
			t.Errorf("statusAt(%s, %s, %s) = %+v, want %+v", tt.effective, tt.due, tt.asOf, got, tt.want)
		}
	}
}

func TestNextAnnual(t *testing.T) {
	tests := []struct {
		asOf string
		m    time.Month
		day  int
		want string
	}{
		{"2026-11-27", time.March, 31, "2027-03-31"},
		{"2026-03-31", time.March, 31, "2026-03-31"},
		{"2026-01-10", time.March, 31, "2026-03-31"},
		{"2026-03-01", time.February, 29, "2027-02-28"},
		{"2027-12-01", time.February, 29, "2028-02-29"},
	}
	for _, tt := range tests {
		if got := nextAnnual(d(tt.asOf), tt.m, tt.day).Format(time.DateOnly); got != tt.want {
			t.Errorf("nextAnnual(%s, %v-%d) = %s, want %s", tt.asOf, tt.m, tt.day, got, tt.want)
		}
	}
}

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
			Status: ObligationStatus{"passed", 1, "deadline passed on 2026-12-29"}},
		{Regime: "far-52-204-23", Action: "Follow up with mitigation.", Effective: "2018-07-16", Due: "2027-01-13",
			Status: ObligationStatus{"due", 14, "due in 14 days at the latest"}},
		{Regime: "bis-icts-2024", Action: "Replace the software; no updates after this date.", Effective: "2024-09-29",
			Status: ObligationStatus{"in-force", 822, "in force for 822 days"}},
		{Regime: "fcc-covered-list", Action: "File the annual supply-chain report.", Effective: "2022-05-24", Due: "2027-03-31",
			Status: ObligationStatus{"due", 91, "due in 91 days"}},
		{Regime: "future-rule", Action: "Comply.", Effective: "2027-01-01", Due: "2027-06-30",
			Status: ObligationStatus{"upcoming", 2, "takes effect in 2 days"}},
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
