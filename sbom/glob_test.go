package sbom

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExpandGlob: a glob expands to its matches sorted by path, a matched
// directory is walked (its files skippable, as in any walk), and a
// pattern that matches nothing or is malformed stays an input carrying
// its error, so that nothing a user named is silently dropped.
func TestExpandGlob(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.cdx.json", "a.cdx.json", "c.spdx", "sub/x.json", "sub/.hidden/y.json", "sub/z.json"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rel := func(ins []Input) []string {
		var out []string
		for _, in := range ins {
			r, _ := filepath.Rel(dir, in.Path)
			if in.FromWalk {
				r += " (walk)"
			}
			if in.Err != nil {
				r += " ERR"
			}
			out = append(out, r)
		}
		return out
	}
	tests := []struct {
		pattern string
		want    string
	}{
		{"*.cdx.json", "a.cdx.json,b.cdx.json"},
		{"?.spdx", "c.spdx"},
		{"[ab].cdx.json", "a.cdx.json,b.cdx.json"},
		{"s*", "sub/x.json (walk),sub/z.json (walk)"},
		{"*", "a.cdx.json,b.cdx.json,c.spdx,sub/x.json (walk),sub/z.json (walk)"},
	}
	for _, tt := range tests {
		got := strings.Join(rel(ExpandInputs([]string{filepath.Join(dir, tt.pattern)})), ",")
		if got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.pattern, got, tt.want)
		}
	}

	none := ExpandInputs([]string{filepath.Join(dir, "*.xml")})
	if len(none) != 1 || !errors.Is(none[0].Err, ErrNoMatch) || !strings.Contains(none[0].Err.Error(), "*.xml") {
		t.Errorf("no match: got %+v, want one input carrying ErrNoMatch and the pattern", none)
	}
	bad := ExpandInputs([]string{filepath.Join(dir, "[a-.json")})
	if len(bad) != 1 || bad[0].Err == nil || !errors.Is(bad[0].Err, filepath.ErrBadPattern) {
		t.Errorf("bad pattern: got %+v, want one input carrying filepath.ErrBadPattern", bad)
	}
	// An existing file whose name has glob characters is that file, not a pattern.
	odd := filepath.Join(dir, "odd[1].json")
	if err := os.WriteFile(odd, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := ExpandInputs([]string{odd}); len(got) != 1 || got[0].Path != odd || got[0].Err != nil {
		t.Errorf("literal file with brackets: got %+v", got)
	}
}
