package vendorlists

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// factSheet returns the shared research fact sheet, or skips the test.
func factSheet(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "research", "kaspersky-facts.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("fact sheet not available (%v): the cross-check needs ../shared next to the repository", err)
	}
	return string(data)
}

var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// primaryHosts are the official publishers a "P" source (a primary
// source found beyond the fact sheet) must come from.
var primaryHosts = []string{"www.bis.gov", "www.govinfo.gov", "www.acquisition.gov", "www.fcc.gov", "www.ecfr.gov", "www.federalregister.gov", "www.congress.gov"}

// TestSourcesMatchFactSheet: every title and URL is copied exactly; a
// source the fact sheet does not hold is a primary one ("P" id, official host).
func TestSourcesMatchFactSheet(t *testing.T) {
	sheet := factSheet(t)
	for _, s := range mustDefault(t).Sources {
		switch {
		case strings.HasPrefix(s.ID, "P"):
			if !slices.ContainsFunc(primaryHosts, func(h string) bool { return strings.HasPrefix(s.URL, "https://"+h+"/") }) {
				t.Errorf("source %s: URL %q is not an official primary source", s.ID, s.URL)
			}
			continue
		case foundAfterFactSheet(s.ID):
			if s.URL == "" {
				t.Errorf("source %s: found after the fact sheet, so it needs its own URL", s.ID)
			}
			continue
		}
		if strings.HasPrefix(s.ID, "S") && !strings.Contains(sheet, "- "+s.ID+" "+s.Title) {
			t.Errorf("source %s: title %q is not the fact sheet's", s.ID, s.Title)
		}
		urls := []string{s.URL}
		for _, a := range s.Also {
			urls = append(urls, a.URL)
			if !strings.Contains(sheet, a.Title) {
				t.Errorf("source %s: label %q is not in the fact sheet", s.ID, a.Title)
			}
		}
		for _, u := range urls {
			if u != "" && !strings.Contains(sheet, u) {
				t.Errorf("source %s: URL %q is not in the fact sheet", s.ID, u)
			}
		}
	}
}

// foundAfterFactSheet reports the source ids S200 and up: primary or
// public sources found for names the fact sheet does not give (scripts,
// transliterations, teams), each cited by its own URL.
func foundAfterFactSheet(id string) bool {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "S"))
	return strings.HasPrefix(id, "S") && err == nil && n >= 200
}

// TestObligationDatesInFactSheet: no date is invented (the companion fact
// sheet holds the FCC Covered List entry of 2024-07-23 and its +60 days).
func TestObligationDatesInFactSheet(t *testing.T) {
	sheet := factSheet(t)
	if other, err := os.ReadFile(filepath.Join("..", "..", "shared", "research", "other-regimes-facts.md")); err == nil {
		sheet += string(other)
	}
	for _, r := range mustDefault(t).Regimes {
		for _, o := range r.Obligations {
			for _, d := range []Date{o.Effective, o.Due} {
				if !d.IsZero() && !strings.Contains(sheet, d.String()) {
					t.Errorf("%s/%s: date %s is not in the fact sheet", r.ID, o.ID, d)
				}
			}
		}
	}
}

// dateTableRegimes maps the fact sheet's §0 "Regime" labels to regime ids.
func dateTableRegimes(label string) []string {
	rules := []struct{ substr, id string }{
		{"BOD 17-01", "bod-17-01"},
		{"NDAA", "ndaa-fy2018-1634"},
		{"FAR", "far-52-204-23"},
		{"FCC", "fcc-covered-list"},
		{"47 U.S.C. 160", "fcc-covered-list"},
		{"BIS ICTS", "bis-icts-2024"},
		{"BIS Entity List", "bis-entity-list-2024"},
		{"OFAC", "ofac-eo14024-2024"},
		{"Germany", "de-bsi-2022"},
		{"Italy", "it-dl-21-2022"},
		{"Canada", "ca-tbs-2023"},
		{"Australia", "au-pspf-002-2025"},
	}
	var ids []string
	for _, r := range rules {
		if strings.Contains(label, r.substr) && !slices.Contains(ids, r.id) {
			ids = append(ids, r.id)
		}
	}
	return ids
}

// TestDateTableCovered: every dated row of the fact sheet's §0 table is in
// the regime it belongs to, as an obligation date or in a note.
func TestDateTableCovered(t *testing.T) {
	sheet := factSheet(t)
	l := mustDefault(t)
	section, _, _ := strings.Cut(strings.SplitN(sheet, "## 0.", 2)[1], "\n---")
	rows := 0
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.Contains(cells[1], "-") || strings.Contains(cells[1], "---") {
			continue
		}
		rows++
		when, label := cells[1], cells[2]
		ids := dateTableRegimes(label)
		if len(ids) == 0 {
			t.Errorf("§0 row %q: no regime in the list", strings.TrimSpace(label))
			continue
		}
		for _, id := range ids {
			r, ok := l.Regime(id)
			if !ok {
				t.Errorf("§0 row %q: regime %s missing", label, id)
				continue
			}
			text := regimeDates(r)
			for _, d := range isoDate.FindAllString(when+label, -1) {
				if !strings.Contains(text, d) {
					t.Errorf("§0 row %q: date %s not in regime %s", strings.TrimSpace(label), d, id)
				}
			}
			if strings.Contains(when, "Annually by 03-31") && !strings.Contains(text, "annual:03-31") {
				t.Errorf("§0 row %q: regime %s lacks annual:03-31", label, id)
			}
		}
	}
	t.Logf("checked %d dated rows of the §0 table", rows)
	if rows < 20 {
		t.Fatalf("read %d rows of the §0 table, want at least 20: has its layout changed?", rows)
	}
}

// regimeDates is everything in r that can carry a date.
func regimeDates(r *Regime) string {
	parts := []string{r.Note, r.Citation}
	for _, o := range r.Obligations {
		parts = append(parts, o.Effective.String(), o.Due.String(), o.DueRule, o.Note)
	}
	return strings.Join(parts, " ")
}
