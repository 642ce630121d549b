package reports

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	specs, err := ParseSpecs([]string{
		"table",
		"json=" + filepath.Join(dir, "report.json"),
		"xlsx=" + filepath.Join(dir, "sub", "report.xlsx"),
		"sarif=" + filepath.Join(dir, "report.sarif"),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := fixtureModel()
	var stdout bytes.Buffer
	if err := WriteAll(specs, m, WriteOptions{Stdout: &stdout}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), render(t, FormatTable, m, RenderOptions{})) {
		t.Error("stdout is not the table report")
	}
	for _, s := range specs[1:] {
		got, err := os.ReadFile(s.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, render(t, s.Format, m, RenderOptions{})) {
			t.Errorf("%s: file differs from a direct render", s)
		}
		fi, _ := os.Stat(s.Path)
		if perm := fi.Mode().Perm(); perm != 0o644 {
			t.Errorf("%s: mode %v, want 0644", s, perm)
		}
	}
	assertNoTempFiles(t, dir)
}

func TestWriteAllColorOnlyOnStdout(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.txt")
	var stdout bytes.Buffer
	specs := []Spec{{Format: FormatTable}, {Format: FormatTable, Path: path}}
	if err := WriteAll(specs, fixtureModel(), WriteOptions{Stdout: &stdout, Color: true}); err != nil {
		t.Fatal(err)
	}
	file, _ := os.ReadFile(path)
	if !bytes.Contains(stdout.Bytes(), []byte(sgrReset)) || bytes.Contains(file, []byte("\x1b")) {
		t.Error("colour must reach stdout and never a file")
	}
}

func TestWriteAllRefusesBinaryOnTerminal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	var stdout bytes.Buffer
	specs := []Spec{{Format: FormatJSON, Path: path}, {Format: FormatXLSX}}
	err := WriteAll(specs, fixtureModel(), WriteOptions{Stdout: &stdout, StdoutTerminal: true})
	if err == nil || !strings.Contains(err.Error(), "binary") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if stdout.Len() != 0 {
		t.Error("bytes reached the terminal")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a file was written before the refusal")
	}
	// To a pipe it is fine.
	if err := WriteAll(specs[1:], fixtureModel(), WriteOptions{Stdout: &stdout}); err != nil || stdout.Len() == 0 {
		t.Errorf("xlsx to a pipe: err=%v, %d bytes", err, stdout.Len())
	}
}

func TestWriteFileAtomicKeepsOldReportOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("previous report"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := writeFileAtomic(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half a rep"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "previous report" {
		t.Errorf("previous report overwritten: %q", got)
	}
	assertNoTempFiles(t, dir)

	if err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new report")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(path)
	if string(got) != "new report" {
		t.Errorf("got %q after a successful write", got)
	}
	assertNoTempFiles(t, dir)
}

// TestWriteAllGoesOnAfterAFailure: one failing report does not stop the
// others, and the error names the one that failed.
func TestWriteAllGoesOnAfterAFailure(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "blocker")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.csv")
	specs := []Spec{{Format: FormatJSON, Path: filepath.Join(blocker, "r.json")}, {Format: FormatCSV, Path: good}}
	err := WriteAll(specs, fixtureModel(), WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), "-o json="+filepath.Join(blocker, "r.json")) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(good); err != nil {
		t.Errorf("the good report was not written: %v", err)
	}
	assertNoTempFiles(t, dir)
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}
