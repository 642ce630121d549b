package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDoesNotLinkSyft: embargo stays free of syft's dependency graph
// (which costs ~60 MiB and ~90 ms at every start); generation runs in
// cmd/embargo-scan. modernc.org/sqlite, once banned as part of that graph,
// is linked on purpose since the audit ledger (--ledger): +15 MB, a few
// ms at start.
func TestDoesNotLinkSyft(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps gave %d packages, want the whole graph", len(deps))
	}
	for _, p := range deps {
		for _, banned := range []string{"github.com/anchore/", "github.com/embargo-sbom/embargo/sbom/syftgen", "github.com/aws/", "cloud.google.com/"} {
			if strings.HasPrefix(p, banned) {
				t.Errorf("cmd/embargo links %s", p)
			}
		}
	}
}
