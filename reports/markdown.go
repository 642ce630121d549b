package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// GitHub's limits: a job summary (GITHUB_STEP_SUMMARY) is dropped above
// 1 MiB, and a pull-request or issue comment is refused above 65,536
// characters. Each Markdown format stays under its limit with room to
// spare for what a CI step adds around it.
const (
	MarkdownFullLimit    = 1 << 20
	MarkdownSummaryLimit = 65536
	// mdReserve is kept free for the closing sections and the notes that
	// say what was left out.
	mdReserve = 6 << 10
	// mdSummaryRows is how many findings, vendors and failed inputs the
	// compact summary lists at most.
	mdSummaryRows = 25
	// mdCell is the longest SBOM string a Markdown cell shows.
	mdCell = 160
)

// renderMarkdown writes the full GitHub-flavoured report (for job
// summaries): headline, counts, what is due when, vendors, every finding,
// every input and the evidence basis, cut with a count of what was left
// out so that it never exceeds MarkdownFullLimit bytes.
func renderMarkdown(w io.Writer, m *Model, ro RenderOptions) error {
	d := newMDDoc(m, ro, MarkdownFullLimit)
	d.headline()
	d.deadlines()
	mdVendors(&d.b, m)
	// The findings may fill the budget; what an auditor must never lose
	// to them is held back: the inputs that could not be vouched for and
	// the lists' digests.
	d.hold = d.inputsHeld() + d.listsHeld()
	d.findings(len(m.Findings))
	d.hold = d.listsHeld()
	d.inputs(false)
	d.hold = 0
	mdCaveats(&d.b, m)
	d.basis(true)
	return d.flush(w)
}

// renderMarkdownSummary writes the compact report for pull-request
// comments: headline, counts, what is due when, the vendors, the top
// findings and the failed inputs, never more than MarkdownSummaryLimit
// characters, pointing to the full report for the rest.
func renderMarkdownSummary(w io.Writer, m *Model, ro RenderOptions) error {
	d := newMDDoc(m, ro, MarkdownSummaryLimit-mdReserve)
	d.headline()
	d.deadlines()
	d.vendorsTop()
	d.findings(mdSummaryRows)
	d.inputs(true)
	fmt.Fprintf(&d.b, "\n_%s_ %d caveats on the cited regimes are in the full report.\n", mdEscape(Disclaimer), len(m.Caveats))
	d.basis(false)
	return d.flush(w)
}

// mdDoc is a Markdown document with a byte budget (a byte is never less
// than a character, so a byte budget is a character budget too).
type mdDoc struct {
	m     *Model
	b     strings.Builder
	limit int
	dir   string
	full  []string
	// hold is budget kept back for sections still to come.
	hold int
}

func newMDDoc(m *Model, ro RenderOptions, limit int) *mdDoc {
	return &mdDoc{m: m, limit: limit, dir: CommonDir(m.inputPaths()), full: ro.FullReports}
}

func (d *mdDoc) flush(w io.Writer) error {
	_, err := io.WriteString(w, d.b.String())
	return err
}

// room is what is left of the budget before the reserve.
func (d *mdDoc) room() int {
	return d.limit - mdReserve - d.hold - d.b.Len()
}

// mdText is an SBOM string clipped to mdCell characters, then escaped.
func mdText(s string) string {
	return mdEscape(clipTo(visible(s), mdCell))
}

// mdLegal is the text of a list (a regime's title and citation, an
// obligation's action and notes), escaped but never clipped: the law is
// stated in full ("within one business day" ends the §889 action). Line
// breaks of folded YAML become spaces so that the table row holds.
func mdLegal(s string) string {
	return mdEscape(strings.Join(strings.Fields(s), " "))
}

// path is an input path relative to the inputs' common directory.
func (d *mdDoc) path(p string) string {
	return mdText(relativeTo(d.dir, p))
}

// table writes a header and as many rows as the budget holds (at most
// max), then says how many were left out and where they are.
func (d *mdDoc) table(header string, rows []string, max int, what string) {
	d.b.WriteString(header)
	shown := 0
	for _, r := range rows {
		if shown == max || len(r)+1 > d.room() {
			break
		}
		d.b.WriteString(r)
		d.b.WriteByte('\n')
		shown++
	}
	if left := len(rows) - shown; left > 0 {
		fmt.Fprintf(&d.b, "\n_%d more %s not shown here (%d of %d listed). %s_\n", left, what, shown, len(rows), d.pointer())
	}
}

// pointer says where the full report is: the files this run wrote, or
// how to get one.
func (d *mdDoc) pointer() string {
	if len(d.full) > 0 {
		quoted := make([]string, len(d.full))
		for i, f := range d.full {
			quoted[i] = "`" + strings.ReplaceAll(visible(f), "`", "'") + "`"
		}
		return "Every one is in the full report: " + strings.Join(quoted, ", ") + "."
	}
	return "Every one is in the full report (`-o json=FILE`, `-o html=FILE` or `-o xlsx=FILE`)."
}

func (d *mdDoc) headline() {
	m, s := d.m, d.m.Summary
	fmt.Fprintf(&d.b, "## %s: %s\n\n", mdEscape(orDefault(m.Tool.Name, "embargo")), mdEscape(headline(m)))
	if !m.Complete {
		d.b.WriteString("> [!WARNING]\n> The run was interrupted: this report does not cover every input.\n\n")
	}
	d.b.WriteString("| Prohibited | Review | Info | Waived | Baseline | Inputs | Failed inputs | Components |\n")
	d.b.WriteString("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Fprintf(&d.b, "| %d | %d | %d | %d | %d | %d | %d | %d |\n",
		s.Findings.Prohibited, s.Findings.Review, s.Findings.Info, s.Findings.Waived, s.Findings.Baseline,
		s.Inputs, s.Failed, s.Components)
	fmt.Fprintf(&d.b, "\nAs of %s, profiles %s, failing on %s; %d audited, %d failed, %d skipped, %d empty.",
		m.AsOf, mdEscape(orNone(strings.Join(m.Profiles, ", "))), m.FailOn, s.Audited, s.Failed, s.Skipped, s.Empty)
	if d.dir != "" {
		fmt.Fprintf(&d.b, " Inputs are named relative to `%s`.", strings.ReplaceAll(visible(d.dir), "`", "'"))
	}
	d.b.WriteByte('\n')
}

// deadlines is the "what is due when" summary: each obligation once,
// overdue first, with the findings it covers; findings refer to its refs.
func (d *mdDoc) deadlines() {
	if len(d.m.Deadlines) == 0 {
		return
	}
	d.b.WriteString("\n### Due when\n\n")
	rows := make([]string, 0, len(d.m.Deadlines))
	for _, o := range d.m.Deadlines {
		due := orDash(o.Due)
		switch {
		case o.Due != "" && o.DueIsLatest:
			due += " at the latest"
		case o.Due == "" && o.State == "upcoming":
			due = "from " + orDash(o.Effective)
		case o.Due == "":
			due = "in force since " + orDash(o.Effective)
		}
		status := o.Status.Text
		if o.State == "overdue" {
			status = "**" + mdEscape(status) + "**"
		} else {
			status = mdEscape(orDefault(status, o.State))
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s |", o.Ref, status, mdEscape(due),
			mdLegal(joinNonEmpty(", ", o.Title, o.Regime, o.Clause)), mdLegal(o.Citation), mdLegal(strings.Join(append([]string{o.Action}, o.Notes...), " ")),
			findingsCovered(o), mdLegal(deadlineCitations(o))))
	}
	d.table("| Ref | Status | Due | Regime | Citation | Action | Findings | Sources |\n| --- | --- | --- | --- | --- | --- | ---: | --- |\n",
		rows, len(rows), "obligations")
}

// findings lists findings, most severe first, up to max; obligations are
// referred to by the refs of the Due-when table.
func (d *mdDoc) findings(max int) {
	m := d.m
	d.b.WriteString("\n### Findings\n\n")
	if len(m.Findings) == 0 {
		d.b.WriteString(noFindings + "\n")
		return
	}
	rows := make([]string, 0, len(m.Findings))
	for _, f := range m.Findings {
		verdict := string(f.Verdict)
		if f.Fails {
			verdict = "**" + verdict + "**"
		}
		if note := f.SuppressionNote(); note != "" {
			verdict += " (" + mdEscape(note) + ")"
		}
		evidence := "-"
		if e, ok := f.Strongest(); ok {
			evidence = mdText(e.Field) + " = " + mdText(fmt.Sprintf("%q", e.Value))
		}
		due := "-"
		if o, ok := f.NextDue(); ok {
			due = mdEscape(o.Due + " (" + o.Status.Text + ")")
		} else if since := f.InForceSince(); since != "" {
			due = mdEscape("in force since " + since)
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |", verdict, d.path(f.Input),
			mdText(f.Component.Label()), mdText(f.Entity.Name), evidence, due, orDash(mdEscape(f.Case.Label())),
			orDash(strings.Join(m.ObligationRefs(f), " ")), mdEscape(f.ID)))
	}
	d.table("| Verdict | Input | Component | Entity | Strongest evidence | Next due / in force | Case | Obligations | Finding |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
		rows, max, "findings")
}

// vendorsTop is the compact vendor view: vendors that fail or are
// incomplete first, at most mdSummaryRows.
func (d *mdDoc) vendorsTop() {
	if len(d.m.Vendors) == 0 {
		return
	}
	vendors := slices.Clone(d.m.Vendors)
	slices.SortStableFunc(vendors, func(a, b Vendor) int {
		return cmp.Compare(outcomeOrder(a.Outcome), outcomeOrder(b.Outcome))
	})
	rows := make([]string, 0, len(vendors))
	for _, v := range vendors {
		rows = append(rows, fmt.Sprintf("| %s | %d | %d | %s | %d | %s |", mdText(v.Vendor), len(v.Products), v.Inputs,
			countsText(v.Findings), v.Failing, mdOutcome(v.Outcome)))
	}
	d.b.WriteString("\n### Vendors\n\n")
	d.table("| Vendor | Products | Inputs | Findings | Failing | Outcome |\n| --- | ---: | ---: | --- | ---: | --- |\n",
		rows, mdSummaryRows, "vendors")
}

func outcomeOrder(outcome string) int {
	switch outcome {
	case OutcomeFail:
		return 0
	case OutcomeIncomplete:
		return 1
	}
	return 2
}

// inputs lists every input (or, in the summary, only those that failed
// or held no components), then the warnings.
func (d *mdDoc) inputs(problemsOnly bool) {
	m := d.m
	var rows, problems, others []string
	for _, in := range m.Inputs {
		problem := in.Status != audit.StatusAudited || in.Components == 0
		if problemsOnly && in.Status != audit.StatusFailed && !(in.Status == audit.StatusAudited && in.Components == 0) {
			continue
		}
		row := d.inputRow(in)
		rows = append(rows, row)
		if problem {
			problems = append(problems, row)
		} else {
			others = append(others, row)
		}
	}
	title, max := "\n### Inputs\n\n", len(rows)
	if problemsOnly {
		if len(rows) == 0 {
			return
		}
		title, max = "\n### Inputs that could not be vouched for\n\n", mdSummaryRows
	} else if size(rows) > d.room() {
		// Not all fit: those that failed, were skipped or held no
		// components come first, so that the cut never hides one.
		rows = append(problems, others...)
		title = "\n### Inputs (failed, skipped and empty first)\n\n"
	}
	d.b.WriteString(title)
	d.table(mdInputsHeader, rows, max, "inputs")
	var warnings []string
	for _, in := range m.Inputs {
		for _, x := range in.Warnings {
			warnings = append(warnings, "- "+d.path(in.Path)+": "+mdText(x))
		}
	}
	for _, x := range m.Warnings {
		warnings = append(warnings, "- "+mdText(x))
	}
	if len(warnings) == 0 {
		return
	}
	d.b.WriteString("\n**Warnings**\n\n")
	shown := 0
	for _, w := range warnings {
		if (problemsOnly && shown == mdSummaryRows) || len(w)+1 > d.room() {
			break
		}
		d.b.WriteString(w + "\n")
		shown++
	}
	if left := len(warnings) - shown; left > 0 {
		fmt.Fprintf(&d.b, "- _and %d more warnings. %s_\n", left, d.pointer())
	}
}

const mdInputsHeader = "| Status | Input | Format | Components | Findings |\n| --- | --- | --- | ---: | --- |\n"

func (d *mdDoc) inputRow(in Input) string {
	findings := countsText(in.Findings)
	switch {
	case in.Status == audit.StatusFailed:
		findings = "error: " + mdText(in.Error)
	case in.Status == audit.StatusSkipped && in.Error != "":
		findings = "skipped: " + mdText(in.Error)
	}
	return fmt.Sprintf("| %s | %s | %s | %d | %s |", mdEscape(in.Status), d.path(in.Path),
		mdEscape(orDash(joinNonEmpty(" ", in.Format, in.SpecVersion))), in.Components, findings)
}

// inputsHeld is the room the inputs section needs for the inputs that
// could not be vouched for (failed, skipped or empty), with its title.
func (d *mdDoc) inputsHeld() int {
	n := len(mdInputsHeader) + 128
	for _, in := range d.m.Inputs {
		if in.Status != audit.StatusAudited || in.Components == 0 {
			n += len(d.inputRow(in)) + 1
		}
	}
	return n
}

// listsHeld is the room the evidence basis needs for the lists' rows.
func (d *mdDoc) listsHeld() int {
	n := 0
	for _, r := range d.listRows() {
		n += len(r) + 1
	}
	return n
}

func (d *mdDoc) listRows() []string {
	rows := make([]string, 0, len(d.m.Lists))
	for _, l := range d.m.Lists {
		rows = append(rows, fmt.Sprintf("| list | %s | %s | `%s` |", mdText(l.ID), mdText(l.Version), mdCode(l.SHA256)))
	}
	return rows
}

// size is the bytes rows take, one line each.
func size(rows []string) int {
	n := 0
	for _, r := range rows {
		n += len(r) + 1
	}
	return n
}

// basis states what the verdicts rest on, folded so that it does not
// crowd a pull-request comment; with inputs, each input's digest (as many
// as the budget holds).
func (d *mdDoc) basis(withInputs bool) {
	m := d.m
	d.b.WriteString("\n<details><summary>Evidence basis</summary>\n\n")
	fmt.Fprintf(&d.b, "- Tool: %s %s\n", mdEscape(m.Tool.Name), mdEscape(m.Tool.Version))
	fmt.Fprintf(&d.b, "- Generated: %s\n", m.GeneratedAt.Format("2006-01-02T15:04:05Z07:00"))
	fmt.Fprintf(&d.b, "- As of: %s\n", m.AsOf)
	fmt.Fprintf(&d.b, "- Profiles: %s\n", mdEscape(orNone(strings.Join(m.Profiles, ", "))))
	fmt.Fprintf(&d.b, "- Fail on: %s\n\n", m.FailOn)
	// The lists' rows are few and always written (their room was held):
	// a report must say which lists its verdicts rest on.
	lists := d.listRows()
	d.b.WriteString("| Source | Id | Version | SHA-256 |\n| --- | --- | --- | --- |\n")
	for _, r := range lists {
		d.b.WriteString(r + "\n")
	}
	var rows []string
	for _, in := range m.Inputs {
		if withInputs {
			rows = append(rows, fmt.Sprintf("| input | %s | %s | `%s` |", d.path(in.Path), mdText(in.SpecVersion), mdCode(in.SHA256)))
		}
	}
	d.table("", rows, len(rows), "input digests")
	if lines := m.BasisLines(); len(lines) > 0 {
		d.b.WriteByte('\n')
		for _, l := range lines {
			fmt.Fprintf(&d.b, "- %s: %s\n", mdEscape(l[0]), mdEscape(l[1]))
		}
	}
	if !withInputs && len(m.Inputs) > 0 {
		fmt.Fprintf(&d.b, "\nThe %d input digests are in the full report.\n", len(m.Inputs))
	}
	d.b.WriteString("\n</details>\n")
}

// mdVendors is the procurement view: a row per vendor, then a row per
// product version. Nothing when no input has a vendor.
func mdVendors(w io.Writer, m *Model) {
	if len(m.Vendors) == 0 {
		return
	}
	fmt.Fprint(w, "\n### Vendors\n\n")
	fmt.Fprint(w, "| Vendor | Product | Version | Inputs | Components | Findings | Failing | Outcome |\n")
	fmt.Fprint(w, "| --- | --- | --- | ---: | ---: | --- | ---: | --- |\n")
	for _, v := range m.Vendors {
		fmt.Fprintf(w, "| **%s** | all products | | %d | %d | %s | %d | %s |\n", mdEscape(v.Vendor),
			v.Inputs, v.Components, countsText(v.Findings), v.Failing, mdOutcome(v.Outcome))
		for _, p := range v.Products {
			fmt.Fprintf(w, "| %s | %s | %s | %d | %d | %s | %d | %s |\n", mdEscape(v.Vendor), mdEscape(orDash(p.Product)),
				mdEscape(orDash(p.Version)), p.Inputs, p.Components, countsText(p.Findings), p.Failing, mdOutcome(p.Outcome))
		}
	}
}

// mdOutcome puts a failing outcome in bold, as the findings table does.
func mdOutcome(outcome string) string {
	if outcome == OutcomeFail {
		return "**" + outcome + "**"
	}
	return outcome
}

// mdEscape makes an SBOM string inert in GitHub-flavoured Markdown, inline
// and inside a table cell: every character that can open a link, image,
// HTML tag, code span, emphasis or table cell is backslash-escaped; ':' and
// '@' and the dot of "www." are escaped too, because GFM turns bare URLs,
// www. hosts and e-mail addresses into links. Control characters, newlines included (a newline ends a table
// row), become visible escapes first.
func mdEscape(s string) string {
	var b strings.Builder
	runes := []rune(visible(s))
	for i, r := range runes {
		switch {
		case strings.ContainsRune("\\`*_[](){}<>!|~&:@#", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '.' && i >= 3 && strings.EqualFold(string(runes[i-3:i]), "www"):
			b.WriteString(`\.`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode is for hex digests shown in a code span: anything but hex is
// dropped, since a digest has nothing else.
func mdCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'f' {
			return r
		}
		return -1
	}, s)
}
