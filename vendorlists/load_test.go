package vendorlists

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// markedLine returns the 1-based line of the fixture marked "# want-error".
func markedLine(t *testing.T, data []byte) int {
	t.Helper()
	s := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; s.Scan(); n++ {
		if strings.HasSuffix(strings.TrimSpace(s.Text()), "# want-error") {
			return n
		}
	}
	t.Fatal("fixture has no line marked # want-error")
	return 0
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		file string
		want []string // substrings besides "file:line:"
	}{
		{"unknown-key.yaml", []string{`unknown key "domian" in domain`}},
		{"unknown-key-entity.yaml", []string{`unknown key "countr" in entity`}},
		{"bad-date.yaml", []string{`key "effective" in obligation`, `invalid date "2024-13-20"`}},
		{"bad-category.yaml", []string{"regimes[0].covers[1]", `unknown category "integrated"`}},
		{"missing-source.yaml", []string{"entities[0].names[0].sources", `source "S9" is not in sources`}},
		{"duplicate-id.yaml", []string{"regimes[1].id", `duplicate regime id "acme-ban" (first at line 15)`}},
		{"bad-bool.yaml", []string{`bad value "yes-please" for key "unique" in package rule`}},
		{"duplicate-key.yaml", []string{`duplicate key "title" in list`}},
		{"bad-domain.yaml", []string{"entities[0].domains[0].value", `domain "https://Acme.example.com"`}},
		{"unknown-profile-regime.yaml", []string{"profiles[0].regimes[0]", `regime "acme-bann" is not in regimes`}},
		{"bad-due-rule.yaml", []string{"regimes[0].obligations[1].dueRule", `invalid due rule "business-days:0"`}},
		{"bad-after.yaml", []string{"regimes[0].obligations[2].after", `unknown obligation "reprot" in this regime`}},
		{"bad-clause.yaml", []string{"regimes[0].obligations[1].byClause[0].clause", `unknown clause version "2019-01"`}},
		{"bad-ecosystem.yaml", []string{"entities[0].packages[0].ecosystem", `ecosystem "DEB"`}},
		{"bad-path.yaml", []string{"entities[0].paths[1].value", `registry key "SOFTWARE\\Acme" must start with a hive`}},
		{"wrong-kind.yaml", []string{`bad value for key "sources" in regime: want a list`}},
		{"missing-citation.yaml", []string{"regimes[0].citation", "required value is missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(tt.file, data)
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			msg := err.Error()
			want := append([]string{fmt.Sprintf("%s:%d: ", tt.file, markedLine(t, data))}, tt.want...)
			for _, w := range want {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not contain %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestParseSyntaxError(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "syntax-error.yaml"))
	if err == nil {
		t.Fatal("Load succeeded, want a syntax error")
	}
	prefix := filepath.Join("testdata", "syntax-error.yaml") + ":"
	if !strings.HasPrefix(err.Error(), prefix) {
		t.Errorf("error %q does not start with %q", err, prefix)
	}
	var line int
	if _, scanErr := fmt.Sscanf(strings.TrimPrefix(err.Error(), prefix), "%d:", &line); scanErr != nil || line < 1 {
		t.Errorf("error %q has no line number", err)
	}
}

func TestParseValid(t *testing.T) {
	path := filepath.Join("testdata", "valid.yaml")
	l, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if l.Origin != path {
		t.Errorf("Origin = %q, want %q", l.Origin, path)
	}
	if len(l.SHA256) != 64 {
		t.Errorf("SHA256 = %q, want 64 hex digits", l.SHA256)
	}
	other, err := Parse("x.yaml", append(data, []byte("\n# changed\n")...))
	if err != nil {
		t.Fatal(err)
	}
	if other.SHA256 == l.SHA256 {
		t.Error("SHA256 did not change with the bytes")
	}
	checks := []struct {
		name      string
		got, want string
	}{
		{"published", l.Published.String(), "2025-01-02"},
		{"due", l.Regimes[1].Obligations[0].Due.String(), "2024-12-31"},
		{"cyrillic name", l.Entities[0].Names[1].Value, "АО «Акме»"},
		{"npm namespace", l.Entities[0].PURLs[0].Namespace, "@acme"},
		{"source also", l.Sources[0].Also[0].URL, "https://example.org/one"},
		{"informational", fmt.Sprint(l.Regimes[1].Informational), "true"},
		{"path segment", l.Entities[0].Paths[1].Value, `\Acme Corp\`},
		{"registry key kind", l.Entities[0].Paths[2].Kind, PathRegistry},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestParseRejectsEmptyAndMultiDocument(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "empty.yaml: empty list file"},
		{"comment only", "# nothing\n", "empty.yaml: empty list file"},
		{"two documents", string(valid) + "---\nid: other\n", "empty.yaml: want exactly one YAML document"},
		{"scalar document", "just text\n", "empty.yaml:1: a list file must be a YAML mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("empty.yaml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "no-such-file.yaml"))
	if err == nil || !strings.Contains(err.Error(), "no-such-file.yaml") {
		t.Errorf("error = %v, want it to name the file", err)
	}
}
