package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// TestSmallInputs: regular files of at most smallAuditBytes in all are
// small; a larger total, standard input, a directory or a missing file
// are not; inputs that failed or were decoded already do not count.
func TestSmallInputs(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(smallAuditBytes - 1); err != nil { // sparse
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		name   string
		inputs []sbom.Input
		want   bool
	}{
		{"one small file", []sbom.Input{{Path: small}}, true},
		{"just under the bound", []sbom.Input{{Path: big}}, true},
		{"over the bound in all", []sbom.Input{{Path: big}, {Path: small}}, false},
		{"standard input", []sbom.Input{{Path: small}, {Path: "-"}}, false},
		{"a directory to scan", []sbom.Input{{Path: dir}}, false},
		{"a missing file", []sbom.Input{{Path: filepath.Join(dir, "missing")}}, false},
		{"failed inputs do not count", []sbom.Input{{Path: small}, {Path: "-", Err: os.ErrNotExist}}, true},
	}
	for _, tt := range tests {
		if got := smallInputs(tt.inputs); got != tt.want {
			t.Errorf("%s: smallInputs = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestTightenGC: the collector's target is lowered and restored, and left
// alone when the user set GOGC.
func TestTightenGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	restore := tightenGC(&environment{lookupEnv: func(string) (string, bool) { return "", false }})
	if got := debug.SetGCPercent(smallAuditGCPercent); got != smallAuditGCPercent {
		t.Errorf("GC percent while tightened = %d, want %d", got, smallAuditGCPercent)
	}
	restore()
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after restore = %d, want 100", got)
	}
	tightenGC(&environment{lookupEnv: func(k string) (string, bool) { return "200", k == "GOGC" }})()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent with GOGC set = %d, want 100 (untouched)", got)
	}
}
