package reports

import (
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit"
)

// TestNothingAuditedInEveryFormat: a run whose inputs were all skipped is
// incomplete, and says why, in every format a CI or an auditor reads.
func TestNothingAuditedInEveryFormat(t *testing.T) {
	res := &audit.Result{Inputs: []audit.InputResult{
		{Path: "vendor/node_modules/x/package.json", Root: "vendor", Status: audit.StatusSkipped, SHA256: strings.Repeat("a", 64)},
	}}
	m := NewModel(res, Options{ToolName: "embargo", FailOn: "prohibited", Complete: true, GeneratedAt: fixtureGenerated})
	if m.Summary.Outcome != OutcomeIncomplete || len(m.Summary.Gaps) != 2 {
		t.Fatalf("summary %+v", m.Summary)
	}
	want := map[Format]string{
		FormatTable:    "directory vendor holds no SBOM but package manifests",
		FormatJUnit:    `type="incomplete"`,
		FormatSARIF:    "incomplete: no input was audited",
		FormatMarkdown: "INCOMPLETE, no input was audited",
		FormatHTML:     "no input was audited",
		FormatJSON:     `"gaps": [`,
	}
	for f, s := range want {
		if out := string(render(t, f, m, RenderOptions{})); !strings.Contains(out, s) {
			t.Errorf("%s does not say %q:\n%s", f, s, out)
		}
	}
	if out := string(render(t, FormatJUnit, m, RenderOptions{})); !strings.Contains(out, `errors="2"`) {
		t.Errorf("junit counts no errors:\n%s", out)
	}
}

// TestDiscoveredWithLedger: with a ledger, a defaulted --discovered does
// not date every deadline from the as-of date (a case the ledger knows
// keeps its own identification date), and the evidence basis must not say
// it does.
func TestDiscoveredWithLedger(t *testing.T) {
	for _, tc := range []struct {
		ledger Setting
		want   string
	}{
		{Setting{Source: "flag"}, "2026-12-03 (not given: new cases are identified on the as-of date; a case the ledger knows keeps its identification date)"},
		{Setting{Source: "default"}, "2026-12-03 (not given: defaulted to the as-of date)"},
	} {
		m := &Model{Basis: Basis{Discovered: "2026-12-03", DiscoveredDefaulted: true, Settings: map[string]Setting{"ledger": tc.ledger}}}
		var got string
		for _, l := range m.BasisLines() {
			if l[0] == "Discovered" {
				got = l[1]
			}
		}
		if got != tc.want {
			t.Errorf("ledger from %s: Discovered %q, want %q", tc.ledger.Source, got, tc.want)
		}
	}
}
