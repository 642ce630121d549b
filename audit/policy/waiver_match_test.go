package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
)

func TestMatchPURL(t *testing.T) {
	for _, tt := range []struct {
		pattern, purl string
		want          bool
	}{
		{"", "pkg:deb/debian/kesl@11.4.0", true},
		{"pkg:deb/debian/kesl@11.4.0", "pkg:deb/debian/kesl@11.4.0", true},
		{"pkg:deb/debian/kesl@11.4.0", "pkg:deb/debian/kesl@11.4.1", false},
		{"pkg:deb/debian/kesl@11.4", "pkg:deb/debian/kesl@11.4.0", false}, // exact, not a prefix, without "*"
		{"pkg:deb/debian/kesl@*", "pkg:deb/debian/kesl@11.4.0", true},
		{"pkg:deb/debian/kesl@*", "pkg:deb/debian/kesl-gui@11.4.0", false},
		// A purl pattern never matches a component without a purl (it
		// did: purl "*" waived every finding, purl or not).
		{"*", "", false},
		{"pkg:*", "", false},
		{"*", "pkg:npm/x@1", true},
	} {
		if got := matchPURL(tt.pattern, tt.purl); got != tt.want {
			t.Errorf("matchPURL(%q, %q) = %v, want %v", tt.pattern, tt.purl, got, tt.want)
		}
	}
}

// TestExactPURLWaiver: a waiver naming one exact purl waives that
// version only.
func TestExactPURLWaiver(t *testing.T) {
	ws, err := ParseWaivers("w.yaml", []byte(`waivers:
  - id: W-X
    match: {purl: "pkg:deb/debian/kesl@11.4.0"}
    reason: replaced next quarter
    approver: CISO
    expires: 2027-01-01
`))
	if err != nil {
		t.Fatal(err)
	}
	res := &audit.Result{Findings: []audit.Finding{
		finding("A", "a.json", "kesl", "11.4.0", "pkg:deb/debian/kesl@11.4.0", audit.VerdictProhibited),
		finding("B", "a.json", "kesl", "11.5.0", "pkg:deb/debian/kesl@11.5.0", audit.VerdictProhibited),
	}}
	Apply(res, ws, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	if res.Findings[0].Verdict != audit.VerdictWaived || res.Findings[1].Verdict != audit.VerdictProhibited {
		t.Errorf("verdicts %s, %s; want waived, prohibited", res.Findings[0].Verdict, res.Findings[1].Verdict)
	}
}

func TestLoadWaivers(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	if _, err := LoadWaivers(missing); err == nil || !strings.Contains(err.Error(), "read waivers") || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	p := filepath.Join(dir, "w.yaml")
	if err := os.WriteFile(p, []byte("waivers:\n  - id: W-1\n    match: {entity: kaspersky}\n    reason: r\n    approver: a\n    expires: 2027-01-01\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ws, err := LoadWaivers(p)
	if err != nil || len(ws) != 1 || ws[0].ID != "W-1" || ws[0].Match.Entity != "kaspersky" {
		t.Fatalf("LoadWaivers = %+v, %v", ws, err)
	}
	if !strings.HasPrefix(ws[0].Where(), p+":") {
		t.Errorf("Where() = %q, want the file and line", ws[0].Where())
	}
}

// TestMissingFieldsSorted: every missing required field is named, in
// alphabetical order, whatever order they were found in (map order is
// random: repeated so that an unsorted result cannot pass by chance).
func TestMissingFieldsSorted(t *testing.T) {
	for range 20 {
		_, err := ParseWaivers("w.yaml", []byte("waivers:\n  - match: {name: x}\n"))
		if err == nil || !strings.Contains(err.Error(), `w.yaml:2: waiver "": missing required approver, expires, id, reason`) {
			t.Fatalf("err = %v", err)
		}
	}
	if got := strings.Join(sorted([]string{"d", "b", "c", "a"}), ","); got != "a,b,c,d" {
		t.Errorf("sorted = %s", got)
	}
}

// TestWaiverMatchingEverythingRefused: a waiver whose match is only
// purl "*" covers every finding, like an empty match, and is refused.
func TestWaiverMatchingEverythingRefused(t *testing.T) {
	_, err := ParseWaivers("w.yaml", []byte(`waivers:
  - id: W-ALL
    match: {purl: "*"}
    reason: everything
    approver: nobody
    expires: 2027-01-01
`))
	if err == nil || !strings.Contains(err.Error(), `w.yaml:2: waiver "W-ALL": match purl "*" alone covers every finding`) {
		t.Errorf("purl \"*\" alone: %v, want refused naming file and line", err)
	}
	if _, err := ParseWaivers("w.yaml", []byte(`waivers:
  - id: W-NPM
    match: {purl: "*", entity: kaspersky}
    reason: every kaspersky package with a purl
    approver: CISO
    expires: 2027-01-01
`)); err != nil {
		t.Errorf("purl \"*\" with an entity: %v", err)
	}
}
