package audit_test

import (
	"testing"

	"github.com/embargo-sbom/embargo/audit"
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
	runFixtureSet(t, "detect", "../testdata/detect/expected.json", checkDetect)
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
