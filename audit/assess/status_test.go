package assess

import (
	"testing"
	"time"
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
