package syftgen

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

func TestPeople(t *testing.T) {
	tests := []struct {
		raw  string
		want []sbom.Contact
	}{
		{``, nil},
		{`"AO Kaspersky Lab"`, []sbom.Contact{{Name: "AO Kaspersky Lab"}}},
		{`{"name": "AO Kaspersky Lab", "email": "npm@kaspersky.com", "url": "https://kaspersky.com"}`, []sbom.Contact{{Name: "AO Kaspersky Lab", Email: "npm@kaspersky.com"}}},
		{`["A <a@example.com>", {"name": "B"}, 7]`, []sbom.Contact{{Name: "A", Email: "a@example.com"}, {Name: "B"}}},
		{`{}`, nil},
		{`42`, nil},
	}
	for _, tt := range tests {
		if got := people(json.RawMessage(tt.raw)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("people(%s) = %+v, want %+v", tt.raw, got, tt.want)
		}
	}
}

func TestRepositoryURL(t *testing.T) {
	tests := map[string]string{
		``: "", `"lodash/lodash"`: "lodash/lodash",
		`{"type": "git", "url": "git+https://github.com/KasperskyLab/hexa-ui.git"}`: "git+https://github.com/KasperskyLab/hexa-ui.git",
		`[1]`: "",
	}
	for raw, want := range tests {
		if got := repositoryURL(json.RawMessage(raw)); got != want {
			t.Errorf("repositoryURL(%s) = %q, want %q", raw, got, want)
		}
	}
}

// TestEnrichNPMNeedsSameVersion checks that an installed package.json of
// another version (a nested node_modules copy, a stale install) lends no
// evidence to the lock-file package.
func TestEnrichNPMNeedsSameVersion(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package-lock.json", `{"name":"app","version":"1.0.0","lockfileVersion":3,"packages":{
		"":{"name":"app","version":"1.0.0"},
		"node_modules/@kaspersky/hexa-ui":{"version":"6.4.0"},
		"node_modules/left-pad":{"version":"1.3.0"}}}`)
	write("node_modules/@kaspersky/hexa-ui/package.json", `{"name":"@kaspersky/hexa-ui","version":"6.3.0","author":"AO Kaspersky Lab"}`)
	write("node_modules/left-pad/package.json", `{"name":"left-pad","version":"1.3.0","author":{"name":"azer","email":"azer@roadbeats.com"}}`)
	r, err := Generate(context.Background(), "dir:"+dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]sbom.Contact{}
	for _, c := range r.Document.Components {
		got[c.Name] = c.Authors
	}
	want := map[string][]sbom.Contact{
		"app":                nil,
		"@kaspersky/hexa-ui": nil,
		"left-pad":           {{Name: "azer", Email: "azer@roadbeats.com"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("authors = %+v, want %+v", got, want)
	}
}

// TestExcludeAndUnknowns checks that excluded paths are not read (not even
// for npm evidence) and that what syft cannot parse becomes a warning.
func TestExcludeAndUnknowns(t *testing.T) {
	dir := t.TempDir()
	for rel, body := range map[string]string{
		"package-lock.json":                  `{"name":"app","version":"1.0.0","lockfileVersion":3,"packages":{"":{"name":"app","version":"1.0.0"},"node_modules/left-pad":{"version":"1.3.0"}}}`,
		"node_modules/left-pad/package.json": `{"name":"left-pad","version":"1.3.0","author":"azer"}`,
		"broken/package-lock.json":           `{"lockfileVersion": 3, "packages": {`,
	} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Generate(context.Background(), "dir:"+dir, Config{Exclude: []string{"./node_modules/**"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range r.Document.Components {
		names = append(names, c.Name)
		if len(c.Authors) != 0 {
			t.Errorf("%s: Authors %+v read from an excluded path", c.Name, c.Authors)
		}
	}
	if want := []string{"app", "left-pad"}; !reflect.DeepEqual(names, want) {
		t.Errorf("components %q, want %q", names, want)
	}
	found := false
	for _, w := range r.Document.Warnings {
		found = found || strings.HasPrefix(w, "syft: /broken/package-lock.json: ")
	}
	if !found {
		t.Errorf("Warnings = %q, want one for broken/package-lock.json", r.Document.Warnings)
	}
}
