package audit_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// expectedRow is one component of a fixture with the verdict a correct
// audit gives it (testdata/expected/EXPECTED.md explains each).
type expectedRow struct {
	Ref        string `json:"ref"`
	Name       string `json:"name"`
	Category   string `json:"category"`
	Commercial string `json:"us-commercial"`
	Contractor string `json:"us-federal-contractor"`
	Signals    string `json:"signals"`
}

// TestPlantedFixtures audits every hand-written fixture with the embedded
// list and checks every planted component gets its expected category and
// verdict under two profiles, and that no false positive is flagged.
func TestPlantedFixtures(t *testing.T) {
	runFixtureSet(t, "sboms", "../testdata/expected/EXPECTED.json", checkExpected)
}

// runFixtureSet audits every fixture file named in an expected-verdicts
// file (fixtures under ../testdata/DIR) with every embedded list, under
// the two profiles the expectations are written for, and hands each
// file's findings and rows to check.
func runFixtureSet[R any](t *testing.T, dir, expectedFile string, check func(*testing.T, string, []audit.Finding, []R)) {
	t.Helper()
	data, err := os.ReadFile(expectedFile)
	if err != nil {
		t.Fatal(err)
	}
	var expected map[string][]R
	if err := json.Unmarshal(data, &expected); err != nil {
		t.Fatal(err)
	}
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	files := make([]string, 0, len(expected))
	for f := range expected {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, profile := range []string{"us-commercial", "us-federal-contractor"} {
		a, err := audit.New(audit.Config{Lists: lists, Profiles: []string{profile}, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			t.Run(profile+"/"+file, func(t *testing.T) {
				doc, err := sbom.ReadFile(filepath.Join("..", "testdata", dir, file), sbom.Options{})
				if err != nil {
					t.Fatal(err)
				}
				check(t, profile, a.Audit(doc), expected[file])
			})
		}
	}
}

func checkExpected(t *testing.T, profile string, findings []audit.Finding, rows []expectedRow) {
	t.Helper()
	got := map[string]audit.Finding{}
	for _, f := range findings {
		got[f.Component.Ref] = f
	}
	for _, row := range rows {
		want := row.Commercial
		if profile == "us-federal-contractor" {
			want = row.Contractor
		}
		f, found := got[row.Ref]
		delete(got, row.Ref)
		switch {
		case want == "none" && found:
			t.Errorf("%s (%s): false positive %s/%s: %s", row.Ref, row.Name, f.Verdict, f.Category, f.Rationale)
		case want != "none" && !found:
			t.Errorf("%s (%s): missed; want %s/%s (planted: %s)", row.Ref, row.Name, want, row.Category, row.Signals)
		case found && (string(f.Verdict) != want || string(f.Category) != row.Category):
			t.Errorf("%s (%s): got %s/%s, want %s/%s (planted: %s; rationale: %s)", row.Ref, row.Name, f.Verdict, f.Category, want, row.Category, row.Signals, f.Rationale)
		}
	}
	for ref, f := range got {
		t.Errorf("%s (%s): finding for a component EXPECTED.json does not list: %s/%s", ref, f.Component.Name, f.Verdict, f.Category)
	}
}

// TestReferenceTypes: a link to the entity's documentation or support
// pages is a mention, a download from its servers identifies it.
func TestReferenceTypes(t *testing.T) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a, err := audit.New(audit.Config{Lists: lists})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		refType, url string
		want         audit.Verdict
	}{
		{"documentation", "https://support.kaspersky.com/KESL/12.0/en-US/", audit.VerdictInfo},
		{"support", "https://support.kaspersky.com/", audit.VerdictInfo},
		{"issue-tracker", "https://github.com/x/y/issues?q=kaspersky.com", ""},
		{"distribution", "https://products.s.kaspersky-labs.com/endpoints/kesl/kesl_12.0.deb", audit.VerdictProhibited},
		{"website", "https://os.kaspersky.com/", audit.VerdictReview}, // KasperskyOS: non-security under us-commercial
	}
	for _, tt := range tests {
		t.Run(tt.refType, func(t *testing.T) {
			c := sbom.Component{Name: "scanner-plugin", Version: "1.0", Supplier: &sbom.Organization{Name: "Example Corp"},
				ExternalRefs: []sbom.ExternalRef{{Type: tt.refType, URL: tt.url}}}
			fs := a.MatchComponent(&c)
			var got audit.Verdict
			if len(fs) > 0 {
				got = fs[0].Verdict
			}
			if got != tt.want {
				t.Errorf("verdict %q, want %q", got, tt.want)
			}
		})
	}
}
