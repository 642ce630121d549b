package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inDir runs the test from dir, restoring the working directory after.
func inDir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// configLine returns the `embargo config` line for key.
func configLine(t *testing.T, out, key string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, key+":") {
			return l
		}
	}
	t.Fatalf("no %s line in:\n%s", key, out)
	return ""
}

func TestConfigPrecedence(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir, home string)
		args  []string
		want  string // the fail-on line of embargo config
	}{
		{"default", func(*testing.T, string, string) {}, nil, `fail-on: prohibited # default`},
		{"./.embargo.yaml", func(t *testing.T, dir, _ string) {
			writeFile(t, filepath.Join(dir, ".embargo.yaml"), "fail-on: review\n")
		}, nil, `fail-on: review # file .embargo.yaml`},
		{"./.embargo/config.yaml", func(t *testing.T, dir, _ string) {
			writeFile(t, filepath.Join(dir, ".embargo", "config.yaml"), "fail-on: info\n")
		}, nil, `fail-on: info # file ` + filepath.Join(".embargo", "config.yaml")},
		{"~/.embargo.yaml", func(t *testing.T, _, home string) {
			writeFile(t, filepath.Join(home, ".embargo.yaml"), "fail-on: never\n")
		}, nil, `fail-on: never # file `},
		{"XDG config", func(t *testing.T, _, home string) {
			writeFile(t, filepath.Join(home, ".config", "embargo", "config.yaml"), "fail-on: review\n")
		}, nil, `fail-on: review # file `},
		{"project file beats home file", func(t *testing.T, dir, home string) {
			writeFile(t, filepath.Join(home, ".embargo.yaml"), "fail-on: never\n")
			writeFile(t, filepath.Join(dir, ".embargo.yaml"), "fail-on: info\n")
		}, nil, `fail-on: info # file .embargo.yaml`},
		{"env beats file", func(t *testing.T, dir, _ string) {
			writeFile(t, filepath.Join(dir, ".embargo.yaml"), "fail-on: review\n")
			t.Setenv("EMBARGO_FAIL_ON", "info")
		}, nil, `fail-on: info # env EMBARGO_FAIL_ON`},
		{"flag beats env", func(t *testing.T, _, _ string) {
			t.Setenv("EMBARGO_FAIL_ON", "info")
		}, []string{"--fail-on", "never"}, `fail-on: never # flag --fail-on`},
		{"-c beats discovery", func(t *testing.T, dir, _ string) {
			writeFile(t, filepath.Join(dir, ".embargo.yaml"), "fail-on: review\n")
			writeFile(t, filepath.Join(dir, "ci.yaml"), "fail-on: never\n")
		}, []string{"-c", "ci.yaml"}, `fail-on: never # file ci.yaml`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			dir := t.TempDir()
			inDir(t, dir)
			tt.setup(t, dir, os.Getenv("HOME"))
			args := append([]string{"config"}, tt.args...)
			code, out, errOut := runIsolated(t, args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if line := configLine(t, out, "fail-on"); !strings.HasPrefix(line, tt.want) {
				t.Errorf("got %q, want prefix %q", line, tt.want)
			}
		})
	}
}

// runIsolated is run without isolate (the caller has already isolated
// and set its own environment).
func runIsolated(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestConfigListsAndEnvLists(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	inDir(t, dir)
	writeFile(t, filepath.Join(dir, ".embargo.yaml"), "profile: [us-federal-contractor, fcc-subsidy-recipient]\noutput:\n  - table\n  - json=out.json\n")
	_, out, _ := runIsolated(t, "config")
	if l := configLine(t, out, "profile"); !strings.HasPrefix(l, "profile: [us-federal-contractor, fcc-subsidy-recipient] # file") {
		t.Errorf("profile line %q", l)
	}
	if l := configLine(t, out, "output"); !strings.HasPrefix(l, "output: [table, json=out.json] # file") {
		t.Errorf("output line %q", l)
	}
	t.Setenv("EMBARGO_PROFILE", "us-federal-agency,us-commercial")
	_, out, _ = runIsolated(t, "config")
	if l := configLine(t, out, "profile"); !strings.HasPrefix(l, "profile: [us-federal-agency, us-commercial] # env EMBARGO_PROFILE") {
		t.Errorf("profile line %q", l)
	}
}

func TestConfigUnknownKey(t *testing.T) {
	isolate(t)
	clean := mustAbs(t, fixtures+"clean.cdx.json")
	dir := t.TempDir()
	inDir(t, dir)
	writeFile(t, filepath.Join(dir, ".embargo.yaml"), "fail-on: review\nfial-on: info\n")
	for _, args := range [][]string{{"config"}, {"audit", clean}} {
		code, _, errOut := runIsolated(t, args...)
		if code != ExitError || !strings.Contains(errOut, `.embargo.yaml:2: unknown key "fial-on"`) {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestConfigEverySettingIsAKey(t *testing.T) {
	isolate(t)
	inDir(t, t.TempDir())
	_, out, _ := runIsolated(t, "config")
	for _, key := range []string{"output", "fail-on", "profile", "as-of", "discovered", "far-clause", "list", "only-list", "parallelism",
		"max-bytes", "max-components", "max-string-bytes", "max-depth", "partial", "waivers", "fail-on-unused-waivers", "baseline", "max-list-age", "manifest", "shard", "quiet", "verbose"} {
		configLine(t, out, key)
	}
}
