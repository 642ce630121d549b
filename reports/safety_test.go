package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Each test below renders the fixture, whose component names and suppliers
// are hostile, and a variant whose vendor, product and version names are
// hostile too (safetyModels), and checks that no hostile string survives in
// a form the format's reader would act on.

func TestTableNeutralisesControlCharacters(t *testing.T) {
	for name, m := range safetyModels() {
		t.Run(name, func(t *testing.T) { checkTableSafe(t, m) })
	}
}

func checkTableSafe(t *testing.T, m *Model) {
	for _, color := range []bool{false, true} {
		out := string(render(t, FormatTable, m, RenderOptions{Color: color}))
		// Only our own SGR sequences may start with ESC.
		rest := out
		for _, sgr := range []string{sgrReset, sgrBold, sgrDim, sgrRed, sgrGreen, sgrYellow, sgrCyan} {
			rest = strings.ReplaceAll(rest, sgr, "")
		}
		if color && rest == out {
			t.Error("colour on, but no colour in the output")
		}
		if i := strings.IndexFunc(rest, needsEscape); i >= 0 && rest[i] != '\n' {
			t.Errorf("color=%v: control character %q reached the terminal at %d", color, rest[i], i)
		}
		if !strings.Contains(out, `\x1b[31mred`) {
			t.Errorf("color=%v: the ANSI escape is not shown as visible text", color)
		}
	}
	if bytes.Contains(render(t, FormatTable, m, RenderOptions{}), []byte("\x1b")) {
		t.Error("ESC in uncoloured output")
	}
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain":               "plain",
		"\x1b[31mred":         `\x1b[31mred`,
		"a\nb\r\tc":           `a\nb\r\tc`,
		"bell\x07del\x7f":     `bell\x07del\x7f`,
		"c1\u009b31m":         `c1\x9b31m`,
		"evil\u202eexe.txt":   `evil\u202eexe.txt`,
		"ünïcödé is fine ✓":   "ünïcödé is fine ✓",
		"\u2066isolate\u2069": `\u2066isolate\u2069`,
	} {
		if got := visible(in); got != want {
			t.Errorf("visible(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	for name, m := range safetyModels() {
		t.Run(name, func(t *testing.T) { checkCSVSafe(t, m) })
	}
}

func checkCSVSafe(t *testing.T, m *Model) {
	rows, err := csv.NewReader(bytes.NewReader(render(t, FormatCSV, m, RenderOptions{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(m.Findings) {
		t.Fatalf("%d rows, want a header and one per finding", len(rows))
	}
	found := false
	for _, row := range rows {
		if len(row) != len(csvFileHeader()) {
			t.Errorf("row has %d cells, header %d", len(row), len(csvFileHeader()))
		}
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
			if strings.ContainsFunc(c, needsEscape) {
				t.Errorf("cell %q carries a control character", c)
			}
			found = found || c == "'"+hostileFormula
		}
	}
	if !found {
		t.Errorf("no cell holds the neutralised formula %q", "'"+hostileFormula)
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)",
		"\tx": `'\tx`, "\rx": `'\rx`, "ok=1": "ok=1", "": "",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// unescapedPipe is a pipe not preceded by a backslash: a GFM cell break.
var unescapedPipe = regexp.MustCompile(`(^|[^\\])\|`)

func TestMarkdownEscapes(t *testing.T) {
	for name, m := range safetyModels() {
		for _, f := range []Format{FormatMarkdown, FormatMarkdownSummary} {
			t.Run(name+"/"+string(f), func(t *testing.T) { checkMarkdownSafe(t, m, f) })
		}
	}
}

func checkMarkdownSafe(t *testing.T, m *Model, f Format) {
	out := string(render(t, f, m, RenderOptions{}))
	for _, bad := range []string{"<script", "](", "![", "\x1b", "http://", "[link]"} {
		if strings.Contains(strings.ReplaceAll(out, `\`+bad[:1], "\x00"), bad) {
			t.Errorf("markdown contains unescaped %q", bad)
		}
	}
	// Every row of a table has as many cell breaks as its header.
	var cols int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := len(unescapedPipe.FindAllString(line, -1))
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("row breaks the table (%d pipes, header %d): %s", n, cols, line)
		}
	}
}

func TestMDEscape(t *testing.T) {
	for in, want := range map[string]string{
		hostileLink:      `\[link\]\(http\://evil\)`,
		hostileImage:     `\!\[img\]\(http\://evil/x.png\)`,
		hostileScript:    `\<script\>alert\(1\)\</script\>`,
		hostilePipe:      `a\|b`,
		"`code` *b* _i_": "\\`code\\` \\*b\\* \\_i\\_",
		"line\nbreak":    `line\\nbreak`,
		"visit WWW.x.io": `visit WWW\.x.io`,
		"a@b.example":    `a\@b.example`,
		"&lt;":           `\&lt;`,
	} {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIFMessagesArePlainText(t *testing.T) {
	for name, m := range safetyModels() {
		t.Run(name, func(t *testing.T) { checkSARIFSafe(t, m) })
	}
}

func checkSARIFSafe(t *testing.T, m *Model) {
	var log sarifCheck
	if err := json.Unmarshal(render(t, FormatSARIF, m, RenderOptions{}), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Results {
		if strings.ContainsFunc(r.Message.Text, needsEscape) {
			t.Errorf("message carries a control character: %q", r.Message.Text)
		}
		for _, s := range r.Suppressions {
			if strings.ContainsFunc(s.Justification, needsEscape) {
				t.Errorf("suppression justification carries a control character: %q", s.Justification)
			}
		}
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if strings.Contains(r.Help.Markdown, "<") {
			t.Errorf("rule help markdown contains raw '<': %q", r.Help.Markdown)
		}
	}
}

func TestJUnitIsWellFormed(t *testing.T) {
	for name, m := range safetyModels() {
		t.Run(name, func(t *testing.T) { checkJUnitSafe(t, m) })
	}
}

func checkJUnitSafe(t *testing.T, m *Model) {
	out := render(t, FormatJUnit, m, RenderOptions{})
	if bytes.ContainsFunc(out, func(r rune) bool { return needsEscape(r) && r != '\n' }) {
		t.Error("junit carries a control character")
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("junit is not well-formed XML: %v", err)
		}
	}
	var doc junitSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	// failOn review: the prohibited and review findings fail; the broken
	// input errors; waived and baseline are skipped.
	if doc.Failures != 2 || doc.Errors != 1 || doc.Skipped != 2 || len(doc.Suites) != 3 {
		t.Errorf("failures=%d errors=%d skipped=%d suites=%d, want 2, 1, 2, 3", doc.Failures, doc.Errors, doc.Skipped, len(doc.Suites))
	}
}

func TestJUnitFollowsFailOn(t *testing.T) {
	for failOn, want := range map[string]int{"prohibited": 1, "review": 2, "info": 3, "never": 0, "waived": 0} {
		o := fixtureOptions()
		o.FailOn = failOn
		var doc junitSuites
		if err := xml.Unmarshal(render(t, FormatJUnit, NewModel(fixtureResult(), o), RenderOptions{}), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Failures != want {
			t.Errorf("fail-on %s: %d failures, want %d", failOn, doc.Failures, want)
		}
	}
}

func TestXLSXHasNoFormulas(t *testing.T) {
	for name, m := range safetyModels() {
		t.Run(name, func(t *testing.T) { checkXLSXSafe(t, m) })
	}
}

func checkXLSXSafe(t *testing.T, m *Model) {
	f, err := excelize.OpenReader(bytes.NewReader(render(t, FormatXLSX, m, RenderOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{sheetSummary, sheetDue, sheetVendors, sheetFindings, sheetInputs, sheetObligations}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	found := false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					t.Errorf("%s!%s is a formula: %q", sheet, cell, formula)
				}
				if v == hostileFormula {
					found = true
					if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s!%s: type %v, want a string", sheet, cell, typ)
					}
				}
				if strings.ContainsFunc(v, needsEscape) {
					t.Errorf("%s!%s carries a control character: %q", sheet, cell, v)
				}
			}
		}
	}
	if !found {
		t.Error("the formula-like component name is not in the workbook as text")
	}
	for _, sheet := range []string{sheetVendors, sheetFindings, sheetInputs, sheetObligations} {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v", sheet, panes)
		}
	}
}

// TestHostileVendorNamesShownInert checks that the manifest's hostile
// vendor, product and version names are shown, and shown as inert text, in
// each format's vendor view.
func TestHostileVendorNamesShownInert(t *testing.T) {
	m := NewModel(hostileVendorResult(), fixtureOptions())
	if len(m.Vendors) != 3 {
		t.Fatalf("%d vendors, want 3", len(m.Vendors))
	}
	table := string(render(t, FormatTable, m, RenderOptions{}))
	_, vendors, ok := strings.Cut(table, "\nVENDORS\n")
	vendors, _, _ = strings.Cut(vendors, "\nFINDINGS\n")
	if !ok || !strings.Contains(vendors, `\x1b[31mred`) || !strings.Contains(vendors, hostileFormula) {
		t.Errorf("table vendors section lacks the visible vendor names:\n%s", vendors)
	}
	md := string(render(t, FormatMarkdown, m, RenderOptions{}))
	for _, want := range []string{`| **=HYPERLINK\("http\://x"\)** |`, `| \<script\>alert\(1\)\</script\> | \\x1b\[31mred |`, `| \[link\]\(http\://evil\) | a\|b | =HYPERLINK`} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown vendors table lacks %q", want)
		}
	}
	html := string(render(t, FormatHTML, m, RenderOptions{}))
	for _, want := range []string{`<h3 class="wrap">\x1b[31mred <span`, `<td class="wrap">&lt;script&gt;alert(1)&lt;/script&gt;</td>`} {
		if !strings.Contains(html, want) {
			t.Errorf("html vendors section lacks %q", want)
		}
	}
	var doc junitSuites
	if err := xml.Unmarshal(render(t, FormatJUnit, m, RenderOptions{}), &doc); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
	}
	if want := `\x1b[31mred / ![img](http://evil/x.png) a|b / sboms/firmware.spdx.json`; !slices.Contains(names, want) {
		t.Errorf("junit suites %q, want one named %q", names, want)
	}
	rows, err := csv.NewReader(bytes.NewReader(render(t, FormatCSV, m, RenderOptions{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	vendorCol := slices.Index(rows[0], "vendor")
	if vendorCol < 0 || rows[1][vendorCol] != "'"+hostileFormula {
		t.Errorf("csv vendor column %d of %q, want the neutralised formula", vendorCol, rows[1])
	}
}
