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
