package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom/testutil"
	"github.com/xuri/excelize/v2"
)

// goldenName is the snapshot file of a format; xlsx is compared by its
// extracted cell values, not its bytes.
func goldenName(f Format) string {
	if f == FormatXLSX {
		return "report.xlsx.cells.txt"
	}
	ext := map[Format]string{FormatTable: "txt", FormatMarkdown: "md", FormatMarkdownSummary: "summary.md", FormatJUnit: "xml", FormatCSVExcel: "excel.csv"}[f]
	if ext == "" {
		ext = string(f)
	}
	return "report." + ext
}

func render(t *testing.T, f Format, m *Model, ro RenderOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, f, m, ro); err != nil {
		t.Fatalf("render %s: %v", f, err)
	}
	return buf.Bytes()
}

// snapshot is what a golden file holds for a format.
func snapshot(t *testing.T, f Format, m *Model) []byte {
	out := render(t, f, m, RenderOptions{})
	if f == FormatXLSX {
		return xlsxCells(t, out)
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, info := range Formats() {
		t.Run(string(info.Name), func(t *testing.T) {
			got := snapshot(t, info.Name, fixtureModel())
			checkGolden(t, goldenName(info.Name), got)
		})
	}
}

func TestGoldenTableColor(t *testing.T) {
	checkGolden(t, "report.color.txt", render(t, FormatTable, fixtureModel(), RenderOptions{Color: true}))
}

// TestGoldenEmpty pins the shape of a run with nothing in it: every list
// is [] and every format still renders.
func TestGoldenEmpty(t *testing.T) {
	m := NewModel(&audit.Result{AsOf: fixtureAsOf}, Options{ToolName: "embargo", ToolVersion: "0.9.0-test", GeneratedAt: fixtureGenerated, FailOn: "never", Complete: false})
	checkGolden(t, "empty.json", render(t, FormatJSON, m, RenderOptions{}))
	checkGolden(t, "empty.txt", render(t, FormatTable, m, RenderOptions{}))
	for _, info := range Formats() {
		render(t, info.Name, m, RenderOptions{})
	}
}

// TestNoObsoleteSnapshots fails on golden files no test writes any more.
func TestNoObsoleteSnapshots(t *testing.T) {
	want := append([]string{"report.color.txt", "empty.json", "empty.txt"}, scaleGoldens()...)
	for _, info := range Formats() {
		want = append(want, goldenName(info.Name))
	}
	entries, err := os.ReadDir(filepath.Join("testdata", "snapshot"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(want, e.Name()) {
			t.Errorf("obsolete snapshot testdata/snapshot/%s", e.Name())
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, info := range Formats() {
		t.Run(string(info.Name), func(t *testing.T) {
			a := render(t, info.Name, fixtureModel(), RenderOptions{})
			b := render(t, info.Name, fixtureModel(), RenderOptions{})
			if !bytes.Equal(a, b) {
				t.Errorf("two renders of the same model differ (%d and %d bytes)", len(a), len(b))
			}
		})
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", "snapshot", name), got)
}

// xlsxCells reads a workbook back and lists every sheet's cells, with the
// type excelize reports and any formula, so that a golden pins content and
// that no string became a formula.
func xlsxCells(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "# props created=%s modified=%s creator=%q title=%q\n", props.Created, props.Modified, props.Creator, props.Title)
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "## %s\n", sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "%s\t%s\t%q", cell, cellTypeName(typ), v)
				if formula != "" {
					fmt.Fprintf(&b, "\tFORMULA %q", formula)
				}
				b.WriteByte('\n')
			}
		}
	}
	return []byte(b.String())
}

func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return "string"
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		return "number"
	case excelize.CellTypeFormula:
		return "formula"
	case excelize.CellTypeBool:
		return "bool"
	}
	return fmt.Sprint(int(t))
}
