package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Issue 13: every report says it is not legal advice and prints the
// caveats (the list's notes, INTERPRETATION flags) and, for each
// obligation, its sources in full (title and URL).
func TestEveryReportPrintsCaveats(t *testing.T) {
	m := fixtureModel()
	for _, f := range []Format{FormatTable, FormatJSON, FormatMarkdown, FormatHTML, FormatXLSX} {
		out := string(snapshot(t, f, m))
		if f == FormatMarkdown {
			out = strings.ReplaceAll(out, "\\", "")
		}
		for _, want := range []string{
			"This report is not legal advice",
			"INTERPRETATION, to be reviewed by counsel",
			"2023-12",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s report lacks %q", f, want)
			}
		}
		if f != FormatTable && !strings.Contains(out, "FAR 52.204-23 clause text") {
			t.Errorf("%s report lacks the obligation's citation title", f)
		}
	}
}

// A report read back or merged keeps its caveats and disclaimer, once.
func TestCaveatsSurviveMerge(t *testing.T) {
	a, b := fixtureModel(), fixtureModel()
	b.Inputs, b.Findings = nil, nil
	m, err := Merge(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Caveats) != len(a.Caveats) || m.Disclaimer != Disclaimer || m.FARClause != "2023-12" {
		t.Errorf("merged caveats %d (want %d), disclaimer %q, farClause %q", len(m.Caveats), len(a.Caveats), m.Disclaimer, m.FARClause)
	}
	b.FARClause = "2018-07"
	if _, err := Merge(a, b); err == nil || !strings.Contains(err.Error(), "farClause") {
		t.Errorf("merging reports of different FAR clauses: err = %v", err)
	}
}

// "In force since" names only obligations in force on the as-of date.
func TestInForceSinceIgnoresUpcoming(t *testing.T) {
	f := Finding{Obligations: []Obligation{
		{Effective: "2024-07-20", Status: ObligationStatus{State: "in-force"}},
		{Effective: "2024-09-29", Status: ObligationStatus{State: "upcoming"}},
	}}
	if got := f.InForceSince(); got != "2024-07-20" {
		t.Errorf("InForceSince = %q, want 2024-07-20", got)
	}
	f.Obligations[0].Status.State = "upcoming"
	if got := f.InForceSince(); got != "" {
		t.Errorf("InForceSince with nothing in force = %q, want empty", got)
	}
}

// A report written before caveats existed still reads back (a --baseline
// or a shard from an older run), and gains the disclaimer on rendering.
func TestOlderReportWithoutCaveatsReads(t *testing.T) {
	data := snapshot(t, FormatJSON, fixtureModel())
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw, "caveats")
	delete(raw, "disclaimer")
	delete(raw, "farClause")
	old, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadJSON(bytes.NewReader(old))
	if err != nil {
		t.Fatalf("older report: %v", err)
	}
	if m.Disclaimer != Disclaimer || m.Caveats == nil {
		t.Errorf("read back: disclaimer %q, caveats %v", m.Disclaimer, m.Caveats)
	}
}
