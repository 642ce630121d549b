package ledgertest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit/ledger"
)

var (
	kasLists = []string{"kaspersky"}
	sdk      = kasp("pkg:generic/kaspersky/kav-sdk", "21.3")
)

const gateway = "acme/gateway"

// testCaseWalk follows one case from identification (Wednesday
// 2026-11-25, Thanksgiving the next day) through later runs that must not
// move its identification date, a report on 2026-11-30, a version change,
// resolution by a fixed SBOM and reopening when the component returns.
func testCaseWalk(t *testing.T, b Backend) {
	ctx := context.Background()
	s, _ := b.fresh(t)
	rec := record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	st := stateOf(t, rec, gateway, sdk)
	wantState(t, "identified", st, "open", "2026-11-25", "", "")
	if want := (ledger.CaseKey{Subject: gateway, Component: sdk.component, Entity: sdk.entity}).ID(); st.ID != want || !strings.HasPrefix(st.ID, "C-") || len(st.ID) != 14 {
		t.Errorf("case id %q, want %q (C- and 12 hex digits)", st.ID, want)
	}
	id := st.ID

	// The nightly run a week later: the deadline runs from 2026-11-25,
	// not from this run, so the report due 2026-12-01 is now overdue.
	rec = record(t, s, makeRun("2026-12-03", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	st = stateOf(t, rec, gateway, sdk)
	wantState(t, "a week later", st, "open", "2026-11-25", "", "")
	if got := st.LastSeen.Format("2006-01-02"); got != "2026-12-03" {
		t.Errorf("last seen %s, want 2026-12-03", got)
	}

	res, err := s.Mark(ctx, ledger.Mark{IDs: []string{id}, Reported: true, On: D("2026-11-30"), Ref: "DIBNet-4711", By: "j.doe"})
	if err != nil || len(res) != 1 || !res[0].Changed {
		t.Fatalf("Mark = %+v, %v; want one changed case", res, err)
	}
	c := one(t, s, id)
	wantState(t, "reported", c.CaseState, "reported", "2026-11-25", "2026-11-30", "")
	if c.ReportRef != "DIBNet-4711" || c.ReportedBy != "j.doe" {
		t.Errorf("report ref %q by %q", c.ReportRef, c.ReportedBy)
	}

	newer := kasp(sdk.component, "21.4")
	rec = record(t, s, makeRun("2026-12-04", kasLists, input{subject: gateway, comps: []comp{newer}}))
	wantState(t, "new version", stateOf(t, rec, gateway, newer), "reported", "2026-11-25", "2026-11-30", "")

	rec = record(t, s, makeRun("2026-12-08", kasLists, input{subject: gateway}))
	wantState(t, "fixed SBOM", stateOf(t, rec, gateway, sdk), "resolved", "2026-11-25", "2026-11-30", "2026-12-08")

	rec = record(t, s, makeRun("2026-12-10", kasLists, input{subject: gateway, comps: []comp{newer}}))
	wantState(t, "component back", stateOf(t, rec, gateway, newer), "open", "2026-12-10", "", "")

	_, events, err := s.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		got = append(got, fmt.Sprintf("%s %s %s>%s", e.Date.Format("2006-01-02"), e.Kind, e.From, e.To))
	}
	want := []string{
		"2026-11-25 seen >21.3",
		"2026-11-25 identified >open",
		"2026-11-30 reported >2026-11-30",
		"2026-11-30 status open>reported",
		"2026-12-03 seen >21.3",
		"2026-12-04 seen >21.4",
		"2026-12-04 version 21.3>21.4",
		"2026-12-08 status reported>resolved",
		"2026-12-10 seen >21.4",
		"2026-12-10 status resolved>open",
	}
	if !slices.Equal(got, want) {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range events {
		if e.Kind == "reported" && (e.By != "j.doe" || e.Ref != "DIBNet-4711") {
			t.Errorf("reported event by %q ref %q", e.By, e.Ref)
		}
		if e.Kind == "seen" && !strings.HasPrefix(e.Input, "deliveries/gateway-") {
			t.Errorf("seen event input %q", e.Input)
		}
	}
	runs, err := s.Runs(ctx)
	if err != nil || len(runs) != 5 {
		t.Errorf("Runs = %d, %v; want 5", len(runs), err)
	}
}

// testReopenUnreported: a case resolved without ever being reported keeps
// its identification when the component comes back, so the report
// deadline it missed stays missed instead of starting again.
func testReopenUnreported(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	rec := record(t, s, makeRun("2026-12-02", kasLists, input{subject: gateway}))
	wantState(t, "fixed SBOM", stateOf(t, rec, gateway, sdk), "resolved", "2026-11-25", "", "2026-12-02")
	rec = record(t, s, makeRun("2026-12-10", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	wantState(t, "component back, never reported", stateOf(t, rec, gateway, sdk), "open", "2026-11-25", "", "")
}

// testResolutionScope: a case resolves only when a run audited its subject
// completely with the case's list.
func testResolutionScope(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	other := comp{component: "pkg:generic/huawei/hisdk", entity: "ndaa889/huawei", version: "1"}
	rec := record(t, s, makeRun("2026-11-02", []string{"kaspersky", "ndaa889"},
		input{subject: gateway, comps: []comp{sdk, other}}, input{subject: "acme/router", comps: []comp{sdk}}))
	for _, st := range rec.States {
		wantState(t, "first run", st, "open", "2026-11-02", "", "")
	}
	cases := []struct {
		name string
		run  *ledger.Run
	}{
		{"input of the subject failed", makeRun("2026-11-03", []string{"kaspersky", "ndaa889"}, input{subject: gateway, failed: true})},
		{"one of two inputs of the subject failed", makeRun("2026-11-04", []string{"kaspersky", "ndaa889"}, input{subject: gateway}, input{subject: gateway, failed: true})},
		{"another subject audited", makeRun("2026-11-05", []string{"kaspersky", "ndaa889"}, input{subject: "acme/other"})},
		{"a shard with part of the subject", partial(makeRun("2026-11-05", []string{"kaspersky", "ndaa889"}, input{subject: gateway}), gateway)},
	}
	for _, tc := range cases {
		record(t, s, tc.run)
		for _, c := range mustCases(t, s, ledger.Filter{}) {
			if c.Status != "open" {
				t.Errorf("%s: case %s %s became %s", tc.name, c.Key.Subject, c.Key.Entity, c.Status)
			}
		}
	}
	// Only the Kaspersky list this time: the Huawei case stays open.
	rec = record(t, s, makeRun("2026-11-06", []string{"kaspersky"}, input{subject: gateway}))
	wantState(t, "kaspersky case, list used", stateOf(t, rec, gateway, sdk), "resolved", "2026-11-02", "", "2026-11-06")
	if _, ok := rec.States[ledger.CaseKey{Subject: gateway, Component: other.component, Entity: other.entity}]; ok {
		t.Errorf("a run without the ndaa889 list touched the Huawei case")
	}
	for _, c := range mustCases(t, s, ledger.Filter{}) {
		want := "open"
		if c.Key.Subject == gateway && c.Key.Entity == sdk.entity {
			want = "resolved"
		}
		if c.Status != want {
			t.Errorf("case %s %s: %s, want %s", c.Key.Subject, c.Key.Entity, c.Status, want)
		}
	}
}

// testLateDelivery: auditing an older delivery after a newer one neither
// resolves a case a later run saw nor reopens one a later run resolved.
func testLateDelivery(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	record(t, s, makeRun("2026-11-10", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	rec := record(t, s, makeRun("2026-11-05", kasLists, input{subject: gateway}))
	if len(rec.States) != 0 {
		t.Errorf("an older clean delivery changed %+v", rec.States)
	}
	rec = record(t, s, makeRun("2026-11-01", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	wantState(t, "older delivery with it", stateOf(t, rec, gateway, sdk), "open", "2026-11-01", "", "")
	record(t, s, makeRun("2026-11-20", kasLists, input{subject: gateway}))
	rec = record(t, s, makeRun("2026-11-15", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	wantState(t, "older delivery after resolution", stateOf(t, rec, gateway, sdk), "resolved", "2026-11-01", "", "2026-11-20")
}

// testDiscovered: --discovered dates a new case, not an existing one.
func testDiscovered(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	r := makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}})
	r.Discovered = D("2026-11-20")
	wantState(t, "new with --discovered", stateOf(t, record(t, s, r), gateway, sdk), "open", "2026-11-20", "", "")
	r = makeRun("2026-11-26", kasLists, input{subject: gateway, comps: []comp{sdk}})
	r.Discovered = D("2026-11-26")
	wantState(t, "existing with --discovered", stateOf(t, record(t, s, r), gateway, sdk), "open", "2026-11-20", "", "")
}

// testWaiver: a waiver covering every finding of a case waives it and is
// kept; when it no longer covers it, the case is open again.
func testWaiver(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	w := sdk
	w.waiver = "W-2026-01"
	rec := record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{w}}))
	st := stateOf(t, rec, gateway, sdk)
	wantState(t, "waived", st, "waived", "2026-11-25", "", "")
	if st.Waiver != "W-2026-01" {
		t.Errorf("waiver %q", st.Waiver)
	}
	// Waived in one input, not in another of the same subject: not waived.
	rec = record(t, s, makeRun("2026-11-26", kasLists, input{subject: gateway, comps: []comp{w}}, input{subject: gateway, comps: []comp{sdk}}))
	st = stateOf(t, rec, gateway, sdk)
	wantState(t, "partly waived", st, "open", "2026-11-25", "", "")
	if st.Waiver != "" {
		t.Errorf("waiver %q kept on a case not fully waived", st.Waiver)
	}
}

// testMark: marking is idempotent, a note is kept once, and an unknown id
// fails the whole mark.
func testMark(t *testing.T, b Backend) {
	ctx := context.Background()
	s, _ := b.fresh(t)
	other := kasp("pkg:npm/kaspersky-sdk", "2")
	rec := record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk, other}}))
	a, c := stateOf(t, rec, gateway, sdk).ID, stateOf(t, rec, gateway, other).ID
	m := ledger.Mark{IDs: []string{a}, Reported: true, On: D("2026-11-27"), Ref: "R1", By: "x"}
	for i, want := range []bool{true, false} {
		res, err := s.Mark(ctx, m)
		if err != nil || len(res) != 1 || res[0].Changed != want {
			t.Fatalf("mark #%d = %+v, %v; want changed=%v", i+1, res, err, want)
		}
	}
	_, before, _ := s.History(ctx, a)
	_, err := s.Mark(ctx, ledger.Mark{IDs: []string{c, "C-000000000000"}, Reported: true, On: D("2026-11-28")})
	if !errors.Is(err, ledger.ErrNotFound) || !strings.Contains(err.Error(), "C-000000000000") {
		t.Fatalf("mark with an unknown id: %v, want ErrNotFound naming it", err)
	}
	if got := one(t, s, c); got.Status != "open" || !got.Reported.IsZero() {
		t.Errorf("a failed mark changed case %s: %+v", c, got.CaseState)
	}
	// A corrected date is a change and keeps the earlier one in the history.
	m.On = D("2026-11-26")
	if res, err := s.Mark(ctx, m); err != nil || !res[0].Changed {
		t.Fatalf("correcting the date: %+v, %v", res, err)
	}
	note := ledger.Mark{IDs: []string{a}, Note: "counsel informed", By: "x"}
	for i, want := range []bool{true, false} {
		res, err := s.Mark(ctx, note)
		if err != nil || res[0].Changed != want {
			t.Fatalf("note #%d = %+v, %v; want changed=%v", i+1, res, err, want)
		}
	}
	_, after, _ := s.History(ctx, a)
	if len(after) != len(before)+2 {
		t.Errorf("history grew from %d to %d events, want +2 (the correction and one note)", len(before), len(after))
	}
	if _, err := s.Mark(ctx, ledger.Mark{IDs: []string{a}}); err == nil {
		t.Error("a mark with nothing to record succeeded")
	}
	testFollowUp(t, s, a, c)
}

// testFollowUp: a follow-up report is recorded once, only after the report
// it follows, survives the next run, and is cleared when the case reopens.
func testFollowUp(t *testing.T, s ledger.Store, reported, unreported string) {
	ctx := context.Background()
	if _, err := s.Mark(ctx, ledger.Mark{IDs: []string{unreported}, FollowedUp: true, On: D("2026-12-01")}); err == nil {
		t.Error("a follow-up of a case never reported was recorded")
	}
	if _, err := s.Mark(ctx, ledger.Mark{IDs: []string{reported}, FollowedUp: true, On: D("2026-11-25")}); err == nil {
		t.Error("a follow-up before the report (2026-11-26) was recorded")
	}
	m := ledger.Mark{IDs: []string{reported}, FollowedUp: true, On: D("2026-12-04"), Ref: "R2"}
	for i, want := range []bool{true, false} {
		res, err := s.Mark(ctx, m)
		if err != nil || res[0].Changed != want {
			t.Fatalf("follow-up #%d = %+v, %v; want changed=%v", i+1, res, err, want)
		}
	}
	if _, err := s.Mark(ctx, ledger.Mark{IDs: []string{reported}, Reported: true, On: D("2026-12-05"), Ref: "late"}); err == nil {
		t.Error("a report dated after its recorded follow-up (2026-12-04) was recorded")
	}
	got := one(t, s, reported)
	if !got.Reported.Equal(D("2026-11-26")) {
		t.Errorf("a refused report date changed the case: reported %v, want 2026-11-26", got.Reported)
	}
	if !got.FollowedUp.Equal(D("2026-12-04")) || got.Status != "reported" {
		t.Errorf("after the follow-up: %+v, want followed up 2026-12-04, still reported", got.CaseState)
	}
	if _, events, _ := s.History(ctx, reported); !slices.ContainsFunc(events, func(e ledger.Event) bool {
		return e.Kind == "followed-up" && e.Date.Equal(D("2026-12-04")) && e.Ref == "R2"
	}) {
		t.Errorf("history lacks the follow-up: %+v", events)
	}
	rec := record(t, s, makeRun("2026-12-05", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	if st := stateOf(t, rec, gateway, sdk); !st.FollowedUp.Equal(D("2026-12-04")) {
		t.Errorf("the next run lost the follow-up date: %+v", st)
	}
}

func mustCases(t testing.TB, s ledger.Store, f ledger.Filter) []ledger.Case {
	t.Helper()
	cs, err := s.Cases(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// testFilters: status, vendor (the subject's), entity (with or without its
// list) and subject select cases.
func testFilters(t *testing.T, b Backend) {
	ctx := context.Background()
	s, _ := b.fresh(t)
	hw := comp{component: "pkg:generic/huawei/hisdk", entity: "ndaa889/huawei", version: "1"}
	rec := record(t, s, makeRun("2026-11-25", []string{"kaspersky", "ndaa889"},
		input{subject: gateway, comps: []comp{sdk, hw}}, input{subject: "globex/router", comps: []comp{sdk}}))
	if _, err := s.Mark(ctx, ledger.Mark{IDs: []string{stateOf(t, rec, gateway, hw).ID}, Reported: true, On: D("2026-11-26")}); err != nil {
		t.Fatal(err)
	}
	count := func(f ledger.Filter) int { return len(mustCases(t, s, f)) }
	tests := []struct {
		name string
		f    ledger.Filter
		want int
	}{
		{"all", ledger.Filter{}, 3},
		{"open", ledger.Filter{Statuses: []ledger.Status{ledger.StatusOpen}}, 2},
		{"reported", ledger.Filter{Statuses: []ledger.Status{ledger.StatusReported}}, 1},
		{"open or reported", ledger.Filter{Statuses: []ledger.Status{ledger.StatusOpen, ledger.StatusReported}}, 3},
		{"resolved", ledger.Filter{Statuses: []ledger.Status{ledger.StatusResolved}}, 0},
		{"vendor, any case", ledger.Filter{Vendor: "ACME"}, 2},
		{"entity with list", ledger.Filter{Entity: "kaspersky/ao-kaspersky-lab"}, 2},
		{"entity alone", ledger.Filter{Entity: "Huawei"}, 1},
		{"entity and vendor", ledger.Filter{Entity: "ao-kaspersky-lab", Vendor: "globex"}, 1},
		{"subject", ledger.Filter{Subject: "globex/router"}, 1},
		{"unknown vendor", ledger.Filter{Vendor: "initech"}, 0},
	}
	for _, tc := range tests {
		if got := count(tc.f); got != tc.want {
			t.Errorf("%s: %d cases, want %d", tc.name, got, tc.want)
		}
	}
	cs := mustCases(t, s, ledger.Filter{Subject: gateway})
	if len(cs) != 2 || cs[0].Vendor != "acme" || cs[0].Product != "gateway" || cs[0].Version == "" || cs[0].Verdict != "prohibited" {
		t.Errorf("case fields: %+v", cs)
	}
}

// testRecall returns states for known keys and nothing for new ones.
func testRecall(t *testing.T, b Backend) {
	s, _ := b.fresh(t)
	record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	known := ledger.CaseKey{Subject: gateway, Component: sdk.component, Entity: sdk.entity}
	unknown := ledger.CaseKey{Subject: "acme/other", Component: sdk.component, Entity: sdk.entity}
	got, err := s.Recall(context.Background(), []ledger.CaseKey{known, unknown, known})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("Recall = %+v, want the known case only", got)
	}
	wantState(t, "recalled", got[known], "open", "2026-11-25", "", "")
}

// partial marks subjects a run holds only some SBOMs of (--shard).
func partial(r *ledger.Run, subjects ...string) *ledger.Run {
	r.Partial = subjects
	return r
}
