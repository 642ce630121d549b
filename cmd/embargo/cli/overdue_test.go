package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestLedgerReportPutsOverdueFirst: with a ledger, the report a nightly
// run writes after the FAR report deadline passed with no report recorded
// says the obligation is overdue (in business days), in JSON and in the
// case register, and its "what is due when" summary lists it before the
// follow-up that is still to come. Without a ledger the tool cannot know
// and says the deadline passed.
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

	_, rep = auditJSON(t, "--profile", "us-federal-contractor", "--as-of", "2026-12-03", "--discovered", "2026-11-25", sbomPath)
	if st := farReportStatus(t, rep); st["state"] != "passed" {
		t.Errorf("without a ledger: report status %v, want passed (nothing records whether it was met)", st)
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

// TestResolvedUnreportedCaseStaysOverdue: a case resolved by a clean
// delivery but never reported still owes the FAR report its
// identification required: on 2026-12-03 (report due 2026-12-01) the
// register lists it as overdue; once reported and followed up it is not;
// a federal agency's fixed deadlines of the removal kind never make a
// resolved case overdue.
func TestResolvedUnreportedCaseStaysOverdue(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	withKesl := writeSBOM(t, filepath.Join(dir, "gw.cdx.json"), cdxWith(keslComp))
	clean := writeSBOM(t, filepath.Join(dir, "gw-2.cdx.json"), cdxWith())
	manifest := writeSBOM(t, filepath.Join(dir, "m.csv"), "vendor,product,version,sbom\nAcme,Gateway,1,"+withKesl+"\n")
	manifest2 := writeSBOM(t, filepath.Join(dir, "m2.csv"), "vendor,product,version,sbom\nAcme,Gateway,2,"+clean+"\n")
	auditJSON(t, "--ledger", db, "--profile", "us-federal-contractor", "--manifest", manifest, "--as-of", "2026-11-25")
	auditJSON(t, "--ledger", db, "--profile", "us-federal-contractor", "--manifest", manifest2, "--as-of", "2026-11-27")

	if r := casesJSON(t, "--ledger", db, "--as-of", "2026-11-30", "--status", "overdue"); len(r.Cases) != 0 {
		t.Errorf("overdue before the report deadline: %+v", r.Cases)
	}
	r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue")
	if len(r.Cases) != 1 || r.Cases[0].Status != "resolved" || !r.Cases[0].Overdue || r.Cases[0].NextDue != "2026-12-01" {
		t.Fatalf("resolved, never reported, on 2026-12-03: %+v, want resolved and overdue since 2026-12-01", r.Cases)
	}
	id := r.Cases[0].ID
	for _, args := range [][]string{{"--reported", "--on", "2026-11-30"}, {"--followed-up", "--on", "2026-12-10"}} {
		if code, _, errOut := run(t, context.Background(), "", append([]string{"cases", "mark", "--ledger", db}, append(args, id)...)...); code != 0 {
			t.Fatalf("mark %v: exit %d\n%s", args, code, errOut)
		}
	}
	if r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-20", "--status", "overdue"); len(r.Cases) != 0 {
		t.Errorf("reported and followed up, yet overdue: %+v", r.Cases)
	}

	agency := filepath.Join(dir, "agency.db")
	auditJSON(t, "--ledger", agency, "--profile", "us-federal-agency", "--manifest", manifest, "--as-of", "2026-11-25")
	auditJSON(t, "--ledger", agency, "--profile", "us-federal-agency", "--manifest", manifest2, "--as-of", "2026-11-27")
	if r := casesJSON(t, "--ledger", agency, "--as-of", "2026-12-03"); len(r.Cases) != 1 || r.Cases[0].Status != "resolved" || r.Cases[0].Overdue {
		t.Errorf("agency: a resolved case is overdue on fixed removal deadlines: %+v", r.Cases)
	}
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
