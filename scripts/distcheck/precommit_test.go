package distcheck

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// preCommitKeys are the keys pre-commit accepts for a hook in
// .pre-commit-hooks.yaml (MANIFEST_HOOK_DICT in pre_commit/clientlib.py,
// pre-commit 4.x); id, name, entry and language are required.
var preCommitKeys = []string{
	"id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or", "exclude_types",
	"additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames", "description",
	"language_version", "log_file", "minimum_pre_commit_version", "require_serial", "stages", "verbose",
}

// preCommitLanguages are pre-commit's languages (pre_commit/all_languages.py).
var preCommitLanguages = []string{
	"conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang", "haskell", "julia",
	"lua", "node", "perl", "pygrep", "python", "r", "ruby", "rust", "swift", "pygrep", "script", "system", "unsupported", "unsupported_script",
}

type hook map[string]any

func readHooks(t *testing.T) []hook {
	t.Helper()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	return hooks
}

// TestPreCommitHooksSchema checks the manifest against pre-commit's schema:
// a list of hooks, known keys with the right types, required keys present,
// a known language, unique ids, regexes that compile.
func TestPreCommitHooksSchema(t *testing.T) {
	hooks := readHooks(t)
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	ids := map[string]bool{}
	for i, h := range hooks {
		for k := range h {
			if !slices.Contains(preCommitKeys, k) {
				t.Errorf("hook %d: unknown key %q", i, k)
			}
		}
		for _, k := range []string{"id", "name", "entry", "language"} {
			if s, ok := h[k].(string); !ok || s == "" {
				t.Errorf("hook %d: %s must be a non-empty string", i, k)
			}
		}
		for _, k := range []string{"files", "exclude", "description", "minimum_pre_commit_version"} {
			if v, ok := h[k]; ok {
				if _, ok := v.(string); !ok {
					t.Errorf("hook %d: %s must be a string", i, k)
				}
			}
		}
		for _, k := range []string{"pass_filenames", "require_serial", "always_run"} {
			if v, ok := h[k]; ok {
				if _, ok := v.(bool); !ok {
					t.Errorf("hook %d: %s must be a boolean", i, k)
				}
			}
		}
		id, _ := h["id"].(string)
		if ids[id] {
			t.Errorf("duplicate id %q", id)
		}
		ids[id] = true
		if lang, _ := h["language"].(string); !slices.Contains(preCommitLanguages, lang) {
			t.Errorf("hook %s: unknown language %q", id, lang)
		}
		if f, _ := h["files"].(string); f != "" {
			if _, err := regexp.Compile(f); err != nil {
				t.Errorf("hook %s: files: %v", id, err)
			}
		}
	}
}

// TestPreCommitHooksRunEmbargoAudit: every hook runs embargo audit on the
// SBOM files of a commit, and only on those.
func TestPreCommitHooksRunEmbargoAudit(t *testing.T) {
	sboms := []string{
		"sboms/app.cdx.json", "vendor/x.spdx.json", "a.spdx", "b.SPDX.JSON", "bom.xml", "deep/dir/sbom.json",
		"c.cdx.xml", "d.spdx.yaml", "e.syft.json", "f.cdx.json.gz", "g.spdx3.json", "h.spdx.rdf",
	}
	others := []string{"main.go", "package.json", "go.sum", "README.md", "bomb.json", "x.json", "testdata/misleading-name.xml", "spdx.go"}
	for _, h := range readHooks(t) {
		if h["entry"] != "embargo audit" || h["pass_filenames"] != true {
			t.Errorf("hook %v: want entry \"embargo audit\" with the file names passed", h["id"])
		}
		re := regexp.MustCompile(h["files"].(string))
		for _, f := range sboms {
			if !re.MatchString(f) {
				t.Errorf("hook %v skips SBOM %s", h["id"], f)
			}
		}
		for _, f := range others {
			if re.MatchString(f) {
				t.Errorf("hook %v runs on %s", h["id"], f)
			}
		}
	}
	// language golang installs with "go install ./...": it must give embargo
	var golang bool
	for _, h := range readHooks(t) {
		golang = golang || h["language"] == "golang"
	}
	if _, err := os.Stat("../../cmd/embargo/main.go"); err != nil || !golang {
		t.Errorf("no golang hook building cmd/embargo: %v", err)
	}
	if !strings.Contains(readFile(t, "../../README.md"), ".pre-commit-hooks.yaml") && !strings.Contains(readFile(t, "../../README.md"), "pre-commit") {
		t.Error("README does not show the pre-commit hook")
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
