package match

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// fixtureRow is one hand-labelled component of testdata/sboms
// (EXPECTED.json) or testdata/detect (expected.json): the category an
// auditor gave it, "none" for a component that must not be attributed.
// Verdicts are audit/assess's; here the category, the presence of an
// attribution and, for detect rows, the signals are checked.
type fixtureRow struct {
	Ref        string          `json:"ref"`
	Name       string          `json:"name"`
	Category   string          `json:"category"`
	Commercial string          `json:"us-commercial"`
	Contractor string          `json:"us-federal-contractor"`
	Signals    json.RawMessage `json:"signals"`
}

func embeddedMatcher(t testing.TB) *Matcher {
	t.Helper()
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(lists)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// matchDocument matches a decoded document the way audit does: every
// component as it streams by, then the subject, files and OS stamps.
func matchDocument(m *Matcher, doc *sbom.Document) []Attribution {
	d := m.NewDocument(doc.Path)
	for i := range doc.Components {
		d.Visit(&doc.Components[i])
	}
	return d.Finish(doc)
}

func TestFixturesAttribution(t *testing.T) {
	m := embeddedMatcher(t)
	for _, set := range []struct{ dir, expected string }{
		{"sboms", "../../testdata/expected/EXPECTED.json"},
		{"detect", "../../testdata/detect/expected.json"},
	} {
		data, err := os.ReadFile(set.expected)
		if err != nil {
			t.Fatal(err)
		}
		var expected map[string][]fixtureRow
		if err := json.Unmarshal(data, &expected); err != nil {
			t.Fatal(err)
		}
		files := make([]string, 0, len(expected))
		for f := range expected {
			files = append(files, f)
		}
		sort.Strings(files)
		for _, file := range files {
			t.Run(set.dir+"/"+file, func(t *testing.T) {
				doc, err := sbom.ReadFile(filepath.Join("..", "..", "testdata", set.dir, file), sbom.Options{})
				if err != nil {
					t.Fatal(err)
				}
				checkFixture(t, doc.Path, matchDocument(m, doc), expected[file])
			})
		}
	}
}

func checkFixture(t *testing.T, input string, ats []Attribution, rows []fixtureRow) {
	t.Helper()
	got := map[string]Attribution{}
	for _, at := range ats {
		if _, dup := got[at.Component.Ref]; dup {
			t.Errorf("%s: more than one attribution", at.Component.Ref)
		}
		got[at.Component.Ref] = at
		if at.Input != input || at.List == nil || at.Entity.List != at.List.ID || at.Path == nil {
			t.Errorf("%s: input %q list %v entity %+v path %v", at.Component.Ref, at.Input, at.List != nil, at.Entity, at.Path)
		}
		if at.Confidence != ConfidenceHigh && at.Confidence != ConfidenceMedium && at.Confidence != ConfidenceLow {
			t.Errorf("%s: confidence %q", at.Component.Ref, at.Confidence)
		}
		if (at.Category == vendorlists.CategoryMention || at.NameOnly) && at.Category != vendorlists.CategoryContribution && at.Confidence != ConfidenceLow {
			t.Errorf("%s: %s (name only %v) with confidence %s, want low", at.Component.Ref, at.Category, at.NameOnly, at.Confidence)
		}
		for _, e := range at.Evidence {
			if e.Signal == "" || e.Field == "" || e.Rule == "" || (e.Strength != "strong" && e.Strength != "weak") {
				t.Errorf("%s: incomplete evidence %+v", at.Component.Ref, e)
			}
			if !strings.HasPrefix(e.Rule, at.Entity.ID+"/") && !strings.HasPrefix(e.Rule, at.Entity.List+"/") {
				t.Errorf("%s: evidence rule %q is not the entity %s's", at.Component.Ref, e.Rule, at.Entity.ID)
			}
		}
	}
	for _, row := range rows {
		at, found := got[row.Ref]
		delete(got, row.Ref)
		none := row.Commercial == "none" && row.Contractor == "none"
		switch {
		case none && found:
			t.Errorf("%s (%s): false positive %s: %s", row.Ref, row.Name, at.Category, at.Reason)
		case none:
		case !found:
			t.Errorf("%s (%s): missed, want %s", row.Ref, row.Name, row.Category)
		default:
			cat := string(at.Category)
			if at.OSStamp != nil {
				cat = string(vendorlists.CategoryProduct) // the OS itself, under review
			}
			if cat != row.Category {
				t.Errorf("%s (%s): category %s, want %s (%s)", row.Ref, row.Name, cat, row.Category, at.Reason)
			}
			var signals []string
			if json.Unmarshal(row.Signals, &signals) == nil {
				for _, s := range signals {
					if !hasEvidence(at, s) {
						t.Errorf("%s (%s): no %s evidence in %+v", row.Ref, row.Name, s, at.Evidence)
					}
				}
			}
		}
	}
	for ref, at := range got {
		t.Errorf("%s (%s): attribution the fixture does not list: %s", ref, at.Component.Name, at.Category)
	}
}

func hasEvidence(at Attribution, signal string) bool {
	for _, e := range at.Evidence {
		if e.Signal == signal {
			return true
		}
	}
	return false
}
