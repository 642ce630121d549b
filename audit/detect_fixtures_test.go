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

// detectRow is one labelled component of a testdata/detect fixture: the
// verdict per profile ("none" for a decoy that must not be flagged), the
// category, and the evidence signals the finding must carry.
type detectRow struct {
	Ref        string   `json:"ref"`
	Name       string   `json:"name"`
	Category   string   `json:"category"`
	Commercial string   `json:"us-commercial"`
	Contractor string   `json:"us-federal-contractor"`
	Signals    []string `json:"signals"`
	Note       string   `json:"note"`
}

// TestDetectFixtures audits the detection-depth fixtures (fields the
// decoders used to drop, names however written, integrations told apart
// from products, decoys) in every format each class applies to, and
// checks each labelled component and that nothing else is flagged.
func TestDetectFixtures(t *testing.T) {
	data, err := os.ReadFile("../testdata/detect/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var expected map[string][]detectRow
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
				doc, err := sbom.ReadFile(filepath.Join("..", "testdata", "detect", file), sbom.Options{})
				if err != nil {
					t.Fatal(err)
				}
				checkDetect(t, profile, a.Audit(doc), expected[file])
			})
		}
	}
}

func checkDetect(t *testing.T, profile string, findings []audit.Finding, rows []detectRow) {
	t.Helper()
	got := map[string]audit.Finding{}
	for _, f := range findings {
		if _, dup := got[f.Component.Ref]; dup {
			t.Errorf("%s: more than one finding", f.Component.Ref)
		}
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
			t.Errorf("%s (%s, %s): false positive %s/%s: %s", row.Ref, row.Name, row.Note, f.Verdict, f.Category, f.Rationale)
		case want == "none":
		case !found:
			t.Errorf("%s (%s, %s): missed, want %s/%s", row.Ref, row.Name, row.Note, want, row.Category)
		case string(f.Verdict) != want || string(f.Category) != row.Category:
			t.Errorf("%s (%s, %s): got %s/%s, want %s/%s (%s)", row.Ref, row.Name, row.Note, f.Verdict, f.Category, want, row.Category, f.Rationale)
		default:
			for _, s := range row.Signals {
				if !hasSignal(f, s) {
					t.Errorf("%s (%s): no %s evidence in %+v", row.Ref, row.Name, s, f.Evidence)
				}
			}
		}
	}
	for ref, f := range got {
		t.Errorf("%s (%s): unexpected finding %s/%s: %s", ref, f.Component.Name, f.Verdict, f.Category, f.Rationale)
	}
}

func hasSignal(f audit.Finding, signal string) bool {
	for _, e := range f.Evidence {
		if e.Signal == signal {
			return true
		}
	}
	return false
}
