package reports

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
)

// caseMessage says in one line what a case is and where it stands.
func caseMessage(c CaseEntry) string {
	msg := fmt.Sprintf("%s: %s %s in %s (%s), identified %s", c.ID, c.Component, c.Version, c.Subject, c.Entity, c.Identified)
	if c.Reported != "" {
		msg += ", reported " + c.Reported
	}
	if c.NextDue != "" {
		msg += ", next due " + c.NextDue
	}
	msg += "; status " + c.StatusLabel()
	if len(c.Profiles) > 0 {
		msg += "; dated under profiles " + c.ProfilesText()
	}
	return msg
}

// renderCasesJUnit writes one test case per case; an overdue case fails,
// a resolved or waived one is skipped.
func renderCasesJUnit(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	s := junitSuite{Name: "embargo cases as of " + r.AsOf, Properties: []junitProperty{{Name: "disclaimer", Value: Disclaimer}}}
	for _, c := range r.Cases {
		tc := junitCase{Name: c.ID + " " + c.Component, Classname: c.Subject, SystemOut: caseMessage(c)}
		switch {
		case c.Overdue:
			tc.Failure = &junitProblem{Message: "overdue: " + caseMessage(c), Type: "overdue"}
			s.Failures++
		case c.Status == "resolved" || c.Status == "waived":
			tc.Skipped = &junitProblem{Message: c.Status}
			s.Skipped++
		}
		s.Cases = append(s.Cases, tc)
		s.Tests++
	}
	doc := junitSuites{Name: "embargo", Tests: s.Tests, Failures: s.Failures, Skipped: s.Skipped, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// renderCasesGitHub annotates the workflow run: a notice with the counts,
// an error per overdue case, a warning per other open or reported case.
func renderCasesGitHub(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	bw := bufio.NewWriter(w)
	ghCommand(bw, "notice", "", 0, "embargo cases", casesSummary(r)+". Not legal advice.")
	for _, c := range r.Cases {
		switch {
		case c.Overdue:
			ghCommand(bw, "error", "", 0, "embargo: case overdue", caseMessage(c))
		case c.Status == "open" || c.Status == "reported":
			ghCommand(bw, "warning", "", 0, "embargo: case "+c.Status, caseMessage(c))
		}
	}
	return bw.Flush()
}

// renderCasesGitLab writes a code-quality issue per open or reported
// case, critical when overdue; the location is the subject.
func renderCasesGitLab(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	issues := []glIssue{}
	for _, c := range r.Cases {
		if c.Status != "open" && c.Status != "reported" {
			continue
		}
		sev := "major"
		if c.Overdue {
			sev = "critical"
		}
		sum := sha256.Sum256([]byte("embargo/case\x00" + c.ID))
		issues = append(issues, glIssue{Description: plain(caseMessage(c)), CheckName: "embargo/case", Severity: sev,
			Fingerprint: hex.EncodeToString(sum[:16]), Location: glLocation{Path: c.Subject, Lines: glLines{Begin: 1}}, Content: glDisclaimer})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// renderCasesSARIF writes a SARIF 2.1.0 log with a result per open or
// reported case (error when overdue, warning otherwise), located by the
// subject as a logical location since a case has no file of its own.
func renderCasesSARIF(w io.Writer, r *CaseRegister, _ RenderOptions) error {
	type msg struct {
		Text string `json:"text"`
	}
	type logical struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	}
	type location struct {
		Logical []logical `json:"logicalLocations"`
	}
	type result struct {
		RuleID    string            `json:"ruleId"`
		Level     string            `json:"level"`
		Message   msg               `json:"message"`
		Locations []location        `json:"locations"`
		Partial   map[string]string `json:"partialFingerprints"`
	}
	results := []result{}
	for _, c := range r.Cases {
		if c.Status != "open" && c.Status != "reported" {
			continue
		}
		level, rule := "warning", "embargo/case-open"
		if c.Overdue {
			level, rule = "error", "embargo/case-overdue"
		}
		results = append(results, result{RuleID: rule, Level: level, Message: msg{caseMessage(c)},
			Locations: []location{{Logical: []logical{{Name: c.Subject, Kind: "module"}}}},
			Partial:   map[string]string{"embargoCase/v1": c.ID}})
	}
	rule := func(id, text string) map[string]any {
		return map[string]any{"id": id, "shortDescription": msg{text}, "help": msg{Disclaimer}}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": orDefault(r.Tool.Name, "embargo"), "version": r.Tool.Version,
				"rules": []any{rule("embargo/case-overdue", "A case has an obligation past its due date"),
					rule("embargo/case-open", "A case is open or reported")},
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
