package assess

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFederalHolidays(t *testing.T) {
	holidays := []string{
		"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19",
		"2026-07-03", // July 4 is a Saturday: observed Friday
		"2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
		"2021-12-31", // New Year's Day 2022 is a Saturday: observed the year before
		"2021-06-18", // first Juneteenth, a Saturday: observed Friday
		"2022-12-26", // Christmas on a Sunday: observed Monday
		"2023-01-02", // New Year's Day on a Sunday: observed Monday
		"2027-12-31", // New Year's Day 2028 is a Saturday
		"2024-05-27", // last Monday of May
	}
	for _, h := range holidays {
		if !isFederalHoliday(d(h)) {
			t.Errorf("%s is not a holiday", h)
		}
	}
	workdays := []string{
		"2026-07-04", // the Saturday itself is a weekend, not an observed holiday
		"2020-06-19", // Juneteenth before 2021
		"2026-11-27", // the day after Thanksgiving
		"2026-12-24", "2026-12-31", "2022-01-03", "2024-05-20",
	}
	for _, w := range workdays {
		if isFederalHoliday(d(w)) {
			t.Errorf("%s is a holiday", w)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-23", 3, "2026-11-27"}, // Mon + 3 skips Thanksgiving
		{"2026-12-23", 3, "2026-12-29"}, // Christmas observed Friday 12-25
		{"2021-12-29", 3, "2022-01-04"}, // New Year's observed Friday 2021-12-31
		{"2026-11-27", 3, "2026-12-02"},
		{"2026-11-28", 1, "2026-11-30"}, // discovered on a Saturday
		{"2026-07-02", 1, "2026-07-06"}, // July 4 observed Friday 07-03
		{"2026-12-23", 13, "2027-01-13"},
		{"2026-01-15", 1, "2026-01-16"},
		{"2026-01-16", 1, "2026-01-20"}, // MLK Day
	}
	for _, tt := range tests {
		if got := addBusinessDays(d(tt.from), tt.n); got.Format("2006-01-02") != tt.want {
			t.Errorf("addBusinessDays(%s, %d) = %s, want %s", tt.from, tt.n, got.Format("2006-01-02"), tt.want)
		}
	}
}

// TestBusinessDaysBetween counts business days after the first date up to
// the second: Thanksgiving 2026 (Thu 11-26) and the weekend do not count,
// and the count inverts addBusinessDays.
func TestBusinessDaysBetween(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2026-12-01", "2026-12-01", 0},
		{"2026-12-01", "2026-11-30", 0},
		{"2026-12-01", "2026-12-02", 1},
		{"2026-12-01", "2026-12-03", 2},
		{"2026-11-25", "2026-11-30", 2}, // Fri 27, Mon 30; Thanksgiving and the weekend skipped
		{"2026-12-04", "2026-12-07", 1}, // Friday to Monday
		{"2026-12-24", "2026-12-28", 1}, // Christmas Friday 25 skipped, Mon 28
	} {
		if got := BusinessDaysBetween(d(tc.from), d(tc.to)); got != tc.want {
			t.Errorf("BusinessDaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
	start := d("2026-11-20")
	for n := 0; n < 40; n++ {
		if got := BusinessDaysBetween(start, addBusinessDays(start, n)); got != n {
			t.Errorf("BusinessDaysBetween(%s, addBusinessDays(+%d)) = %d", start.Format(time.DateOnly), n, got)
		}
	}
}

func TestOverdue(t *testing.T) {
	passed := ObligationStatus{State: StatePassed, Days: 2, Text: "deadline passed on 2026-12-01"}
	got := Overdue(passed, d("2026-12-01"), d("2026-12-03"))
	want := ObligationStatus{State: StateOverdue, Days: 2, Text: "overdue by 2 business days"}
	if got != want {
		t.Errorf("Overdue = %+v, want %+v", got, want)
	}
	if got := Overdue(passed, d("2026-12-04"), d("2026-12-07")); got.Text != "overdue by 1 business day" {
		t.Errorf("one day: %q", got.Text)
	}
	for _, s := range []ObligationStatus{{State: "due", Days: 3, Text: "due in 3 days"}, {State: "done", Text: "done on 2026-11-30"}, {State: "in-force", Text: "in force"}} {
		if got := Overdue(s, d("2026-12-01"), d("2026-12-03")); got != s {
			t.Errorf("Overdue(%+v) = %+v, want it unchanged", s, got)
		}
	}
}

// TestBusinessDaysBetweenAgreesWithWalk compares the week arithmetic with
// a day-by-day walk over isBusinessDay, for ranges from a day to years,
// across every weekday and the new-year boundary (New Year's Day 2022
// fell on a Saturday and was observed on Friday 2021-12-31).
func TestBusinessDaysBetweenAgreesWithWalk(t *testing.T) {
	walk := func(from, to time.Time) int {
		n := 0
		for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
			if isBusinessDay(d) {
				n++
			}
		}
		return n
	}
	for _, start := range []string{"2021-12-24", "2021-12-30", "2021-12-31", "2022-06-17", "2026-11-25", "2027-12-30"} {
		from := d(start)
		for _, span := range []int{0, 1, 2, 3, 6, 7, 8, 13, 30, 200, 400, 1000, 3000} {
			to := from.AddDate(0, 0, span)
			if got, want := BusinessDaysBetween(from, to), walk(from, to); got != want {
				t.Errorf("BusinessDaysBetween(%s, +%d days) = %d, a day-by-day walk gives %d", start, span, got, want)
			}
		}
	}
}
