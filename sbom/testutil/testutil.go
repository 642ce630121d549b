// Package testutil is what embargo's tests share: golden files behind one
// -update flag, and an environment isolated from the user's. It lives in
// sbom, the lowest layer, so that every package's tests may import it;
// only tests import it.
package testutil

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with what the tests produce")

// Golden compares got with the golden file at path; under -update it
// writes got there instead. A difference names the first line that
// differs.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test with -update and review the diff)\n%s", path, FirstDiff(string(want), string(got)))
	}
}

// FirstDiff says where two texts first differ, line by line.
func FirstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %q\n got: %q", i+1, w, g)
		}
	}
	return ""
}

// SourceDateEpoch is the report time an isolated test runs at
// (2026-09-21T14:13:20Z), so that reports are reproducible.
const SourceDateEpoch = "1790000000"

// Isolate gives the test an environment of its own: HOME and the XDG
// directories in a temporary directory (no user configuration file or
// installed list is read), SOURCE_DATE_EPOCH fixed, and every EMBARGO_
// variable unset. Tests that use it cannot run in parallel.
func Isolate(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
	t.Setenv("SOURCE_DATE_EPOCH", SourceDateEpoch)
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "EMBARGO_") {
			t.Setenv(k, "") // restored after the test
			os.Unsetenv(k)
		}
	}
}
