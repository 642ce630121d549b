package reports

import (
	"encoding/json"
	"testing"
)

// TestSARIFRegionColumn: evidence that knows its column (JSON inputs)
// puts it in the region beside the line; evidence without one leaves
// startColumn out.
func TestSARIFRegionColumn(t *testing.T) {
	for _, col := range []int{0, 13} {
		res := portfolioResult(3)
		for i := range res.Findings {
			for j := range res.Findings[i].Evidence {
				res.Findings[i].Evidence[j].Line, res.Findings[i].Evidence[j].Column = 7, col
			}
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation struct {
							Region map[string]int
						}
					}
				}
			}
		}
		m := NewModel(res, fixtureOptions())
		if err := json.Unmarshal(render(t, FormatSARIF, m, RenderOptions{}), &log); err != nil {
			t.Fatal(err)
		}
		if len(log.Runs[0].Results) == 0 {
			t.Fatal("no results")
		}
		for _, r := range log.Runs[0].Results {
			reg := r.Locations[0].PhysicalLocation.Region
			_, hasCol := reg["startColumn"]
			if reg["startLine"] != 7 || reg["startColumn"] != col || hasCol != (col > 0) {
				t.Errorf("column %d: region %v, want startLine 7 and startColumn %d", col, reg, col)
			}
		}
	}
}
