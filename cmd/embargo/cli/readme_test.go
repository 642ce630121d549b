package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeConfigExample keeps the README honest: its complete
// .embargo.yaml and its waiver file are accepted as they stand.
func TestReadmeConfigExample(t *testing.T) {
	data, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlBlocks(string(data))
	var config, waivers string
	for _, b := range blocks {
		switch {
		case strings.HasPrefix(b, "# .embargo.yaml"):
			config = b
		case strings.HasPrefix(b, "waivers:"):
			waivers = b
		}
	}
	if config == "" || waivers == "" {
		t.Fatalf("README lacks the .embargo.yaml or the waiver file example (%d yaml blocks)", len(blocks))
	}
	isolate(t)
	dir := t.TempDir()
	cfg := writeFile(t, filepath.Join(dir, "embargo.yaml"), config)
	if code, out, errOut := runIsolated(t, "config", "-c", cfg); code != ExitOK || !strings.Contains(out, "fail-on-unused-waivers: true") {
		t.Errorf("README config: exit %d\n%s\n%s", code, out, errOut)
	}
	clean := mustAbs(t, fixtures+"clean.cdx.json")
	inDir(t, dir) // the example writes its reports to the working directory
	code, _, errOut := runIsolated(t, "audit", "-c", cfg, clean)
	if code != ExitViolation || !strings.Contains(errOut, "unused waiver WVR-2026-001") {
		t.Errorf("README config audit of a clean SBOM: exit %d, want %d for the unused waiver: %s", code, ExitViolation, errOut)
	}
	for _, f := range []string{"embargo-report.json", "embargo.sarif"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("README config did not write %s: %v", f, err)
		}
	}
	w := writeFile(t, filepath.Join(dir, "waivers.yaml"), waivers)
	if code, _, errOut := runIsolated(t, "audit", "--waivers", w, "--fail-on", "never", clean); code != ExitOK {
		t.Errorf("README waivers: exit %d %s", code, errOut)
	}
}

func yamlBlocks(md string) []string {
	var out []string
	for _, part := range strings.Split(md, "```yaml\n")[1:] {
		if end := strings.Index(part, "```"); end >= 0 {
			out = append(out, part[:end])
		}
	}
	return out
}
