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
