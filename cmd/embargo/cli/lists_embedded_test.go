package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbeddedListsPerList: every embedded list shows in "embargo lists",
// exports on its own, and narrows an audit on its own with --only-list.
func TestEmbeddedListsPerList(t *testing.T) {
	isolate(t)
	repoRoot(t)
	code, out, errOut := runIsolated(t, "lists")
	if code != ExitOK {
		t.Fatalf("lists: exit %d: %s", code, errOut)
	}
	for _, id := range []string{"kaspersky", "section-889", "fcc-covered-list", "bytedance"} {
		if !strings.Contains(out, "\n"+id+" ") {
			t.Errorf("lists does not show %s:\n%s", id, out)
		}
		code, exported, errOut := runIsolated(t, "lists", "export", id)
		if code != ExitOK || !strings.Contains(exported, "id: "+id+"\n") {
			t.Errorf("lists export %s: exit %d: %s", id, code, errOut)
		}
	}
	tests := []struct {
		list, profile string
		wantCode      int
		wantEntities  []string
	}{
		{"section-889", "us-federal-contractor", ExitViolation, []string{"huawei", "zte", "hytera", "hikvision", "dahua", "dahua-former-us-units", "huawei-former-units"}},
		{"bytedance", "us-federal-contractor", ExitViolation, []string{"bytedance", "tiktok-usds-jv"}},
		{"fcc-covered-list", "fcc-subsidy-recipient", ExitViolation, []string{"dji", "autel", "china-mobile-international-usa", "china-telecom-americas", "pacific-networks", "china-unicom-americas"}},
		{"kaspersky", "us-federal-contractor", ExitOK, nil},
	}
	for _, tt := range tests {
		t.Run(tt.list, func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "r.json")
			code, _, errOut := runIsolated(t, "audit", "--as-of", "2026-11-27", "--only-list", tt.list, "--profile", tt.profile,
				"-o", "json="+report, "testdata/lists/lists.cdx.json")
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tt.wantCode, errOut)
			}
			data, err := os.ReadFile(report)
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Lists    []struct{ ID string }
				Findings []struct {
					Entity struct{ ID, List string }
				}
			}
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatal(err)
			}
			if len(r.Lists) != 1 || r.Lists[0].ID != tt.list {
				t.Errorf("lists %+v, want only %s", r.Lists, tt.list)
			}
			seen := map[string]bool{}
			for _, f := range r.Findings {
				if f.Entity.List != tt.list {
					t.Errorf("finding from list %s", f.Entity.List)
				}
				seen[f.Entity.ID] = true
			}
			for _, e := range tt.wantEntities {
				if !seen[e] {
					t.Errorf("no finding for %s", e)
				}
			}
			if len(seen) != len(tt.wantEntities) {
				t.Errorf("entities %v, want %v", seen, tt.wantEntities)
			}
		})
	}
}
