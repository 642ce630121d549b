package assess

import (
	"testing"
	"time"
)

// opmHolidays are the observed dates of the US federal legal public
// holidays (5 U.S.C. 6103) as OPM publishes them for each year, typed in
// from OPM's tables rather than computed, so that they check the rules in
// businessdays.go instead of restating them. Observed rules: a Saturday
// holiday moves to the Friday before, a Sunday one to the Monday after
// (so New Year's Day 2022 and 2028, both Saturdays, fall on December 31 of
// the year before). Juneteenth is a holiday from 2021 (Pub. L. 117-17).
// Days closed by executive order (e.g. 2018-12-24, 2019-12-24,
// 2020-12-24, 2024-12-24) are not legal public holidays and are left out.
var opmHolidays = map[int][]string{
	2018: {"01-01", "01-15", "02-19", "05-28", "07-04", "09-03", "10-08", "11-12", "11-22", "12-25"},
	2019: {"01-01", "01-21", "02-18", "05-27", "07-04", "09-02", "10-14", "11-11", "11-28", "12-25"},
	2020: {"01-01", "01-20", "02-17", "05-25", "07-03", "09-07", "10-12", "11-11", "11-26", "12-25"},
	2021: {"01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11", "11-11", "11-25", "12-24", "12-31"},
	2022: {"01-17", "02-21", "05-30", "06-20", "07-04", "09-05", "10-10", "11-11", "11-24", "12-26"},
	2023: {"01-02", "01-16", "02-20", "05-29", "06-19", "07-04", "09-04", "10-09", "11-10", "11-23", "12-25"},
	2024: {"01-01", "01-15", "02-19", "05-27", "06-19", "07-04", "09-02", "10-14", "11-11", "11-28", "12-25"},
	2025: {"01-01", "01-20", "02-17", "05-26", "06-19", "07-04", "09-01", "10-13", "11-11", "11-27", "12-25"},
	2026: {"01-01", "01-19", "02-16", "05-25", "06-19", "07-03", "09-07", "10-12", "11-11", "11-26", "12-25"},
	2027: {"01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11", "11-11", "11-25", "12-24", "12-31"},
	2028: {"01-17", "02-21", "05-29", "06-19", "07-04", "09-04", "10-09", "11-10", "11-23", "12-25"},
	2029: {"01-01", "01-15", "02-19", "05-28", "06-19", "07-04", "09-03", "10-08", "11-12", "11-22", "12-25"},
	2030: {"01-01", "01-21", "02-18", "05-27", "06-19", "07-04", "09-02", "10-14", "11-11", "11-28", "12-25"},
}

// TestHolidaysAgainstOPMTable checks every day from 2018 to 2030: a day is
// a holiday exactly when OPM's table lists it. Any rule dropped from the
// calendar (Juneteenth, a weekend shift, New Year's observed the year
// before) fails here.
func TestHolidaysAgainstOPMTable(t *testing.T) {
	want := map[string]bool{}
	for y, days := range opmHolidays {
		for _, md := range days {
			want[time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-")+md] = true
		}
	}
	n := 0
	for day := d("2018-01-01"); day.Before(d("2031-01-01")); day = day.AddDate(0, 0, 1) {
		s := day.Format(time.DateOnly)
		if got := isFederalHoliday(day); got != want[s] {
			t.Errorf("isFederalHoliday(%s) = %v, OPM says %v", s, got, want[s])
		}
		if want[s] {
			n++
		}
	}
	if n != len(want) {
		t.Fatalf("walked %d holidays, the table has %d: a table date is outside 2018-2030 or malformed", n, len(want))
	}
}

// TestKnownDeadlines are deadlines worked out by hand on a calendar, each
// crossing a holiday or a weekend-shifted one.
func TestKnownDeadlines(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2026-11-25", 3, "2026-12-01", "Wednesday before Thanksgiving: Fri 27, Mon 30, Tue 1"},
		{"2026-11-30", 10, "2026-12-14", "follow-up 10 business days after a Monday report"},
		{"2026-11-25", 1, "2026-11-27", "1-business-day report skips Thanksgiving"},
		{"2020-11-10", 1, "2020-11-12", "Veterans Day on a Wednesday"},
		{"2023-11-09", 1, "2023-11-13", "Veterans Day 2023 is a Saturday, observed Friday 11-10"},
		{"2018-11-09", 1, "2018-11-13", "Veterans Day 2018 is a Sunday, observed Monday 11-12"},
		{"2020-07-02", 1, "2020-07-06", "July 4th 2020 is a Saturday, observed Friday 07-03"},
		{"2021-07-02", 1, "2021-07-06", "July 4th 2021 is a Sunday, observed Monday 07-05"},
		{"2027-12-23", 1, "2027-12-27", "Christmas 2027 is a Saturday, observed Friday 12-24"},
		{"2022-12-23", 1, "2022-12-27", "Christmas 2022 is a Sunday, observed Monday 12-26"},
		{"2027-12-30", 1, "2028-01-03", "New Year's Day 2028 is a Saturday, observed Friday 2027-12-31"},
		{"2022-12-30", 1, "2023-01-03", "New Year's Day 2023 is a Sunday, observed Monday 01-02"},
		{"2021-06-17", 1, "2021-06-21", "first Juneteenth, a Saturday, observed Friday 06-18"},
		{"2020-06-18", 1, "2020-06-19", "no Juneteenth holiday before 2021"},
		{"2018-07-16", 1, "2018-07-17", "FAR 52.204-23 interim rule effective date"},
		{"2023-12-01", 3, "2023-12-06", "plain week, no holiday"},
		{"2029-11-09", 1, "2029-11-13", "Veterans Day 2029 is a Sunday, observed Monday 11-12"},
	}
	for _, tt := range tests {
		if got := addBusinessDays(d(tt.from), tt.n).Format(time.DateOnly); got != tt.want {
			t.Errorf("%s + %d business days = %s, want %s (%s)", tt.from, tt.n, got, tt.want, tt.why)
		}
	}
}

// TestBusinessDaysIgnoreTimeOfDay: the CLI's default as-of carries a time
// of day; deadlines depend on the date only.
func TestBusinessDaysIgnoreTimeOfDay(t *testing.T) {
	for _, clock := range []string{"00:00:00", "00:00:01", "12:30:00", "23:59:59"} {
		from, err := time.Parse(time.DateTime, "2026-11-25 "+clock)
		if err != nil {
			t.Fatal(err)
		}
		if got := addBusinessDays(from, 3).Format(time.DateTime); got != "2026-12-01 00:00:00" {
			t.Errorf("from %s: got %s, want 2026-12-01 00:00:00", clock, got)
		}
	}
	east := time.FixedZone("UTC+14", 14*3600)
	from := time.Date(2026, 11, 25, 23, 0, 0, 0, east)
	if got := addBusinessDays(from, 3).Format(time.DateOnly); got != "2026-12-01" {
		t.Errorf("from 2026-11-25 23:00 UTC+14: got %s, want the calendar date's deadline 2026-12-01", got)
	}
}
