package vendorlists

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// otherRegimesSheet returns the fact sheet behind the non-Kaspersky lists,
// or skips the test.
func otherRegimesSheet(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "research", "other-regimes-facts.md"))
	if err != nil {
		t.Skipf("fact sheet not available (%v): the cross-check needs ../shared next to the repository", err)
	}
	return string(data)
}

func otherLists(t *testing.T) []*List {
	t.Helper()
	all, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var out []*List
	for _, l := range all {
		if l.ID != DefaultID {
			out = append(out, l)
		}
	}
	if len(out) < 3 {
		t.Fatalf("want the section-889, fcc-covered-list and bytedance lists, got %d lists", len(out))
	}
	return out
}

// TestOtherListsSourcesMatchFactSheet: every source title and URL is the
// fact sheet's own (SBnn is the sheet's "Snnb"); a source found beyond the
// sheet (S200 and up, as in the Kaspersky list) cites its own URL and no
// id the sheet uses.
func TestOtherListsSourcesMatchFactSheet(t *testing.T) {
	sheet := otherRegimesSheet(t)
	for _, l := range otherLists(t) {
		for _, s := range l.Sources {
			if foundAfterFactSheet(s.ID) {
				if s.URL == "" {
					t.Errorf("%s: source %s: found after the fact sheet, so it needs its own URL", l.ID, s.ID)
				}
				if strings.Contains(sheet, "- "+s.ID+" ") {
					t.Errorf("%s: source %s: the fact sheet uses this id for another source", l.ID, s.ID)
				}
				continue
			}
			id := s.ID
			if strings.HasPrefix(id, "SB") {
				id = "S" + id[2:] + "b"
			}
			if !strings.Contains(sheet, "- "+id+" "+s.Title) {
				t.Errorf("%s: source %s: title %q is not the fact sheet's", l.ID, s.ID, s.Title)
			}
			for _, u := range append([]Link{{URL: s.URL}}, s.Also...) {
				if u.URL != "" && !strings.Contains(sheet, u.URL) {
					t.Errorf("%s: source %s: URL %q is not in the fact sheet", l.ID, s.ID, u.URL)
				}
			}
		}
	}
}

// TestOtherListsDatesInFactSheet: no obligation date is invented. A date
// counts as present when the sheet has it whole, or has its month-day on a
// line that also has its year ("2023-02-27 → 03-29 / 05-28").
func TestOtherListsDatesInFactSheet(t *testing.T) {
	sheet := otherRegimesSheet(t)
	present := func(d string) bool {
		if strings.Contains(sheet, d) {
			return true
		}
		for _, line := range strings.Split(sheet, "\n") {
			if strings.Contains(line, d[:4]+"-") && strings.Contains(line, d[5:]) {
				return true
			}
		}
		return false
	}
	for _, l := range otherLists(t) {
		for _, r := range l.Regimes {
			for _, o := range r.Obligations {
				for _, d := range []Date{o.Effective, o.Due} {
					if !d.IsZero() && !present(d.String()) {
						t.Errorf("%s: %s/%s: date %s is not in the fact sheet", l.ID, r.ID, o.ID, d)
					}
				}
			}
		}
	}
}

// TestOtherListsNoUnconfirmedFacts: what the fact sheet marks UNCONFIRMED
// may appear in notes only, never as a name, identifier or action.
func TestOtherListsNoUnconfirmedFacts(t *testing.T) {
	unconfirmed := []string{"UNCONFIRMED", "Digitalsystem", "Imou", "Lechange", "Amcrest", "EmpireTech",
		"power inverters", "advanced robotic devices"}
	for _, l := range otherLists(t) {
		visitStrings(reflect.ValueOf(l), l.ID, "", func(path, field, s string) {
			if field == "Note" || field == "Description" || strings.HasPrefix(path, l.ID+".Sources") {
				return
			}
			for _, u := range unconfirmed {
				if strings.Contains(strings.ToLower(s), strings.ToLower(u)) {
					t.Errorf("%s = %q states %q as fact", path, s, u)
				}
			}
		})
		for _, e := range l.Entities {
			for _, c := range e.CPEVendors {
				if c.Value == "hytera" || c.Value == "dji" {
					t.Errorf("%s: CPE vendor %q is UNCONFIRMED", l.ID, c.Value)
				}
			}
		}
	}
}
