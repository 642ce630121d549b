package assess

import (
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func obligationByID(t *testing.T, obs []Obligation, regime, id string) Obligation {
	t.Helper()
	for _, o := range obs {
		if o.Regime == regime && o.ID == id {
			return o
		}
	}
	t.Fatalf("no obligation %s/%s in %s", regime, id, regimesOf(obs))
	return Obligation{}
}

func hasNote(o Obligation, want string) bool {
	for _, n := range o.Notes {
		if strings.Contains(n, want) {
			return true
		}
	}
	return false
}

// TestFARReportDeadlines dates the FAR 52.204-23 reports of a Kaspersky
// finding identified on Wednesday 2024-07-03: July 4th does not count.
// DEC 2023 clause: report within 3 business days (Fri 5, Mon 8, Tue 9);
// JUL 2018 clause: within 1 (Fri 5). The follow-up is due 10 business
// days after the report was submitted, or, unrecorded, after the report
// was due (then the latest possible date).
func TestFARReportDeadlines(t *testing.T) {
	k := embedded(t)["kaspersky"]
	tests := []struct {
		name                  string
		clause                string
		dates                 Dates
		done                  map[string]time.Time
		reportDue, reportText string
		followDue, followText string
		followLatest          bool
		clauseTitle           string
		notes                 []string // in the report's or follow-up's notes
	}{
		{name: "default clause, nothing recorded",
			dates:     Dates{Identified: d("2024-07-03")},
			reportDue: "2024-07-09", reportText: "due in 4 days",
			followDue: "2024-07-23", followText: "due in 18 days at the latest", followLatest: true,
			clauseTitle: "52.204-23 (DEC 2023)",
			notes: []string{"Window applied: 3 business days under clause 52.204-23 (DEC 2023), the default (current) version; name the version your contract carries with --far-clause 2018-07.",
				`Latest possible date: counted from 2024-07-09, the day "report" is due; no date of "report" is recorded`}},
		{name: "JUL 2018 clause named",
			clause:    "2018-07",
			dates:     Dates{Identified: d("2024-07-03")},
			reportDue: "2024-07-05", reportText: "due today",
			followDue: "2024-07-19", followText: "due in 14 days at the latest", followLatest: true,
			clauseTitle: "52.204-23 (JUL 2018)",
			notes: []string{"Window applied: 1 business day under clause 52.204-23 (JUL 2018), named with --far-clause 2018-07.",
				"The JUL 2018 clause sets 1 business day (S20, S24)."}},
		{name: "DEC 2023 clause named",
			clause:    "2023-12",
			dates:     Dates{Identified: d("2024-07-03")},
			reportDue: "2024-07-09", reportText: "due in 4 days",
			followDue: "2024-07-23", followText: "due in 18 days at the latest", followLatest: true,
			clauseTitle: "52.204-23 (DEC 2023)",
			notes:       []string{"Window applied: 3 business days under clause 52.204-23 (DEC 2023), named with --far-clause 2023-12."}},
		{name: "report recorded in time",
			dates:     Dates{Identified: d("2024-07-03"), Reported: d("2024-07-08")},
			reportDue: "2024-07-09", reportText: "done on 2024-07-08",
			followDue: "2024-07-22", followText: "due in 17 days",
			clauseTitle: "52.204-23 (DEC 2023)",
			notes:       []string{`Counted from 2024-07-08, the recorded date of "report".`}},
		{name: "report recorded late",
			dates:     Dates{Identified: d("2024-07-03"), Reported: d("2024-07-12")},
			reportDue: "2024-07-09", reportText: "done on 2024-07-12, 3 days after the deadline",
			followDue: "2024-07-26", followText: "due in 21 days",
			clauseTitle: "52.204-23 (DEC 2023)"},
		{name: "report recorded one day late",
			dates:     Dates{Identified: d("2024-07-03"), Reported: d("2024-07-10")},
			reportDue: "2024-07-09", reportText: "done on 2024-07-10, 1 day after the deadline",
			followDue: "2024-07-24", followText: "due in 19 days",
			clauseTitle: "52.204-23 (DEC 2023)"},
		// reported on the day identified; the follow-up, due 10 business days
		// later (July 4th is a holiday: 2024-07-18), is submitted on
		// 2024-07-04 and is done
		{name: "report and follow-up recorded",
			dates:     Dates{Identified: d("2024-07-03"), Reported: d("2024-07-03"), FollowedUp: d("2024-07-04")},
			reportDue: "2024-07-09", reportText: "done on 2024-07-03",
			followDue: "2024-07-18", followText: "done on 2024-07-04",
			clauseTitle: "52.204-23 (DEC 2023)"},
		{name: "report recorded for every case",
			dates:     Dates{Identified: d("2024-07-03")},
			done:      map[string]time.Time{"far-52-204-23/report": d("2024-07-05")},
			reportDue: "2024-07-09", reportText: "done on 2024-07-05",
			followDue: "2024-07-19", followText: "due in 14 days",
			clauseTitle: "52.204-23 (DEC 2023)"},
		{name: "no identification date: no computed deadline",
			dates:     Dates{},
			reportDue: "", reportText: "in force for 2181 days",
			followDue: "", followText: "in force for 2181 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAssessor(t, Config{Lists: []*vendorlists.List{k}, Profiles: []string{"us-federal-contractor"},
				AsOf: d("2024-07-05"), FARClause: tt.clause, Done: tt.done})
			got := a.Assess(attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), tt.dates)
			rep := obligationByID(t, got.Obligations, "far-52-204-23", "report")
			fol := obligationByID(t, got.Obligations, "far-52-204-23", "follow-up-report")
			if rep.Due != tt.reportDue || rep.Status.Text != tt.reportText || rep.DueIsLatest {
				t.Errorf("report due %q %q (latest %v), want %q %q", rep.Due, rep.Status.Text, rep.DueIsLatest, tt.reportDue, tt.reportText)
			}
			if fol.Due != tt.followDue || fol.Status.Text != tt.followText || fol.DueIsLatest != tt.followLatest {
				t.Errorf("follow-up due %q %q (latest %v), want %q %q (latest %v)", fol.Due, fol.Status.Text, fol.DueIsLatest, tt.followDue, tt.followText, tt.followLatest)
			}
			if rep.Clause != tt.clauseTitle || fol.Clause != "" {
				t.Errorf("clause %q / %q, want %q on the report only", rep.Clause, fol.Clause, tt.clauseTitle)
			}
			if wantFI := tt.reportDue != ""; got.FromIdentification != wantFI {
				t.Errorf("FromIdentification %v, want %v", got.FromIdentification, wantFI)
			}
			for _, n := range tt.notes {
				if !hasNote(rep, n) && !hasNote(fol, n) {
					t.Errorf("no note %q in %q / %q", n, rep.Notes, fol.Notes)
				}
			}
			if !strings.HasPrefix(rep.Notes[0], "FAC 2023-06 (2023-12-04) changed the window") {
				t.Errorf("the list's note comes first: %q", rep.Notes)
			}
			if rep.Effective != "2018-07-16" || rep.Title != "FAR 52.204-23" && !strings.Contains(rep.Title, "52.204-23") {
				t.Errorf("report effective %q title %q", rep.Effective, rep.Title)
			}
			if strings.Join(rep.Sources, ",") != "S20,S24,P5" || len(rep.Citations) != 3 || rep.Citations[0].ID != "S20" ||
				rep.Citations[0].Title == "S20" || rep.Citations[0].URL == "" {
				t.Errorf("report sources %v citations %+v", rep.Sources, rep.Citations)
			}
		})
	}
}

// TestFixedAndAnnualDeadlines: BOD 17-01 fixed its dates (identify by
// 2017-10-13); the FCC's annual supply-chain report is due March 31.
// Neither counts from identification.
func TestFixedAndAnnualDeadlines(t *testing.T) {
	k := embedded(t)["kaspersky"]
	tests := []struct {
		profile, asOf, regime, id string
		due                       string
		status                    ObligationStatus
	}{
		{"us-federal-agency", "2017-10-01", "bod-17-01", "identify", "2017-10-13", ObligationStatus{"due", 12, "due in 12 days"}},
		{"us-federal-agency", "2017-10-13", "bod-17-01", "identify", "2017-10-13", ObligationStatus{"due", 0, "due today"}},
		{"us-federal-agency", "2017-10-14", "bod-17-01", "identify", "2017-10-13", ObligationStatus{"passed", 1, "deadline passed on 2017-10-13"}},
		{"us-federal-agency", "2017-09-12", "bod-17-01", "identify", "2017-10-13", ObligationStatus{"upcoming", 1, "takes effect in 1 day"}},
		{"fcc-subsidy-recipient", "2025-03-31", "fcc-covered-list", "annual-supply-chain-report", "2025-03-31", ObligationStatus{"due", 0, "due today"}},
		{"fcc-subsidy-recipient", "2025-04-01", "fcc-covered-list", "annual-supply-chain-report", "2026-03-31", ObligationStatus{"due", 364, "due in 364 days"}},
		{"fcc-subsidy-recipient", "2024-01-15", "fcc-covered-list", "annual-supply-chain-report", "2024-03-31", ObligationStatus{"due", 76, "due in 76 days"}},
	}
	for _, tt := range tests {
		a := newAssessor(t, Config{Lists: []*vendorlists.List{k}, Profiles: []string{tt.profile}, AsOf: d(tt.asOf)})
		got := a.Assess(attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), a.Stateless())
		o := obligationByID(t, got.Obligations, tt.regime, tt.id)
		if o.Due != tt.due || o.Status != tt.status || o.DueIsLatest {
			t.Errorf("%s %s/%s: due %q %+v, want %q %+v", tt.asOf, tt.regime, tt.id, o.Due, o.Status, tt.due, tt.status)
		}
		if got.FromIdentification {
			t.Errorf("%s %s/%s: counted from identification", tt.asOf, tt.regime, tt.id)
		}
	}
}

// TestSection889ReportFromDiscovery: FAR 52.204-25(d) wants the report
// within 1 business day of identification; Christmas 2022 fell on a
// Sunday, so Monday 2022-12-26 was the observed holiday.
func TestSection889ReportFromDiscovery(t *testing.T) {
	s := embedded(t)["section-889"]
	a := newAssessor(t, Config{Lists: []*vendorlists.List{s}, Profiles: []string{"us-federal-contractor"},
		AsOf: d("2022-12-27"), Discovered: d("2022-12-23")})
	got := a.Assess(attribution(s, "huawei", vendorlists.CategoryProduct, match.ConfidenceHigh), a.Stateless())
	rep := obligationByID(t, got.Obligations, "far-52-204-25-part-a", "report")
	if rep.Due != "2022-12-27" || rep.Status.Text != "due today" || rep.Clause != "" || !got.FromIdentification {
		t.Errorf("report %+v (from identification %v)", rep, got.FromIdentification)
	}
	fol := obligationByID(t, got.Obligations, "far-52-204-25-part-a", "follow-up-report")
	// 10 business days from Tue 2022-12-27; Mon 2023-01-02 is New Year's observed.
	if fol.Due != "2023-01-11" || !fol.DueIsLatest {
		t.Errorf("follow-up %s (latest %v), want 2023-01-11 at the latest", fol.Due, fol.DueIsLatest)
	}
	if !a.DiscoveredGiven() || !a.Discovered().Equal(d("2022-12-23")) {
		t.Errorf("discovered %v given %v", a.Discovered(), a.DiscoveredGiven())
	}
}

func TestRecalledDates(t *testing.T) {
	k := embedded(t)["kaspersky"]
	a := newAssessor(t, Config{Lists: []*vendorlists.List{k}, AsOf: d("2025-01-10"), Discovered: d("2025-01-02")})
	if got := a.Stateless(); !got.Identified.Equal(d("2025-01-02")) || !got.Reported.IsZero() {
		t.Errorf("stateless %+v", got)
	}
	if got := a.Recalled(time.Time{}, time.Time{}, time.Time{}); !got.Identified.Equal(d("2025-01-02")) || !got.Reported.IsZero() || !got.FollowedUp.IsZero() {
		t.Errorf("recalled nothing: %+v", got)
	}
	got := a.Recalled(time.Date(2024, 12, 30, 15, 4, 5, 0, time.UTC), time.Date(2025, 1, 3, 9, 0, 0, 0, time.UTC), time.Date(2025, 1, 9, 23, 0, 0, 0, time.UTC))
	if !got.Identified.Equal(d("2024-12-30")) || !got.Reported.Equal(d("2025-01-03")) || !got.FollowedUp.Equal(d("2025-01-09")) {
		t.Errorf("recalled %+v, want 2024-12-30, 2025-01-03 and 2025-01-09 at midnight", got)
	}
}

func TestDateWarnings(t *testing.T) {
	ls := embedded(t)
	tests := []struct {
		name       string
		list       string
		profile    string
		clause     string
		asOf, disc string
		want       []string
	}{
		{"discovery after as-of", "kaspersky", "us-commercial", "", "2024-07-01", "2024-07-02",
			[]string{"the discovery date 2024-07-02 is later than the as-of date 2024-07-01: deadlines count from a day that has not come yet"}},
		{"discovery on as-of", "kaspersky", "us-commercial", "", "2024-07-01", "2024-07-01", nil},
		{"discovery before the default clause", "kaspersky", "us-federal-contractor", "", "2024-07-01", "2023-12-03",
			[]string{"the discovery date 2023-12-03 precedes 2023-12-04, when clause 52.204-23 (DEC 2023) took effect: a contract then carried an earlier version; name it with --far-clause"}},
		{"discovery on the clause's date", "kaspersky", "us-federal-contractor", "", "2024-07-01", "2023-12-04", nil},
		{"discovery after the named clause", "kaspersky", "us-federal-contractor", "2018-07", "2024-07-01", "2023-12-03", nil},
		{"discovery before the regime", "section-889", "us-federal-contractor", "", "2024-07-01", "2019-08-12",
			[]string{"the discovery date 2019-08-12 precedes 2019-08-13, when far-52-204-25-part-a took effect: its deadlines did not run then"}},
		{"discovery on the regime's date", "section-889", "us-federal-contractor", "", "2024-07-01", "2019-08-13", nil},
		{"no deadline counts from discovery", "bytedance", "us-federal-agency", "", "2024-07-01", "2020-01-01", nil},
	}
	for _, tt := range tests {
		a := newAssessor(t, Config{Lists: []*vendorlists.List{ls[tt.list]}, Profiles: []string{tt.profile},
			FARClause: tt.clause, AsOf: d(tt.asOf), Discovered: d(tt.disc)})
		if got := a.Warnings(); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: warnings\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestMissedDeadlineFromDiscoveryIsOverdue: identified (--discovered) on
// Wednesday 2026-11-25, the §889 report was due Friday 2026-11-27
// (Thanksgiving skipped); on Tuesday 2026-12-01, with nothing recorded,
// it is overdue by 2 business days, as a ledger would say, not merely
// "passed". The follow-up, due later, stays due; a fixed deadline long
// past stays "passed"; a ledger's case is left to the ledger.
func TestMissedDeadlineFromDiscoveryIsOverdue(t *testing.T) {
	s := embedded(t)["section-889"]
	a := newAssessor(t, Config{Lists: []*vendorlists.List{s}, Profiles: []string{"us-federal-contractor"},
		AsOf: d("2026-12-01"), Discovered: d("2026-11-25")})
	at := attribution(s, "huawei", vendorlists.CategoryProduct, match.ConfidenceHigh)
	got := a.Assess(at, a.Stateless())
	rep := obligationByID(t, got.Obligations, "far-52-204-25-part-a", "report")
	if rep.Due != "2026-11-27" || rep.Status.State != StateOverdue || rep.Status.Days != 2 ||
		rep.Status.Text != "overdue by 2 business days (no submission recorded)" {
		t.Errorf("report %s %+v, want due 2026-11-27, overdue by 2 business days", rep.Due, rep.Status)
	}
	if fol := obligationByID(t, got.Obligations, "far-52-204-25-part-a", "follow-up-report"); fol.Status.State != "due" {
		t.Errorf("follow-up %+v, want due", fol.Status)
	}
	// A ledger's case: the assessment says passed, the ledger decides.
	led := a.Assess(at, a.Recalled(d("2026-11-25"), time.Time{}, time.Time{}))
	if rep := obligationByID(t, led.Obligations, "far-52-204-25-part-a", "report"); rep.Status.State != StatePassed {
		t.Errorf("ledger case report %+v, want passed (the ledger restates it)", rep.Status)
	}
	// Without --discovered the case is identified today: nothing is late.
	b := newAssessor(t, Config{Lists: []*vendorlists.List{s}, Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-12-01")})
	if rep := obligationByID(t, b.Assess(at, b.Stateless()).Obligations, "far-52-204-25-part-a", "report"); rep.Status.State != "due" {
		t.Errorf("without --discovered: report %+v, want due", rep.Status)
	}
}
