package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom/testutil"
)

// TestLedgerReportPutsOverdueFirst: with a ledger, the report a nightly
// run writes after the FAR report deadline passed with no report recorded
// says the obligation is overdue (in business days), in JSON and in the
// case register, and its "what is due when" summary lists it before the
// follow-up that is still to come. Without a ledger, a deadline counted
// from --discovered is overdue too.
func TestLedgerReportPutsOverdueFirst(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	sbomPath := writeSBOM(t, filepath.Join(dir, "gw.cdx.json"), cdxWith(keslComp))
	common := []string{"--ledger", db, "--profile", "us-federal-contractor", sbomPath}
	auditJSON(t, append(common, "--as-of", "2026-11-25")...)

	_, rep := auditJSON(t, append(common, "--as-of", "2026-12-03")...)
	if st := farReportStatus(t, rep); st["state"] != "overdue" || st["days"] != 2.0 || st["text"] != "overdue by 2 business days" {
		t.Errorf("nightly run with a ledger: report status %v, want overdue by 2 business days", st)
	}
	r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03")
	if len(r.Cases) != 1 || !r.Cases[0].Overdue {
		t.Fatalf("register: %+v", r.Cases)
	}
	for _, o := range r.Cases[0].Obligations {
		if o.ID == "report" && o.Status.State != "overdue" {
			t.Errorf("register: report %+v, want overdue", o)
		}
	}
	code, out, errOut := run(t, context.Background(), "", append([]string{"audit", "--as-of", "2026-12-03", "-o", "table"}, common...)...)
	if code != 2 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	due := out[strings.Index(out, "DUE WHEN"):]
	first, follow := strings.Index(due, "O1   overdue by 2 business days"), strings.Index(due, "due in 12 days at the latest")
	if first < 0 || follow < 0 || follow < first {
		t.Errorf("the overdue report is not first in DUE WHEN:\n%s", due)
	}

	// Without a ledger, a deadline counted from --discovered that has
	// passed is overdue as well (nothing records a submission), and it
	// heads DUE WHEN before its follow-up; this was "passed" and ranked
	// after the follow-up before.
	noLedger := []string{"--profile", "us-federal-contractor", "--as-of", "2026-12-03", "--discovered", "2026-11-25", sbomPath}
	_, rep = auditJSON(t, noLedger...)
	if st := farReportStatus(t, rep); st["state"] != "overdue" || st["days"] != 2.0 || st["text"] != "overdue by 2 business days (no submission recorded)" {
		t.Errorf("without a ledger: report status %v, want overdue by 2 business days (no submission recorded)", st)
	}
	code, out, errOut = run(t, context.Background(), "", append([]string{"audit", "-o", "table"}, noLedger...)...)
	if code != 2 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	due = out[strings.Index(out, "DUE WHEN"):]
	first, follow = strings.Index(due, "O1   overdue by 2 business days"), strings.Index(due, "at the latest")
	if first < 0 || follow < 0 || follow < first {
		t.Errorf("without a ledger, the overdue report is not first in DUE WHEN:\n%s", due)
	}
}

func farReportStatus(t *testing.T, report map[string]any) map[string]any {
	t.Helper()
	fs, _ := report["findings"].([]any)
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	for _, o := range fs[0].(map[string]any)["obligations"].([]any) {
		o := o.(map[string]any)
		if o["regime"] == "far-52-204-23" && o["id"] == "report" {
			return o["status"].(map[string]any)
		}
	}
	t.Fatal("no FAR report obligation")
	return nil
}

// TestCasesKeepTheirRunsProfiles: a case found under
// us-federal-contractor stays overdue in the register after another run
// of the same ledger, under the default profile, audits something else:
// the register dates each case under the profiles of the runs that saw
// it, not of whichever run came last.
func TestCasesKeepTheirRunsProfiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	gw := writeSBOM(t, filepath.Join(dir, "gw.cdx.json"), cdxWith(keslComp))
	other := writeSBOM(t, filepath.Join(dir, "other.cdx.json"), cdxWith())
	auditJSON(t, "--ledger", db, "--profile", "us-federal-contractor", "--as-of", "2026-11-25", gw)
	auditJSON(t, "--ledger", db, "--as-of", "2026-11-26", other)
	r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue")
	if len(r.Cases) != 1 || r.Cases[0].NextDue != "2026-12-01" {
		t.Errorf("after a later run under the default profile: %+v, want the contractor's case overdue since 2026-12-01", r.Cases)
	}
	if r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue", "--profile", "us-commercial"); len(r.Cases) != 0 {
		t.Errorf("--profile us-commercial still dates FAR deadlines: %+v", r.Cases)
	}
}

// runOn runs embargo on a given day (SOURCE_DATE_EPOCH at its noon UTC).
func runOn(t *testing.T, day string, args ...string) (int, string, string) {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	env := append(testutil.Environ(t), fmt.Sprintf("SOURCE_DATE_EPOCH=%d", d.Add(12*time.Hour).Unix()))
	code := RunEnv(context.Background(), args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Environ: env})
	return code, out.String(), errb.String()
}

// TestMarkRefusesAFutureDate: a report dated after today (a mistyped
// year, say) would mark an overdue case's report done; it is refused,
// and the case stays overdue. Tomorrow is allowed (time zones ahead of
// UTC).
func TestMarkRefusesAFutureDate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	gw := writeSBOM(t, filepath.Join(dir, "gw.cdx.json"), cdxWith(keslComp))
	auditJSON(t, "--ledger", db, "--profile", "us-federal-contractor", "--as-of", "2026-11-25", gw)
	id := casesJSON(t, "--ledger", db).Cases[0].ID
	code, _, errOut := runOn(t, "2026-12-03", "cases", "mark", "--ledger", db, "--reported", "--on", "2027-12-02", id)
	if code != ExitError || !strings.Contains(errOut, "--on 2027-12-02 is after today (2026-12-03)") {
		t.Errorf("a report dated 2027-12-02 on 2026-12-03: exit %d, %s", code, errOut)
	}
	if r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue", "--profile", "us-federal-contractor"); len(r.Cases) != 1 {
		t.Errorf("the refused mark changed the case: %+v", r.Cases)
	}
	if code, _, errOut := runOn(t, "2026-12-03", "cases", "mark", "--ledger", db, "--reported", "--on", "2026-12-04", id); code != 0 {
		t.Errorf("tomorrow (a time zone ahead of UTC): exit %d, %s", code, errOut)
	}
}
