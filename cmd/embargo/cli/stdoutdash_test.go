package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDashWritesToStdout: -o json=- writes the JSON report to stdout and
// no file named "-" (it used to leave one in the working directory); two
// reports on stdout and an xlsx on "-" are refused before anything runs.
func TestDashWritesToStdout(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	sbomPath := writeSBOM(t, filepath.Join(dir, "gw.cdx.json"), cdxWith(keslComp))
	code, out, errOut := run(t, context.Background(), "", "audit", "-q", "-o", "json=-", sbomPath)
	if code != 2 {
		t.Fatalf("exit %d, want 2 (a prohibited finding)\n%s", code, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep["findings"] == nil {
		t.Errorf("stdout is not the JSON report: %v\n%.300s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); !os.IsNotExist(err) {
		t.Errorf("a file named - was written: %v", err)
	}
	for _, args := range [][]string{{"-o", "json=-", "-o", "sarif=-"}, {"-o", "json=-", "-o", "table"}, {"-o", "xlsx=-"}} {
		code, out, errOut := run(t, context.Background(), "", append(append([]string{"audit"}, args...), sbomPath)...)
		if code != 1 || out != "" || !strings.Contains(errOut, "-o") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want a usage error naming -o and nothing written", args, code, out, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "-")); !os.IsNotExist(err) {
			t.Errorf("%v: a file named - was written", args)
		}
	}
}
