package policy

import (
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
)

const waiverYAML = `waivers:
  - id: W-1
    match:
      purl: "pkg:maven/com.kaspersky.android-components/*"
    reason: Test-only dependency, removed by Q2
    approver: Jane Doe <jane@acme.example>
    expires: 2026-12-31
    ticket: SEC-1
  - id: W-2
    match:
      name: kesl
      version: "11.4.0"
    reason: Decommissioning in progress
    approver: CISO
    expires: 2026-11-26
  - id: W-3
    match:
      entity: kaspersky
      vendor: Acme
      product: Gateway
    reason: Vendor attested removal in next release
    approver: Procurement board
    expires: 2027-01-31
  - id: W-4
    match:
      sha256: "sha256:ABCDEF"
    reason: whole SBOM accepted
    approver: CISO
    expires: 2027-01-31
  - id: W-5
    match:
      name: never-matches
    reason: stale
    approver: CISO
    expires: 2027-01-31
`

func finding(id, input, name, version, purl string, v audit.Verdict) audit.Finding {
	return audit.Finding{ID: id, Input: input, Verdict: v,
		Component: audit.ComponentRef{Name: name, Version: version, PURL: purl},
		Entity:    audit.EntityRef{ID: "kaspersky"}}
}

func result() *audit.Result {
	return &audit.Result{
		Inputs: []audit.InputResult{
			{Path: "a.json", SHA256: "abcdef"},
			{Path: "b.json", SHA256: "012345", Vendor: "Acme", Product: "Gateway"},
		},
		Findings: []audit.Finding{
			finding("F1", "a.json", "kaspresso", "1.5.4", "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4", audit.VerdictReview),
			finding("F2", "b.json", "kesl", "11.4.0", "pkg:deb/debian/kesl@11.4.0", audit.VerdictProhibited),
			finding("F3", "b.json", "klnagent64", "14.0", "pkg:rpm/redhat/klnagent64@14.0", audit.VerdictProhibited),
			finding("F4", "c.json", "kav4fs", "8.0", "pkg:deb/debian/kav4fs@8.0", audit.VerdictProhibited),
		},
	}
}

func TestApplyWaivers(t *testing.T) {
	ws, err := ParseWaivers("waivers.yaml", []byte(waiverYAML))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		verdict, original audit.Verdict
		waiver            string
	}{
		"F1": {audit.VerdictWaived, audit.VerdictReview, "W-1"},     // purl prefix
		"F2": {audit.VerdictWaived, audit.VerdictProhibited, "W-3"}, // W-2 expired the day before; vendor/product match
		"F3": {audit.VerdictWaived, audit.VerdictProhibited, "W-3"}, // entity + manifest vendor/product
		"F4": {audit.VerdictWaived, audit.VerdictProhibited, "W-4"}, // input sha256 prefix
	}
	res2 := result()
	res2.Inputs = append(res2.Inputs, audit.InputResult{Path: "c.json", SHA256: "abcdef"})
	rep := Apply(res2, ws, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	for _, f := range res2.Findings {
		w := want[f.ID]
		if f.Verdict != w.verdict || f.Original != w.original || f.WaiverID != w.waiver {
			t.Errorf("%s: got %s (was %s) by %q, want %s (was %s) by %q", f.ID, f.Verdict, f.Original, f.WaiverID, w.verdict, w.original, w.waiver)
		}
	}
	if strings.Join(rep.Expired, ",") != "W-2" {
		t.Errorf("expired = %v, want [W-2]", rep.Expired)
	}
	if strings.Join(rep.Unused, ",") != "W-5" {
		t.Errorf("unused = %v, want [W-5]", rep.Unused)
	}
	joined := strings.Join(rep.Warnings, "\n")
	for _, s := range []string{"W-2", "expired on 2026-11-26", "W-5", "matched no finding", "waivers.yaml:"} {
		if !strings.Contains(joined, s) {
			t.Errorf("warnings lack %q:\n%s", s, joined)
		}
	}
	if err := audit.Gate(res2, "prohibited"); err != nil && strings.Contains(err.Error(), "at or above") {
		t.Errorf("waived findings tripped the gate: %v", err)
	}
}

// TestExpiryBoundary: a waiver applies through its expiry date and stops
// the day after.
func TestExpiryBoundary(t *testing.T) {
	ws, err := ParseWaivers("w.yaml", []byte(`waivers:
  - id: W
    match: {name: kesl}
    reason: r
    approver: a
    expires: 2026-11-27
`))
	if err != nil {
		t.Fatal(err)
	}
	for day, want := range map[int]audit.Verdict{26: audit.VerdictWaived, 27: audit.VerdictWaived, 28: audit.VerdictProhibited} {
		res := result()
		Apply(res, ws, time.Date(2026, 11, day, 23, 59, 0, 0, time.UTC))
		if got := res.Findings[1].Verdict; got != want {
			t.Errorf("as of 2026-11-%d: %s, want %s", day, got, want)
		}
	}
}

func TestParseWaiverErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "waivers:\n  - id: W\n    match: {name: x}\n    reason: r\n    approver: a\n    expires: 2027-01-01\n    approved: yes\n", `w.yaml:7: waiver: field approved not found`},
		{"unknown match key", "waivers:\n  - id: W\n    match: {nmae: x}\n    reason: r\n    approver: a\n    expires: 2027-01-01\n", `w.yaml:3: waiver: field nmae not found`},
		{"missing approver", "waivers:\n  - id: W\n    match: {name: x}\n    reason: r\n    expires: 2027-01-01\n", `w.yaml:2: waiver "W": missing required approver`},
		{"missing reason and expiry", "waivers:\n  - id: W\n    match: {name: x}\n    approver: a\n", "missing required expires, reason"},
		{"bad date", "waivers:\n  - id: W\n    match: {name: x}\n    reason: r\n    approver: a\n    expires: next year\n", `w.yaml:2: waiver "W": expires "next year" is not a YYYY-MM-DD date`},
		{"empty match", "waivers:\n  - id: W\n    match: {}\n    reason: r\n    approver: a\n    expires: 2027-01-01\n", "match must set at least one"},
		{"duplicate id", "waivers:\n  - id: W\n    match: {name: x}\n    reason: r\n    approver: a\n    expires: 2027-01-01\n  - id: W\n    match: {name: y}\n    reason: r\n    approver: a\n    expires: 2027-01-01\n", `w.yaml:7: waiver id "W" already used at line 2`},
		{"unknown top-level key", "waiver:\n  - id: W\n", "field waiver not found"},
		{"not yaml", "waivers: [\n", "w.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseWaivers("w.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestApplyBaseline(t *testing.T) {
	res := result()
	res.Findings[0].Verdict = audit.VerdictWaived
	n := ApplyBaseline(res, map[string]bool{"F1": true, "F2": true})
	if n != 1 {
		t.Errorf("marked %d, want 1 (F1 is waived and stays waived)", n)
	}
	if res.Findings[1].Verdict != audit.VerdictBaseline || res.Findings[1].Original != audit.VerdictProhibited {
		t.Errorf("F2 = %s (was %s)", res.Findings[1].Verdict, res.Findings[1].Original)
	}
	if res.Findings[0].Verdict != audit.VerdictWaived {
		t.Errorf("F1 = %s", res.Findings[0].Verdict)
	}
	err := audit.Gate(res, "prohibited")
	if err == nil || !strings.Contains(err.Error(), "2 findings") {
		t.Errorf("gate = %v, want the two new prohibited findings (F3, F4) to fail it", err)
	}
}
