package reports

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseSpecs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "existing.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(dir, "plainfile")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "made", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		values  []string
		want    []Spec
		wantErr []string // substrings the error must contain
	}{
		{name: "default", values: nil, want: []Spec{{Format: FormatTable}}},
		{name: "stdout", values: []string{"json"}, want: []Spec{{Format: FormatJSON}}},
		{
			name:   "several files and one stdout",
			values: []string{"table", "sarif=" + filepath.Join(dir, "out.sarif"), "json=" + file, "html=" + filepath.Join(dir, "made", "deep", "r.html")},
			want: []Spec{{Format: FormatTable}, {Format: FormatSARIF, Path: filepath.Join(dir, "out.sarif")},
				{Format: FormatJSON, Path: file}, {Format: FormatHTML, Path: filepath.Join(dir, "made", "deep", "r.html")}},
		},
		{name: "unknown format lists the valid ones", values: []string{"yaml"},
			wantErr: []string{`unknown output format "yaml"`, strings.Join(FormatNames(), ", ")}},
		{name: "case matters", values: []string{"JSON"}, wantErr: []string{`unknown output format "JSON"`}},
		{name: "missing directory", values: []string{"json=" + filepath.Join(dir, "absent", "r.json")},
			wantErr: []string{"-o json=" + filepath.Join(dir, "absent", "r.json"), filepath.Join(dir, "absent") + " does not exist"}},
		{name: "two on stdout", values: []string{"table", "json"}, wantErr: []string{"at most one report can go to stdout", "table, json"}},
		{name: "same path twice", values: []string{"json=" + file, "sarif=" + file}, wantErr: []string{"write the same file"}},
		{name: "same path spelled differently", values: []string{"json=" + file, "csv=" + filepath.Join(dir, ".", "x", "..", "existing.json")}, wantErr: []string{"write the same file"}},
		{name: "directory", values: []string{"json=" + dir}, wantErr: []string{"is a directory"}},
		{name: "parent is a file", values: []string{"json=" + filepath.Join(notDir, "r.json")}, wantErr: []string{"is not a directory"}},
		{name: "empty file name", values: []string{"json="}, wantErr: []string{"empty file name"}},
		// "-" is stdout, as for inputs, for every text format; it was a
		// file named "-" before.
		{name: "dash is stdout", values: []string{"json=-"}, want: []Spec{{Format: FormatJSON}}},
		{name: "dash is stdout beside files", values: []string{"sarif=-", "json=" + file}, want: []Spec{{Format: FormatSARIF}, {Format: FormatJSON, Path: file}}},
		{name: "a file named dash is ./-", values: []string{"json=./-"}, want: []Spec{{Format: FormatJSON, Path: "./-"}}},
		{name: "dash and a bare format are two on stdout", values: []string{"json=-", "table"}, wantErr: []string{"at most one report can go to stdout", "json, table"}},
		{name: "two dashes", values: []string{"csv=-", "markdown=-"}, wantErr: []string{"at most one report can go to stdout", "csv, markdown"}},
		{name: "binary to dash", values: []string{"xlsx=-"}, wantErr: []string{"-o xlsx=-: xlsx is binary", "name a file"}},
		{name: "every error at once", values: []string{"yaml", "toml", "json", "csv"},
			wantErr: []string{`"yaml"`, `"toml"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseSpecs(c.values)
			if len(c.wantErr) > 0 {
				if err == nil {
					t.Fatalf("no error, got %v", got)
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	// Checking must not create the missing directories or leave probes.
	if _, err := os.Stat(filepath.Join(dir, "absent")); !os.IsNotExist(err) {
		t.Errorf("ParseSpecs created a directory: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".embargo-probe") {
			t.Errorf("probe file left behind: %s", e.Name())
		}
	}
}

// TestFormatListDrivesEverything: help, completion and validation all come
// from Formats().
func TestFormatListDrivesEverything(t *testing.T) {
	names := FormatNames()
	want := []string{"table", "json", "sarif", "junit", "csv", "csv-excel", "markdown", "markdown-summary", "html", "xlsx", "github", "gitlab"}
	if !slices.Equal(names, want) {
		t.Fatalf("formats %v, want %v", names, want)
	}
	usage, completions := FlagUsage(), Completions()
	for i, f := range Formats() {
		if f.Description == "" || f.render == nil {
			t.Errorf("%s: no description or renderer", f.Name)
		}
		if !strings.Contains(usage, "\n  "+string(f.Name)+" ") {
			t.Errorf("--help does not list %s", f.Name)
		}
		if completions[i] != string(f.Name)+"\t"+f.Description {
			t.Errorf("completion %q", completions[i])
		}
		if _, err := ParseSpecs([]string{string(f.Name)}); err != nil {
			t.Errorf("%s does not validate: %v", f.Name, err)
		}
	}
}

// TestMissingDirectoryIsAnError: -o into a directory that does not exist
// fails before anything is read, and creates nothing.
func TestMissingDirectoryIsAnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "sub", "report.json")
	_, err := ParseSpecs([]string{"json=" + path})
	if err == nil || !strings.Contains(err.Error(), "missing/sub does not exist") {
		t.Fatalf("err = %v, want one saying the directory does not exist", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the missing directory was created: %v", err)
	}
}

// TestDashIsStdoutForEveryTextFormat: "-" names stdout for each text
// format Formats() declares and is refused for each binary one.
func TestDashIsStdoutForEveryTextFormat(t *testing.T) {
	for _, f := range Formats() {
		got, err := ParseSpecs([]string{string(f.Name) + "=-"})
		switch {
		case f.Binary && err == nil:
			t.Errorf("%s=-: accepted a binary report on stdout: %v", f.Name, got)
		case !f.Binary && (err != nil || len(got) != 1 || got[0].Path != ""):
			t.Errorf("%s=-: got %v, %v; want stdout", f.Name, got, err)
		}
	}
}
