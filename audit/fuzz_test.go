package audit

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// FuzzMatchComponent: the matcher never panics on hostile component
// fields, and every finding it makes carries evidence.
func FuzzMatchComponent(f *testing.F) {
	f.Add("AO Kaspersky Lab", "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4", "cpe:2.3:a:kaspersky:total_security:*:*:*:*:*:*:*:*", "https://products.s.kaspersky-labs.com/x.deb", "kesl")
	f.Add("", "pkg:", "cpe:/", "http://[::1", "")
	f.Add("\x00\xff", "pkg:npm/%40kaspersky/hexa-ui", "cpe:2.3:a:kaspersky_lab", "mailto:a@kaspersky.com", "casperjs")
	a := newTestAuditor(f)
	f.Fuzz(func(t *testing.T, supplier, purl, cpe, url, name string) {
		c := sbom.Component{
			Name: name, PURL: purl, CPEs: []sbom.CPE{{Value: cpe}},
			Supplier:     &sbom.Organization{Name: supplier, URLs: []string{url}},
			ExternalRefs: []sbom.ExternalRef{{Type: "distribution", URL: url}},
			Copyright:    supplier, Description: supplier,
		}
		for k := sbom.TextCopyright; k <= sbom.TextCPE; k++ {
			for _, v := range []string{supplier, purl, cpe, url, name} {
				c.Texts = append(c.Texts, sbom.Text{Kind: k, Lineage: sbom.LineageAncestor, Field: "texts", Value: v})
			}
		}
		got := a.MatchComponent(&c)
		for _, fd := range got {
			checkFuzzFinding(t, &fd)
		}
		// Targets are pooled: a second match of the same component must
		// not see anything left over from the first.
		again := a.MatchComponent(&c)
		if !reflect.DeepEqual(got, again) {
			t.Fatalf("matching twice differs:\n%+v\n%+v", got, again)
		}
	})
}

var (
	fuzzVerdicts    = []Verdict{VerdictProhibited, VerdictReview, VerdictInfo}
	fuzzConfidences = []Confidence{ConfidenceHigh, ConfidenceMedium, ConfidenceLow}
)

// checkFuzzFinding: a finding has an id, a verdict and a confidence from
// the known sets (never waived or baseline: only policy makes those), a
// category, and evidence whose every rule belongs to the finding's entity.
func checkFuzzFinding(t *testing.T, fd *Finding) {
	t.Helper()
	if fd.ID == "" || len(fd.Evidence) == 0 || fd.Category == "" || fd.Rationale == "" {
		t.Fatalf("finding without id, evidence, category or rationale: %+v", fd)
	}
	if !slices.Contains(fuzzVerdicts, fd.Verdict) || !slices.Contains(fuzzConfidences, fd.Confidence) {
		t.Fatalf("verdict %q or confidence %q outside the known sets", fd.Verdict, fd.Confidence)
	}
	for _, e := range fd.Evidence {
		if !strings.HasPrefix(e.Rule, fd.Entity.ID+"/") {
			t.Fatalf("evidence rule %q does not belong to entity %q", e.Rule, fd.Entity.ID)
		}
		if e.Strength != "strong" && e.Strength != "weak" {
			t.Fatalf("evidence strength %q", e.Strength)
		}
	}
}
