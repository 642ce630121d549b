package cli

import (
	"runtime/debug"
	"testing"
)

// TestTightenGC: the collector's target is lowered and restored, and left
// alone when the user set GOGC.
func TestTightenGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	restore := tightenGC(&environment{lookupEnv: func(string) (string, bool) { return "", false }})
	if got := debug.SetGCPercent(startGCPercent); got != startGCPercent {
		t.Errorf("GC percent while tightened = %d, want %d", got, startGCPercent)
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
