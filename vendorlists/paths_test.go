package vendorlists

import (
	"strings"
	"testing"
)

// TestPathValueProblem: each path kind accepts the forms the fact sheets
// give and refuses values the matcher could not apply as written.
func TestPathValueProblem(t *testing.T) {
	tests := []struct {
		kind, value string
		problem     string // a substring of the complaint; "" for none
	}{
		{PathPrefix, "/opt/kaspersky/", ""},
		{PathPrefix, `C:\Program Files\Acme\`, ""},
		{PathPrefix, "/opt/KasperskyOS-Community-Edition-", ""},
		{PathPrefix, "opt/kaspersky/", "must be absolute"},
		{PathPrefix, "C:Program Files", "must be absolute"},
		{PathSegment, `\Kaspersky Lab\`, ""},
		{PathSegment, "/kaspersky/", ""},
		{PathSegment, "Kaspersky Lab", "start and end with a separator"},
		{PathSegment, `\Kaspersky Lab`, "start and end with a separator"},
		{PathSegment, "//", "start and end with a separator"},
		{PathRegistry, `HKLM\SOFTWARE\KasperskyLab`, ""},
		{PathRegistry, `hkey_local_machine\SOFTWARE\KasperskyLab`, ""},
		{PathRegistry, `SOFTWARE\KasperskyLab`, "must start with a hive"},
		{PathRegistry, `HKLM\SOFTWARE\KasperskyLab\`, "not end with a backslash"},
		{PathRegistry, "HKLM", "must start with a hive"},
		{"glob", "/opt/*", "unknown path kind"},
	}
	for _, tt := range tests {
		got := pathValueProblem(PathRule{Kind: tt.kind, Value: tt.value})
		if tt.problem == "" && got != "" || tt.problem != "" && !strings.Contains(got, tt.problem) {
			t.Errorf("%s %q: problem %q, want one containing %q", tt.kind, tt.value, got, tt.problem)
		}
	}
}
