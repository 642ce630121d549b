package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestHelpSaysRestrictedAndListsEveryProfile: the help of every command
// says "restricted", never "sanctioned" (OFAC designated Kaspersky's
// executives, not the company; the README says so), and every --profile
// usage lists each profile the embedded lists define (it listed 4 of 8).
func TestHelpSaysRestrictedAndListsEveryProfile(t *testing.T) {
	t.Parallel()
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var profiles []string
	for _, l := range lists {
		for _, p := range l.Profiles {
			profiles = append(profiles, p.ID)
		}
	}
	for _, args := range [][]string{{"--help"}, {"audit", "--help"}, {"help", "audit"}, {"scan", "--help"}, {"cases", "--help"},
		{"lists", "--help"}, {"merge", "--help"}, {"reaudit", "--help"}, {"config", "--help"}} {
		code, out, errOut := run(t, context.Background(), "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if strings.Contains(strings.ToLower(out), "sanctioned") {
			t.Errorf("%v says sanctioned:\n%s", args, out)
		}
		if strings.Contains(out, profileUsageMark) {
			t.Errorf("%v shows the placeholder %s", args, profileUsageMark)
		}
		i := strings.Index(out, "--profile PROFILE")
		if i < 0 {
			continue
		}
		line, _, _ := strings.Cut(out[i:], "\n")
		for _, p := range profiles {
			if !strings.Contains(line, p) {
				t.Errorf("%v: --profile usage lacks %s: %s", args, p, line)
			}
		}
	}
	if len(profiles) < 8 {
		t.Errorf("the embedded lists define %d profiles, want 8 at least", len(profiles))
	}
}
