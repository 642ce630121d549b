package syftgen_test

import (
	"slices"
	"testing"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestAuditGenerated audits every generated fixture with the embedded
// lists: exactly the planted Kaspersky components must be found, each from
// the evidence syft generation carried over, and nothing else.
func TestAuditGenerated(t *testing.T) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a, err := audit.New(audit.Config{Lists: lists})
	if err != nil {
		t.Fatal(err)
	}
	type finding struct {
		component string
		verdict   audit.Verdict
		// strong evidence the mapping must have delivered: "signal field"
		evidence []string
	}
	kesl := finding{"kesl", audit.VerdictProhibited, []string{"supplier supplier.name", "domain supplier.emails[0]"}}
	kavsdk := finding{"kavsdk", audit.VerdictProhibited, []string{"supplier supplier.name", "manufacturer manufacturer.name"}}
	want := map[string][]finding{
		"dpkg":           {kesl},
		"npm":            {{"@kaspersky/hexa-ui", audit.VerdictReview, []string{"author authors[0].name", "purl purl"}}},
		"maven":          {{"kaspresso", audit.VerdictReview, []string{"purl purl", "purl group"}}},
		"python":         {{"opentip", audit.VerdictReview, []string{"author authors[0].name", "domain authors[0].email"}}},
		"jars":           {kavsdk},
		"jar-file":       {kavsdk},
		"docker-archive": {kesl},
		"oci-archive":    {kesl},
		"oci-dir":        {kesl},
	}
	for _, c := range scanCases() {
		t.Run(c.name, func(t *testing.T) {
			_, res := generate(t, c)
			got := a.Audit(res.Document)
			wantHere, ok := want[c.name]
			if !ok {
				t.Fatalf("no expectation for fixture %q", c.name)
			}
			if len(got) != len(wantHere) {
				var names []string
				for _, f := range got {
					names = append(names, f.Component.Name+"="+string(f.Verdict))
				}
				t.Fatalf("findings %q, want %d", names, len(wantHere))
			}
			for i, w := range wantHere {
				f := got[i]
				if f.Component.Name != w.component || f.Verdict != w.verdict || f.Entity.ID != "kaspersky" {
					t.Errorf("finding %d = %s %s %s, want %s %s kaspersky", i, f.Component.Name, f.Verdict, f.Entity.ID, w.component, w.verdict)
				}
				var strong []string
				for _, e := range f.Evidence {
					if e.Strength == "strong" {
						strong = append(strong, e.Signal+" "+e.Field)
					}
				}
				for _, e := range w.evidence {
					if !slices.Contains(strong, e) {
						t.Errorf("%s: strong evidence %q missing from %q", w.component, e, strong)
					}
				}
			}
		})
	}
}
