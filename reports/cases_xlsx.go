package reports

import (
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// renderCasesXLSX writes the register as a workbook: a Cases sheet with
// real dates and booleans, and an Obligations sheet with one row per
// obligation of each case.
func renderCasesXLSX(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	dateFmt := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	// Reproducible: the workbook is stamped with the register's date, not
	// the time it was written.
	stamp := r.AsOf + "T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: "embargo compliance register", Subject: "Cases as of " + r.AsOf,
		Creator: xlsxText(orDefault(r.Tool.Name, "embargo") + " " + r.Tool.Version), Created: stamp, Modified: stamp,
	}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Cases"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Obligations"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Cases")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", cells(casesHeader(), bold)); err != nil {
		return err
	}
	dateCols := map[int]bool{3: true, 4: true, 7: true, 8: true, 19: true}
	for i, c := range r.Cases {
		rec := caseRecord(c)
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = xlsxText(v)
			if dateCols[j] && v != "" {
				if t, err := time.Parse(time.DateOnly, v); err == nil {
					row[j] = excelize.Cell{StyleID: dateStyle, Value: t}
				}
			}
		}
		row[2] = c.Overdue
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	ow, err := f.NewStreamWriter("Obligations")
	if err != nil {
		return err
	}
	if err := ow.SetRow("A1", cells([]string{"case", "regime", "obligation", "citation", "action", "due", "state", "status"}, bold)); err != nil {
		return err
	}
	n := 2
	for _, c := range r.Cases {
		for _, o := range c.Obligations {
			due := any(o.Due)
			if t, err := time.Parse(time.DateOnly, o.Due); err == nil {
				due = excelize.Cell{StyleID: dateStyle, Value: t}
			}
			cell, _ := excelize.CoordinatesToCellName(1, n)
			row := []any{c.ID, xlsxText(o.Regime), xlsxText(o.ID), xlsxText(o.Citation), xlsxText(o.Action), due, o.Status.State, xlsxText(o.Status.Text)}
			if err := ow.SetRow(cell, row); err != nil {
				return err
			}
			n++
		}
	}
	if err := ow.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func cells(values []string, style int) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = excelize.Cell{StyleID: style, Value: v}
	}
	return out
}
