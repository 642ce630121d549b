package ledgertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/ledger"
)

// testCorrectIdentified: a compliance officer moves a case's
// identification earlier (a case found late), with a note saying why,
// recorded in its history; a later date, a date after today or a
// correction without a note is refused and changes nothing, for every
// case named; marking again changes nothing; later runs keep the date.
func testCorrectIdentified(t *testing.T, b Backend) {
	ctx := context.Background()
	s, _ := b.fresh(t)
	other := kasp("pkg:npm/kaspersky-sdk", "2")
	rec := record(t, s, makeRun("2026-11-25", kasLists, input{subject: gateway, comps: []comp{sdk}}))
	a := stateOf(t, rec, gateway, sdk).ID
	rec = record(t, s, makeRun("2026-11-18", kasLists, input{subject: "acme/router", comps: []comp{other}}))
	c := stateOf(t, rec, "acme/router", other).ID
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	fix := ledger.Mark{IDs: []string{a}, Identified: D("2026-11-20"), Note: "delivery letter of 2026-11-20 names the engine", By: "j.doe", At: at}

	for _, bad := range []struct {
		what string
		m    ledger.Mark
		want string
	}{
		{"no note", ledger.Mark{IDs: []string{a}, Identified: D("2026-11-20"), At: at}, "note"},
		{"later", ledger.Mark{IDs: []string{a}, Identified: D("2026-11-27"), Note: "x", At: at}, "only be corrected earlier"},
		{"after today", ledger.Mark{IDs: []string{a}, Identified: D("2026-11-24"), Note: "x", At: D("2026-11-22")}, "after today"},
		// c was identified on 2026-11-18: all or nothing.
		{"one case later", ledger.Mark{IDs: []string{a, c}, Identified: D("2026-11-20"), Note: "x", At: at}, c},
	} {
		if _, err := s.Mark(ctx, bad.m); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v, want an error saying %q", bad.what, err, bad.want)
		}
		if got := one(t, s, a).Identified.Format(time.DateOnly); got != "2026-11-25" {
			t.Fatalf("%s: a refused correction moved identification to %s", bad.what, got)
		}
	}
	_, before, _ := s.History(ctx, a)
	for i, want := range []bool{true, false} {
		res, err := s.Mark(ctx, fix)
		if err != nil || len(res) != 1 || res[0].Changed != want {
			t.Fatalf("correction #%d = %+v, %v; want changed=%v", i+1, res, err, want)
		}
	}
	wantState(t, "corrected", one(t, s, a).CaseState, "open", "2026-11-20", "", "")
	_, after, _ := s.History(ctx, a)
	if len(after) != len(before)+1 {
		t.Fatalf("history grew from %d to %d events, want +1", len(before), len(after))
	}
	var e ledger.Event
	for _, x := range after {
		if x.Kind == "identified" && x.From != "" {
			e = x
		}
	}
	if e.From != "2026-11-25" || e.To != "2026-11-20" || e.Note != fix.Note || e.By != "j.doe" || e.Date.Format(time.DateOnly) != "2026-12-01" {
		t.Errorf("correction event %+v", e)
	}
	// A note given again with the same date is not a second note.
	if res, _ := s.Mark(ctx, ledger.Mark{IDs: []string{a}, Note: fix.Note, By: "j.doe"}); len(res) != 1 || res[0].Changed {
		t.Errorf("the correction's note again: %+v, want unchanged", res)
	}
	st := stateOf(t, record(t, s, makeRun("2026-11-26", kasLists, input{subject: gateway, comps: []comp{sdk}})), gateway, sdk)
	wantState(t, "next run", st, "open", "2026-11-20", "", "")
}
