package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/embargo-sbom/embargo/audit"
)

// maxCell keeps one long SBOM string from pushing every other column off
// the screen; the full value is in the JSON report.
const maxCell = 48

// ANSI SGR sequences. Only these, written by us, ever reach the terminal:
// every SBOM string goes through visible() first.
const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
	sgrRed    = "\x1b[31m"
	sgrGreen  = "\x1b[32m"
	sgrYellow = "\x1b[33m"
	sgrCyan   = "\x1b[36m"
)

// cell is one table cell: its text (already safe) and an optional colour.
type cell struct {
	text  string
	style string
}

// renderTable writes the terminal summary: header, inputs, vendors (when
// a manifest named any), findings, evidence basis and the outcome line.
func renderTable(w io.Writer, m *Model, ro RenderOptions) error {
	bw := bufio.NewWriter(w)
	t := tableWriter{w: bw, color: ro.Color}
	t.header(m)
	t.inputs(m)
	t.vendors(m)
	t.findings(m)
	t.warnings(m)
	t.caveats(m)
	t.basis(m)
	t.outcome(m)
	return bw.Flush()
}

type tableWriter struct {
	w     *bufio.Writer
	color bool
}

func (t tableWriter) paint(style, s string) string {
	if !t.color || style == "" {
		return s
	}
	return style + s + sgrReset
}

func (t tableWriter) section(title string) {
	fmt.Fprintf(t.w, "\n%s\n", t.paint(sgrBold, title))
}

func (t tableWriter) header(m *Model) {
	fmt.Fprintf(t.w, "%s %s  as of %s  profiles: %s  fail-on: %s\n",
		visible(m.Tool.Name), visible(m.Tool.Version), m.AsOf, orNone(visible(strings.Join(m.Profiles, ", "))), m.FailOn)
	if !m.Complete {
		fmt.Fprintln(t.w, t.paint(sgrYellow, "PARTIAL: the run was interrupted; this report does not cover every input."))
	}
}

func (t tableWriter) inputs(m *Model) {
	t.section("INPUTS")
	if len(m.Inputs) == 0 {
		fmt.Fprintln(t.w, "No inputs.")
		return
	}
	rows := [][]cell{{{text: "STATUS"}, {text: "INPUT"}, {text: "FORMAT"}, {text: "COMPONENTS"}, {text: "FINDINGS"}}}
	for _, in := range m.Inputs {
		row := []cell{{text: in.Status, style: statusStyle(in.Status)}, {text: clip(visible(in.Path))}}
		if in.Status == audit.StatusFailed || in.Status == audit.StatusSkipped {
			row = append(row, cell{text: "-"}, cell{text: "-"}, cell{text: "see below"})
		} else {
			row = append(row, cell{text: orDash(visible(joinNonEmpty(" ", in.Format, in.SpecVersion)))},
				cell{text: fmt.Sprint(in.Components)}, cell{text: countsText(in.Findings)})
		}
		rows = append(rows, row)
	}
	t.grid(rows)
	t.inputErrors(m)
}

// inputErrors prints each failed or skipped input's reason in full: a
// clipped error would hide the line or offset a user needs.
func (t tableWriter) inputErrors(m *Model) {
	for _, in := range m.Inputs {
		if in.Error == "" {
			continue
		}
		style := sgrRed
		if in.Status == audit.StatusSkipped {
			style = ""
		}
		fmt.Fprintf(t.w, "  %s %s\n", t.paint(style, in.Status+":"), visible(in.Error))
	}
}

// vendors prints one row per vendor and, indented under it, one per
// product version; nothing when no input has a vendor.
func (t tableWriter) vendors(m *Model) {
	if len(m.Vendors) == 0 {
		return
	}
	t.section("VENDORS")
	rows := [][]cell{{{text: "OUTCOME"}, {text: "VENDOR / PRODUCT"}, {text: "INPUTS"}, {text: "COMPONENTS"}, {text: "FINDINGS"}}}
	for _, v := range m.Vendors {
		rows = append(rows, []cell{
			{text: v.Outcome, style: outcomeStyle(v.Outcome)}, {text: clip(visible(v.Vendor))},
			{text: fmt.Sprint(v.Inputs)}, {text: fmt.Sprint(v.Components)}, {text: countsText(v.Findings)},
		})
		for _, p := range v.Products {
			rows = append(rows, []cell{
				{text: p.Outcome, style: outcomeStyle(p.Outcome)},
				{text: "  " + clip(orDefault(visible(joinNonEmpty(" ", p.Product, p.Version)), "(no product)"))},
				{text: fmt.Sprint(p.Inputs)}, {text: fmt.Sprint(p.Components)}, {text: countsText(p.Findings)},
			})
		}
	}
	t.grid(rows)
}

func (t tableWriter) findings(m *Model) {
	t.section("FINDINGS")
	if len(m.Findings) == 0 {
		fmt.Fprintln(t.w, "No component is attributed to a listed entity.")
		return
	}
	rows := [][]cell{{{text: "VERDICT"}, {text: "INPUT"}, {text: "COMPONENT"}, {text: "ENTITY"}, {text: "EVIDENCE"}, {text: "NEXT DUE / IN FORCE"}}}
	for _, f := range m.Findings {
		rows = append(rows, []cell{
			{text: clip(visible(f.VerdictLabel())), style: verdictStyle(f.Verdict)},
			{text: clip(visible(f.Input))},
			{text: clip(visible(f.Component.Label()))},
			{text: clip(visible(f.Entity.Name))},
			{text: clip(evidenceText(f))},
			{text: nextDueText(f)},
		})
	}
	t.grid(rows)
}

func (t tableWriter) warnings(m *Model) {
	var lines []string
	for _, w := range m.Warnings {
		lines = append(lines, visible(w))
	}
	for _, in := range m.Inputs {
		for _, w := range in.Warnings {
			lines = append(lines, visible(in.Path)+": "+visible(w))
		}
	}
	if len(lines) == 0 {
		return
	}
	t.section("WARNINGS")
	for _, l := range lines {
		fmt.Fprintln(t.w, "  "+l)
	}
}

// basis prints what the verdicts rest on, in full (hashes unabridged), so a
// terminal log is evidence on its own.
func (t tableWriter) basis(m *Model) {
	t.section("EVIDENCE BASIS")
	rows := [][]cell{{{text: "tool"}, {text: visible(joinNonEmpty(" ", m.Tool.Name, m.Tool.Version))}, {text: "generated " + m.GeneratedAt.Format("2006-01-02T15:04:05Z07:00")}}}
	for _, l := range m.Lists {
		rows = append(rows, []cell{{text: "list"}, {text: visible(joinNonEmpty(" ", l.ID, l.Version))}, {text: "sha256:" + orDash(visible(l.SHA256))}})
	}
	for _, in := range m.Inputs {
		rows = append(rows, []cell{{text: "input"}, {text: visible(in.Path)}, {text: "sha256:" + orDash(visible(in.SHA256))}})
	}
	t.grid(rows)
	for _, l := range m.BasisLines() {
		fmt.Fprintf(t.w, "%s: %s\n", visible(l[0]), visible(l[1]))
	}
}

func (t tableWriter) outcome(m *Model) {
	s := m.Summary
	counts := fmt.Sprintf("%d inputs, %d audited, %d failed, %d skipped, %d empty, %d components.",
		s.Inputs, s.Audited, s.Failed, s.Skipped, s.Empty, s.Components)
	line := fmt.Sprintf("%d of %d findings at or above %s; %s", s.Failing, s.Findings.Total(), m.FailOn, counts)
	if m.FailOn == FailOnNever {
		line = fmt.Sprintf("%d findings, fail-on never; %s", s.Findings.Total(), counts)
	}
	if len(s.Gaps) > 0 {
		t.section("GAPS (what this run cannot vouch for)")
		for _, g := range s.Gaps {
			fmt.Fprintln(t.w, "  "+visible(g))
		}
	}
	label, style := strings.ToUpper(s.Outcome), outcomeStyle(s.Outcome)
	fmt.Fprintf(t.w, "\n%s %s\n", t.paint(style, label+":"), line)
}

// grid writes rows with columns padded to their widest cell. Widths are
// measured before colour is added, so escapes never skew the alignment.
func (t tableWriter) grid(rows [][]cell) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c.text))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(t.paint(c.style, c.text))
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c.text)+2))
			}
		}
		fmt.Fprintln(t.w, b.String())
	}
}

func outcomeStyle(outcome string) string {
	switch outcome {
	case OutcomeFail:
		return sgrRed + sgrBold
	case OutcomeIncomplete:
		return sgrYellow + sgrBold
	}
	return sgrGreen
}

func statusStyle(status string) string {
	switch status {
	case audit.StatusFailed:
		return sgrRed
	case audit.StatusSkipped:
		return sgrDim
	case audit.StatusEmpty:
		return sgrYellow
	}
	return sgrGreen
}

func verdictStyle(v audit.Verdict) string {
	switch v {
	case audit.VerdictProhibited:
		return sgrRed + sgrBold
	case audit.VerdictReview:
		return sgrYellow
	case audit.VerdictInfo:
		return sgrCyan
	}
	return sgrDim
}

// countsText is "1 prohibited, 2 review" or "none".
func countsText(c Counts) string {
	var parts []string
	for _, v := range Verdicts() {
		if n := c.Of(v); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, v))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// evidenceText is the strongest evidence as `field "value"`.
func evidenceText(f Finding) string {
	e, ok := f.Strongest()
	if !ok {
		return "-"
	}
	return visible(joinNonEmpty(" ", e.Field, fmt.Sprintf("%q", e.Value)))
}

// nextDueText is the next deadline with its status ("2026-12-02, due in 3
// days"); without one, since when the latest prohibition binds ("in force
// since 2024-09-29"), so that every binding finding shows a date.
func nextDueText(f Finding) string {
	if o, ok := f.NextDue(); ok {
		return visible(o.Due + ", " + o.Status.Text)
	}
	if since := f.InForceSince(); since != "" {
		return "in force since " + visible(since)
	}
	return "-"
}

// clip shortens s to maxCell runes, marking the cut with an ellipsis.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxCell {
		return s
	}
	r := []rune(s)
	return string(r[:maxCell-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
