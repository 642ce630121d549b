package vendorlists

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const (
	kasperskySheet = "kaspersky-facts.md"
	otherSheet     = "other-regimes-facts.md"
)

// readSheets returns both fact sheets by name, or skips.
func readSheets(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range []string{kasperskySheet, otherSheet} {
		data, err := os.ReadFile(filepath.Join("..", "..", "shared", "research", name))
		if err != nil {
			t.Skipf("fact sheet not available (%v): the cross-check needs ../shared next to the repository", err)
		}
		out[name] = string(data)
	}
	return out
}

// crossSheet finds a source that cites the other fact sheet's entry by id
// ("FCC Covered List (other-regimes-facts.md S13), as mirrored in ...").
var crossSheet = regexp.MustCompile(`other-regimes-facts\.md (S\d+b?)\b`)

// sheetRefs maps a list's source ids to the fact-sheet entries they are:
// sheet name -> sheet ids.
func sheetRefs(l *List, ids []string) map[string]map[string]bool {
	own := otherSheet
	if l.ID == DefaultID {
		own = kasperskySheet
	}
	out := map[string]map[string]bool{kasperskySheet: {}, otherSheet: {}}
	for _, id := range ids {
		i := slices.IndexFunc(l.Sources, func(s Source) bool { return s.ID == id })
		if i >= 0 {
			if m := crossSheet.FindStringSubmatch(l.Sources[i].Title); m != nil {
				out[otherSheet][m[1]] = true
				continue
			}
		}
		out[own][sheetID(id)] = true
	}
	return out
}

var sheetSourceID = regexp.MustCompile(`\bS\d+b?\b`)

// sheetID is the fact sheet's spelling of a list source id (SBnn is the
// other-regimes sheet's "Snnb").
func sheetID(id string) string {
	if strings.HasPrefix(id, "SB") {
		return "S" + id[2:] + "b"
	}
	return id
}

// datedLines returns the fact-sheet lines that state date d: whole, or as
// a month-day on a line that also has its year ("2023-02-27 → 03-29").
func datedLines(sheet, d string) []string {
	var out []string
	for _, line := range strings.Split(sheet, "\n") {
		if strings.Contains(line, d) || strings.Contains(line, d[:4]+"-") && strings.Contains(line, d[5:]) {
			out = append(out, line)
		}
	}
	return out
}

// TestObligationDatesCitedWithTheirRegime: a regime's date must stand in
// the fact sheet on a line that cites one of that regime's (or that
// obligation's) own sources; the same date stated for another regime does
// not count. This is the check a swapped or mistyped date fails.
func TestObligationDatesCitedWithTheirRegime(t *testing.T) {
	all, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	sheets := readSheets(t)
	problems, checked := uncitedDates(sheets, all)
	for _, p := range problems {
		t.Error(p)
	}
	if checked < 40 {
		t.Fatalf("checked %d obligation dates, want every dated obligation of the embedded lists", checked)
	}
}

// TestUncitedDatesCatchesASwap: the check above must fail when a date is
// moved to a regime whose sources do not state it (the BIS no-new-agreements
// date given to the FAR report), though the date is in the fact sheet.
func TestUncitedDatesCatchesASwap(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sheets := readSheets(t)
	r := &l.Regimes[slices.IndexFunc(l.Regimes, func(r Regime) bool { return r.ID == "far-52-204-23" })]
	r.Obligations[0].Effective, _ = ParseDate("2024-07-20")
	problems, _ := uncitedDates(sheets, []*List{l})
	if len(problems) != 1 || !strings.Contains(problems[0], "far-52-204-23/"+r.Obligations[0].ID+": date 2024-07-20") {
		t.Errorf("swapped date: problems = %q, want exactly the FAR one", problems)
	}
}

// uncitedDates returns one line per obligation date not stated with its
// regime's sources, and how many dates it checked.
func uncitedDates(sheets map[string]string, lists []*List) (problems []string, checked int) {
	for _, l := range lists {
		for _, r := range l.Regimes {
			for _, o := range r.Obligations {
				ids := append(slices.Clone(r.Sources), o.Sources...)
				refs := sheetRefs(l, ids)
				for _, d := range []Date{o.Effective, o.Due} {
					if d.IsZero() {
						continue
					}
					checked++
					found := false
					for name, cited := range refs {
						found = found || citedOnSomeLine(datedLines(sheets[name], d.String()), cited)
					}
					if !found {
						problems = append(problems, fmt.Sprintf("%s: %s/%s: date %s is not on any fact-sheet line citing the regime's sources %v",
							l.ID, r.ID, o.ID, d, ids))
					}
				}
			}
		}
	}
	return problems, checked
}

func citedOnSomeLine(lines []string, cited map[string]bool) bool {
	for _, line := range lines {
		for _, id := range sheetSourceID.FindAllString(line, -1) {
			if cited[id] {
				return true
			}
		}
	}
	return false
}
