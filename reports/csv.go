package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// csvHeader names the columns. The CSV has one row per finding, so row
// counts match the JSON and the summary; a finding's obligations are
// flattened into parallel "; "-separated columns (regimes, citations,
// actions, due dates, in the same earliest-deadline-first order), with the
// earliest deadline in next_due. The xlsx Obligations sheet and the JSON
// report carry one obligation per row. vendor and product are the input's,
// from the --manifest; original_verdict is what a waived or baseline
// finding was before it was suppressed, with the waiver id in waiver. The
// last columns are the finding's case: id, status and its dates.
func csvHeader() []string {
	return []string{
		"id", "input", "vendor", "product", "verdict", "original_verdict", "fails", "confidence", "category",
		"entity_id", "entity", "list",
		"component", "group", "version", "purl", "cpes", "supplier", "ref",
		"evidence", "evidence_count",
		"next_due", "regimes", "citations", "actions", "due_dates", "states",
		"waiver", "path", "rationale",
		"case", "case_status", "identified", "reported", "resolved",
	}
}

// csvFileHeader is csvHeader with the CSV file's last column, the
// disclaimer: a CSV has no place for a note but its cells, and every
// report says it is not legal advice. It is the last column so that tools
// reading the others by position are not disturbed.
func csvFileHeader() []string {
	return append(csvHeader(), "disclaimer")
}

// renderCSV writes the findings table through encoding/csv (which does the
// quoting) and neutralises every cell a spreadsheet would run as a formula.
func renderCSV(w io.Writer, m *Model, _ RenderOptions) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvFileHeader()); err != nil {
		return err
	}
	for _, f := range m.Findings {
		if err := cw.Write(csvRow(f)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// renderCSVExcel is renderCSV behind a UTF-8 byte-order mark: without it
// Excel decodes a double-clicked CSV in the local code page and garbles
// every non-ASCII name (Лаборатория Касперского). Tools that compare
// bytes or split on the first column want the plain csv.
func renderCSVExcel(w io.Writer, m *Model, ro RenderOptions) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	return renderCSV(w, m, ro)
}

func csvRow(f Finding) []string {
	row := append(findingRecord(f), Disclaimer)
	for i, c := range row {
		row[i] = csvCell(c)
	}
	return row
}

// findingRecord flattens a finding into the csvHeader columns, unescaped.
// The xlsx Findings sheet uses it too, so both spreadsheets agree.
func findingRecord(f Finding) []string {
	var regimes, citations, actions, dues, states []string
	for _, o := range f.Obligations {
		regimes = append(regimes, o.Regime)
		citations = append(citations, o.Citation)
		actions = append(actions, o.Action)
		dues = append(dues, orDash(o.Due))
		states = append(states, o.Status.State)
	}
	evidence := ""
	if e, ok := f.Strongest(); ok {
		evidence = fmt.Sprintf("%s %s=%q", e.Signal, e.Field, e.Value)
	}
	nextDue := ""
	if o, ok := f.NextDue(); ok {
		nextDue = o.Due
	}
	return []string{
		f.ID, f.Input, f.Vendor, f.Product, string(f.Verdict), string(f.OriginalVerdict), fmt.Sprint(f.Fails), string(f.Confidence), f.Category,
		f.Entity.ID, f.Entity.Name, f.Entity.List,
		f.Component.Name, f.Component.Group, f.Component.Version, f.Component.PURL,
		strings.Join(f.Component.CPEs, " "), f.Component.Supplier, f.Component.Ref,
		evidence, fmt.Sprint(len(f.Evidence)),
		nextDue, strings.Join(regimes, "; "), strings.Join(citations, "; "),
		strings.Join(actions, "; "), strings.Join(dues, "; "), strings.Join(states, "; "),
		f.Waiver, strings.Join(f.Path, " > "), f.Rationale,
		f.Case.ID, f.Case.Status, f.Case.Identified, f.Case.Reported, f.Case.Resolved,
	}
}

// csvCell neutralises formula injection (OWASP "CSV Injection"): a cell
// that starts with = + - @ tab or CR is prefixed with a single quote, so
// Excel, LibreOffice and Sheets show it as text instead of evaluating it.
// Control characters are made visible as well, since CSV files are often
// read with cat.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return visible(s)
}
