package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/reports"
)

// TestCasesShowTheirProfiles: every format of the register says under
// which profiles each case was dated: those of the runs that first and
// last saw it (here us-federal-contractor, then us-commercial), or
// --profile when given.
func TestCasesShowTheirProfiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	gw := writeSBOM(t, filepath.Join(dir, "gw.cdx.json"), cdxWith(keslComp))
	auditJSON(t, "--ledger", db, "--profile", "us-federal-contractor", "--as-of", "2026-11-25", gw)
	auditJSON(t, "--ledger", db, "--profile", "us-commercial", "--as-of", "2026-11-26", gw)

	cases := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, context.Background(), "", append([]string{"cases", "--ledger", db, "--as-of", "2026-12-03"}, args...)...)
		if code != 0 {
			t.Fatalf("cases %v: exit %d\n%s", args, code, errOut)
		}
		return out
	}
	var doc struct {
		Cases []struct{ Profiles []string }
	}
	if err := json.Unmarshal([]byte(cases("-o", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) != 1 || strings.Join(doc.Cases[0].Profiles, ",") != "us-commercial,us-federal-contractor" {
		t.Fatalf("JSON profiles: %+v, want [us-commercial us-federal-contractor]", doc.Cases)
	}
	for _, info := range reports.Formats() {
		if info.Name == reports.FormatJSON || info.Name == reports.FormatXLSX {
			continue // JSON above; XLSX shares CSV's columns (reports' golden files)
		}
		if out := cases("-o", string(info.Name)); !strings.Contains(out, "us-commercial, us-federal-contractor") {
			t.Errorf("-o %s does not name the case's profiles:\n%s", info.Name, out)
		}
	}
	if out := cases("-o", "csv", "--profile", "us-federal-agency"); !strings.Contains(out, ",us-federal-agency,") || strings.Contains(out, "us-commercial") {
		t.Errorf("--profile us-federal-agency: the CSV names other profiles:\n%s", out)
	}
}
