package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --far-clause picks the FAR 52.204-23 version (JUL 2018: report within 1
// business day; DEC 2023, FAC 2023-06: 3), from the flag, EMBARGO_FAR_CLAUSE
// or the config key far-clause; the JSON report records it and says why.
func TestFARClauseOption(t *testing.T) {
	sample, err := filepath.Abs(fixtures + "kaspersky-planted.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		setup  func(t *testing.T)
		flags  []string
		clause string
		due    string
	}{
		{"default", nil, nil, "2023-12", "2026-12-01"},
		{"flag", nil, []string{"--far-clause", "2018-07"}, "2018-07", "2026-11-27"},
		{"env", func(t *testing.T) { t.Setenv("EMBARGO_FAR_CLAUSE", "2018-07") }, nil, "2018-07", "2026-11-27"},
		{"config", func(t *testing.T) { writeFile(t, ".embargo.yaml", "far-clause: 2018-07\n") }, nil, "2018-07", "2026-11-27"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			inDir(t, t.TempDir())
			if tt.setup != nil {
				tt.setup(t)
			}
			args := append([]string{"audit", "--as-of", "2026-11-25", "--profile", "us-federal-contractor",
				"--fail-on", "never", "-o", "json=r.json"}, tt.flags...)
			code, _, errOut := runIsolated(t, append(args, sample)...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var r struct {
				FARClause string `json:"farClause"`
				Findings  []struct {
					Obligations []struct {
						Regime, ID, Due string
						Notes           []string
					}
				}
			}
			data, err := os.ReadFile("r.json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatal(err)
			}
			if r.FARClause != tt.clause {
				t.Errorf("farClause = %q, want %q", r.FARClause, tt.clause)
			}
			found := false
			for _, o := range r.Findings[0].Obligations {
				if o.Regime == "far-52-204-23" && o.ID == "report" {
					found = true
					if o.Due != tt.due || !strings.Contains(strings.Join(o.Notes, " "), "Window applied") {
						t.Errorf("report obligation = %+v, want due %s with the window stated", o, tt.due)
					}
				}
			}
			if !found {
				t.Error("no FAR report obligation")
			}
		})
	}
	isolate(t)
	inDir(t, t.TempDir())
	if code, _, errOut := runIsolated(t, "audit", "--far-clause", "2020-01", sample); code != ExitError || !strings.Contains(errOut, "2018-07, 2023-12") {
		t.Errorf("unknown version: exit %d, stderr %q", code, errOut)
	}
}
