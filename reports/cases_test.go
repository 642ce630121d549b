package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom/testutil"
)

// fixtureRegister has an overdue open case, a reported one, a resolved
// one and text a spreadsheet or a browser must not run.
func fixtureRegister() *CaseRegister {
	ob := func(id, due, state, text string) Obligation {
		return Obligation{Regime: "far-52-204-23", ID: id, Title: "FAR 52.204-23", Citation: "FAR 52.204-23(c)",
			Action: "Report to the contracting officer", Due: due, Status: ObligationStatus{State: state, Text: text}, Sources: []string{"S1"}}
	}
	return &CaseRegister{
		Tool: Tool{Name: "embargo", Version: "1.2.3"}, AsOf: "2026-12-03", Ledger: "ledger.db", Filter: "status all",
		Cases: []CaseEntry{
			{ID: "C-5b957467ff6a", Status: "open", Overdue: true, Identified: "2026-11-25", LastSeen: "2026-12-03",
				Subject: "acme/gateway", Vendor: "acme", Product: "gateway", Entity: "kaspersky/ao-kaspersky-lab",
				EntityName: "AO Kaspersky Lab", Component: "pkg:generic/kaspersky/kav-sdk", Version: "21.3", Verdict: "prohibited",
				Category: "product", NextDue: "2026-12-01", Profiles: []string{"us-federal-contractor"},
				Obligations: []Obligation{ob("report", "2026-12-01", "passed", "passed 2 days ago")}},
			{ID: "C-000000000001", Status: "reported", Identified: "2026-11-25", Reported: "2026-11-30", ReportRef: "=HYPERLINK(\"x\")",
				ReportedBy: "<b>j.doe</b>", LastSeen: "2026-12-03", Subject: "acme/router", Entity: "kaspersky/ao-kaspersky-lab",
				Component: "pkg:npm/kav", Version: "1", Verdict: "prohibited", NextDue: "2026-12-14",
				Profiles:    []string{"us-commercial", "us-federal-contractor"},
				Obligations: []Obligation{ob("follow-up", "2026-12-14", "due", "due in 11 days")}},
			{ID: "C-000000000002", Status: "resolved", Identified: "2026-10-01", Resolved: "2026-11-02", LastSeen: "2026-10-30",
				Subject: "deliveries/old.cdx.json", Entity: "ndaa889/huawei", Component: "hisdk", Verdict: "review"},
		},
		Warnings: []string{"the ledger holds runs of lists older than the current ones"},
	}
}

func casesSnapshot(t *testing.T, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderCases(&buf, f, fixtureRegister(), RenderOptions{}); err != nil {
		t.Fatalf("render %s: %v", f, err)
	}
	if f == FormatXLSX {
		return xlsxCells(t, buf.Bytes())
	}
	return buf.Bytes()
}

func casesGoldenName(f Format) string { return strings.Replace(goldenName(f), "report", "cases", 1) }

// TestCasesGolden: the register in every output format (testdata/cases;
// go test ./reports -run Cases -update rewrites them).
func TestCasesGolden(t *testing.T) {
	for _, info := range Formats() {
		t.Run(string(info.Name), func(t *testing.T) {
			path := filepath.Join("testdata", "cases", casesGoldenName(info.Name))
			testutil.Golden(t, path, casesSnapshot(t, info.Name))
		})
	}
	entries, _ := os.ReadDir(filepath.Join("testdata", "cases"))
	for _, e := range entries {
		if !slices.ContainsFunc(Formats(), func(f FormatInfo) bool { return casesGoldenName(f.Name) == e.Name() }) {
			t.Errorf("obsolete golden testdata/cases/%s", e.Name())
		}
	}
}

// TestCasesJSONShape: the shape, with dates as YYYY-MM-DD and ""
// for none.
func TestCasesJSONShape(t *testing.T) {
	var doc struct {
		Cases []map[string]any `json:"cases"`
	}
	if err := json.Unmarshal(casesSnapshot(t, FormatJSON), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) != 3 {
		t.Fatalf("%d cases", len(doc.Cases))
	}
	for _, k := range []string{"id", "status", "identified", "reported", "resolved", "lastSeen", "subject", "entity", "component", "verdict", "obligations"} {
		if _, ok := doc.Cases[0][k]; !ok {
			t.Errorf("case has no %q", k)
		}
	}
	if doc.Cases[0]["reported"] != "" || doc.Cases[1]["reported"] != "2026-11-30" || doc.Cases[0]["overdue"] != true {
		t.Errorf("dates or overdue: %v / %v", doc.Cases[0], doc.Cases[1])
	}
}

// TestCasesHostileText: a formula stays text in CSV, markup is escaped in HTML.
func TestCasesHostileText(t *testing.T) {
	if csv := string(casesSnapshot(t, FormatCSV)); !strings.Contains(csv, `'=HYPERLINK`) {
		t.Errorf("CSV lets a formula through:\n%s", csv)
	}
	if html := string(casesSnapshot(t, FormatHTML)); strings.Contains(html, "<b>j.doe") || !strings.Contains(html, "&lt;b&gt;j.doe") {
		t.Errorf("HTML does not escape the reporter's name")
	}
	var junit = string(casesSnapshot(t, FormatJUnit))
	if !strings.Contains(junit, `failures="1"`) || !strings.Contains(junit, `skipped="1"`) {
		t.Errorf("JUnit: want the overdue case failing and the resolved one skipped:\n%s", junit)
	}
}

// TestCasesNameProfiles: every format names the profiles each case was
// dated under.
func TestCasesNameProfiles(t *testing.T) {
	for _, info := range Formats() {
		out := string(casesSnapshot(t, info.Name))
		want := "us-commercial, us-federal-contractor"
		if info.Name == FormatJSON {
			want = `"profiles": [
        "us-commercial",
        "us-federal-contractor"
      ]`
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s does not name the second case's profiles (%s):\n%s", info.Name, want, out)
		}
	}
}
