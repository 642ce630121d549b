package reports

import (
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"slices"
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
func renderHTML(w io.Writer, orig *Model, _ RenderOptions) error {
	m := visibleCopy(orig)
	dir := CommonDir(m.inputPaths())
	t, err := template.New("report.html.tmpl").Funcs(template.FuncMap{
		"label":      func(c Component) string { return c.Label() },
		"join":       strings.Join,
		"orDash":     orDash,
		"stateClass": stateClass,
		"counts":     countsText,
		"refs":       m.ObligationRefs,
		"rel":        func(p string) string { return relativeTo(dir, p) },
		"clean":      cleanInput,
		"shownProducts": func(v Vendor) []Product {
			return shownProducts(v)
		},
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
	return t.Execute(w, newHTMLView(m))
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
	// The derived deadline summary is not in the JSON: rebuild it from the
	// copied findings rather than share (and rewrite) the original's.
	c.Deadlines = nil
	visibleStrings(reflect.ValueOf(&c).Elem())
	c.Deadlines, c.deadlineRefs = c.deadlines()
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
	// Sections are the inputs with findings, in input order.
	Sections []htmlSection
	Failing  []Finding
	// Dir is the inputs' common directory, left out of the paths shown.
	Dir string
	// CleanInputs counts audited inputs with components and no findings.
	CleanInputs int
}

type verdictCount struct {
	Verdict audit.Verdict
	Count   int
}

type htmlSection struct {
	Input    Input
	Anchor   string
	Findings []htmlFinding
}

// htmlFinding is a finding as the evidence section shows it. A finding
// that repeats an earlier one (the same component, verdict, rationale and
// evidence, in another input: one vendor library in a hundred SBOMs) is
// shown in two lines that point to the first, so that a portfolio's report
// prints the evidence once, not a hundred times; its id, case and input
// stay its own.
type htmlFinding struct {
	Finding
	SameAs string // the id of the first finding it repeats, "" for none
}

// repeats assigns SameAs across the sections, in document order.
func repeats(sections []htmlSection) {
	first := map[string]string{}
	for i := range sections {
		for j := range sections[i].Findings {
			f := &sections[i].Findings[j]
			key := repeatKey(f.Finding)
			if id, ok := first[key]; ok {
				f.SameAs = id
				continue
			}
			first[key] = f.ID
		}
	}
}

// repeatKey is what a repeated finding shares with the first: everything
// the full block prints except the id, the case, the component's ref and
// where in its own document each piece of evidence sits.
func repeatKey(f Finding) string {
	g := f
	g.ID, g.Input, g.Vendor, g.Product, g.Case = "", "", "", "", Case{}
	g.Component.Ref = ""
	g.Evidence = make([]Evidence, len(f.Evidence))
	for i, e := range f.Evidence {
		e.Location, e.Line, e.Column = "", 0, 0
		g.Evidence[i] = e
	}
	b, err := json.Marshal(g)
	if err != nil {
		return f.ID // cannot happen for these plain types; never merge then
	}
	return string(b)
}

// htmlChart is the geometry of the inline SVG: findings by verdict as
// bars, then the inputs with the most findings as stacked bars, the rest
// folded into one "others" row so that the chart has the same height for
// 10 inputs and for 1,000.
type htmlChart struct {
	Width, Height int
	ByVerdict     []chartBar
	ByInput       []chartRow
	InputTop      int
	InputTitle    string
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
	Others   bool
}

// Chart layout, in SVG user units.
const (
	chartWidth   = 720
	chartLabelW  = 220
	chartBarMaxW = 440
	chartRowH    = 22
	chartBarH    = 14
	// chartTopInputs is how many inputs the chart names before "others".
	chartTopInputs = 8
)

func newHTMLView(m *Model) htmlView {
	v := htmlView{Model: m, Headline: headline(m), OutcomeClass: m.Summary.Outcome, Dir: CommonDir(m.inputPaths())}
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
		if cleanInput(in) {
			v.CleanInputs++
		}
		if fs := byInput[in.Path]; len(fs) > 0 {
			sec := htmlSection{Input: in, Anchor: fmt.Sprintf("input-%d", i+1)}
			for _, f := range fs {
				sec.Findings = append(sec.Findings, htmlFinding{Finding: f})
			}
			v.Sections = append(v.Sections, sec)
		}
	}
	repeats(v.Sections)
	v.Chart = newHTMLChart(m, v.Dir)
	return v
}

func newHTMLChart(m *Model, dir string) htmlChart {
	c := htmlChart{Width: chartWidth}
	top, others := topInputs(m)
	most := 1
	for _, vd := range Verdicts() {
		most = max(most, m.Summary.Findings.Of(vd))
	}
	for _, in := range top {
		most = max(most, in.Findings.Total())
	}
	most = max(most, others.Total())
	scale := func(n int) int { return n * chartBarMaxW / most }
	y := 24
	for _, vd := range Verdicts() {
		n := m.Summary.Findings.Of(vd)
		c.ByVerdict = append(c.ByVerdict, chartBar{
			Label: string(vd), Count: n, Class: string(vd), X: chartLabelW, Y: y, W: scale(n),
			LabelX: chartLabelW - 10, CountX: chartLabelW + scale(n) + 8, TextY: y + 11, Visible: n > 0,
		})
		y += chartRowH
	}
	if len(top) == 0 {
		c.Height = y + 4
		return c
	}
	y += 24
	c.InputTop = y
	c.InputTitle = "Inputs with the most findings"
	if others.Total() == 0 {
		c.InputTitle = "Findings by input"
	}
	y += 22
	row := func(label string, counts Counts, isOthers bool) {
		r := chartRow{Label: label, Y: y, TextY: y + 11, Total: counts.Total(), Others: isOthers}
		x := chartLabelW
		for _, vd := range Verdicts() {
			if n := counts.Of(vd); n > 0 {
				r.Segments = append(r.Segments, chartBar{Label: string(vd), Count: n, Class: string(vd), X: x, Y: y, W: scale(n), Visible: true})
				x += scale(n)
			}
		}
		r.CountX = x + 8
		c.ByInput = append(c.ByInput, r)
		y += chartRowH
	}
	for _, in := range top {
		row(shorten(relativeTo(dir, in.Path), 34), in.Findings, false)
	}
	if n := len(m.Inputs) - len(top); others.Total() > 0 {
		row(fmt.Sprintf("%d other inputs", n), others, true)
	}
	c.Height = y + 4
	return c
}

// topInputs returns the inputs with the most findings (at most
// chartTopInputs, most first, by path on ties) and the findings of all
// the other inputs summed.
func topInputs(m *Model) ([]Input, Counts) {
	var with []Input
	for _, in := range m.Inputs {
		if in.Findings.Total() > 0 {
			with = append(with, in)
		}
	}
	slices.SortStableFunc(with, func(a, b Input) int {
		return cmp.Or(cmp.Compare(b.Findings.Total(), a.Findings.Total()), cmp.Compare(b.Findings.Prohibited, a.Findings.Prohibited))
	})
	if len(with) <= chartTopInputs+1 {
		return with, Counts{}
	}
	var others Counts
	for _, in := range with[chartTopInputs:] {
		others.Prohibited += in.Findings.Prohibited
		others.Review += in.Findings.Review
		others.Info += in.Findings.Info
		others.Waived += in.Findings.Waived
		others.Baseline += in.Findings.Baseline
	}
	return with[:chartTopInputs], others
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

// htmlProductsShown is how many of a vendor's products the page lists
// before it folds those that pass with no findings into a count.
const htmlProductsShown = 12

// shownProducts are the vendor's products the page lists: all of them up
// to htmlProductsShown, else those that fail, are incomplete or have
// findings.
func shownProducts(v Vendor) []Product {
	if len(v.Products) <= htmlProductsShown {
		return v.Products
	}
	var out []Product
	for _, p := range v.Products {
		if p.Outcome != OutcomePass || p.Findings.Total() > 0 {
			out = append(out, p)
		}
	}
	return out
}
