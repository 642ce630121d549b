package ledgertest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/ledger"
)

// statusesOn lists the cases f selects as of a date, as "ID status".
func statusesOn(t testing.TB, s ledger.Store, asOf string, statuses ...ledger.Status) []string {
	t.Helper()
	f := ledger.Filter{Statuses: statuses}
	if asOf != "" {
		f.AsOf = D(asOf)
	}
	var out []string
	for _, c := range mustCases(t, s, f) {
		out = append(out, c.ID+" "+c.Status)
	}
	return out
}

// testWaiverExpiry: a waived case keeps its waiver's last day (the
// earliest of its findings' waivers), is waived through that day and open
// the day after, in every query that reads statuses as of a date, with no
// new run; a report recorded meanwhile makes it reported; a run under a
// renewed waiver waives it again, and its history says so.
func testWaiverExpiry(t *testing.T, b Backend) {
	ctx := context.Background()
	s, _ := b.fresh(t)
	w1, w2 := sdk, sdk
	w1.waiver, w1.expires = "W-LATE", "2026-12-31"
	w2.waiver, w2.expires = "W-EARLY", "2026-11-28"
	rec := record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{w1}}, input{subject: gateway, comps: []comp{w2}}))
	st := stateOf(t, rec, gateway, sdk)
	if st.Status != "waived" || st.WaiverExpires.Format(time.DateOnly) != "2026-11-28" {
		t.Fatalf("recorded: status %q, waiver expires %v; want waived until 2026-11-28 (the earlier waiver)", st.Status, st.WaiverExpires)
	}
	id := st.ID
	for _, tc := range []struct {
		asOf     string
		statuses []ledger.Status
		want     []string
	}{
		{"", nil, []string{id + " waived"}}, // stored status, no date
		{"", []ledger.Status{"waived"}, []string{id + " waived"}},
		{"2026-11-28", nil, []string{id + " waived"}}, // the last day it applies
		{"2026-11-28", []ledger.Status{"open", "reported"}, nil},
		{"2026-11-29", nil, []string{id + " open"}},
		{"2026-11-29", []ledger.Status{"open", "reported"}, []string{id + " open"}},
		{"2026-11-29", []ledger.Status{"open"}, []string{id + " open"}},
		{"2026-11-29", []ledger.Status{"waived"}, nil},
		{"2026-11-29", []ledger.Status{"resolved"}, nil},
	} {
		if got := statusesOn(t, s, tc.asOf, tc.statuses...); !slices.Equal(got, tc.want) {
			t.Errorf("cases as of %q, statuses %v = %v, want %v", tc.asOf, tc.statuses, got, tc.want)
		}
	}
	if _, err := s.Mark(ctx, ledger.Mark{IDs: []string{id}, Reported: true, On: D("2026-11-30")}); err != nil {
		t.Fatal(err)
	}
	if got := statusesOn(t, s, "2026-12-03", "reported"); !slices.Equal(got, []string{id + " reported"}) {
		t.Errorf("reported after the waiver lapsed, as of 2026-12-03: %v", got)
	}
	if got := statusesOn(t, s, "2026-11-27", "waived"); !slices.Equal(got, []string{id + " waived"}) {
		t.Errorf("reported while waived, as of 2026-11-27: %v", got)
	}
	// The waiver renewed: the next run waives the case until its new day.
	w2.expires = "2027-01-31"
	rec = record(t, s, makeRun("2026-12-02", kasLists, input{subject: gateway, comps: []comp{w2}}))
	if st := stateOf(t, rec, gateway, sdk); st.Status != "waived" || st.WaiverExpires.Format(time.DateOnly) != "2027-01-31" {
		t.Errorf("renewed: %q until %v", st.Status, st.WaiverExpires)
	}
	if got := statusesOn(t, s, "2026-12-03"); !slices.Equal(got, []string{id + " waived"}) {
		t.Errorf("renewed, as of 2026-12-03: %v", got)
	}
	_, events, err := s.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var waivers []string
	for _, e := range events {
		if e.Kind == "waiver" {
			waivers = append(waivers, e.From+" -> "+e.To)
		}
	}
	if want := []string{"W-EARLY (until 2026-11-28) -> W-EARLY (until 2027-01-31)"}; !slices.Equal(waivers, want) {
		t.Errorf("waiver events %q, want %q", waivers, want)
	}
	// A run after the waiver's day that no longer waives the finding opens
	// the case as before (it stays reported, as recorded).
	rec = record(t, s, makeRun("2027-02-01", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	if st := stateOf(t, rec, gateway, sdk); st.Status != "reported" || st.Waiver != "" || !st.WaiverExpires.IsZero() {
		t.Errorf("unwaived by a run: %+v", st)
	}
	if c := one(t, s, id); !strings.HasPrefix(c.Identified.Format(time.DateOnly), "2026-11-25") {
		t.Errorf("identification moved: %v", c.Identified)
	}
}

// testOlderSchema: a ledger of schema version 2 (before waiver expiry was
// kept) is upgraded when opened: its cases read as before, a waived one
// stays waived (its waiver's last day unknown), and new runs record the
// day.
func testOlderSchema(t *testing.T, b Backend) {
	s, target := b.fresh(t)
	w := sdk
	w.waiver, w.expires = "W-OLD", "2026-11-28"
	id := stateOf(t, record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{w}})), gateway, sdk).ID
	db := dbOf(t, s)
	for _, stmt := range []string{
		"ALTER TABLE cases DROP COLUMN waiver_expires",
		"ALTER TABLE findings DROP COLUMN waiver_expires",
		"DELETE FROM schema_migrations WHERE version >= 3",
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("making a version-2 ledger: %s: %v", stmt, err)
		}
	}
	s.Close()
	s2 := b.open(t, target)
	if n := countRows(t, dbOf(t, s2), "schema_migrations"); n != ledger.SchemaVersion() || n < 3 {
		t.Fatalf("after the upgrade %d migrations recorded, want %d (>= 3)", n, ledger.SchemaVersion())
	}
	if got := statusesOn(t, s2, "2026-12-03"); !slices.Equal(got, []string{id + " waived"}) {
		t.Errorf("an upgraded waived case as of 2026-12-03: %v, want waived (its waiver's day was never recorded)", got)
	}
	w.expires = "2026-12-01"
	record(t, s2, makeRun("2026-11-30", kasLists, input{subject: gateway, comps: []comp{w}}))
	if got := statusesOn(t, s2, "2026-12-03"); !slices.Equal(got, []string{id + " open"}) {
		t.Errorf("after a run recording the waiver's day, as of 2026-12-03: %v, want open", got)
	}
}
