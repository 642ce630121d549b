package reports

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/embargo-sbom/embargo/audit"
)

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

// renderTable writes the terminal summary: header and outcome, what is
// due when, inputs, vendors (when a manifest named any), findings (grouped
// by vendor when a manifest named any) with a legend of entities,
// warnings, evidence basis and the outcome line again. Every row fits
// ro.Width columns: inputs are shown relative to their common directory
// and long cells are shortened (paths from the middle, so the file name
// stays); error messages are printed in full on their own lines.
func renderTable(w io.Writer, m *Model, ro RenderOptions) error {
	bw := bufio.NewWriter(w)
	t := tableWriter{w: bw, color: ro.Color, width: ro.Width, dir: CommonDir(m.inputPaths())}
	if t.width <= 0 {
		t.width = DefaultWidth
	}
	t.width = max(t.width, minWidth)
	t.header(m)
	t.deadlines(m)
	t.inputs(m)
	t.vendors(m)
	t.findings(m)
	t.warnings(m)
	t.caveats(m)
	t.basis(m)
	t.outcome(m)
	return bw.Flush()
}

// DefaultWidth is the table's width when the terminal's is unknown.
const DefaultWidth = 100

// minWidth is the narrowest table laid out; narrower terminals wrap.
const minWidth = 60

// cleanInputsShown is how many inputs the table lists before it folds the
// clean ones (audited, components, no findings) into one count line.
const cleanInputsShown = 20

type tableWriter struct {
	w     *bufio.Writer
	color bool
	width int
	// dir is the inputs' common directory, stripped from every input path.
	dir string
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

// path is an input path relative to the common directory, made visible.
func (t tableWriter) path(p string) string {
	return visible(relativeTo(t.dir, p))
}

func (t tableWriter) header(m *Model) {
	t.prose("", fmt.Sprintf("%s %s  as of %s  profiles: %s  fail-on: %s",
		visible(m.Tool.Name), visible(m.Tool.Version), m.AsOf, orNone(visible(strings.Join(m.Profiles, ", "))), m.FailOn))
	if !m.Complete {
		fmt.Fprintln(t.w, t.paint(sgrYellow, "PARTIAL: the run was interrupted; this report does not cover every input."))
	}
}

// deadlines is the "what is due when" summary: each obligation once, most
// urgent first, with the findings it covers; findings refer to it by ref.
func (t tableWriter) deadlines(m *Model) {
	if len(m.Deadlines) == 0 {
		return
	}
	t.section("DUE WHEN")
	rows := [][]cell{header("REF", "STATUS", "DUE", "REGIME", "FINDINGS")}
	for _, d := range m.Deadlines {
		due, status := orDash(d.Due), d.Status.Text
		if d.Due == "" {
			due = "since " + orDash(d.Effective)
		}
		if d.State == "in-force" || status == "" {
			status = "in force"
		}
		rows = append(rows, []cell{
			{text: d.Ref}, {text: visible(status), style: stateStyle(d.State)},
			{text: visible(due)}, {text: visible(joinNonEmpty(", ", d.Title, d.Regime)), fit: fitEnd},
			{text: findingsCovered(d)},
		})
		// The citation and the action are the law's words: wrapped under
		// the row, never cut.
		for _, line := range [][2]string{{"citation", d.Citation}, {"action", d.Action}} {
			if line[1] != "" {
				rows = append(rows, []cell{{text: wrap("     "+line[0]+": "+visible(line[1]), t.width, "       "), heading: true, raw: true}})
			}
		}
	}
	t.grid(rows)
}

func (t tableWriter) inputs(m *Model) {
	title := "INPUTS"
	if t.dir != "" {
		title += " (in " + visible(t.dir) + ")"
	}
	t.section(title)
	if len(m.Inputs) == 0 {
		fmt.Fprintln(t.w, "No inputs.")
		return
	}
	fold := len(m.Inputs) > cleanInputsShown
	folded := 0
	rows := [][]cell{{{text: "STATUS"}, {text: "INPUT", min: 28}, {text: "FORMAT", min: 10, drop: 1}, {text: "COMPONENTS"}, {text: "FINDINGS", min: 16}}}
	for _, in := range m.Inputs {
		if fold && cleanInput(in) {
			folded++
			continue
		}
		row := []cell{{text: in.Status, style: statusStyle(in.Status)}, {text: t.path(in.Path), fit: fitMiddle}}
		if in.Status == audit.StatusFailed || in.Status == audit.StatusSkipped {
			row = append(row, cell{text: "-"}, cell{text: "-"}, cell{text: "see below"})
		} else {
			row = append(row, cell{text: orDash(visible(joinNonEmpty(" ", in.Format, in.SpecVersion))), fit: fitEnd},
				cell{text: fmt.Sprint(in.Components)}, cell{text: countsText(in.Findings), fit: fitEnd})
		}
		rows = append(rows, row)
	}
	t.grid(rows)
	if folded > 0 {
		t.prose("  ", fmt.Sprintf("and %d more audited %s with no findings (all are listed in -o json, csv, html and xlsx)",
			folded, plural(folded, "input", "inputs")))
	}
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
		// Errors often start with the path already: say it once. The
		// reason is wrapped, never cut.
		reason := visible(strings.TrimPrefix(in.Error, in.Path+": "))
		text := wrap("  "+in.Status+": "+t.path(in.Path)+": "+reason, t.width, "    ")
		fmt.Fprintln(t.w, "  "+t.paint(style, in.Status+":")+strings.TrimPrefix(text, "  "+in.Status+":"))
	}
}

// vendors prints one row per vendor and, indented under it, one per
// product version; nothing when no input has a vendor.
func (t tableWriter) vendors(m *Model) {
	if len(m.Vendors) == 0 {
		return
	}
	t.section("VENDORS")
	rows := [][]cell{header("OUTCOME", "VENDOR / PRODUCT", "INPUTS", "COMPONENTS", "FINDINGS")}
	for _, v := range m.Vendors {
		rows = append(rows, []cell{
			{text: v.Outcome, style: outcomeStyle(v.Outcome)}, {text: visible(v.Vendor), fit: fitEnd},
			{text: fmt.Sprint(v.Inputs)}, {text: fmt.Sprint(v.Components)}, {text: countsText(v.Findings), fit: fitEnd},
		})
		for _, p := range v.Products {
			rows = append(rows, []cell{
				{text: p.Outcome, style: outcomeStyle(p.Outcome)},
				{text: "  " + orDefault(visible(joinNonEmpty(" ", p.Product, p.Version)), "(no product)"), fit: fitEnd},
				{text: fmt.Sprint(p.Inputs)}, {text: fmt.Sprint(p.Components)}, {text: countsText(p.Findings), fit: fitEnd},
			})
		}
	}
	t.grid(rows)
}

// findings lists every finding, one row each. With a manifest they are
// grouped under their vendor; the entity column holds the entity's id,
// with the full names once in the legend below. The CASE column (status
// and identification date) is shown when a ledger tracks the cases;
// untracked cases, all identified on the same date, get one line instead.
func (t tableWriter) findings(m *Model) {
	t.section("FINDINGS")
	if len(m.Findings) == 0 {
		fmt.Fprintln(t.w, noFindings)
		return
	}
	tracked := slices.ContainsFunc(m.Findings, func(f Finding) bool { return f.Case.Status != "" && f.Case.Status != audit.CaseUntracked })
	head := []cell{{text: "VERDICT"}, {text: "INPUT", min: 28}, {text: "COMPONENT", min: 28}, {text: "ENTITY", min: 16, drop: 2},
		{text: "EVIDENCE", min: 12, drop: 3}, {text: "DUE", min: 16}}
	if tracked {
		head = append(head, cell{text: "CASE", min: 20})
	}
	rows := [][]cell{append(head, cell{text: "REFS", drop: 1})}
	for _, g := range groupByVendor(m) {
		if len(m.Vendors) > 0 {
			rows = append(rows, []cell{{text: orDefault(visible(g.vendor), "(no vendor in the manifest)"), style: sgrBold, heading: true}})
		}
		for _, f := range g.findings {
			row := []cell{
				{text: string(f.Verdict), style: verdictStyle(f.Verdict)},
				{text: t.path(f.Input), fit: fitMiddle},
				{text: visible(f.Component.Label()), fit: fitEnd},
				{text: visible(orDefault(f.Entity.ID, f.Entity.Name)), fit: fitEnd},
				{text: evidenceText(f), fit: fitEnd},
				{text: dueText(f), fit: fitEnd},
			}
			if tracked {
				row = append(row, cell{text: orDash(visible(f.Case.Label())), fit: fitEnd})
			}
			rows = append(rows, append(row, cell{text: orDash(strings.Join(m.ObligationRefs(f), " "))}))
		}
	}
	t.grid(rows)
	if !tracked {
		if line := untrackedCases(m); line != "" {
			fmt.Fprintln(t.w, wrap(line, t.width, "  "))
		}
	}
	t.suppressed(m)
	t.entities(m)
}

// suppressed says, under the findings, what each waived or baseline
// finding was and which waiver suppressed it.
func (t tableWriter) suppressed(m *Model) {
	for _, f := range m.Findings {
		if f.SuppressionNote() == "" {
			continue
		}
		// The note stays on one line: wrap it as a single word.
		note := strings.ReplaceAll(visible(f.VerdictLabel()), " ", "\x00") // visible() leaves no NUL
		text := wrap(fmt.Sprintf("  suppressed: %s in %s: %s", visible(f.Component.Label()), t.path(f.Input), note), t.width, "    ")
		text = strings.ReplaceAll(text, "\x00", " ")
		fmt.Fprintln(t.w, "  "+t.paint(sgrDim, "suppressed:")+strings.TrimPrefix(text, "  suppressed:"))
	}
}

// dueText is the finding's next due date, or since when its latest
// prohibition binds; the status of each is in the DUE WHEN summary.
func dueText(f Finding) string {
	if o, ok := f.NextDue(); ok {
		return visible(o.Due)
	}
	if since := f.InForceSince(); since != "" {
		return "since " + visible(since)
	}
	return "-"
}

// entities is the legend of the ENTITY column: each id once, with the
// entity's full name and its list.
func (t tableWriter) entities(m *Model) {
	seen := map[Entity]bool{}
	rows := [][]cell{}
	for _, e := range entityLegend(m) {
		if seen[e] {
			continue
		}
		seen[e] = true
		rows = append(rows, []cell{{text: "  " + visible(orDefault(e.ID, e.Name))}, {text: visible(e.Name), fit: fitEnd}, {text: "list " + visible(e.List), fit: fitEnd}})
	}
	fmt.Fprintln(t.w, "\nEntities:")
	t.grid(rows)
}

// entityLegend lists the distinct entities of the findings, by id.
func entityLegend(m *Model) []Entity {
	var out []Entity
	seen := map[Entity]bool{}
	for _, f := range m.Findings {
		if !seen[f.Entity] {
			seen[f.Entity] = true
			out = append(out, f.Entity)
		}
	}
	slices.SortFunc(out, func(a, b Entity) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.List, b.List), cmp.Compare(a.Name, b.Name))
	})
	return out
}

type vendorGroup struct {
	vendor   string
	findings []Finding
}

// groupByVendor splits the findings by their input's vendor, vendors in
// name order and findings without a vendor last; each group keeps the
// model's order (most severe first). One group when no vendor is named.
func groupByVendor(m *Model) []vendorGroup {
	var groups []vendorGroup
	index := map[string]int{}
	for _, f := range m.Findings {
		i, ok := index[f.Vendor]
		if !ok {
			i = len(groups)
			index[f.Vendor] = i
			groups = append(groups, vendorGroup{vendor: f.Vendor})
		}
		groups[i].findings = append(groups[i].findings, f)
	}
	slices.SortStableFunc(groups, func(a, b vendorGroup) int {
		return cmp.Or(compareBool(a.vendor == "", b.vendor == ""), cmp.Compare(a.vendor, b.vendor))
	})
	return groups
}

func (t tableWriter) warnings(m *Model) {
	var lines []string
	for _, w := range m.Warnings {
		lines = append(lines, visible(w))
	}
	for _, in := range m.Inputs {
		for _, w := range in.Warnings {
			lines = append(lines, t.path(in.Path)+": "+visible(w))
		}
	}
	if len(lines) == 0 {
		return
	}
	t.section("WARNINGS")
	for _, l := range lines {
		fmt.Fprintln(t.w, wrap("  "+l, t.width, "    "))
	}
}

// basis prints what the verdicts rest on, in full (hashes unabridged), so a
// terminal log is evidence on its own. When a digest and its name do not
// fit on one line, the digest goes on the next.
func (t tableWriter) basis(m *Model) {
	t.section("EVIDENCE BASIS")
	rows := [][]cell{{{text: "tool"}, {text: visible(joinNonEmpty(" ", m.Tool.Name, m.Tool.Version)), fit: fitEnd}, {text: "generated " + m.GeneratedAt.Format("2006-01-02T15:04:05Z07:00")}}}
	for _, l := range m.Lists {
		rows = append(rows, []cell{{text: "list"}, {text: visible(joinNonEmpty(" ", l.ID, l.Version)), fit: fitEnd}, {text: "sha256:" + orDash(visible(l.SHA256))}})
	}
	for _, in := range m.Inputs {
		rows = append(rows, []cell{{text: "input"}, {text: t.path(in.Path), fit: fitMiddle}, {text: "sha256:" + orDash(visible(in.SHA256))}})
	}
	if t.fits(rows) {
		t.grid(rows)
	} else {
		for _, r := range rows {
			fmt.Fprintf(t.w, "%-5s  %s\n       %s\n", r[0].text, fitCell(r[1], t.width-7), r[2].text)
		}
	}
	for _, l := range m.BasisLines() {
		fmt.Fprintln(t.w, wrap(visible(l[0])+": "+visible(l[1]), t.width, "    "))
	}
}

func (t tableWriter) outcome(m *Model) {
	s := m.Summary
	counts := fmt.Sprintf("%d %s, %d audited, %d failed, %d skipped, %d empty, %d components.",
		s.Inputs, plural(s.Inputs, "input", "inputs"), s.Audited, s.Failed, s.Skipped, s.Empty, s.Components)
	line := fmt.Sprintf("%d of %d findings at or above %s; %s", s.Failing, s.Findings.Total(), m.FailOn, counts)
	if m.FailOn == audit.FailOnNever {
		line = fmt.Sprintf("%d findings, fail-on never; %s", s.Findings.Total(), counts)
	}
	if len(s.Gaps) > 0 {
		t.section("GAPS (what this run cannot vouch for)")
		for _, g := range s.Gaps {
			t.prose("  ", visible(g))
		}
	}
	label, style := strings.ToUpper(s.Outcome), outcomeStyle(s.Outcome)
	lines := wrap(label+": "+line, t.width, "")
	fmt.Fprintf(t.w, "\n%s%s\n", t.paint(style, label+":"), strings.TrimPrefix(lines, label+":"))
}

// prose writes a sentence wrapped at the table width, continuation lines
// indented like the first.
func (t tableWriter) prose(indent, s string) {
	fmt.Fprintln(t.w, wrap(indent+s, t.width, indent))
}

// wrap breaks s at spaces so that no line is wider than width (a word
// wider than that stays whole); continuation lines start with indent.
// Leading spaces are kept, and never followed by a break.
func wrap(s string, width int, indent string) string {
	body := strings.TrimLeft(s, " ")
	lead := s[:len(s)-len(body)]
	var b strings.Builder
	b.WriteString(lead)
	col := utf8.RuneCountInString(lead)
	for i, word := range strings.Split(body, " ") {
		n := utf8.RuneCountInString(word)
		switch {
		case i == 0:
		case col+1+n > width:
			b.WriteString("\n" + indent)
			col = utf8.RuneCountInString(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}

// How a cell gives way when its column must shrink.
const (
	fitNone   = iota // never shortened (short, fixed values)
	fitEnd           // cut at the end
	fitMiddle        // cut in the middle (paths: the file name stays)
)

// cell is one table cell: its text (already safe), an optional colour, how
// it shortens, and whether it is a heading row of its own.
type cell struct {
	text    string
	style   string
	fit     int
	heading bool
	// raw: a heading row printed as is (already wrapped to the width).
	raw bool
	// In a header row: the column's floor when it shrinks (0: the
	// header's width, at least 8) and its drop rank (0: never dropped;
	// the highest goes first).
	min, drop int
}

func header(names ...string) []cell {
	out := make([]cell, len(names))
	for i, n := range names {
		out[i] = cell{text: n}
	}
	return out
}

func fitCell(c cell, n int) string {
	if c.fit == fitMiddle {
		return middle(c.text, n)
	}
	return clipTo(c.text, n)
}

// gap is the space between columns.
const gap = 2

// columnWidths measures rows and fits them to the table width: it shrinks
// the shrinkable column with the most room above its floor, one rune at a
// time; when every one is at its floor it drops the droppable column of
// highest drop rank (width -1) and starts again. Floors and drop ranks
// come from the header row (rows[0]); a floor defaults to the header's
// width, at least 8.
func (t tableWriter) columnWidths(rows [][]cell) []int {
	var natural []int
	shrinkable := map[int]bool{}
	for _, r := range rows {
		if len(r) == 1 && r[0].heading {
			continue
		}
		for i, c := range r {
			if i >= len(natural) {
				natural = append(natural, 0)
			}
			natural[i] = max(natural[i], utf8.RuneCountInString(c.text))
			if c.fit != fitNone {
				shrinkable[i] = true
			}
		}
	}
	floors := make([]int, len(natural))
	for i := range floors {
		h := rows[0][min(i, len(rows[0])-1)]
		floors[i] = min(natural[i], cmp.Or(h.min, max(8, utf8.RuneCountInString(h.text))))
	}
	widths := slices.Clone(natural)
	floored := false
	for total(widths) > t.width {
		room := -1
		for i := range widths {
			if shrinkable[i] && widths[i] > floors[i] && (room < 0 || widths[i]-floors[i] > widths[room]-floors[room]) {
				room = i
			}
		}
		if room >= 0 {
			widths[room]--
			continue
		}
		drop := -1
		for i, h := range rows[0] {
			if h.drop > 0 && natural[i] >= 0 && (drop < 0 || h.drop > rows[0][drop].drop) {
				drop = i
			}
		}
		if drop < 0 && !floored {
			// Nothing left to drop: let shrinkable columns go below their
			// floors rather than overflow the terminal.
			floored = true
			for i := range floors {
				floors[i] = min(floors[i], 6)
			}
			continue
		}
		if drop < 0 {
			break
		}
		natural[drop] = -1
		widths = slices.Clone(natural)
	}
	return widths
}

// total is the width of a row: the columns that are shown and the gaps
// between them.
func total(widths []int) int {
	n, shown := 0, 0
	for _, w := range widths {
		if w >= 0 {
			n += w
			shown++
		}
	}
	return n + gap*max(shown-1, 0)
}

// fits says whether rows fit the width with their second column (a name
// or path) left at least 24 runes wide, or whole.
func (t tableWriter) fits(rows [][]cell) bool {
	natural := 0
	for _, r := range rows {
		natural = max(natural, utf8.RuneCountInString(r[1].text))
	}
	widths := t.columnWidths(rows)
	return total(widths) <= t.width && widths[1] >= min(natural, 24)
}

// grid writes rows with columns padded to their widest cell, shrunk to fit
// the table width. Widths are measured before colour is added, so escapes
// never skew the alignment; trailing spaces are never written.
func (t tableWriter) grid(rows [][]cell) {
	if len(rows) == 0 {
		return
	}
	widths := t.columnWidths(rows)
	paths := distinctPaths(rows, widths)
	for _, r := range rows {
		if len(r) == 1 && r[0].heading {
			text := r[0].text
			if !r[0].raw {
				text = clipTo(text, t.width)
			}
			fmt.Fprintln(t.w, t.paint(r[0].style, text))
			continue
		}
		var b strings.Builder
		last := len(r) - 1
		for last > 0 && widths[last] < 0 {
			last--
		}
		for i, c := range r[:last+1] {
			if widths[i] < 0 {
				continue
			}
			text := fitCell(c, widths[i])
			if c.fit == fitMiddle {
				text = paths[i][c.text]
			}
			b.WriteString(t.paint(c.style, text))
			if i < last {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(text)+gap))
			}
		}
		fmt.Fprintln(t.w, b.String())
	}
}

// distinctPaths shortens each path column as a whole, so that two paths
// never print alike: column index -> path -> its shortened form.
func distinctPaths(rows [][]cell, widths []int) map[int]map[string]string {
	cols := map[int][]string{}
	for _, r := range rows {
		for i, c := range r {
			if c.fit == fitMiddle && i < len(widths) && widths[i] >= 0 {
				cols[i] = append(cols[i], c.text)
			}
		}
	}
	out := make(map[int]map[string]string, len(cols))
	for i, texts := range cols {
		out[i] = middleDistinct(texts, widths[i])
	}
	return out
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

func stateStyle(state string) string {
	switch state {
	case "overdue":
		return sgrRed + sgrBold
	case "due":
		return sgrYellow
	case "upcoming":
		return sgrCyan
	}
	return ""
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

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// plural picks the singular or plural noun for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
