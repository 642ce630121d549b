package vendorlists

import (
	"path/filepath"
	"testing"
)

// TestExamples: every example list validates, says it is an example, and
// is not embedded as a default.
func TestExamples(t *testing.T) {
	paths, err := filepath.Glob("examples/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example lists: %v", err)
	}
	embedded, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		l, err := Load(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !l.Example {
			t.Errorf("%s: not marked example: true", p)
		}
		for _, e := range embedded {
			if e.ID == l.ID {
				t.Errorf("%s: example id %q is also embedded", p, l.ID)
			}
		}
	}
}
