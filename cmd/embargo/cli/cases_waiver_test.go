package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCasesWaiverExpires: the review's reproducer. A case waived by a
// waiver whose last day is 2026-11-28 is open again in the register as of
// 2026-12-03, with no audit run since, and overdue: its FAR report was due
// 2026-12-01, counted from its identification on 2026-11-25. Through the
// waiver's last day it is waived; its history says when the waiver
// lapsed. On SQLite and PostgreSQL.
func TestCasesWaiverExpires(t *testing.T) {
	for name, target := range ledgerTargets(t) {
		t.Run(name, func(t *testing.T) {
			db := target(t)
			dir := t.TempDir()
			waivers := filepath.Join(dir, "waivers.yaml")
			if err := os.WriteFile(waivers, []byte(`waivers:
  - id: WVR-KL
    match:
      entity: kaspersky
    reason: vendor attests a replacement engine
    approver: procurement board
    expires: 2026-11-28
`), 0o644); err != nil {
				t.Fatal(err)
			}
			sample := filepath.Join("..", "..", "..", "testdata", "sboms", "sample.cdx.json")
			auditJSON(t, "--ledger", db, "--waivers", waivers, "--profile", "us-federal-contractor", "--as-of", "2026-11-25", sample)

			r := casesJSON(t, "--ledger", db, "--as-of", "2026-11-28")
			if len(r.Cases) != 1 || r.Cases[0].Status != "waived" || r.Cases[0].Overdue {
				t.Fatalf("as of the waiver's last day: %+v, want one waived case", r.Cases)
			}
			id := r.Cases[0].ID
			r = casesJSON(t, "--ledger", db, "--as-of", "2026-12-03")
			if len(r.Cases) != 1 || r.Cases[0].Status != "open" || !r.Cases[0].Overdue || r.Cases[0].Identified != "2026-11-25" || r.Cases[0].NextDue != "2026-12-01" {
				t.Fatalf("as of 2026-12-03, the waiver expired: %+v, want open, overdue, identified 2026-11-25, due 2026-12-01", r.Cases)
			}
			r = casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue")
			if len(r.Cases) != 1 || r.Cases[0].ID != id || r.Counts.Overdue != 1 {
				t.Errorf("--status overdue as of 2026-12-03: %+v", r)
			}
			if _, out, _ := run(t, context.Background(), "", "cases", "--ledger", db, "--as-of", "2026-12-03", "-o", "csv"); !strings.Contains(out, ",WVR-KL (expired 2026-11-28),") {
				t.Errorf("the register does not say the waiver expired:\n%s", out)
			}
			if r = casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "waived"); len(r.Cases) != 0 {
				t.Errorf("--status waived as of 2026-12-03 lists %+v", r.Cases)
			}
			code, out, errOut := run(t, context.Background(), "", "cases", "history", "--ledger", db, "--as-of", "2026-12-03", id)
			if code != 0 {
				t.Fatalf("history: exit %d\n%s", code, errOut)
			}
			if !strings.Contains(out, "status open,") || !strings.Contains(out, "waiver WVR-KL (last day 2026-11-28)") ||
				!strings.Contains(out, "2026-11-29  status") || !strings.Contains(out, "waiver WVR-KL expired on 2026-11-28") {
				t.Errorf("history as of 2026-12-03 does not show the lapsed waiver:\n%s", out)
			}
		})
	}
}
