package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbook, in tab order.
const (
	sheetSummary     = "Summary"
	sheetDue         = "Due"
	sheetVendors     = "Vendors"
	sheetFindings    = "Findings"
	sheetInputs      = "Inputs"
	sheetObligations = "Obligations"
)

// renderXLSX writes a workbook with Summary, Due, Vendors, Findings, Inputs and
// Obligations sheets (Vendors has only its header when no manifest named a
// vendor, so the workbook's shape never changes). Every string goes in with SetCellStr, so nothing an
// SBOM says is ever stored as a formula; control characters (which XML
// cannot carry) become visible escapes. The document's created and
// modified times are the report's generatedAt, so the same model gives the
// same bytes.
func renderXLSX(w io.Writer, m *Model, _ RenderOptions) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	x := xlsxWriter{f: f}
	if err := x.setup(m); err != nil {
		return err
	}
	x.summary(m)
	x.table(sheetDue, dueHeader(), dueRows(m))
	x.table(sheetVendors, vendorHeader(), vendorRows(m))
	x.table(sheetFindings, csvHeader(), findingRows(m))
	x.table(sheetInputs, inputHeader(), inputRows(m))
	x.table(sheetObligations, obligationHeader(), obligationRows(m))
	if x.err != nil {
		return x.err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// xlsxWriter keeps the first error so that the sheet builders read as a
// list of cells rather than a list of error checks.
type xlsxWriter struct {
	f      *excelize.File
	header int // style id of header cells
	bold   int
	date   int // style id of date cells (yyyy-mm-dd)
	stamp  int // style id of date-time cells
	err    error
}

func (x *xlsxWriter) check(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

func (x *xlsxWriter) setup(m *Model) error {
	stamp := m.GeneratedAt.Format("2006-01-02T15:04:05Z")
	x.check(x.f.SetDocProps(&excelize.DocProperties{
		Title:          "embargo restricted-vendor SBOM audit",
		Subject:        "SBOM audit as of " + m.AsOf,
		Creator:        xlsxText(joinNonEmpty(" ", m.Tool.Name, m.Tool.Version)),
		LastModifiedBy: xlsxText(orDefault(m.Tool.Name, "embargo")),
		Created:        stamp,
		Modified:       stamp,
		Version:        SchemaVersion,
	}))
	x.check(x.f.SetSheetName("Sheet1", sheetSummary))
	for _, name := range []string{sheetDue, sheetVendors, sheetFindings, sheetInputs, sheetObligations} {
		_, err := x.f.NewSheet(name)
		x.check(err)
	}
	var err error
	x.header, err = x.f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3A5F"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
	})
	x.check(err)
	x.bold, err = x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	x.check(err)
	dateFmt, stampFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
	x.date, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	x.check(err)
	x.stamp, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &stampFmt})
	x.check(err)
	return x.err
}

// summary writes label/value pairs, then the lists of the evidence basis.
func (x *xlsxWriter) summary(m *Model) {
	s := m.Summary
	pairs := [][2]any{
		{"Outcome", headline(m)},
		{"Tool", joinNonEmpty(" ", m.Tool.Name, m.Tool.Version)},
		{"Generated at (UTC)", stampValue(m.GeneratedAt)},
		{"As of", dateValue(m.AsOf)},
		{"Profiles", strings.Join(m.Profiles, ", ")},
		{"Fail on", m.FailOn},
		{"Complete", m.Complete},
		{"Inputs", s.Inputs}, {"Audited", s.Audited}, {"Failed", s.Failed}, {"Skipped", s.Skipped},
		{"Components", s.Components},
		{"Prohibited", s.Findings.Prohibited}, {"Review", s.Findings.Review}, {"Info", s.Findings.Info},
		{"Waived", s.Findings.Waived}, {"Baseline", s.Findings.Baseline},
		{"Failing findings", s.Failing},
	}
	pairs = append(pairs, [2]any{"Empty", s.Empty})
	for _, g := range s.Gaps {
		pairs = append(pairs, [2]any{"Incomplete", g})
	}
	for _, l := range m.BasisLines() {
		pairs = append(pairs, [2]any{l[0], l[1]})
	}
	for _, w := range m.Warnings {
		pairs = append(pairs, [2]any{"Warning", w})
	}
	pairs = append(pairs, xlsxCaveatPairs(m)...)
	row := 1
	for _, p := range pairs {
		x.setRow(sheetSummary, row, []any{p[0], p[1]})
		x.style(sheetSummary, row, 1, x.bold)
		row++
	}
	row++
	header := []string{"List", "Title", "Version", "Published", "SHA-256", "Origin"}
	x.setRow(sheetSummary, row, toAny(header))
	x.styleRange(sheetSummary, row, len(header), x.header)
	for _, l := range m.Lists {
		row++
		x.setRow(sheetSummary, row, []any{l.ID, l.Title, l.Version, dateValue(l.Published), l.SHA256, l.Origin})
	}
	x.widths(sheetSummary, []int{18, 64, 12, 12, 66, 12})
}

// table writes a header row (styled, frozen, with an auto-filter) and rows.
func (x *xlsxWriter) table(sheet string, header []string, rows [][]any) {
	x.setRow(sheet, 1, toAny(header))
	x.styleRange(sheet, 1, len(header), x.header)
	for i, r := range rows {
		x.setRow(sheet, i+2, r)
	}
	x.check(x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	last, err := excelize.CoordinatesToCellName(len(header), len(rows)+1)
	x.check(err)
	x.check(x.f.AutoFilter(sheet, "A1:"+last, nil))
	x.widths(sheet, columnWidths(header, rows))
}

// setRow writes one row; strings with SetCellStr (never a formula), ints as
// numbers so that they sort and sum, booleans as booleans, dates as Excel
// dates with a date format so that they sort and filter as dates.
func (x *xlsxWriter) setRow(sheet string, row int, values []any) {
	for i, v := range values {
		cell, err := excelize.CoordinatesToCellName(i+1, row)
		x.check(err)
		switch v := v.(type) {
		case int:
			x.check(x.f.SetCellInt(sheet, cell, int64(v)))
		case bool:
			x.check(x.f.SetCellBool(sheet, cell, v))
		case xlsxDate:
			x.check(x.f.SetCellValue(sheet, cell, v.t))
			style := x.date
			if v.stamp {
				style = x.stamp
			}
			x.check(x.f.SetCellStyle(sheet, cell, cell, style))
		case string:
			x.check(x.f.SetCellStr(sheet, cell, xlsxText(v)))
		default:
			x.check(fmt.Errorf("xlsx: unexpected cell type %T", v))
		}
	}
}

func (x *xlsxWriter) style(sheet string, row, col, style int) {
	cell, err := excelize.CoordinatesToCellName(col, row)
	x.check(err)
	x.check(x.f.SetCellStyle(sheet, cell, cell, style))
}

func (x *xlsxWriter) styleRange(sheet string, row, cols, style int) {
	first, err := excelize.CoordinatesToCellName(1, row)
	x.check(err)
	last, err := excelize.CoordinatesToCellName(cols, row)
	x.check(err)
	x.check(x.f.SetCellStyle(sheet, first, last, style))
}

func (x *xlsxWriter) widths(sheet string, widths []int) {
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		x.check(err)
		x.check(x.f.SetColWidth(sheet, col, col, float64(w)))
	}
}

// columnWidths fits each column to its longest value, within bounds that
// keep a sheet readable.
func columnWidths(header []string, rows [][]any) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h) + 4 // room for the filter button
	}
	for _, r := range rows {
		for i, v := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(fmt.Sprint(v))+1)
		}
	}
	for i := range widths {
		widths[i] = min(max(widths[i], 8), 60)
	}
	return widths
}

// findingRows are the CSV's records with real types where a spreadsheet
// needs them: fails as a boolean, evidence_count as a number, next_due and
// the case's dates as dates.
func findingRows(m *Model) [][]any {
	header := csvHeader()
	fails, count := slices.Index(header, "fails"), slices.Index(header, "evidence_count")
	var dates []int
	for _, col := range []string{"next_due", "identified", "reported", "resolved"} {
		dates = append(dates, slices.Index(header, col))
	}
	rows := make([][]any, 0, len(m.Findings))
	for _, f := range m.Findings {
		row := toAny(findingRecord(f))
		row[fails], row[count] = f.Fails, len(f.Evidence)
		for _, i := range dates {
			row[i] = dateValue(row[i].(string))
		}
		rows = append(rows, row)
	}
	return rows
}

// xlsxDate is a cell written as an Excel date (or date and time).
type xlsxDate struct {
	t     time.Time
	stamp bool
}

// dateValue is a YYYY-MM-DD string as a date cell; anything else (empty,
// or not a date) stays a string.
func dateValue(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return xlsxDate{t: t}
}

// String is the cell's text, for column widths.
func (d xlsxDate) String() string {
	if d.stamp {
		return d.t.Format(time.DateTime)
	}
	return d.t.Format(time.DateOnly)
}

func stampValue(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	// Excel has no time zones: the cell holds UTC, as its label says.
	return xlsxDate{t: t.UTC().Truncate(time.Second), stamp: true}
}

func dueHeader() []string {
	return []string{"ref", "state", "status", "due", "effective", "regime", "title", "citation", "action", "findings", "failing", "sources"}
}

// dueRows is the "what is due when" summary: each obligation once, most
// urgent first, with the findings it covers (the Obligations sheet has
// one row per finding and obligation).
func dueRows(m *Model) [][]any {
	rows := make([][]any, 0, len(m.Deadlines))
	for _, d := range m.Deadlines {
		rows = append(rows, []any{d.Ref, d.State, d.Status.Text, dateValue(d.Due), dateValue(d.Effective), d.Regime, d.Title,
			d.Citation, d.Action, d.Findings, d.Failing, strings.Join(d.Sources, " ")})
	}
	return rows
}

func vendorHeader() []string {
	return []string{"vendor", "product", "version", "inputs", "components",
		"prohibited", "review", "info", "waived", "baseline", "failing", "outcome", "vendor_outcome"}
}

// vendorRows has one row per vendor and product version, with the
// vendor's own outcome repeated so that a filter on it keeps whole vendors.
func vendorRows(m *Model) [][]any {
	var rows [][]any
	for _, v := range m.Vendors {
		for _, p := range v.Products {
			c := p.Findings
			rows = append(rows, []any{v.Vendor, p.Product, p.Version, p.Inputs, p.Components,
				c.Prohibited, c.Review, c.Info, c.Waived, c.Baseline, p.Failing, p.Outcome, v.Outcome})
		}
	}
	return rows
}

func inputHeader() []string {
	return []string{"path", "name", "vendor", "product", "version", "status", "error", "format", "spec_version", "sha256", "components",
		"prohibited", "review", "info", "waived", "baseline", "warnings"}
}

func inputRows(m *Model) [][]any {
	rows := make([][]any, 0, len(m.Inputs))
	for _, in := range m.Inputs {
		c := in.Findings
		rows = append(rows, []any{in.Path, in.Name, in.Vendor, in.Product, in.Version, in.Status, in.Error, in.Format, in.SpecVersion, in.SHA256,
			in.Components, c.Prohibited, c.Review, c.Info, c.Waived, c.Baseline, strings.Join(in.Warnings, "; ")})
	}
	return rows
}

func obligationHeader() []string {
	return []string{"finding", "input", "component", "entity", "verdict", "original_verdict", "regime", "title", "citation",
		"action", "effective", "due", "state", "days", "status", "sources", "citations", "notes"}
}

// obligationRows has one row per finding and obligation, the shape an
// auditor filters by regime or deadline.
func obligationRows(m *Model) [][]any {
	var rows [][]any
	for _, f := range m.Findings {
		for _, o := range f.Obligations {
			rows = append(rows, []any{f.ID, f.Input, f.Component.Label(), f.Entity.Name, string(f.Verdict), string(f.OriginalVerdict),
				o.Regime, o.Title, o.Citation, o.Action, dateValue(o.Effective), dateValue(o.Due), o.Status.State, o.Status.Days,
				o.Status.Text, strings.Join(o.Sources, " "), citationsText(o), strings.Join(o.Notes, " ")})
		}
	}
	return rows
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// xlsxText keeps control characters out of the workbook's XML, where they
// are not allowed and would make Excel refuse the file. Excel also caps a
// cell at 32767 characters.
func xlsxText(s string) string {
	s = visible(s)
	if utf8.RuneCountInString(s) > 32767 {
		s = string([]rune(s)[:32766]) + "…"
	}
	return s
}
