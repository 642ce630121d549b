package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// The sentences several formats print, in one place so that every format
// says the same thing the same way.

// Disclaimer is printed by every report format.
const Disclaimer = "This report is not legal advice. It applies the cited sources as the vendor list records them; notes marked INTERPRETATION are readings to be reviewed by counsel."

// noFindings says a run found nothing.
const noFindings = "No component is attributed to a listed entity."

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
	if m.FailOn == audit.FailOnNever {
		return fmt.Sprintf("PASS, fail-on is never (%d findings)", s.Findings.Total())
	}
	return fmt.Sprintf("PASS, no finding at or above %s (%d findings)", m.FailOn, s.Findings.Total())
}

// untrackedCases says, in one line, that the cases are untracked and when
// they count as identified.
func untrackedCases(m *Model) string {
	var dates []string
	for _, f := range m.Findings {
		if d := f.Case.Identified; d != "" && !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
	}
	if len(dates) == 0 {
		return ""
	}
	slices.Sort(dates)
	return fmt.Sprintf("Cases: untracked (no ledger); identified %s, the date deadlines count from.", strings.Join(dates, ", "))
}

// findingMessage is a finding in one line of plain text, for annotations.
func findingMessage(f Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "component %s is attributed to %s (%s, %s confidence)",
		f.Component.Label(), orDefault(f.Entity.Name, f.Entity.ID), f.Category, f.Confidence)
	if f.Component.PURL != "" {
		fmt.Fprintf(&b, "; purl %s", f.Component.PURL)
	}
	if e, ok := f.Strongest(); ok {
		fmt.Fprintf(&b, "; evidence: %s %q matched %q", e.Field, e.Value, e.Matched)
	}
	if o, ok := f.NextDue(); ok {
		fmt.Fprintf(&b, "; next due %s (%s, %s): %s", o.Due, o.Regime, o.Citation, o.Action)
	}
	fmt.Fprintf(&b, " [finding %s]", f.ID)
	return b.String()
}

// plainMessage is a finding in plain text (SARIF, JUnit): code scanning renders message.text as is, and
// every SBOM string in it has its control characters made visible.
func plainMessage(f Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: component %s is attributed to %s (%s, %s confidence).",
		plain(f.VerdictLabel()), quotePlain(f.Component.Label()), plain(orDefault(f.Entity.Name, f.Entity.ID)), plain(f.Category), plain(string(f.Confidence)))
	if e, ok := f.Strongest(); ok {
		fmt.Fprintf(&b, " Evidence: %s %s matched %s", plain(e.Field), quotePlain(e.Value), quotePlain(e.Matched))
		if e.Line > 0 {
			fmt.Fprintf(&b, " at line %d", e.Line)
		}
		b.WriteString(".")
	}
	if o, ok := f.NextDue(); ok {
		fmt.Fprintf(&b, " Next due %s (%s, %s): %s", o.Due, plain(o.Regime), plain(o.Citation), sentence(plain(o.Action)))
	}
	return b.String()
}

// findingsCovered is "3" or "3, 2 failing".
func findingsCovered(d Deadline) string {
	s := fmt.Sprint(d.Findings)
	if d.Failing > 0 {
		s += fmt.Sprintf(" (%d failing)", d.Failing)
	}
	return s
}
