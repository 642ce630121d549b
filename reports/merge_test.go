package reports

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom/testutil"
)

// readBack renders m as JSON and reads it back, as `embargo merge` reads
// each shard's report: an independent copy of m.
func readBack(t *testing.T, m *Model) *Model {
	t.Helper()
	back, err := ReadJSON(bytes.NewReader(render(t, FormatJSON, m, RenderOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// shard keeps the inputs for which keep is true and their findings, the
// report a shard of the run would have written.
func shard(t *testing.T, m *Model, keep func(path string) bool) *Model {
	t.Helper()
	s := readBack(t, m)
	s.Inputs = slices.DeleteFunc(s.Inputs, func(in Input) bool { return !keep(in.Path) })
	s.Findings = slices.DeleteFunc(s.Findings, func(f Finding) bool { return !keep(f.Input) })
	s.normalise()
	return readBack(t, s)
}

func TestMergeGivesBackTheUnshardedModel(t *testing.T) {
	m := fixtureModel()
	want := render(t, FormatJSON, m, RenderOptions{})
	splits := map[string][][]string{
		"app | rest":     {{inputApp}, {inputBroken, inputFirmware}},
		"rest | app":     {{inputBroken, inputFirmware}, {inputApp}},
		"firmware | app": {{inputFirmware}, {inputApp, inputBroken}},
		"three ways":     {{inputFirmware}, {inputBroken}, {inputApp}},
	}
	for name, parts := range splits {
		t.Run(name, func(t *testing.T) {
			var shards []*Model
			for _, paths := range parts {
				shards = append(shards, shard(t, m, func(p string) bool { return slices.Contains(paths, p) }))
			}
			if len(shards[0].Inputs) == len(m.Inputs) {
				t.Fatal("the shard holds every input")
			}
			before := render(t, FormatJSON, shards[0], RenderOptions{})
			got, err := Merge(shards...)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, m) {
				t.Errorf("merged model differs:\nwant %+v\n got %+v", m, got)
			}
			if out := render(t, FormatJSON, got, RenderOptions{}); !bytes.Equal(out, want) {
				t.Errorf("merged JSON differs from the unsharded report\n%s", testutil.FirstDiff(string(want), string(out)))
			}
			if after := render(t, FormatJSON, shards[0], RenderOptions{}); !bytes.Equal(before, after) {
				t.Error("Merge modified a report it was given")
			}
		})
	}
}

func TestMergeUnion(t *testing.T) {
	m := fixtureModel()
	a := shard(t, m, func(p string) bool { return p == inputApp })
	b := shard(t, m, func(p string) bool { return p != inputApp })
	b.GeneratedAt = fixtureGenerated.Add(time.Hour)
	b.Complete = false
	b.Warnings = append(b.Warnings, "shard 2: interrupted")
	// A finding for an input neither report holds, in both: kept once.
	orphan := m.Findings[0]
	orphan.Input, orphan.ID = "sboms/elsewhere.json", "EMB-orphan"
	a.Findings = append(a.Findings, orphan)
	b.Findings = append(b.Findings, orphan)
	b.Tool.Version = "0.9.1"

	got, err := MergeNamed([]string{"a.json", "b.json"}, []*Model{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if !got.GeneratedAt.Equal(b.GeneratedAt) || got.Complete {
		t.Errorf("generatedAt %v complete %v, want the latest and false", got.GeneratedAt, got.Complete)
	}
	if got.Tool != m.Tool {
		t.Errorf("tool %+v, want the first report's %+v", got.Tool, m.Tool)
	}
	if n := len(got.Findings); n != len(m.Findings)+1 {
		t.Errorf("%d findings, want %d", n, len(m.Findings)+1)
	}
	wantWarnings := []string{
		"list kaspersky: 2 entries have no primary source",
		"merged reports were written by different versions of embargo: 0.9.0-test (a.json), 0.9.1 (b.json); the merged report names 0.9.0-test",
		"shard 2: interrupted",
	}
	if !slices.Equal(got.Warnings, wantWarnings) {
		t.Errorf("warnings %q, want %q", got.Warnings, wantWarnings)
	}
	// The orphan counts in the summary, but in no vendor: its input is not
	// in the report.
	wantSummary := m.Summary
	wantSummary.Findings.Prohibited++
	wantSummary.Failing++
	wantSummary.Gaps = append(wantSummary.Gaps, "the run was interrupted; the report covers only the inputs done")
	if !reflect.DeepEqual(got.Summary, wantSummary) || !reflect.DeepEqual(got.Vendors, m.Vendors) {
		t.Errorf("summary or vendors not recomputed:\n%+v\n%+v", got.Summary, got.Vendors)
	}
	// The merged report is a valid report.
	if err := validateReport(render(t, FormatJSON, got, RenderOptions{})); err != nil {
		t.Fatal(err)
	}
}

func TestMergeRefuses(t *testing.T) {
	m := fixtureModel()
	cases := map[string]struct {
		mutate func(b *Model)
		want   []string
	}{
		"schema version": {func(b *Model) { b.SchemaVersion = "4" }, []string{`they differ in schemaVersion (a.json has "3", b.json has "4")`}},
		"as-of":          {func(b *Model) { b.AsOf = "2025-06-11" }, []string{`they differ in asOf (a.json has "2025-06-10", b.json has "2025-06-11")`}},
		"profiles":       {func(b *Model) { b.Profiles = []string{"eu"} }, []string{`they differ in profiles (a.json has "eu,us-federal", b.json has "eu")`}},
		"list version": {func(b *Model) { b.Lists[0].Version = "2025.07.01" }, []string{
			`they differ in lists (a.json has "kaspersky@2025.06.01 sha256:3f1c`, `b.json has "kaspersky@2025.07.01 sha256:3f1c`}},
		"list digest": {func(b *Model) { b.Lists[0].SHA256 = strings.Repeat("0", 64) }, []string{
			`they differ in lists`, `b.json has "kaspersky@2025.06.01 sha256:0000000000000000000000000000000000000000000000000000000000000000"`}},
		"extra list": {func(b *Model) { b.Lists = append(b.Lists, List{ID: "huawei", Version: "1"}) }, []string{
			`b.json has "huawei@1 sha256:-, kaspersky@2025.06.01`}},
		"tool name": {func(b *Model) { b.Tool.Name = "other" }, []string{`they differ in tool name (a.json has "embargo", b.json has "other")`}},
		"overlapping shards": {func(b *Model) { b.Inputs = append(b.Inputs, Input{Path: inputApp, Status: "audited"}) }, []string{
			`cannot merge a.json and b.json: both hold input "sboms/app.cdx.json"`}},
		"input twice in one report": {func(b *Model) { b.Inputs = append(b.Inputs, b.Inputs[0]) }, []string{
			`input "sboms/broken.json" appears twice in b.json`}},
		"two differences": {func(b *Model) { b.AsOf, b.Profiles = "2025-01-01", []string{"eu"} }, []string{`they differ in asOf`, `they differ in profiles`}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a := shard(t, m, func(p string) bool { return p == inputApp })
			b := shard(t, m, func(p string) bool { return p != inputApp })
			c.mutate(b)
			got, err := MergeNamed([]string{"a.json", "b.json"}, []*Model{a, b})
			if err == nil {
				t.Fatalf("merged: %+v", got.Summary)
			}
			for _, want := range c.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

func TestMergeArguments(t *testing.T) {
	if _, err := Merge(); err == nil || !strings.Contains(err.Error(), "no reports") {
		t.Errorf("no reports: %v", err)
	}
	if _, err := MergeNamed([]string{"a.json"}, []*Model{fixtureModel(), fixtureModel()}); err == nil {
		t.Error("names and reports of different lengths accepted")
	}
	if _, err := Merge(fixtureModel(), nil); err == nil || !strings.Contains(err.Error(), "report 2") {
		t.Errorf("nil report: %v", err)
	}
	// Unnamed reports are named by position.
	_, err := Merge(fixtureModel(), fixtureModel())
	if err == nil || !strings.Contains(err.Error(), "cannot merge report 1 and report 2: both hold input") {
		t.Errorf("error %v does not name the reports by position", err)
	}
	// One report merges to itself.
	m := fixtureModel()
	got, err := Merge(readBack(t, m))
	if err != nil || !reflect.DeepEqual(got, m) {
		t.Errorf("merge of one report: %v", err)
	}
}

// TestMergeOfShardedAudits: audit results split by input, each made into
// a report, merge into the report of the whole run.
func TestMergeOfShardedAudits(t *testing.T) {
	full := fixtureResult()
	var shards []*Model
	for _, in := range full.Inputs {
		res := fixtureResult()
		res.Inputs = slices.DeleteFunc(res.Inputs, func(x audit.InputResult) bool { return x.Path != in.Path })
		res.Findings = slices.DeleteFunc(res.Findings, func(f audit.Finding) bool { return f.Input != in.Path })
		shards = append(shards, readBack(t, NewModel(res, fixtureOptions())))
	}
	got, err := Merge(shards...)
	if err != nil {
		t.Fatal(err)
	}
	want := NewModel(full, fixtureOptions())
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged model differs:\nwant %+v\n got %+v", want, got)
	}
	if a, b := render(t, FormatJSON, want, RenderOptions{}), render(t, FormatJSON, got, RenderOptions{}); !bytes.Equal(a, b) {
		t.Errorf("merged JSON differs\n%s", testutil.FirstDiff(string(a), string(b)))
	}
}
