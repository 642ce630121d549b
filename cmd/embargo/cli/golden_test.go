package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/sbom/testutil"
)

// repoRoot runs the test from the repository root, so that report paths
// read "testdata/sboms/...".
func repoRoot(t *testing.T) {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	inDir(t, root)
}

// plantedFixtures are every hand-written SBOM with planted components.
func plantedFixtures(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("testdata/sboms/*")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	return paths
}

// TestGoldenPlantedReport pins the full JSON report of an audit of every
// planted fixture: each planted component with its verdict, evidence,
// obligations and dates, and no false positive.
func TestGoldenPlantedReport(t *testing.T) {
	isolate(t)
	repoRoot(t)
	out := filepath.Join(t.TempDir(), "report.json")
	args := append([]string{"audit", "--as-of", "2026-11-27", "--fail-on", "never", "-o", "json=" + out}, plantedFixtures(t)...)
	if code, _, errOut := runIsolated(t, args...); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	compareGolden(t, "testdata/golden/planted-report.json", got)
}

// TestGoldenOnlyKaspersky: with --only-list kaspersky, the other embedded
// lists change nothing — the report is the one the Kaspersky list alone
// gave before they existed, byte for byte.
func TestGoldenOnlyKaspersky(t *testing.T) {
	isolate(t)
	repoRoot(t)
	out := filepath.Join(t.TempDir(), "report.json")
	args := append([]string{"audit", "--as-of", "2026-11-27", "--fail-on", "never", "--only-list", "kaspersky", "-o", "json=" + out}, plantedFixtures(t)...)
	if code, _, errOut := runIsolated(t, args...); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	compareGolden(t, "testdata/golden/planted-report-kaspersky.json", got)
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	testutil.Golden(t, path, got)
}

// TestReproducibleReports: with SOURCE_DATE_EPOCH set, two runs over the
// same inputs give byte-identical reports in every format, whatever day
// they run.
func TestReproducibleReports(t *testing.T) {
	isolate(t)
	repoRoot(t)
	// Every registered format: a new one cannot be left out.
	var formats []string
	for _, info := range reports.Formats() {
		formats = append(formats, string(info.Name))
	}
	render := func(dir string) map[string][]byte {
		args := []string{"audit", "--fail-on", "never"}
		for _, f := range formats {
			args = append(args, "-o", f+"="+filepath.Join(dir, "report."+f))
		}
		args = append(args, plantedFixtures(t)...)
		if code, _, errOut := runIsolated(t, args...); code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		out := map[string][]byte{}
		for _, f := range formats {
			data, err := os.ReadFile(filepath.Join(dir, "report."+f))
			if err != nil {
				t.Fatal(err)
			}
			out[f] = data
		}
		return out
	}
	// The same command twice, so the same output paths (the Markdown
	// summary names the file that holds the full report).
	dir := t.TempDir()
	a := render(dir)
	b := render(dir)
	for _, f := range formats {
		if !bytes.Equal(a[f], b[f]) {
			t.Errorf("%s differs between two runs", f)
		}
		if !bytes.Contains(a["json"], []byte(`"asOf": "2026-09-21"`)) {
			t.Fatalf("as-of does not follow SOURCE_DATE_EPOCH (1790000000 = 2026-09-21)")
		}
	}
}
