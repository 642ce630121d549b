package audit

import (
	"strings"
	"testing"
)

func TestGaps(t *testing.T) {
	in := func(path, root, status string) InputStatus {
		return InputStatus{Path: path, Root: root, Status: status}
	}
	cases := []struct {
		name     string
		inputs   []InputStatus
		perShard bool
		want     []string // substrings, in order; nil for no gap
	}{
		{"all audited", []InputStatus{in("a.json", "", StatusAudited)}, false, nil},
		{"nothing given", nil, false, []string{"no input was audited (0 given"}},
		{"all skipped", []InputStatus{in("d/a.txt", "d", StatusSkipped)}, false,
			[]string{"no input was audited (1 given: 1 skipped", "directory d holds no SBOM (1 file skipped)"}},
		{"failed and empty", []InputStatus{in("a", "", StatusFailed), in("b", "", StatusEmpty), in("c", "", StatusAudited)}, false,
			[]string{"1 input failed", "1 input held no components"}},
		{"manifests", []InputStatus{in("x.json", "", StatusAudited), in("d/go.mod", "d", StatusSkipped),
			in("d/web/node_modules/a/package.json", "d", StatusSkipped), in("d/App.csproj", "d", StatusSkipped)}, false,
			[]string{"directory d holds no SBOM but package manifests or lock files (*.csproj, go.mod, node_modules/): audit dir:d or run `embargo scan d`"}},
		{"manifests, and dir: requested", []InputStatus{in("dir:d/", "", StatusAudited), in("d/go.mod", "d", StatusSkipped)}, false, nil},
		{"a broken SBOM in the directory is its own gap", []InputStatus{in("x.json", "", StatusAudited), in("d/a.json", "d", StatusFailed), in("d/go.mod", "d", StatusSkipped)}, false,
			[]string{"1 input failed"}},
		{"a shard defers run-wide checks", []InputStatus{in("d/a.txt", "d", StatusSkipped)}, true, nil},
		{"a shard still counts failures", []InputStatus{in("a", "", StatusFailed)}, true, []string{"1 input failed"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Gaps(c.inputs, c.perShard)
			if len(got) != len(c.want) {
				t.Fatalf("gaps %q, want %d matching %q", got, len(c.want), c.want)
			}
			for i, w := range c.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("gap %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestGateIncomplete(t *testing.T) {
	res := &Result{Inputs: []InputResult{{Path: "d/README", Root: "d", Status: StatusSkipped}}}
	if err := Gate(res, "prohibited"); err == nil || !strings.Contains(err.Error(), "no input was audited") {
		t.Errorf("all skipped: %v", err)
	}
	res.Shard = ShardInfo{Index: 1, Count: 2}
	if err := Gate(res, "prohibited"); err != nil {
		t.Errorf("a shard of a sharded run leaves the run-wide checks to merge: %v", err)
	}
}
