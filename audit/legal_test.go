package audit

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// Tests of issue 13 ("Legal precision") against the embedded Kaspersky
// list: each states the law as the source the list cites says it.

func embeddedAuditor(t *testing.T, cfg Config) *Auditor {
	t.Helper()
	l, err := vendorlists.Default()
	if err != nil {
		t.Fatalf("embedded list: %v", err)
	}
	cfg.Lists = []*vendorlists.List{l}
	a, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

var kesl = sbom.Component{Name: "kesl", PURL: "pkg:deb/kaspersky/kesl@12.1.0", Supplier: org("AO Kaspersky Lab")}

// integrated is a third-party product that embeds the Kaspersky engine.
var integrated = sbom.Component{Name: "acme-av-engine", Version: "5.2.0", Supplier: org("Acme Security Inc."),
	Manufacturer: org("AO Kaspersky Lab")}

func obligationOf(t *testing.T, a *Auditor, c sbom.Component, regime, id string) Obligation {
	t.Helper()
	f := findingFor(a.MatchComponent(&c), "kaspersky")
	if f == nil {
		t.Fatalf("no finding for %s", c.Name)
	}
	for _, o := range f.Obligations {
		if o.Regime == regime && o.ID == id {
			return o
		}
	}
	t.Fatalf("%s: no obligation %s/%s in %+v", c.Name, regime, id, f.Obligations)
	return Obligation{}
}

// FAR 52.204-23 (JUL 2018) requires the report within 1 business day; FAC
// 2023-06 (DEC 2023, effective 2023-12-04) made it 3 (S24, S20). The
// window depends on the clause in the contract; the default is DEC 2023.
func TestFARReportWindowByClause(t *testing.T) {
	// Wednesday 2026-11-25; Thursday 2026-11-26 is Thanksgiving.
	tests := []struct {
		clause, due, why string
	}{
		{"", "2026-12-01", "the default (current) version"},
		{"2023-12", "2026-12-01", "named with --far-clause 2023-12"},
		{"2018-07", "2026-11-27", "named with --far-clause 2018-07"},
	}
	for _, tt := range tests {
		a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-11-25"),
			Discovered: d("2026-11-25"), FARClause: tt.clause})
		o := obligationOf(t, a, kesl, "far-52-204-23", "report")
		if o.Due != tt.due {
			t.Errorf("clause %q: report due %s, want %s", tt.clause, o.Due, tt.due)
		}
		notes := strings.Join(o.Notes, " ")
		if !strings.Contains(notes, "Window applied") || !strings.Contains(notes, tt.why) {
			t.Errorf("clause %q: notes do not say which window applied and why: %q", tt.clause, notes)
		}
	}
	for _, tt := range []struct{ profile, clause, want string }{
		{"us-federal-contractor", "", "2023-12"}, {"us-federal-contractor", "2018-07", "2018-07"},
		{"us-commercial", "2018-07", ""}, // no FAR regime bound: nothing applied
	} {
		clause, want := tt.clause, tt.want
		a := embeddedAuditor(t, Config{Profiles: []string{tt.profile}, AsOf: testAsOf, FARClause: clause})
		if res, err := a.Run(context.Background(), nil, RunOptions{}); err != nil || res.FARClause != want {
			t.Errorf("--far-clause %q: result records %q (err %v), want %q", clause, res.FARClause, err, want)
		}
	}
	l, _ := vendorlists.Default()
	if _, err := New(Config{Lists: []*vendorlists.List{l}, FARClause: "2019-01"}); err == nil ||
		!strings.Contains(err.Error(), "2018-07, 2023-12") {
		t.Errorf("unknown clause version: err = %v, want one naming the known versions", err)
	}
}

// 52.204-23(c)(1): the report duty arises when a covered article provided
// to the Government during contract performance is identified (P5).
func TestFARReportTrigger(t *testing.T) {
	a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-contractor"}, AsOf: testAsOf})
	o := obligationOf(t, a, kesl, "far-52-204-23", "report")
	for _, want := range []string{"provided to the Government during", "contract performance", "subcontractor"} {
		if !strings.Contains(o.Action, want) {
			t.Errorf("report action lacks %q: %s", want, o.Action)
		}
	}
}

// 52.204-23(c)(2)(ii): the follow-up is due 10 business days after the
// report is submitted (P5). Unrecorded, it is the latest possible date:
// the report's due date + 10 business days, labelled so.
func TestFARFollowUpCountsFromReport(t *testing.T) {
	base := Config{Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-11-25"), Discovered: d("2026-11-25")}
	a := embeddedAuditor(t, base)
	o := obligationOf(t, a, kesl, "far-52-204-23", "follow-up-report")
	// Report due 2026-12-01; +10 business days = 2026-12-15.
	if o.Due != "2026-12-15" || !o.DueIsLatest || !strings.HasSuffix(o.Status.Text, "at the latest") ||
		!strings.Contains(strings.Join(o.Notes, " "), "Latest possible date") {
		t.Errorf("unrecorded follow-up = %+v, want 2026-12-15 labelled the latest possible date", o)
	}
	base.Done = map[string]time.Time{"far-52-204-23/report": d("2026-11-27")}
	a = embeddedAuditor(t, base)
	o = obligationOf(t, a, kesl, "far-52-204-23", "follow-up-report")
	if o.Due != "2026-12-11" || o.DueIsLatest {
		t.Errorf("follow-up after a report on 2026-11-27 = %s (latest %v), want 2026-12-11", o.Due, o.DueIsLatest)
	}
	r := obligationOf(t, a, kesl, "far-52-204-23", "report")
	if r.Status.State != "done" || r.Status.Text != "done on 2026-11-27" {
		t.Errorf("recorded report status = %+v", r.Status)
	}
}

// NDAA FY2018 §1634 binds "element[s] of the Federal Government" (P2);
// contractors are bound through FAR 4.2002 and 52.204-23(b) (P4, P5).
func TestContractorNotBoundBy1634(t *testing.T) {
	a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-contractor"}, AsOf: testAsOf})
	f := findingFor(a.MatchComponent(&kesl), "kaspersky")
	for _, o := range f.Obligations {
		if o.Regime == "ndaa-fy2018-1634" {
			t.Errorf("contractor obligations include §1634: %+v", o)
		}
	}
	if f.Verdict != VerdictProhibited {
		t.Errorf("contractor verdict = %s, want prohibited (FAR 52.204-23)", f.Verdict)
	}
}

// Before the ICTS Final Determination's first date (2024-07-20, S2, S3)
// nothing prohibits Kaspersky software for a commercial user; as of
// 2026-11-27 it is prohibited.
func TestCommercialVerdictDependsOnAsOf(t *testing.T) {
	before := embeddedAuditor(t, Config{AsOf: d("2023-01-01")})
	after := embeddedAuditor(t, Config{AsOf: d("2026-11-27")})
	for _, c := range []sbom.Component{kesl, integrated} {
		fb := findingFor(before.MatchComponent(&c), "kaspersky")
		fa := findingFor(after.MatchComponent(&c), "kaspersky")
		if fb == nil || fa == nil {
			t.Fatalf("%s: no finding", c.Name)
		}
		if fb.Verdict != VerdictReview || fa.Verdict != VerdictProhibited {
			t.Errorf("%s: verdict %s as of 2023-01-01 and %s as of 2026-11-27, want review then prohibited", c.Name, fb.Verdict, fa.Verdict)
		}
		if !strings.Contains(fb.Rationale, "bis-icts-2024 takes effect on 2024-07-20") {
			t.Errorf("%s: rationale does not say when the regime takes effect: %s", c.Name, fb.Rationale)
		}
		for _, o := range fb.Obligations {
			if o.Status.State != "upcoming" {
				t.Errorf("%s as of 2023-01-01: %s/%s is %q, want upcoming", c.Name, o.Regime, o.ID, o.Status.Text)
			}
		}
	}
}

// ICTS: buying, renewing, reselling and integrating are prohibited;
// existing use carries no legal penalty (P1, S40). No "migrate off" duty.
func TestICTSWording(t *testing.T) {
	a := embeddedAuditor(t, Config{AsOf: testAsOf})
	f := findingFor(a.MatchComponent(&kesl), "kaspersky")
	var all []string
	for _, o := range f.Obligations {
		all = append(all, o.Action)
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"Buying or renewing: prohibited", "Reselling, integrating", "Existing use: no legal penalty", "urges users to transition"} {
		if !strings.Contains(text, want) {
			t.Errorf("ICTS obligations lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(strings.ToLower(text), "migrate off") {
		t.Errorf("ICTS obligations present migrating off as a legal duty:\n%s", text)
	}
}

// FCC: the Kaspersky Lab, Inc. entry of 2024-07-23 names "equipment with
// integrated Kaspersky Lab, Inc. ... software" (other-regimes-facts.md
// §2.2.1, P6): integrated software is prohibited for a subsidy recipient
// from 2024-09-21 (computed +60 days) and was at least review before.
func TestFCCIntegratedEntry(t *testing.T) {
	a := embeddedAuditor(t, Config{Profiles: []string{"fcc-subsidy-recipient"}, AsOf: d("2026-11-27")})
	o := obligationOf(t, a, integrated, "fcc-covered-list-2024", "no-subsidy-funds")
	if o.Effective != "2024-09-21" || !strings.Contains(o.Action, "integrated Kaspersky Lab, Inc. software") {
		t.Errorf("2024 entry obligation = %+v", o)
	}
	early := embeddedAuditor(t, Config{Profiles: []string{"fcc-subsidy-recipient"}, AsOf: d("2023-06-01")})
	f := findingFor(early.MatchComponent(&integrated), "kaspersky")
	if f == nil || f.Verdict != VerdictReview || !strings.Contains(f.Rationale, "wording of fcc-covered-list may reach it") {
		t.Fatalf("integrated Kaspersky software under the 2022 entry: %+v, want review citing fcc-covered-list", f)
	}
	listed := false
	for _, o := range f.Obligations {
		listed = listed || o.Regime == "fcc-covered-list"
	}
	if !listed {
		t.Errorf("integrated finding under the 2022 entry lists %+v, want fcc-covered-list's obligations", f.Obligations)
	}
	r := obligationOf(t, a, kesl, "fcc-covered-list", "annual-supply-chain-report")
	if !strings.Contains(r.Action, "Providers of advanced communications service") || !strings.Contains(r.Action, "2022-05-24") {
		t.Errorf("47 U.S.C. 1604 report wording: %s", r.Action)
	}
}

// A deadline long past reads "deadline passed on" (BOD 17-01 identify, S14,
// S15): the tool cannot know whether it was met.
func TestPastFixedDeadline(t *testing.T) {
	a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-agency"}, AsOf: d("2026-11-27")})
	o := obligationOf(t, a, kesl, "bod-17-01", "identify")
	if o.Status.Text != "deadline passed on 2017-10-13" {
		t.Errorf("BOD 17-01 identify status = %q", o.Status.Text)
	}
}

// Every obligation carries its sources in full (title and URL).
func TestObligationCitations(t *testing.T) {
	a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-contractor"}, AsOf: testAsOf})
	f := findingFor(a.MatchComponent(&kesl), "kaspersky")
	for _, o := range f.Obligations {
		if len(o.Citations) != len(o.Sources) {
			t.Errorf("%s/%s: %d citations for %d sources", o.Regime, o.ID, len(o.Citations), len(o.Sources))
		}
		for _, c := range o.Citations {
			if c.Title == "" || c.Title == c.ID {
				t.Errorf("%s/%s: citation %s has no title", o.Regime, o.ID, c.ID)
			}
		}
	}
	o := obligationOf(t, a, kesl, "far-52-204-23", "no-provide-or-use")
	if o.Citations[0].URL != "https://www.acquisition.gov/far/4.2001" {
		t.Errorf("no-provide-or-use first citation = %+v", o.Citations[0])
	}
}

// Warnings: discovery after the as-of date, and discovery before the
// clause version in use took effect (DEC 2023: 2023-12-04, S24).
func TestDateWarnings(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{AsOf: d("2026-11-27"), Discovered: d("2026-12-01")}, "later than the as-of date"},
		{Config{Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-11-27"), Discovered: d("2023-06-01")},
			"precedes 2023-12-04, when clause 52.204-23 (DEC 2023) took effect"},
		{Config{Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-11-27"), Discovered: d("2018-01-10"), FARClause: "2018-07"},
			"precedes 2018-07-16, when clause 52.204-23 (JUL 2018) took effect"},
	}
	for _, tt := range tests {
		a := embeddedAuditor(t, tt.cfg)
		res, err := a.Run(context.Background(), nil, RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(res.Warnings, "\n"), tt.want) {
			t.Errorf("warnings %q lack %q", res.Warnings, tt.want)
		}
	}
	a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-11-27"), Discovered: d("2026-11-20")})
	if w := a.as.Warnings(); len(w) != 0 {
		t.Errorf("ordinary dates warn: %q", w)
	}
}

// A custom list with its own clause versions needs no --far-clause; an
// unknown version names the versions the lists know.
func TestCustomClauseVersions(t *testing.T) {
	l := loadTestList(t)
	for i := range l.Regimes {
		for j := range l.Regimes[i].Clauses {
			l.Regimes[i].Clauses[j].ID = "v" + l.Regimes[i].Clauses[j].ID
		}
		for j := range l.Regimes[i].Obligations {
			for k := range l.Regimes[i].Obligations[j].ByClause {
				l.Regimes[i].Obligations[j].ByClause[k].Clause = "v" + l.Regimes[i].Obligations[j].ByClause[k].Clause
			}
		}
	}
	a, err := New(Config{Lists: []*vendorlists.List{l}, Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-11-25")})
	if err != nil {
		t.Fatalf("no clause named: %v", err)
	}
	if got := a.as.ClauseApplied(); got != "v2023-12" {
		t.Errorf("clause applied = %q, want the list's default v2023-12", got)
	}
	if _, err := New(Config{Lists: []*vendorlists.List{l}, FARClause: "2023-12"}); err == nil || !strings.Contains(err.Error(), "v2018-07, v2023-12") {
		t.Errorf("unknown version: err = %v", err)
	}
	a, err = New(Config{Lists: []*vendorlists.List{l}, Profiles: []string{"us-federal-contractor"}, AsOf: d("2026-11-25"), FARClause: "v2018-07"})
	if err != nil {
		t.Fatal(err)
	}
	if o := obligationOf(t, a, kesl, "far-52-204-23", "report"); o.Due != "2026-11-27" {
		t.Errorf("v2018-07 report due %s, want 2026-11-27 (1 business day)", o.Due)
	}
}
