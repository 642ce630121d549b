package vendorlists

import (
	"io/fs"
	"os"
	"strings"
	"testing"
)

// FuzzParse: a list file may come from anyone (lists import, --list), so
// any bytes give a valid list or an error naming the file, never a panic;
// a list Parse accepts passes Validate and parses again to the same list.
func FuzzParse(f *testing.F) {
	names, _ := fs.Glob(embedded, "data/*.yaml")
	for _, name := range names {
		if data, err := embedded.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	if data, err := os.ReadFile("examples/positive-technologies.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("schemaVersion: \"1\"\nid: x\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: *a\n"))
	f.Add([]byte("- 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse("l.yaml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "l.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if l.ID == "" || l.SHA256 == "" {
			t.Fatalf("accepted list without id or digest: %+v", l)
		}
		if err := l.Validate(); err != nil {
			t.Fatalf("Parse accepted a list Validate rejects: %v", err)
		}
		again, err := Parse("l.yaml", data)
		if err != nil || again.ID != l.ID || again.Version != l.Version || again.SHA256 != l.SHA256 || len(again.Entities) != len(l.Entities) {
			t.Fatalf("second parse differs: %v", err)
		}
	})
}
