package assess

import "time"

// dateOf returns the calendar date of t as midnight UTC, so that date
// arithmetic never crosses a daylight-saving change.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addBusinessDays returns the date n US federal business days after d:
// weekends and federal holidays (on their observed dates) do not count.
func addBusinessDays(d time.Time, n int) time.Time {
	d = dateOf(d)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if isBusinessDay(d) {
			n--
		}
	}
	return d
}

func isBusinessDay(d time.Time) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !isFederalHoliday(d)
}

// isFederalHoliday reports whether d is the observed date of a legal
// public holiday under 5 U.S.C. 6103. New Year's Day falling on a
// Saturday is observed on December 31 of the year before.
func isFederalHoliday(d time.Time) bool {
	d = dateOf(d)
	for _, h := range federalHolidays(d.Year()) {
		if h.Equal(d) {
			return true
		}
	}
	return d.Month() == time.December && d.Day() == 31 &&
		observed(date(d.Year()+1, time.January, 1)).Equal(d)
}

// federalHolidays returns the observed dates of the holidays of year y.
func federalHolidays(y int) []time.Time {
	hs := []time.Time{
		observed(date(y, time.January, 1)),
		nthWeekday(y, time.January, time.Monday, 3),  // Martin Luther King Jr.
		nthWeekday(y, time.February, time.Monday, 3), // Washington's Birthday
		lastWeekday(y, time.May, time.Monday),        // Memorial Day
		observed(date(y, time.July, 4)),
		nthWeekday(y, time.September, time.Monday, 1),  // Labor Day
		nthWeekday(y, time.October, time.Monday, 2),    // Columbus Day
		observed(date(y, time.November, 11)),           // Veterans Day
		nthWeekday(y, time.November, time.Thursday, 4), // Thanksgiving
		observed(date(y, time.December, 25)),
	}
	if y >= 2021 {
		hs = append(hs, observed(date(y, time.June, 19))) // Juneteenth
	}
	return hs
}

// observed moves a Saturday holiday to Friday and a Sunday one to Monday.
func observed(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, -1)
	case time.Sunday:
		return d.AddDate(0, 0, 1)
	}
	return d
}

// nthWeekday returns the n-th given weekday of a month.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	d := date(y, m, 1)
	offset := (int(wd) - int(d.Weekday()) + 7) % 7
	return d.AddDate(0, 0, offset+7*(n-1))
}

// lastWeekday returns the last given weekday of a month.
func lastWeekday(y int, m time.Month, wd time.Weekday) time.Time {
	d := date(y, m+1, 1).AddDate(0, 0, -1)
	offset := (int(d.Weekday()) - int(wd) + 7) % 7
	return d.AddDate(0, 0, -offset)
}
