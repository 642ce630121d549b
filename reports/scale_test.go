package reports

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/vendorlists"
	"github.com/xuri/excelize/v2"
)

// portfolioDir is a deep common directory, as procurement keeps SBOMs.
const portfolioDir = "/srv/procurement/vendor-sboms/2025-Q2/received/"

var portfolioVendors = []string{"Acme Devices Ltd", "Borealis Networks GmbH", "Cobalt Security Inc.", "Delta Industrial Controls AG", "Evergreen Medical Systems"}

// portfolioResult is a generated batch of n inputs, as procurement reviews
// them: a manifest names vendors and products, inputs sit in vendor
// folders under a deep common directory, about a third hold a finding or
// two (with the obligations of three regimes), one in 50 fails to decode
// and one in 40 holds no components.
func portfolioResult(n int) *audit.Result {
	res := &audit.Result{
		AsOf: fixtureAsOf, Discovered: fixtureAsOf, Profiles: []string{"us-federal-contractor"},
		Lists: fixtureResult().Lists,
	}
	for i := range n {
		vendor := portfolioVendors[i%len(portfolioVendors)]
		product := fmt.Sprintf("product-%02d", i%17)
		path := fmt.Sprintf("%s%s/%s/release-%d.%d/sbom-%04d.cdx.json", portfolioDir,
			strings.ToLower(strings.Fields(vendor)[0]), product, 1+i%4, i%10, i)
		in := audit.InputResult{Path: path, Status: audit.StatusAudited, Format: "cyclonedx-json", SpecVersion: "1.6",
			Components: 50 + i%400, Name: product, Vendor: vendor, Product: product, Version: fmt.Sprintf("%d.%d", 1+i%4, i%10),
			SHA256: fmt.Sprintf("%064x", i+1)}
		switch {
		case i%50 == 49:
			in.Status, in.Format, in.SpecVersion, in.Components = audit.StatusFailed, "", "", 0
			in.Error = fmt.Sprintf("decode: invalid character '}' looking for beginning of object key string at line %d, column 3", 10+i)
		case i%40 == 39:
			in.Components = 0
		}
		res.Inputs = append(res.Inputs, in)
		if in.Status != audit.StatusAudited || i%3 != 0 {
			continue
		}
		res.Findings = append(res.Findings, portfolioFinding(i, path, 0))
		if i%9 == 0 {
			res.Findings = append(res.Findings, portfolioFinding(i, path, 1))
		}
	}
	return res
}

func portfolioFinding(i int, path string, k int) audit.Finding {
	f := audit.Finding{
		ID: fmt.Sprintf("EMB-%016x", i*2+k+1), Input: path,
		Component: audit.ComponentRef{Name: "kav-sdk", Group: "com.kaspersky", Version: fmt.Sprintf("21.%d.%d", i%5, k),
			PURL: fmt.Sprintf("pkg:maven/com.kaspersky/kav-sdk@21.%d.%d", i%5, k), Supplier: "AO Kaspersky Lab",
			Ref: fmt.Sprintf("comp-%d-%d", i, k), Type: "library"},
		Entity: kaspersky(), Verdict: audit.VerdictProhibited, Confidence: audit.ConfidenceHigh,
		Category: vendorlists.CategoryProduct, Rationale: "the entity's own anti-virus engine",
		Evidence: []audit.Evidence{{Signal: "purl", Field: "purl", Value: fmt.Sprintf("pkg:maven/com.kaspersky/kav-sdk@21.%d.%d", i%5, k),
			Matched: "pkg:maven/com.kaspersky/*", Location: fmt.Sprintf("/components/%d", 3+k), Line: 40 + i%60 + k*7,
			Rule: "kaspersky/purl/maven-com.kaspersky", Strength: "strong"}},
		Obligations: []audit.Obligation{ndaaRemove(), farReport("overdue", 5)},
		Path:        []string{"app", "kav-sdk"},
	}
	if k == 1 {
		f.Verdict, f.Confidence, f.Category = audit.VerdictReview, audit.ConfidenceMedium, vendorlists.CategoryIntegration
		f.Component.Name, f.Component.Group, f.Component.PURL = "threat-feed-client", "", fmt.Sprintf("pkg:npm/threat-feed-client@3.%d.0", i%7)
		f.Evidence[0] = audit.Evidence{Signal: "supplier", Field: "supplier.name", Value: "Kaspersky Lab", Matched: "kaspersky lab",
			Location: "/components/9", Line: 90 + i%30, Rule: "kaspersky/name/kaspersky-lab", Strength: "strong"}
		f.Obligations = []audit.Obligation{euReview()}
	}
	key := audit.NewCaseKey(path, f.Component, f.Entity)
	f.CaseKey, f.Case = key, audit.Case{ID: key.ID(), Status: audit.CaseUntracked, Identified: fixtureAsOf}
	return f
}

func portfolioModel(n int) *Model {
	return NewModel(portfolioResult(n), Options{ToolName: "embargo", ToolVersion: "0.9.0-test",
		GeneratedAt: fixtureGenerated, FailOn: "prohibited", Complete: true})
}

// TestTableFitsTheTerminal renders the portfolio at 80 and 120 columns:
// no line is wider, inputs are relative to their common directory, and
// every file name the table shows is whole.
func TestTableFitsTheTerminal(t *testing.T) {
	for _, width := range []int{80, 120} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			m := portfolioModel(300)
			out := string(render(t, FormatTable, m, RenderOptions{Width: width}))
			for i, line := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(line); n > width {
					t.Errorf("line %d is %d columns wide (> %d): %q", i+1, n, width, line)
				}
			}
			if strings.Contains(out, "/srv/procurement/vendor-sboms/2025-Q2/received/acme") {
				t.Error("input paths repeat their common directory")
			}
			if !strings.Contains(out, "INPUTS (in "+portfolioDir+")") {
				t.Error("the table does not say which directory inputs are relative to")
			}
			for _, f := range m.Findings[:5] {
				base := f.Input[strings.LastIndex(f.Input, "/")+1:]
				if !strings.Contains(out, base) {
					t.Errorf("file name %s of a finding's input is not shown", base)
				}
			}
			if strings.Count(out, "AO Kaspersky Lab") != 1 {
				t.Errorf("the entity's full name appears %d times, want once (in the legend)", strings.Count(out, "AO Kaspersky Lab"))
			}
			for _, v := range portfolioVendors {
				if !strings.Contains(out, "\n"+v+"\n") {
					t.Errorf("findings are not grouped under vendor %q", v)
				}
			}
			checkGolden(t, fmt.Sprintf("portfolio-300.w%d.txt", width), []byte(out))
		})
	}
}

func TestCommonDirAndMiddle(t *testing.T) {
	for _, tc := range []struct {
		paths []string
		want  string
	}{
		{nil, ""},
		{[]string{"a.json"}, ""},
		{[]string{"sboms/a.json"}, "sboms/"},
		{[]string{"sboms/x/a.json", "sboms/y/b.json"}, "sboms/"},
		{[]string{"sboms/ab/a.json", "sboms/abc/b.json"}, "sboms/"},
		{[]string{"/a/b.json", "c.json"}, ""},
		{[]string{"-", "sboms/a.json"}, ""},
	} {
		if got := CommonDir(tc.paths); got != tc.want {
			t.Errorf("CommonDir(%q) = %q, want %q", tc.paths, got, tc.want)
		}
	}
	if got := middle("vendor/product/release-1.2/sbom-0001.cdx.json", 24); got != "vendor/…/sbom-0001.cdx.json" && utf8.RuneCountInString(got) != 24 {
		t.Errorf("middle = %q", got)
	}
	if got := middle("vendor/product/release-1.2/sbom-0001.cdx.json", 24); !strings.HasSuffix(got, "0001.cdx.json") || utf8.RuneCountInString(got) != 24 {
		t.Errorf("middle = %q: the file name must stay and the width be 24", got)
	}
}

// portfolioSizes are the batch sizes every format has a golden file for:
// one input, and a portfolio of 300.
var portfolioSizes = []int{1, 300}

func portfolioGolden(n int, f Format) string {
	return fmt.Sprintf("portfolio-%d.%s", n, strings.TrimPrefix(goldenName(f), "report."))
}

// scaleGoldens are the snapshot files the portfolio tests write.
func scaleGoldens() []string {
	out := []string{"portfolio-300.w80.txt", "portfolio-300.w120.txt"}
	for _, n := range portfolioSizes {
		for _, info := range Formats() {
			out = append(out, portfolioGolden(n, info.Name))
		}
	}
	return out
}

func TestGoldenPortfolio(t *testing.T) {
	for _, n := range portfolioSizes {
		for _, info := range Formats() {
			t.Run(fmt.Sprintf("%d/%s", n, info.Name), func(t *testing.T) {
				checkGolden(t, portfolioGolden(n, info.Name), snapshot(t, info.Name, portfolioModel(n)))
			})
		}
	}
}

// TestMarkdownLimits renders 1,000 inputs with many findings each: the
// full Markdown stays under GitHub's 1 MiB job-summary limit and the
// summary under the 65,536-character comment limit; each says how many
// findings it left out and points to the full report files.
func TestMarkdownLimits(t *testing.T) {
	res := portfolioResult(1000)
	base := slices.Clone(res.Findings)
	for k := range 12 {
		for _, f := range base {
			f.ID = fmt.Sprintf("%s-%d", f.ID, k)
			f.Component.Name = fmt.Sprintf("%s-%d-%s", f.Component.Name, k, strings.Repeat("x", 40))
			res.Findings = append(res.Findings, f)
		}
	}
	m := NewModel(res, Options{ToolName: "embargo", ToolVersion: "test", GeneratedAt: fixtureGenerated, FailOn: "review", Complete: true})
	ro := RenderOptions{FullReports: []string{"out/report.json", "out/report.html"}}
	for _, tc := range []struct {
		format Format
		limit  int
	}{{FormatMarkdown, MarkdownFullLimit}, {FormatMarkdownSummary, MarkdownSummaryLimit}} {
		out := string(render(t, tc.format, m, ro))
		if n := utf8.RuneCountInString(out); len(out) > tc.limit || n >= tc.limit {
			t.Errorf("%s: %d bytes, %d characters; limit %d", tc.format, len(out), n, tc.limit)
		}
		shown := strings.Count(out, "| EMB-")
		note := fmt.Sprintf("_%d more findings not shown here (%d of %d listed). Every one is in the full report: `out/report.json`, `out/report.html`._",
			len(m.Findings)-shown, shown, len(m.Findings))
		if !strings.Contains(out, note) {
			t.Errorf("%s lists %d of %d findings without saying so: want %q", tc.format, shown, len(m.Findings), note)
		}
		if !strings.HasSuffix(out, "</details>\n") {
			t.Errorf("%s does not end with the evidence basis", tc.format)
		}
		// Findings fill the budget, but never at the cost of the inputs
		// that could not be vouched for or of the lists' digests.
		for _, in := range m.Inputs {
			if tc.format == FormatMarkdown && in.Status == audit.StatusFailed && !strings.Contains(out, relativeTo(CommonDir(m.inputPaths()), in.Path)) {
				t.Errorf("%s does not name failed input %s", tc.format, in.Path)
			}
		}
		for _, l := range m.Lists {
			if !strings.Contains(out, l.SHA256) {
				t.Errorf("%s lacks the digest of list %s", tc.format, l.ID)
			}
		}
		t.Logf("%s: %d bytes, %d of %d findings", tc.format, len(out), shown, len(m.Findings))
	}
}

// TestXLSXCellTypes reads the workbook back: dates are numbers with a
// date format, counts are numbers, booleans are booleans, and SBOM text
// is text.
func TestXLSXCellTypes(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(render(t, FormatXLSX, portfolioModel(300), RenderOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		sheet, column, want string
		date                bool
	}{
		{sheetSummary, "As of", "number", true},
		{sheetSummary, "Generated at (UTC)", "number", true},
		{sheetSummary, "Complete", "bool", false},
		{sheetSummary, "Inputs", "number", false},
		{sheetDue, "due", "number", true},
		{sheetDue, "findings", "number", false},
		{sheetFindings, "fails", "bool", false},
		{sheetFindings, "next_due", "number", true},
		{sheetFindings, "evidence_count", "number", false},
		{sheetFindings, "component", "string", false},
		{sheetInputs, "components", "number", false},
		{sheetObligations, "due", "number", true},
		{sheetObligations, "effective", "number", true},
		{sheetObligations, "days", "number", false},
	} {
		cell := findXLSXCell(t, f, tc.sheet, tc.column)
		typ, err := f.GetCellType(tc.sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		got := map[excelize.CellType]string{excelize.CellTypeBool: "bool", excelize.CellTypeNumber: "number", excelize.CellTypeUnset: "number",
			excelize.CellTypeSharedString: "string", excelize.CellTypeInlineString: "string"}[typ]
		if got != tc.want {
			t.Errorf("%s %s (%s): cell type %v, want %s", tc.sheet, tc.column, cell, typ, tc.want)
		}
		style, err := f.GetCellStyle(tc.sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(style)
		if err != nil {
			t.Fatal(err)
		}
		isDate := s.CustomNumFmt != nil && strings.Contains(*s.CustomNumFmt, "yyyy-mm-dd")
		if isDate != tc.date {
			t.Errorf("%s %s (%s): date format %v, want %v", tc.sheet, tc.column, cell, isDate, tc.date)
		}
	}
	if v, _ := f.GetCellValue(sheetDue, "D2"); v != "2025-06-05" {
		t.Errorf("Due D2 shows %q, want the date 2025-06-05", v)
	}
}

// findXLSXCell finds the first value cell of a column: by header in row 1
// of a table sheet, or by label in column A of the Summary sheet.
func findXLSXCell(t *testing.T, f *excelize.File, sheet, column string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if sheet == sheetSummary {
		for r, row := range rows {
			if len(row) > 0 && row[0] == column {
				return fmt.Sprintf("B%d", r+1)
			}
		}
	} else if i := slices.Index(rows[0], column); i >= 0 {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		return cell
	}
	t.Fatalf("%s has no %q", sheet, column)
	return ""
}

// TestCSVExcelAndJUnitClassnames: csv-excel is the csv behind a UTF-8 BOM;
// JUnit classnames are vendor / product or a relative path, never an
// absolute path dotted into packages.
func TestCSVExcelAndJUnitClassnames(t *testing.T) {
	m := portfolioModel(30)
	plain, excel := render(t, FormatCSV, m, RenderOptions{}), render(t, FormatCSVExcel, m, RenderOptions{})
	if !bytes.Equal(excel, append([]byte("\xef\xbb\xbf"), plain...)) || bytes.HasPrefix(plain, []byte("\xef\xbb\xbf")) {
		t.Error("csv-excel is not the csv behind a UTF-8 byte-order mark, or csv has one")
	}
	res := portfolioResult(30)
	for i := range res.Inputs {
		res.Inputs[i].Vendor, res.Inputs[i].Product, res.Inputs[i].Version = "", "", ""
	}
	for _, model := range []*Model{m, NewModel(res, fixtureOptions())} {
		out := string(render(t, FormatJUnit, model, RenderOptions{}))
		for _, bad := range []string{`classname="embargo.`, `classname="/`, `classname="` + portfolioDir} {
			if strings.Contains(out, bad) {
				t.Errorf("junit has %s", bad)
			}
		}
	}
	if out := string(render(t, FormatJUnit, m, RenderOptions{})); !strings.Contains(out, `classname="Acme Devices Ltd / product-00 1.0"`) {
		t.Error("junit classnames do not name vendor and product")
	}
	if out := string(render(t, FormatJUnit, NewModel(res, fixtureOptions()), RenderOptions{})); !strings.Contains(out, `classname="acme/product-00/release-1.0/sbom-0000.cdx.json"`) {
		t.Error("junit classnames are not the relative input path")
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"  short line", "  short line"},
		{"  averyveryverylongword rest of it", "  averyveryverylongword\n    rest of\n    it"},
		{"one two three four", "one two\n    three\n    four"},
	} {
		if got := wrap(tc.in, 12, "    "); got != tc.want {
			t.Errorf("wrap(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPathsStayDistinct: paths that differ only in their middle, too long
// for their column, still print as distinct texts of the column's width,
// in the shortening itself and in a rendered table.
func TestPathsStayDistinct(t *testing.T) {
	var paths []string
	for i := range 40 {
		paths = append(paths, fmt.Sprintf("vendorA/product-line-%04d-build-planted-with-kaspersky.cdx.json", i))
	}
	paths = append(paths, "vendorB/short.json")
	for _, n := range []int{12, 20, 30, 45} {
		got := middleDistinct(paths, n)
		seen := map[string]string{}
		for _, p := range paths {
			s := got[p]
			if utf8.RuneCountInString(s) > n {
				t.Errorf("width %d: %q is %d runes", n, s, utf8.RuneCountInString(s))
			}
			if o, dup := seen[s]; dup {
				t.Errorf("width %d: %q and %q both print as %q", n, o, p, s)
			}
			seen[s] = p
		}
	}
	res := portfolioResult(40)
	for i := range res.Inputs {
		res.Inputs[i].Path = "/srv/sboms/" + paths[i]
	}
	for i := range res.Findings {
		res.Findings[i].Input = "/srv/sboms/" + paths[i/2]
	}
	m := NewModel(res, Options{ToolName: "embargo", ToolVersion: "0.9.0-test", GeneratedAt: fixtureGenerated, FailOn: "prohibited", Complete: true})
	out := string(render(t, FormatTable, m, RenderOptions{Width: 80}))
	rows := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 2 && (f[0] == "audited" || f[0] == "failed") {
			rows[f[1]]++
		}
	}
	for p, n := range rows {
		if n > 1 {
			t.Errorf("%d input rows print the path %q", n, p)
		}
	}
	if len(rows) < 10 { // inputs with findings are listed; clean ones are counted
		t.Errorf("%d distinct input rows, want 10 or more:\n%s", len(rows), out)
	}
}
