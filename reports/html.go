package reports

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// htmlTemplates holds the report page. html/template escapes every value
// by context, so SBOM strings can never become markup, and the page loads
// nothing: styles are inline, the chart is inline SVG, and a
// Content-Security-Policy forbids the browser any fetch.
//
//go:embed templates/report.html.tmpl
var htmlTemplates embed.FS

// renderHTML writes one self-contained page for the audit file.
func renderHTML(w io.Writer, m *Model, _ RenderOptions) error {
	t, err := template.New("report.html.tmpl").Funcs(template.FuncMap{
		"label":      func(c Component) string { return c.Label() },
		"join":       strings.Join,
		"orDash":     orDash,
		"stateClass": stateClass,
		"counts":     countsText,
		"suppressionNote": func(f Finding) string {
			if !f.Suppressed() {
				return ""
			}
			return f.SuppressionNote()
		},
		"nextDue": func(f Finding) *Obligation {
			if o, ok := f.NextDue(); ok {
				return &o
			}
			return nil
		},
	}).ParseFS(htmlTemplates, "templates/report.html.tmpl")
	if err != nil {
		return err
	}
	return t.Execute(w, newHTMLView(visibleCopy(m)))
}

// visibleCopy returns a deep copy of m with control characters in every
// string made visible: html/template escapes markup, but an ESC or a bidi
// override would still reach the page and hide or reorder text.
func visibleCopy(m *Model) *Model {
	c := *m
	data, err := json.Marshal(m)
	if err == nil {
		err = json.Unmarshal(data, &c)
	}
	if err != nil {
		// Unreachable for a Model; keep the original rather than fail.
		return m
	}
	visibleStrings(reflect.ValueOf(&c).Elem())
	return &c
}

// visibleStrings applies visible to every settable string under v.
func visibleStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(visible(v.String()))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			visibleStrings(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			visibleStrings(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			visibleStrings(v.Elem())
		}
	}
}

// htmlView is the template's data: the model plus what a template should
// not compute (grouping, chart geometry, headline wording).
type htmlView struct {
	*Model
	Headline     string
	OutcomeClass string
	Verdicts     []verdictCount
	Chart        htmlChart
	Sections     []htmlSection
	Failing      []Finding
}

type verdictCount struct {
	Verdict audit.Verdict
	Count   int
}

type htmlSection struct {
	Input    Input
	Anchor   string
	Findings []Finding
}

// htmlChart is the geometry of the inline SVG: findings by verdict as bars,
// and findings by input as stacked bars.
type htmlChart struct {
	Width, Height int
	ByVerdict     []chartBar
	ByInput       []chartRow
	InputTop      int
}

type chartBar struct {
	Label   string
	Count   int
	Class   string
	X, Y, W int
	LabelX  int
	CountX  int
	TextY   int
	Visible bool
}

type chartRow struct {
	Label    string
	Y, TextY int
	Segments []chartBar
	Total    int
	CountX   int
	Failed   bool
}

// Chart layout, in SVG user units.
const (
	chartWidth   = 720
	chartLabelW  = 220
	chartBarMaxW = 440
	chartRowH    = 26
	chartBarH    = 16
)

func newHTMLView(m *Model) htmlView {
	v := htmlView{Model: m, Headline: headline(m), OutcomeClass: m.Summary.Outcome}
	for _, vd := range Verdicts() {
		v.Verdicts = append(v.Verdicts, verdictCount{Verdict: vd, Count: m.Summary.Findings.Of(vd)})
	}
	byInput := map[string][]Finding{}
	for _, f := range m.Findings {
		byInput[f.Input] = append(byInput[f.Input], f)
		if f.Fails {
			v.Failing = append(v.Failing, f)
		}
	}
	for i, in := range m.Inputs {
		v.Sections = append(v.Sections, htmlSection{Input: in, Anchor: fmt.Sprintf("input-%d", i+1), Findings: byInput[in.Path]})
	}
	v.Chart = newHTMLChart(m)
	return v
}

func newHTMLChart(m *Model) htmlChart {
	c := htmlChart{Width: chartWidth}
	most := 1
	for _, vd := range Verdicts() {
		most = max(most, m.Summary.Findings.Of(vd))
	}
	for _, in := range m.Inputs {
		most = max(most, in.Findings.Total())
	}
	scale := func(n int) int { return n * chartBarMaxW / most }
	y := 28
	for _, vd := range Verdicts() {
		n := m.Summary.Findings.Of(vd)
		c.ByVerdict = append(c.ByVerdict, chartBar{
			Label: string(vd), Count: n, Class: string(vd), X: chartLabelW, Y: y, W: scale(n),
			LabelX: chartLabelW - 10, CountX: chartLabelW + scale(n) + 8, TextY: y + 12, Visible: n > 0,
		})
		y += chartRowH
	}
	y += 30
	c.InputTop = y
	y += 28
	for _, in := range m.Inputs {
		row := chartRow{Label: shorten(in.Path, 34), Y: y, TextY: y + 12, Total: in.Findings.Total(), Failed: in.Status == audit.StatusFailed}
		x := chartLabelW
		for _, vd := range Verdicts() {
			n := in.Findings.Of(vd)
			if n == 0 {
				continue
			}
			row.Segments = append(row.Segments, chartBar{Label: string(vd), Count: n, Class: string(vd), X: x, Y: y, W: scale(n), Visible: true})
			x += scale(n)
		}
		row.CountX = x + 8
		c.ByInput = append(c.ByInput, row)
		y += chartRowH
	}
	c.Height = y + 8
	return c
}

// shorten keeps the end of a long path, which names the file.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

func stateClass(state string) string {
	switch state {
	case "overdue":
		return "overdue"
	case "due":
		return "due"
	case "upcoming":
		return "upcoming"
	}
	return "inforce"
}
