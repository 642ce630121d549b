package reports

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit"
)

// section889Report is FAR 52.204-25's report obligation as the list
// states it: its action is longer than a Markdown cell's clip and ends
// with the one-business-day window.
func section889Report() audit.Obligation {
	o := farReport("overdue", 2)
	o.Regime, o.Title, o.Citation = "far-52-204-25-part-a", `NDAA FY2019 §889(a)(1)(A) "Part A" — FAR 52.204-25`, "Pub. L. 115-232 §889(a)(1)(A); FAR 52.204-25 (Nov 2021)"
	o.Action = "Report covered telecommunications equipment or services identified during performance, or notified by a subcontractor at any tier or any other source, to the contracting officer (DoD: https://dibnet.dod.mil) within one business day: contract and order numbers; supplier name, unique entity ID and CAGE code (if known); brand; model number; item description; readily available mitigation actions."
	return o
}

// TestMarkdownStatesTheLawInFull: both Markdown variants print an
// obligation's action whole (SBOM strings are clipped, the law is not).
func TestMarkdownStatesTheLawInFull(t *testing.T) {
	r := fixtureResult()
	for i := range r.Findings {
		if len(r.Findings[i].Obligations) > 0 {
			r.Findings[i].Obligations[0] = section889Report()
		}
	}
	m := NewModel(r, fixtureOptions())
	want := mdEscape("within one business day: contract and order numbers; supplier name, unique entity ID and CAGE code (if known); brand; model number; item description; readily available mitigation actions.")
	for _, f := range []Format{FormatMarkdown, FormatMarkdownSummary} {
		out := string(render(t, f, m, RenderOptions{}))
		if !strings.Contains(out, want) {
			t.Errorf("%s: the §889 action is cut; want %q in\n%s", f, want, out)
		}
	}
}

func TestMdLegalJoinsLinesAndEscapes(t *testing.T) {
	if got, want := mdLegal("Report\n  within one\tbusiness day | [x]"), `Report within one business day \| \[x\]`; got != want {
		t.Errorf("mdLegal = %q, want %q", got, want)
	}
}

// TestEveryReportSaysItIsNotLegalAdvice: the README promises it of every
// report; SARIF (rule help and run properties), CSV (a last column),
// JUnit (a suite property) and GitLab (each issue's content body) say it
// in the place each format has.
func TestEveryReportSaysItIsNotLegalAdvice(t *testing.T) {
	m := fixtureModel()
	for _, f := range []Format{FormatJSON, FormatSARIF, FormatJUnit, FormatCSV, FormatCSVExcel, FormatMarkdown, FormatMarkdownSummary, FormatHTML, FormatTable, FormatGitLab} {
		out := string(render(t, f, m, RenderOptions{}))
		if !strings.Contains(out, "not legal advice") {
			t.Errorf("%s does not say it is not legal advice", f)
		}
	}
	if out := string(render(t, FormatXLSX, m, RenderOptions{})); len(out) == 0 {
		t.Error("xlsx empty")
	} else if !strings.Contains(string(xlsxCells(t, []byte(out))), "not legal advice") {
		t.Error("xlsx does not say it is not legal advice")
	}
}

// TestCaseRegisterSaysItIsNotLegalAdvice: the case register's CSV and
// JUnit formats say it too.
func TestCaseRegisterSaysItIsNotLegalAdvice(t *testing.T) {
	r := &CaseRegister{AsOf: "2025-06-10"}
	r.Normalise()
	for name, fn := range map[string]func(*strings.Builder) error{
		"csv":   func(b *strings.Builder) error { return renderCasesCSV(b, r, RenderOptions{}) },
		"junit": func(b *strings.Builder) error { return renderCasesJUnit(b, r, RenderOptions{}) },
	} {
		var b strings.Builder
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		if name == "junit" && !strings.Contains(b.String(), "not legal advice") {
			t.Errorf("cases %s does not say it is not legal advice", name)
		}
		if name == "csv" && !strings.HasSuffix(strings.SplitN(b.String(), "\n", 2)[0], ",disclaimer") {
			t.Errorf("cases csv header lacks the disclaimer column: %q", b.String())
		}
	}
}

// TestGitLabIssuesSayTheyAreNotLegalAdvice: GitLab's format has no place
// for a note on the whole report, so every issue of the audit and case
// reports carries the disclaimer as its content body.
func TestGitLabIssuesSayTheyAreNotLegalAdvice(t *testing.T) {
	for name, data := range map[string][]byte{
		"audit": render(t, FormatGitLab, fixtureModel(), RenderOptions{}),
		"cases": casesSnapshot(t, FormatGitLab),
	} {
		var issues []struct {
			Content struct {
				Body string `json:"body"`
			} `json:"content"`
		}
		if err := json.Unmarshal(data, &issues); err != nil {
			t.Fatal(err)
		}
		if len(issues) == 0 {
			t.Fatalf("%s: no issues", name)
		}
		for i, is := range issues {
			if is.Content.Body != Disclaimer {
				t.Errorf("%s issue %d: content body %q, want the disclaimer", name, i, is.Content.Body)
			}
		}
	}
}
