package reports

import (
	"fmt"
	"io"
	"strings"
)

// The caveats every report prints: the list's notes on the regimes and
// obligations its findings cite, and the line that it is not legal advice.

// citationsText is an obligation's sources in full, or its ids when the
// report predates full citations.
func citationsText(o Obligation) string {
	if len(o.Citations) == 0 {
		return strings.Join(o.Sources, " ")
	}
	parts := make([]string, len(o.Citations))
	for i, c := range o.Citations {
		parts[i] = c.Text()
	}
	return strings.Join(parts, "; ")
}

// deadlineCitations is a summarised obligation's sources in full.
func deadlineCitations(d Deadline) string {
	return citationsText(Obligation{Sources: d.Sources, Citations: d.Citations})
}

// caveats prints the CAVEATS section and the not-legal-advice line.
func (t tableWriter) caveats(m *Model) {
	t.section("CAVEATS")
	if m.FARClause != "" {
		t.prose("  ", "FAR 52.204-23 version applied: "+visible(m.FARClause))
	}
	for _, c := range m.Caveats {
		fmt.Fprintln(t.w, wrap("  "+visible(c.Label())+": "+visible(c.Text), t.width, "    "))
	}
	t.prose("  ", Disclaimer)
}

// mdCaveats writes the caveats and the not-legal-advice line.
func mdCaveats(w io.Writer, m *Model) {
	fmt.Fprint(w, "\n### Caveats\n\n")
	if m.FARClause != "" {
		fmt.Fprintf(w, "- FAR 52.204-23 version applied: %s\n", mdEscape(m.FARClause))
	}
	for _, c := range m.Caveats {
		fmt.Fprintf(w, "- **%s**: %s\n", mdEscape(c.Label()), mdEscape(c.Text))
	}
	fmt.Fprintf(w, "\n_%s_\n", mdEscape(Disclaimer))
}

// mdCitations renders an obligation's sources in full, as text: the
// report links nowhere, so a list cannot plant a link in it.
func mdCitations(o Obligation) string {
	return mdEscape(citationsText(o))
}

// xlsxCaveatPairs are the summary sheet's caveat rows.
func xlsxCaveatPairs(m *Model) [][2]any {
	pairs := [][2]any{{"Disclaimer", Disclaimer}}
	if m.FARClause != "" {
		pairs = append(pairs, [2]any{"FAR 52.204-23 version", m.FARClause})
	}
	for _, c := range m.Caveats {
		pairs = append(pairs, [2]any{"Caveat " + c.Label(), c.Text})
	}
	return pairs
}
