package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestCasesMarkIdentified: a case first audited on 2026-12-02 was known
// since 2026-11-25; cases mark --identified moves its identification
// there (with the note saying why, in its history), and its FAR report,
// due 2026-12-01 counted from the new date, is overdue as of 2026-12-03.
// A later date, a date after today and a correction without a note are
// refused. On SQLite and PostgreSQL.
func TestCasesMarkIdentified(t *testing.T) {
	for name, target := range ledgerTargets(t) {
		t.Run(name, func(t *testing.T) {
			db := target(t)
			gw := writeSBOM(t, filepath.Join(t.TempDir(), "gw.cdx.json"), cdxWith(keslComp))
			auditJSON(t, "--ledger", db, "--profile", "us-federal-contractor", "--as-of", "2026-12-02", gw)
			r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03")
			if len(r.Cases) != 1 || r.Cases[0].Overdue || r.Cases[0].Identified != "2026-12-02" {
				t.Fatalf("before the correction: %+v", r.Cases)
			}
			id := r.Cases[0].ID
			mark := func(args ...string) (int, string, string) {
				return runOn(t, "2026-12-03", append([]string{"cases", "mark", "--ledger", db, "--by", "j.doe"}, args...)...)
			}
			for _, bad := range []struct {
				args []string
				want string
			}{
				{[]string{"--identified", "2026-11-25", id}, "--note"},
				{[]string{"--identified", "2026-12-03", "--note", "x", id}, "only be corrected earlier"},
				{[]string{"--identified", "2026-12-04", "--note", "x", id}, "after today (2026-12-03)"},
				{[]string{"--identified", "25/11/2026", "--note", "x", id}, "YYYY-MM-DD"},
			} {
				if code, _, errOut := mark(bad.args...); code == 0 || !strings.Contains(errOut, bad.want) {
					t.Errorf("mark %v: exit %d, %q; want a failure saying %q", bad.args, code, errOut, bad.want)
				}
			}
			note := "the vendor's letter of 2026-11-25 names the Kaspersky engine"
			code, out, errOut := mark("--identified", "2026-11-25", "--note", note, id)
			if code != 0 || !strings.Contains(out, id+": identified on 2026-11-25") {
				t.Fatalf("mark --identified: exit %d\n%s%s", code, out, errOut)
			}
			if _, out, _ = mark("--identified", "2026-11-25", "--note", note, id); !strings.Contains(out, "unchanged") {
				t.Errorf("the same correction again: %s", out)
			}
			r = casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue")
			if len(r.Cases) != 1 || r.Cases[0].Identified != "2026-11-25" || r.Cases[0].NextDue != "2026-12-01" {
				t.Errorf("after the correction, as of 2026-12-03: %+v, want overdue since 2026-12-01", r.Cases)
			}
			_, hist, _ := run(t, context.Background(), "", "cases", "history", "--ledger", db, id)
			if !strings.Contains(hist, "identification moved from 2026-12-02 to 2026-11-25 "+note) || !strings.Contains(hist, "j.doe") {
				t.Errorf("history does not record the correction:\n%s", hist)
			}
			_, rep := auditJSON(t, "--ledger", db, "--profile", "us-federal-contractor", "--as-of", "2026-12-03", gw)
			if c := findingCase(t, rep); c["identified"] != "2026-11-25" {
				t.Errorf("the next audit's case: %v, want identified 2026-11-25", c)
			}
		})
	}
}
