package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

func renderCasesCSV(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	cw := csv.NewWriter(w)
	// The disclaimer is the last column, as in the audit CSV.
	if err := cw.Write(append(casesHeader(), "disclaimer")); err != nil {
		return err
	}
	for _, c := range r.Cases {
		row := append(caseRecord(c), Disclaimer)
		for i := range row {
			row[i] = csvCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func renderCasesCSVExcel(w io.Writer, r *CaseRegister, ro RenderOptions) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	return renderCasesCSV(w, r, ro)
}

// casesSummary is the one-line count every text format starts with.
func casesSummary(r *CaseRegister) string {
	c := r.Counts
	return fmt.Sprintf("%s as of %s: %d open, %d reported, %d resolved, %d waived; %d overdue",
		countOf(len(r.Cases), "case", "cases"), r.AsOf, c.Open, c.Reported, c.Resolved, c.Waived, c.Overdue)
}

func countOf(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}

func renderCasesTable(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Compliance register %s (%s)\n%s\n\n", visible(r.Ledger), visible(r.Filter), casesSummary(r))
	if len(r.Cases) > 0 {
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CASE\tSTATUS\tIDENTIFIED\tREPORTED\tNEXT DUE\tSUBJECT\tENTITY\tCOMPONENT\tPROFILES")
		for _, c := range r.Cases {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.StatusLabel(), dash(c.Identified), dash(c.Reported),
				dash(c.NextDue), visible(c.Subject), visible(c.Entity), visible(strings.TrimSpace(c.Component+" "+c.Version)),
				dash(visible(c.ProfilesText())))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(&b, "\nwarning: %s", visible(warn))
	}
	fmt.Fprintf(&b, "\n%s\n", Disclaimer)
	_, err := io.WriteString(w, b.String())
	return err
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func renderCasesMarkdown(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	return casesMarkdown(w, r, len(r.Cases))
}

// renderCasesMarkdownSummary keeps a pull-request comment short: the
// counts and the first 50 cases, overdue ones first as listed.
func renderCasesMarkdownSummary(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	return casesMarkdown(w, r, 50)
}

func casesMarkdown(w io.Writer, r *CaseRegister, limit int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Compliance register\n\n%s (%s)\n\n", mdEscape(casesSummary(r)), mdEscape(r.Filter))
	if len(r.Cases) > 0 {
		b.WriteString("| Case | Status | Identified | Reported | Next due | Subject | Entity | Component | Profiles |\n|---|---|---|---|---|---|---|---|---|\n")
		for i, c := range r.Cases {
			if i == limit {
				fmt.Fprintf(&b, "\n%d more cases are in the full register (-o json, csv, xlsx or html).\n", len(r.Cases)-limit)
				break
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c.ID, mdEscape(c.StatusLabel()), dash(c.Identified),
				dash(c.Reported), dash(c.NextDue), mdEscape(c.Subject), mdEscape(c.Entity), mdEscape(strings.TrimSpace(c.Component+" "+c.Version)),
				dash(mdEscape(c.ProfilesText())))
		}
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(&b, "\n> warning: %s\n", mdEscape(warn))
	}
	fmt.Fprintf(&b, "\n_%s_\n", mdEscape(Disclaimer))
	_, err := io.WriteString(w, b.String())
	return err
}
