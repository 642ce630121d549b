package reports

import (
	"fmt"
	"io"
	"strings"
)

// Format names an output format, as given to -o.
type Format string

// The output formats.
const (
	FormatTable Format = "table"
	FormatJSON  Format = "json"
	FormatSARIF Format = "sarif"
	FormatJUnit Format = "junit"
	FormatCSV   Format = "csv"
	// FormatCSVExcel is the CSV with a UTF-8 byte-order mark, which Excel
	// needs to read the file as UTF-8 rather than the local code page.
	FormatCSVExcel Format = "csv-excel"
	FormatMarkdown Format = "markdown"
	// FormatMarkdownSummary is the compact Markdown for pull-request
	// comments (under 65,536 characters).
	FormatMarkdownSummary Format = "markdown-summary"
	FormatHTML            Format = "html"
	FormatXLSX            Format = "xlsx"
	FormatGitHub          Format = "github"
	FormatGitLab          Format = "gitlab"
)

// DefaultFormat is written to stdout when no -o is given.
const DefaultFormat = FormatTable

// RenderOptions are presentation choices that are not part of the model.
type RenderOptions struct {
	// Color enables ANSI colour in the table format. The CLI sets it only
	// when stdout is a terminal and NO_COLOR is unset.
	Color bool
	// Width is the terminal's width in columns, which the table format
	// fits; 0 means unknown (DefaultWidth).
	Width int
	// FullReports are the other report files of the run (json, html,
	// xlsx...), which a cut Markdown report points to.
	FullReports []string
	// SourceRoot is the directory embargo ran in: SARIF makes absolute
	// input paths under it relative, so code scanning can place them.
	SourceRoot string
}

type renderFunc func(w io.Writer, m *Model, ro RenderOptions) error

// FormatInfo describes one output format.
type FormatInfo struct {
	Name        Format
	Description string
	// Binary formats are refused on a terminal stdout (a pipe is fine).
	Binary bool
	render renderFunc
}

// Formats lists every output format. It is the one place formats are
// declared: -o validation, --help text and shell completion all read it.
func Formats() []FormatInfo {
	return []FormatInfo{
		{Name: FormatTable, Description: "terminal summary of inputs and findings", render: renderTable},
		{Name: FormatJSON, Description: "full report (JSON Schema: reports/schema/report.schema.json in the source), read back by merge and --baseline", render: renderJSON},
		{Name: FormatSARIF, Description: "SARIF 2.1.0 for GitHub code scanning", render: renderSARIF},
		{Name: FormatJUnit, Description: "JUnit XML for CI test tabs", render: renderJUnit},
		{Name: FormatCSV, Description: "one row per finding, UTF-8 without BOM, for tools", render: renderCSV},
		{Name: FormatCSVExcel, Description: "the same CSV with a UTF-8 BOM, for people opening it in Excel", render: renderCSVExcel},
		{Name: FormatMarkdown, Description: "full report for GitHub job summaries (cut at 1 MiB, pointing to the full report)", render: renderMarkdown},
		{Name: FormatMarkdownSummary, Description: "compact summary for pull-request comments (under 65,536 characters)", render: renderMarkdownSummary},
		{Name: FormatHTML, Description: "self-contained printable report for the audit file", render: renderHTML},
		{Name: FormatXLSX, Description: "Excel workbook (Summary, Due, Vendors, Findings, Inputs, Obligations) with real dates, numbers and booleans", Binary: true, render: renderXLSX},
		{Name: FormatGitHub, Description: "GitHub Actions annotations (workflow commands) on the pull request", render: renderGitHub},
		{Name: FormatGitLab, Description: "GitLab code-quality JSON for merge requests", render: renderGitLab},
	}
}

// LookupFormat returns the format named name, or an error that lists the
// valid names.
func LookupFormat(name string) (FormatInfo, error) {
	for _, f := range Formats() {
		if string(f.Name) == name {
			return f, nil
		}
	}
	return FormatInfo{}, fmt.Errorf("unknown output format %q (valid: %s)", name, strings.Join(FormatNames(), ", "))
}

// FormatNames returns the format names in declaration order.
func FormatNames() []string {
	fs := Formats()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f.Name)
	}
	return names
}

// Completions returns "name\tdescription" lines, the form cobra's
// completion functions return.
func Completions() []string {
	fs := Formats()
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f.Name) + "\t" + f.Description
	}
	return out
}

// FlagUsage is the --help text of the -o flag.
func FlagUsage() string {
	var b strings.Builder
	b.WriteString("report `FORMAT[=FILE]`, repeatable; without =FILE to stdout (at most one). Formats:")
	for _, f := range Formats() {
		fmt.Fprintf(&b, "\n  %-9s %s", f.Name, f.Description)
	}
	return b.String()
}

// Render writes the model in format f to w.
func Render(w io.Writer, f Format, m *Model, ro RenderOptions) error {
	info, err := LookupFormat(string(f))
	if err != nil {
		return err
	}
	if err := info.render(w, m, ro); err != nil {
		return fmt.Errorf("render %s: %w", f, err)
	}
	return nil
}
