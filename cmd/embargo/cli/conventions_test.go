package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// conventionsDir holds a good SBOM and a broken one.
func conventionsDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sample, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "sboms", "sample.cdx.json"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "good.cdx.json"), string(sample))
	writeFile(t, filepath.Join(dir, "broken.json"), `{"bomFormat":"CycloneDX",`)
	return dir
}

// TestStderrConventions: one plain line per failed input (also with -q),
// no log records, nothing else with -q, and -vv showing more than -v.
func TestStderrConventions(t *testing.T) {
	t.Parallel()
	dir := conventionsDir(t)
	broken := filepath.Join(dir, "broken.json")
	stderr := map[string]string{}
	for _, flags := range []string{"", "-q", "-v", "-vv"} {
		args := []string{"audit", "--fail-on", "never", "-o", "json=" + filepath.Join(t.TempDir(), "r.json")}
		if flags != "" {
			args = append(args, flags)
		}
		code, _, errOut := run(t, context.Background(), "", append(args, dir)...)
		if code != ExitIncomplete {
			t.Errorf("%q: exit %d, want %d", flags, code, ExitIncomplete)
		}
		stderr[flags] = errOut
		line := "embargo: cannot audit " + broken + ": "
		if strings.Count(errOut, line) != 1 {
			t.Errorf("%q: stderr has no single line %q:\n%s", flags, line, errOut)
		}
		if strings.Contains(errOut, broken+": "+broken) {
			t.Errorf("%q: the path is repeated: %s", flags, errOut)
		}
		for _, internal := range []string{"level=", "msg=", "time=", "new auditor", "context canceled"} {
			if strings.Contains(errOut, internal) {
				t.Errorf("%q: stderr has %q:\n%s", flags, internal, errOut)
			}
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(stderr["-q"]), "\n") {
		if !strings.HasPrefix(l, "embargo: cannot audit ") && !strings.HasPrefix(l, "embargo: ") {
			t.Errorf("-q printed %q", l)
		}
	}
	if len(stderr["-q"]) > len(stderr[""]) || len(stderr["-v"]) <= len(stderr[""]) || len(stderr["-vv"]) <= len(stderr["-v"]) {
		t.Errorf("stderr does not grow with -q < default < -v < -vv: %d, %d, %d, %d bytes",
			len(stderr["-q"]), len(stderr[""]), len(stderr["-v"]), len(stderr["-vv"]))
	}
	if !strings.Contains(stderr["-vv"], "setting fail-on (from=flag --fail-on)") {
		t.Errorf("-vv does not say where settings came from:\n%s", stderr["-vv"])
	}
}

func TestStdinOnlyOnce(t *testing.T) {
	t.Parallel()
	code, _, errOut := run(t, context.Background(), "{}", "audit", "-", "-")
	if code != ExitError || !strings.Contains(errOut, "- (standard input) is given 2 times") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, context.Background(), "", "--version")
	if code != ExitOK || !strings.HasPrefix(out, "embargo ") || strings.Count(out, "\n") != 1 {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	code, out, _ = run(t, context.Background(), "", "version")
	if code != ExitOK || !strings.Contains(out, "embedded lists:") || !strings.Contains(out, "kaspersky ") || !strings.Contains(out, "revision") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestCompletionValues(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ cmd, flag, want string }{
		{"audit", "--profile", "us-federal-contractor"}, {"audit", "--fail-on", "never"}, {"audit", "--only-list", "kaspersky"}, {"audit", "-o", "markdown-summary"},
		{"reaudit", "--profile", "us-federal-contractor"}, {"reaudit", "--fail-on", "never"}, {"reaudit", "-o", "markdown-summary"},
		{"merge", "-o", "markdown-summary"}, {"merge", "--fail-on", "never"},
		{"cases", "--profile", "us-federal-contractor"}, {"cases", "--status", "overdue"}, {"cases", "-o", "xlsx"},
	} {
		code, out, _ := run(t, context.Background(), "", "__complete", tc.cmd, tc.flag, "")
		if code != ExitOK || !strings.Contains(out, tc.want) {
			t.Errorf("completion of %s %s: exit %d, %q lacks %q", tc.cmd, tc.flag, code, out, tc.want)
		}
	}
}

// TestErrorsNameTheirSource: a bad value is reported against the flag,
// the EMBARGO_* variable or the config file and line it came from.
func TestErrorsNameTheirSource(t *testing.T) {
	dir := conventionsDir(t)
	good := filepath.Join(dir, "good.cdx.json")
	code, _, errOut := run(t, context.Background(), "", "audit", "--fail-on", "bogus", good)
	if code != ExitError || !strings.Contains(errOut, `embargo: --fail-on: invalid fail-on "bogus"`) {
		t.Errorf("flag: exit %d, %q", code, errOut)
	}
	isolate(t)
	t.Setenv("EMBARGO_PROFILE", "bogus")
	code, _, errOut = runIsolated(t, "audit", good)
	if code != ExitError || !strings.Contains(errOut, `embargo: EMBARGO_PROFILE: unknown profile "bogus"`) {
		t.Errorf("env: exit %d, %q", code, errOut)
	}
	isolate(t)
	work := t.TempDir()
	inDir(t, work)
	writeFile(t, filepath.Join(work, ".embargo.yaml"), "profile: [us-commercial]\nfail-on: bogus\n")
	code, _, errOut = runIsolated(t, "audit", good)
	if code != ExitError || !strings.Contains(errOut, `embargo: .embargo.yaml:2 (fail-on): invalid fail-on "bogus"`) {
		t.Errorf("config file: exit %d, %q", code, errOut)
	}
}

// TestImportNotNewerSaysSo: importing the embedded list's own version
// installs it but says that it will not take effect.
func TestImportNotNewerSaysSo(t *testing.T) {
	isolate(t)
	code, exported, _ := run(t, context.Background(), "", "lists", "export", "kaspersky")
	if code != ExitOK {
		t.Fatalf("export: exit %d", code)
	}
	file := filepath.Join(t.TempDir(), "kaspersky.yaml")
	writeFile(t, file, exported)
	sum := sha256.Sum256([]byte(exported))
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	var out, errb strings.Builder
	code = Run(context.Background(), []string{"lists", "import", file, "--sha256", hex.EncodeToString(sum[:])}, strings.NewReader(""), &out, &errb)
	if code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "is not newer than the embedded kaspersky") || !strings.Contains(errb.String(), "will not take effect") {
		t.Errorf("import of the embedded version does not say it will not take effect: %q", errb.String())
	}
}
