package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// renderMarkdown writes a GitHub-flavoured summary for job summaries and
// pull-request comments: headline, counts, findings, obligations, vendors
// (when a manifest named any), inputs and the evidence basis. Every SBOM
// string goes through mdEscape.
func renderMarkdown(w io.Writer, m *Model, _ RenderOptions) error {
	bw := bufio.NewWriter(w)
	mdHeadline(bw, m)
	mdFindings(bw, m)
	mdObligations(bw, m)
	mdVendors(bw, m)
	mdInputs(bw, m)
	mdCaveats(bw, m)
	mdBasis(bw, m)
	return bw.Flush()
}

func mdHeadline(w io.Writer, m *Model) {
	s := m.Summary
	fmt.Fprintf(w, "## %s: %s\n\n", mdEscape(orDefault(m.Tool.Name, "embargo")), headline(m))
	if !m.Complete {
		fmt.Fprint(w, "> [!WARNING]\n> The run was interrupted: this report does not cover every input.\n\n")
	}
	fmt.Fprint(w, "| Prohibited | Review | Info | Waived | Baseline | Inputs | Failed inputs | Components |\n")
	fmt.Fprint(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Fprintf(w, "| %d | %d | %d | %d | %d | %d | %d | %d |\n",
		s.Findings.Prohibited, s.Findings.Review, s.Findings.Info, s.Findings.Waived, s.Findings.Baseline,
		s.Inputs, s.Failed, s.Components)
	if s.Skipped+s.Empty > 0 {
		fmt.Fprintf(w, "\n%d audited, %d failed, %d skipped, %d empty.\n", s.Audited, s.Failed, s.Skipped, s.Empty)
	}
}

// headline is the one-line verdict every human-facing format leads with.
func headline(m *Model) string {
	s := m.Summary
	if s.Outcome == OutcomeFail {
		return fmt.Sprintf("FAIL, %d of %d findings at or above %s", s.Failing, s.Findings.Total(), m.FailOn)
	}
	if s.Outcome == OutcomeIncomplete {
		return fmt.Sprintf("INCOMPLETE, %s (%d findings, none at or above %s)", strings.Join(s.Gaps, "; "), s.Findings.Total(), m.FailOn)
	}
	if s.Findings.Total() == 0 {
		return "PASS, no component is attributed to a listed entity"
	}
	if m.FailOn == FailOnNever {
		return fmt.Sprintf("PASS, fail-on is never (%d findings)", s.Findings.Total())
	}
	return fmt.Sprintf("PASS, no finding at or above %s (%d findings)", m.FailOn, s.Findings.Total())
}

func mdFindings(w io.Writer, m *Model) {
	fmt.Fprint(w, "\n### Findings\n\n")
	if len(m.Findings) == 0 {
		fmt.Fprint(w, "No component is attributed to a listed entity.\n")
		return
	}
	fmt.Fprint(w, "| Verdict | Input | Component | Entity | Strongest evidence | Next due / in force | Finding |\n")
	fmt.Fprint(w, "| --- | --- | --- | --- | --- | --- | --- |\n")
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
			evidence = mdEscape(e.Field) + " = " + mdEscape(fmt.Sprintf("%q", e.Value))
		}
		due := "-"
		if o, ok := f.NextDue(); ok {
			due = mdEscape(o.Due + " (" + o.Status.Text + ")")
		} else if since := f.InForceSince(); since != "" {
			due = mdEscape("in force since " + since)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", verdict, mdEscape(f.Input),
			mdEscape(f.Component.Label()), mdEscape(f.Entity.Name), evidence, due, mdEscape(f.ID))
	}
}

// mdObligations lists the dated obligations of findings that are not waived
// or baselined: the part a reviewer has to act on.
func mdObligations(w io.Writer, m *Model) {
	var rows []string
	for _, f := range m.Findings {
		if f.Verdict.Rank() == 0 {
			continue
		}
		for _, o := range f.Obligations {
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s |",
				mdEscape(f.Component.Label()), mdEscape(o.Regime), mdEscape(o.Citation), mdEscape(o.Action),
				mdEscape(orDash(o.Effective)), mdEscape(orDash(o.Due)), mdEscape(o.Status.Text), mdCitations(o)))
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprint(w, "\n### Obligations\n\n")
	fmt.Fprint(w, "| Component | Regime | Citation | Action | Effective | Due | Status | Sources |\n")
	fmt.Fprint(w, "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	fmt.Fprintln(w, strings.Join(rows, "\n"))
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

func mdInputs(w io.Writer, m *Model) {
	fmt.Fprint(w, "\n### Inputs\n\n")
	fmt.Fprint(w, "| Status | Input | Format | Components | Findings |\n")
	fmt.Fprint(w, "| --- | --- | --- | ---: | --- |\n")
	for _, in := range m.Inputs {
		findings := countsText(in.Findings)
		if in.Status == audit.StatusFailed {
			findings = "error: " + mdEscape(in.Error)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %d | %s |\n", mdEscape(in.Status), mdEscape(in.Path),
			mdEscape(orDash(joinNonEmpty(" ", in.Format, in.SpecVersion))), in.Components, findings)
	}
	var warnings []string
	for _, in := range m.Inputs {
		for _, x := range in.Warnings {
			warnings = append(warnings, "- "+mdEscape(in.Path)+": "+mdEscape(x))
		}
	}
	for _, x := range m.Warnings {
		warnings = append(warnings, "- "+mdEscape(x))
	}
	if len(warnings) > 0 {
		fmt.Fprintf(w, "\n**Warnings**\n\n%s\n", strings.Join(warnings, "\n"))
	}
}

// mdBasis states what the verdicts rest on, folded so that it does not
// crowd a pull-request comment.
func mdBasis(w io.Writer, m *Model) {
	fmt.Fprint(w, "\n<details><summary>Evidence basis</summary>\n\n")
	fmt.Fprintf(w, "- Tool: %s %s\n", mdEscape(m.Tool.Name), mdEscape(m.Tool.Version))
	fmt.Fprintf(w, "- Generated: %s\n", m.GeneratedAt.Format("2006-01-02T15:04:05Z07:00"))
	fmt.Fprintf(w, "- As of: %s\n", m.AsOf)
	fmt.Fprintf(w, "- Profiles: %s\n", mdEscape(orNone(strings.Join(m.Profiles, ", "))))
	fmt.Fprintf(w, "- Fail on: %s\n", m.FailOn)
	fmt.Fprint(w, "\n| Source | Id | Version | SHA-256 |\n| --- | --- | --- | --- |\n")
	for _, l := range m.Lists {
		fmt.Fprintf(w, "| list | %s | %s | `%s` |\n", mdEscape(l.ID), mdEscape(l.Version), mdCode(l.SHA256))
	}
	for _, in := range m.Inputs {
		fmt.Fprintf(w, "| input | %s | %s | `%s` |\n", mdEscape(in.Path), mdEscape(in.SpecVersion), mdCode(in.SHA256))
	}
	if lines := m.BasisLines(); len(lines) > 0 {
		fmt.Fprint(w, "\n")
		for _, l := range lines {
			fmt.Fprintf(w, "- %s: %s\n", mdEscape(l[0]), mdEscape(l[1]))
		}
	}
	fmt.Fprint(w, "\n</details>\n")
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

// emptyInputs counts audited inputs that held no components.
func emptyInputs(m *Model) int {
	n := 0
	for _, in := range m.Inputs {
		if in.Status == audit.StatusEmpty || in.Status == audit.StatusAudited && in.Components == 0 {
			n++
		}
	}
	return n
}
