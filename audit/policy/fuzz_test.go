package policy

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseWaivers: waiver files are reviewed like code but typed by
// hand. Any bytes give waivers or an error naming the file, never a
// panic; every accepted waiver is complete and accountable, and applying
// the set to a result is deterministic.
func FuzzParseWaivers(f *testing.F) {
	f.Add([]byte(waiverYAML))
	f.Add([]byte("waivers:\n  - id: W\n    match: {name: x}\n    reason: r\n    approver: a\n    expires: 2027-02-30\n"))
	f.Add([]byte("waivers:\n  - id: W\n    match: {}\n    reason: r\n    approver: a\n    expires: 2027-01-01\n"))
	f.Add([]byte("waivers: &a [*a]\n"))
	f.Add([]byte("other: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := ParseWaivers("w.yaml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "w.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		ids := map[string]bool{}
		for _, w := range ws {
			if w.ID == "" || w.Reason == "" || w.Approver == "" || w.Match.empty() {
				t.Fatalf("incomplete waiver accepted: %+v", w)
			}
			if _, err := time.Parse(time.DateOnly, w.Expires); err != nil {
				t.Fatalf("waiver %s accepted with expiry %q: %v", w.ID, w.Expires, err)
			}
			if ids[w.ID] {
				t.Fatalf("duplicate waiver id %q accepted", w.ID)
			}
			ids[w.ID] = true
		}
		asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
		a, b := result(), result()
		ra, rb := Apply(a, ws, asOf), Apply(b, ws, asOf)
		for i := range a.Findings {
			if a.Findings[i].Verdict != b.Findings[i].Verdict || a.Findings[i].WaiverID != b.Findings[i].WaiverID {
				t.Fatalf("applying the same waivers twice differs on %s", a.Findings[i].ID)
			}
		}
		if strings.Join(ra.Unused, ",") != strings.Join(rb.Unused, ",") {
			t.Fatalf("unused waivers differ between two identical applications")
		}
	})
}
