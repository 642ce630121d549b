package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

func TestScanCommand(t *testing.T) {
	isolate(t)
	needScanner(t)
	dir := t.TempDir()
	kept := filepath.Join(dir, "dpkg-{n}.cdx.json")
	report := filepath.Join(dir, "r.json")
	dpkg := mustAbs(t, "../../../testdata/scan/dpkg")
	code, _, errOut := runIsolated(t, "scan", dpkg, "--sbom-out", "cyclonedx-json="+kept, "-o", "json="+report)
	if code != ExitViolation {
		t.Fatalf("exit %d, want %d: %s", code, ExitViolation, errOut)
	}
	r := readReport(t, report)
	if len(r.Findings) != 1 || r.Findings[0].Component.Name != "kesl" || r.Findings[0].Verdict != "prohibited" {
		t.Errorf("findings = %+v", r.Findings)
	}
	doc, err := sbom.ReadFile(filepath.Join(dir, "dpkg-1.cdx.json"), sbom.Options{})
	if err != nil {
		t.Fatalf("--sbom-out: %v", err)
	}
	// the fixture's dpkg status file holds exactly four packages; syft's
	// CycloneDX adds the operating system and the status file itself
	var names []string
	for _, c := range doc.Components {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	if want := []string{"/var/lib/dpkg/status", "base-files", "debian", "kesl", "libc6", "perl-base"}; doc.Format != sbom.FormatCycloneDXJSON || !slices.Equal(names, want) {
		t.Errorf("kept SBOM: %s with components %q, want %q", doc.Format, names, want)
	}
}

func TestAuditMixesSBOMsAndSources(t *testing.T) {
	isolate(t)
	needScanner(t)
	report := filepath.Join(t.TempDir(), "r.json")
	code, _, errOut := runIsolated(t, "audit", "-o", "json="+report,
		fixtures+"clean.cdx.json", "dir:"+mustAbs(t, "../../../testdata/scan/python"), "registry:example.invalid/app:1")
	if code != ExitIncomplete {
		t.Fatalf("exit %d, want %d (registry without --allow-network fails that input): %s", code, ExitIncomplete, errOut)
	}
	r := readReportFull(t, report)
	statuses := map[string]string{}
	for _, in := range r.Inputs {
		statuses[filepath.Base(in.Path)] = in.Status + " " + in.Error
	}
	if !strings.HasPrefix(statuses["clean.cdx.json"], "audited") || !strings.HasPrefix(statuses["python"], "audited") {
		t.Errorf("statuses = %v", statuses)
	}
	if s := statuses["app:1"]; !strings.HasPrefix(s, "failed") || !strings.Contains(s, "network") {
		t.Errorf("registry source: %q, want failed naming the network", s)
	}
}

func TestSBOMOutValidation(t *testing.T) {
	isolate(t)
	dpkg := mustAbs(t, "../../../testdata/scan/dpkg")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", dpkg, "--sbom-out", "pdf=x"}, "unknown format"},
		{[]string{"scan", dpkg, "--sbom-out", "spdx-json"}, "want FORMAT=FILE"},
		{[]string{"scan", dpkg, dpkg + "/", "--sbom-out", "spdx-json=one.json"}, "put {n} in the file name"},
	} {
		code, _, errOut := runIsolated(t, tt.args...)
		if code != ExitError || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d %q, want %q", tt.args, code, errOut, tt.want)
		}
	}
}

// TestScanWithoutScanner: with no embargo-scan beside embargo or on PATH,
// a source is a failed input whose error says how to install it, and the
// SBOM files of the same run are still audited.
func TestScanWithoutScanner(t *testing.T) {
	isolate(t)
	t.Setenv("PATH", t.TempDir())
	report := filepath.Join(t.TempDir(), "r.json")
	code, _, errOut := runIsolated(t, "audit", "-o", "json="+report,
		fixtures+"clean.cdx.json", "dir:"+mustAbs(t, "../../../testdata/scan/python"))
	if code != ExitIncomplete {
		t.Fatalf("exit %d, want %d: %s", code, ExitIncomplete, errOut)
	}
	r := readReportFull(t, report)
	statuses := map[string]string{}
	for _, in := range r.Inputs {
		statuses[filepath.Base(in.Path)] = in.Status + " " + in.Error
	}
	if !strings.HasPrefix(statuses["clean.cdx.json"], "audited") {
		t.Errorf("SBOM input: %q", statuses["clean.cdx.json"])
	}
	s := statuses["python"]
	if !strings.HasPrefix(s, "failed") || !strings.Contains(s, "go install github.com/embargo-sbom/embargo/cmd/embargo-scan@latest") {
		t.Errorf("source without embargo-scan: %q, want failed naming the go install line", s)
	}
}
