package reports

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The official OASIS SARIF 2.1.0 schema (errata 01), copied unchanged into
// testdata so that this test never skips.
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

func TestSARIFMatchesSchema(t *testing.T) {
	schema, err := os.ReadFile(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := compileSchema("sarif-schema-2.1.0.json", schema)
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]*Model{"fixture": fixtureModel(), "empty": NewModel(nil, Options{GeneratedAt: fixtureGenerated})} {
		doc := decodeAny(t, render(t, FormatSARIF, m, RenderOptions{}))
		if err := sch.Validate(doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

type sarifCheck struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID   string
					Help struct{ Text, Markdown string }
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct{ Level string }
		}
		Results []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			Message             struct{ Text string }
			PartialFingerprints map[string]string
			Suppressions        []struct{ Kind, Justification string }
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI   string
						Index int
					}
					Region *struct{ StartLine int }
				}
				LogicalLocations []struct{ FullyQualifiedName, Kind string }
			}
		}
	}
}

func TestSARIFContent(t *testing.T) {
	m := fixtureModel()
	var log sarifCheck
	if err := json.Unmarshal(render(t, FormatSARIF, m, RenderOptions{}), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != 5 { // one entity, five categories
		t.Fatalf("%d rules, want 5", len(rules))
	}
	cited := false
	for _, r := range rules {
		if r.ID == "embargo/kaspersky-lab/product" {
			cited = strings.Contains(r.Help.Text, "48 CFR 52.204-23(d)") && strings.Contains(r.Help.Markdown, "48 CFR 52.204-23\\(d\\)")
		}
	}
	if !cited {
		t.Error("the product rule's help does not cite 48 CFR 52.204-23(d) in text and markdown")
	}
	if len(run.Results) != len(m.Findings) {
		t.Fatalf("%d results, want %d", len(run.Results), len(m.Findings))
	}
	wantLevel := map[string]string{"prohibited": "error", "review": "warning", "info": "note", "waived": "none", "baseline": "none"}
	for i, r := range run.Results {
		f := m.Findings[i]
		if r.Level != wantLevel[string(f.Verdict)] {
			t.Errorf("%s: level %s, want %s", f.ID, r.Level, wantLevel[string(f.Verdict)])
		}
		if rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: ruleIndex %d is %s, not %s", f.ID, r.RuleIndex, rules[r.RuleIndex].ID, r.RuleID)
		}
		if r.PartialFingerprints[fingerprintKey] != f.ID {
			t.Errorf("%s: fingerprint %v", f.ID, r.PartialFingerprints)
		}
		if suppressed := len(r.Suppressions) > 0; suppressed != (f.Verdict.Rank() == 0) {
			t.Errorf("%s: suppressed=%v for verdict %s", f.ID, suppressed, f.Verdict)
		}
		loc := r.Locations[0]
		if loc.PhysicalLocation.ArtifactLocation.URI != f.Input {
			t.Errorf("%s: uri %q, want %q", f.ID, loc.PhysicalLocation.ArtifactLocation.URI, f.Input)
		}
		wantLine := 0
		for _, e := range f.Evidence {
			if e.Line > 0 {
				wantLine = e.Line
				break
			}
		}
		switch reg := loc.PhysicalLocation.Region; {
		case wantLine == 0 && reg != nil:
			t.Errorf("%s: region without a line", f.ID)
		case wantLine > 0 && (reg == nil || reg.StartLine != wantLine):
			t.Errorf("%s: region %+v, want startLine %d", f.ID, reg, wantLine)
		}
		if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].FullyQualifiedName != f.Evidence[0].Location {
			t.Errorf("%s: logical locations %+v", f.ID, loc.LogicalLocations)
		}
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful {
		t.Error("executionSuccessful with a failed input")
	}
	if n := len(inv.ToolExecutionNotifications); n != 3 { // failed input, input warning, run warning
		t.Errorf("%d notifications, want 3", n)
	}
}

func TestFileURI(t *testing.T) {
	for in, want := range map[string]string{
		"sboms/app.cdx.json":    "sboms/app.cdx.json",
		"sboms/my app#1.json":   "sboms/my%20app%231.json",
		"/abs/path/bom.json":    "file:///abs/path/bom.json",
		"dir/ünïcode.spdx.json": "dir/%C3%BCn%C3%AFcode.spdx.json",
	} {
		if got := fileURI(in); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFLocationsArePlaceable checks what GitHub code scanning needs to
// place a result: a relative artifactLocation.uri with uriBaseId %SRCROOT%
// (absolute inputs under the source root are made relative), and a
// region.startLine wherever the evidence has a line.
func TestSARIFLocationsArePlaceable(t *testing.T) {
	res := portfolioResult(30)
	root := "/srv/procurement/vendor-sboms"
	var log struct {
		Runs []struct {
			Artifacts []struct {
				Location sarifArtifactLocation
			}
			Results []struct {
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation sarifArtifactLocation
						Region           *sarifRegion
					}
				}
				Properties map[string]any
			}
		}
	}
	m := NewModel(res, fixtureOptions())
	if err := json.Unmarshal(render(t, FormatSARIF, m, RenderOptions{SourceRoot: root}), &log); err != nil {
		t.Fatal(err)
	}
	lines := map[string]int{}
	for _, f := range m.Findings {
		lines[f.ID] = f.Evidence[0].Line
	}
	for _, a := range log.Runs[0].Artifacts {
		checkPlaceable(t, a.Location)
	}
	if len(log.Runs[0].Results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		checkPlaceable(t, loc.ArtifactLocation)
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "2025-Q2/received/") {
			t.Errorf("uri %q is not relative to the source root", loc.ArtifactLocation.URI)
		}
		id, _ := r.Properties["findingId"].(string)
		if want := lines[id]; want > 0 && (loc.Region == nil || loc.Region.StartLine != want) {
			t.Errorf("%s: region %+v, want startLine %d", id, loc.Region, want)
		}
		if strings.Contains(r.Message.Text, "..") {
			t.Errorf("%s: doubled punctuation in %q", id, r.Message.Text)
		}
	}
	// Outside the source root, a path is an absolute file URI, with no base.
	for path, want := range map[string]sarifArtifactLocation{
		"sboms/a.json":          {URI: "sboms/a.json", URIBaseID: srcRoot},
		"./sboms/a.json":        {URI: "sboms/a.json", URIBaseID: srcRoot},
		"/elsewhere/a.json":     {URI: "file:///elsewhere/a.json"},
		"/srv/procurement/x.js": {URI: "file:///srv/procurement/x.js"},
		"../a.json":             {URI: "file:///srv/procurement/a.json"},
	} {
		if got := sourceLocation(path, root); got != want {
			t.Errorf("sourceLocation(%q) = %+v, want %+v", path, got, want)
		}
	}
}

func checkPlaceable(t *testing.T, loc sarifArtifactLocation) {
	t.Helper()
	if loc.URIBaseID != srcRoot || strings.HasPrefix(loc.URI, "/") || strings.Contains(loc.URI, ":") {
		t.Errorf("artifact location %+v: want a relative uri with uriBaseId %s", loc, srcRoot)
	}
}
