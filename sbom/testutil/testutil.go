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

// isolated are the variables an isolated test sets: HOME and the XDG
// directories in a temporary directory (no user configuration file or
// installed list is read) and SOURCE_DATE_EPOCH fixed.
func isolated(t testing.TB) map[string]string {
	home := t.TempDir()
	return map[string]string{
		"HOME":              home,
		"XDG_CONFIG_HOME":   filepath.Join(home, ".config"),
		"XDG_DATA_HOME":     filepath.Join(home, ".local", "share"),
		"SOURCE_DATE_EPOCH": SourceDateEpoch,
	}
}

// Isolate gives the test an environment of its own, in the process: see
// isolated; every EMBARGO_ variable is unset too. Tests that use it
// cannot run in parallel; Environ gives the same environment without
// touching the process.
func Isolate(t *testing.T) {
	t.Helper()
	for k, v := range isolated(t) {
		t.Setenv(k, v)
	}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "EMBARGO_") {
			t.Setenv(k, "") // restored after the test
			os.Unsetenv(k)
		}
	}
}

// Environ is the environment Isolate would give, as a list for a program
// that takes its environment (cli.Env): the process's variables without
// any EMBARGO_ one, HOME and the XDG directories in a temporary directory,
// SOURCE_DATE_EPOCH fixed. The process is left alone, so tests may run in
// parallel.
func Environ(t testing.TB) []string {
	t.Helper()
	set := isolated(t)
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; ok || strings.HasPrefix(k, "EMBARGO_") {
			continue
		}
		out = append(out, kv)
	}
	for k, v := range set {
		out = append(out, k+"="+v)
	}
	return out
}
