package sbom

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWalkFollowsLinks: a directory walk follows symbolic links to files
// and directories, walks a directory reached twice (a link cycle) once,
// and lists a dangling link and a named pipe as inputs carrying an error:
// nothing in the folder is passed over in silence.
func TestWalkFollowsLinks(t *testing.T) {
	base := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	write := func(p string) {
		must(os.MkdirAll(filepath.Dir(p), 0o755))
		must(os.WriteFile(p, []byte("{}"), 0o644))
	}
	elsewhere := filepath.Join(base, "elsewhere")
	write(filepath.Join(elsewhere, "sub", "k.json"))
	write(filepath.Join(elsewhere, "file.json"))
	dir := filepath.Join(base, "d")
	write(filepath.Join(dir, "a.json"))
	must(os.Symlink(filepath.Join(elsewhere, "sub"), filepath.Join(dir, "linkdir")))
	must(os.Symlink(filepath.Join(elsewhere, "file.json"), filepath.Join(dir, "linkfile.json")))
	must(os.Symlink(filepath.Join(base, "nowhere"), filepath.Join(dir, "dangling.json")))
	must(os.Symlink(dir, filepath.Join(dir, "loop")))                              // a cycle back to the root
	must(os.Symlink(filepath.Join(elsewhere, "sub"), filepath.Join(dir, "zsame"))) // the same directory again
	must(os.Symlink(filepath.Join(elsewhere, "sub"), filepath.Join(dir, ".hidden")))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))

	var got []string
	for _, in := range ExpandInputs([]string{dir}) {
		r, _ := filepath.Rel(dir, in.Path)
		switch {
		case in.Err != nil:
			r += " ERR"
		case in.FromWalk:
			r += " (walk)"
		}
		got = append(got, r)
	}
	want := "a.json (walk),dangling.json ERR,linkdir/k.json (walk),linkfile.json (walk),pipe ERR"
	if strings.Join(got, ",") != want {
		t.Errorf("walk listed\n %s\nwant\n %s", strings.Join(got, ","), want)
	}
}
