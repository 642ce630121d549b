package distcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

type actionFile struct {
	Inputs map[string]struct {
		Default  *string `yaml:"default"`
		Required bool    `yaml:"required"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID  string            `yaml:"id"`
			Env map[string]string `yaml:"env"`
			Run string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// TestActionWiring: every input reaches a step through the environment
// (never interpolated into a script), every env variable the run script
// reads is set, and every output is one the script writes.
func TestActionWiring(t *testing.T) {
	var a actionFile
	if err := yaml.Unmarshal([]byte(readFile(t, "../../action.yml")), &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" || len(a.Runs.Steps) != 2 {
		t.Fatalf("runs: %+v", a.Runs)
	}
	used := map[string]bool{}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %s interpolates an expression into its script: %q", s.ID, s.Run)
		}
		for _, v := range s.Env {
			for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(v, -1) {
				used[m[1]] = true
			}
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s reaches no step", name)
		}
	}
	run := readFile(t, "../action-run.sh")
	for k := range a.Runs.Steps[1].Env {
		if k != "ACTION_PATH" && !strings.Contains(run, "$"+k) && !strings.Contains(run, "${"+k) {
			t.Errorf("action-run.sh never reads %s", k)
		}
	}
	for name, o := range a.Outputs {
		if o.Value != "${{ steps.audit.outputs."+name+" }}" {
			t.Errorf("output %s = %q", name, o.Value)
		}
		if !strings.Contains(run, name+"=") {
			t.Errorf("action-run.sh never sets output %s", name)
		}
	}
}

// embargoDir is where embargoBin built embargo, removed by TestMain.
var embargoDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if embargoDir != "" {
		os.RemoveAll(embargoDir)
	}
	os.Exit(code)
}

var embargoBin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "embargo-action-")
	if err != nil {
		return "", err
	}
	embargoDir = dir
	out, err := exec.Command("go", "build", "-o", dir, "../../cmd/embargo").CombinedOutput()
	if err != nil {
		return "", &buildError{err, out}
	}
	return dir, nil
})

type buildError struct {
	err error
	out []byte
}

func (b *buildError) Error() string { return b.err.Error() + "\n" + string(b.out) }

// runAction runs the audit step as the runner would, with embargo on PATH
// and the runner's files in a temporary directory.
func runAction(t *testing.T, env map[string]string) (code int, outputs map[string]string, summary, stdout string) {
	t.Helper()
	bin, err := embargoBin()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	cmd := exec.Command("bash", "scripts/action-run.sh")
	cmd.Dir = "../.."
	cmd.Env = []string{
		"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + tmp, "RUNNER_TEMP=" + tmp, "SOURCE_DATE_EPOCH=1790000000",
		"GITHUB_OUTPUT=" + filepath.Join(tmp, "output"), "GITHUB_STEP_SUMMARY=" + filepath.Join(tmp, "summary"),
		"FAIL_ON=prohibited", "LEDGER=" + filepath.Join(tmp, "report.json"), "SARIF=" + filepath.Join(tmp, "e.sarif"),
		"ANNOTATIONS=true", "SUMMARY=true", "FAIL=true", "PROFILES=", "LISTS=", "WAIVERS=", "BASELINE=", "ARGS=",
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.Output()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
		t.Logf("action-run.sh exit %d; stderr:\n%s", code, ee.Stderr)
	} else if err != nil {
		t.Fatal(err)
	}
	outputs = map[string]string{}
	data, _ := os.ReadFile(filepath.Join(tmp, "output"))
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			outputs[k] = v
		}
	}
	s, _ := os.ReadFile(filepath.Join(tmp, "summary"))
	return code, outputs, string(s), string(out)
}

func TestActionRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds embargo")
	}
	code, out, summary, stdout := runAction(t, map[string]string{"PATHS": "testdata/sboms/sample.cdx.json\ntestdata/sboms/clean.cdx.json", "PROFILES": "us-federal-contractor,us-commercial"})
	if code != 2 {
		t.Errorf("exit %d, want 2 (a prohibited finding fails the step)", code)
	}
	for k, v := range map[string]string{"exit-code": "2", "outcome": "fail", "prohibited": "1", "failing": "1"} {
		if out[k] != v {
			t.Errorf("output %s = %q, want %q (all: %v)", k, out[k], v, out)
		}
	}
	if out["sarif"] == "" || !strings.HasSuffix(out["report"], "report.json") {
		t.Errorf("outputs %v", out)
	}
	if !strings.Contains(summary, "prohibited") || !strings.HasPrefix(strings.TrimSpace(summary), "#") {
		t.Errorf("job summary is not the Markdown report:\n%s", summary)
	}
	if !regexp.MustCompile(`(?m)^::error file=testdata/sboms/sample\.cdx\.json,`).MatchString(stdout) {
		t.Errorf("no annotation on the SBOM:\n%s", stdout)
	}
	code, out, _, _ = runAction(t, map[string]string{"PATHS": "testdata/sboms/sample.cdx.json", "FAIL": "false", "SUMMARY": "false", "SARIF": ""})
	if code != 0 || out["exit-code"] != "2" || out["sarif"] != "" {
		t.Errorf("fail=false: exit %d, outputs %v; want 0 with exit-code 2 and no SARIF", code, out)
	}
	code, out, _, _ = runAction(t, map[string]string{"PATHS": "testdata/sboms/clean.cdx.json"})
	if code != 0 || out["outcome"] != "pass" || out["prohibited"] != "0" {
		t.Errorf("clean: exit %d, outputs %v", code, out)
	}
	code, _, _, _ = runAction(t, map[string]string{"PATHS": "testdata/sboms/clean.cdx.json", "FAIL": "false", "FAIL_ON": "bogus"})
	if code != 1 {
		t.Errorf("usage error with fail=false: exit %d, want 1 (errors always fail)", code)
	}
}

// TestReadmeWorkflowIsLinted: the README's workflow is the linted one,
// with the published action instead of ./.
func TestReadmeWorkflowIsLinted(t *testing.T) {
	wf := readFile(t, "../../testdata/action/workflow.yml")
	body := wf[strings.Index(wf, "name: embargo\n"):]
	want := strings.Replace(body, "uses: ./\n", "uses: embargo-sbom/embargo@v1\n", 1)
	if !strings.Contains(readFile(t, "../../README.md"), want) {
		t.Errorf("README does not hold testdata/action/workflow.yml (with uses: embargo-sbom/embargo@v1)")
	}
	if !slices.Contains(strings.Fields(readFile(t, "../actionlint.sh")), "testdata/action/workflow.yml") {
		t.Error("actionlint.sh does not lint the README's workflow")
	}
}

// TestActionInstallFromSource: on a ref that is not a release tag the
// action builds embargo from its own source, puts it on GITHUB_PATH, and
// builds embargo-scan only when a source input needs it.
func TestActionInstallFromSource(t *testing.T) {
	if testing.Short() {
		t.Skip("builds embargo")
	}
	tmp := t.TempDir()
	root, _ := filepath.Abs("../..")
	cmd := exec.Command("bash", "scripts/action-install.sh")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "VERSION=main", "ACTION_PATH="+root, "RUNNER_TEMP="+tmp,
		"GITHUB_PATH="+filepath.Join(tmp, "path"), "PATHS=sboms/", "ARGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	bin := filepath.Join(tmp, "embargo-bin")
	if !strings.Contains(string(out), "embargo ") || strings.TrimSpace(readFile(t, filepath.Join(tmp, "path"))) != bin {
		t.Errorf("output %q, GITHUB_PATH %q", out, readFile(t, filepath.Join(tmp, "path")))
	}
	if _, err := os.Stat(filepath.Join(bin, "embargo-scan")); err == nil {
		t.Error("embargo-scan built though no source was named")
	}
}
