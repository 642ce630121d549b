package audit

import (
	"reflect"
	"testing"
	"time"
)

// TestCaseObligationsMatchAudit: a remembered case's obligations, dated
// without its SBOM, are those an audit with the same dates gives its
// finding; the walk of issue 12 (identified 2026-11-25, overdue on
// 2026-12-03, reported 2026-11-30, follow-up due 2026-12-14) holds.
func TestCaseObligationsMatchAudit(t *testing.T) {
	mem := &mapMemory{cases: map[CaseKey]CaseState{}}
	if _, err := memoryRun(t, mem, "2026-11-25", "11.1", "gw.cdx.json"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		asOf, reported, followedUp string
		id, due, state             string
	}{
		{"2026-12-03", "", "", "report", "2026-12-01", "passed"},
		{"2026-12-03", "2026-11-30", "", "follow-up-report", "2026-12-14", "due"},
		{"2026-12-15", "2026-11-30", "", "follow-up-report", "2026-12-14", "passed"},
		// a recorded follow-up report is done, not overdue, on any later date
		{"2026-12-15", "2026-11-30", "2026-12-10", "follow-up-report", "2026-12-14", "done"},
	}
	for _, tc := range tests {
		var reported, followedUp time.Time
		if tc.reported != "" {
			reported = d(tc.reported)
			mem.markReported(reported)
		}
		if tc.followedUp != "" {
			followedUp = d(tc.followedUp)
			mem.markFollowedUp(followedUp)
		}
		res, err := memoryRun(t, mem, tc.asOf, "11.1", "gw.cdx.json")
		if err != nil {
			t.Fatal(err)
		}
		f := onlyFinding(t, res)
		a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-contractor"}, AsOf: d(tc.asOf)})
		got, err := a.CaseObligations(f.Entity, f.Category, f.Verdict, d("2026-11-25"), reported, followedUp)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, f.Obligations) {
			t.Errorf("as of %s: CaseObligations\n%+v\nwant the audit's\n%+v", tc.asOf, got, f.Obligations)
		}
		if o := farObligation(t, Finding{Obligations: got}, tc.id); o.Due != tc.due || o.Status.State != tc.state {
			t.Errorf("as of %s: %s due %s %s, want %s %s", tc.asOf, tc.id, o.Due, o.Status.State, tc.due, tc.state)
		}
	}
	a := embeddedAuditor(t, Config{AsOf: d("2026-12-03")})
	if _, err := a.CaseObligations(EntityRef{List: "nolist", ID: "x"}, "product", VerdictProhibited, d("2026-11-25"), time.Time{}, time.Time{}); err == nil {
		t.Error("an entity of no list gave obligations")
	}
}
