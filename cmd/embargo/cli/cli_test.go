package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom/testutil"
)

const fixtures = "../../../testdata/sboms/"

// run executes the CLI in-process with a fixed clock, no config file and
// no ambient EMBARGO_* variables, in an environment of its own (the
// process's is left alone, so that tests may run in parallel).
func run(t *testing.T, ctx context.Context, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunEnv(ctx, args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Environ: testutil.Environ(t)})
	return code, out.String(), errb.String()
}

// isolate keeps a developer's own configuration and environment out of
// the tests.
func isolate(t *testing.T) {
	t.Helper()
	testutil.Isolate(t)
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	reviewOnly := writeTemp(t, "review.cdx.json", `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[
	  {"type":"library","name":"kaspresso","version":"1.5.4","purl":"pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4"}]}`)
	empty := writeTemp(t, "empty.cdx.json", `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}`)
	notSBOM := writeTemp(t, "package.json", `{"name":"x","version":"1.0.0"}`)
	tests := []struct {
		name string
		args []string
		want int
		// wantOut and wantErr are substrings of stdout and stderr.
		wantOut, wantErr string
	}{
		{"clean SBOM", []string{"audit", fixtures + "clean.cdx.json"}, ExitOK, "PASS", ""},
		{"prohibited finding", []string{"audit", fixtures + "sample.cdx.json"}, ExitViolation, "acme-av-engine", ""},
		{"fail-on never", []string{"audit", "--fail-on", "never", fixtures + "sample.cdx.json"}, ExitOK, "acme-av-engine", ""},
		{"review below default threshold", []string{"audit", reviewOnly}, ExitOK, "review", ""},
		{"review at fail-on review", []string{"audit", "--fail-on", "review", reviewOnly}, ExitViolation, "kaspresso", ""},
		{"federal contractor prohibits non-security", []string{"audit", "--profile", "us-federal-contractor", reviewOnly}, ExitViolation, "prohibited", ""},
		{"missing file is incomplete", []string{"audit", "no-such-file.json"}, ExitIncomplete, "failed", ""},
		{"not an SBOM is incomplete", []string{"audit", notSBOM}, ExitIncomplete, "not a recognised SBOM", ""},
		{"empty SBOM is incomplete", []string{"audit", empty}, ExitIncomplete, "audited", ""},
		{"violation outranks incomplete", []string{"audit", fixtures + "sample.cdx.json", "no-such-file.json"}, ExitViolation, "failed", ""},
		{"no inputs", []string{"audit"}, ExitError, "", "needs at least one PATH"},
		{"unknown flag", []string{"audit", "--nope", fixtures + "clean.cdx.json"}, ExitError, "", "unknown flag"},
		{"bad fail-on", []string{"audit", "--fail-on", "bad", fixtures + "clean.cdx.json"}, ExitError, "", "invalid fail-on"},
		{"unknown format", []string{"audit", "-o", "pdf", fixtures + "clean.cdx.json"}, ExitError, "", "pdf"},
		{"unknown profile", []string{"audit", "--profile", "martian", fixtures + "clean.cdx.json"}, ExitError, "", "unknown profile"},
		{"bad as-of", []string{"audit", "--as-of", "yesterday", fixtures + "clean.cdx.json"}, ExitError, "", "--as-of"},
		{"unknown command", []string{"frobnicate"}, ExitError, "", "unknown command"},
		{"version", []string{"version"}, ExitOK, "embargo ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := run(t, context.Background(), "", tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.want, out, errOut)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, out)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, errOut)
			}
		})
	}
}

func TestStdinInput(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(fixtures + "sample.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, context.Background(), string(data), "audit", "-o", "json", "-")
	if code != ExitViolation {
		t.Fatalf("exit %d, want %d", code, ExitViolation)
	}
	var report struct {
		Inputs []struct {
			Path, Status string
		}
		Findings []struct{ Verdict string }
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("stdout is not JSON: %v", err)
	}
	if len(report.Inputs) != 1 || report.Inputs[0].Path != "-" || report.Inputs[0].Status != "audited" {
		t.Errorf("inputs = %+v", report.Inputs)
	}
	if len(report.Findings) != 1 || report.Findings[0].Verdict != "prohibited" {
		t.Errorf("findings = %+v", report.Findings)
	}
}

func TestInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	code, _, errOut := run(t, ctx, "", "audit", "-o", "json="+out, fixtures+"sample.cdx.json")
	if code != ExitInterrupted {
		t.Fatalf("exit %d, want %d (%s)", code, ExitInterrupted, errOut)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a report was written without --partial: %v", err)
	}
	code, _, _ = run(t, ctx, "", "audit", "--partial", "-o", "json="+out, fixtures+"sample.cdx.json")
	if code != ExitInterrupted {
		t.Fatalf("exit %d with --partial, want %d", code, ExitInterrupted)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("--partial wrote no report: %v", err)
	}
	if !strings.Contains(string(data), `"complete": false`) {
		t.Errorf("partial report not marked incomplete:\n%s", data)
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDirectoryWalkStatuses: in a walk, files that are no SBOM are listed
// as skipped, broken ones as failed; nothing is silently dropped.
func TestDirectoryWalkStatuses(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	sample, err := os.ReadFile(fixtures + "sample.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	writeTemp := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeTemp("README.md", []byte("# vendor SBOMs\n"))
	writeTemp("package.json", []byte(`{"name":"x","version":"1.0.0"}`))
	writeTemp("truncated.cdx.json", sample[:len(sample)/3])
	writeTemp("sample.cdx.json", sample)
	report := filepath.Join(t.TempDir(), "r.json")
	code, _, _ := runIsolated(t, "audit", "--fail-on", "never", "-o", "json="+report, dir)
	if code != ExitIncomplete {
		t.Errorf("exit %d, want %d (a broken SBOM in the walk)", code, ExitIncomplete)
	}
	want := map[string]string{"README.md": "skipped", "package.json": "skipped", "truncated.cdx.json": "failed", "sample.cdx.json": "audited"}
	for _, in := range readReportFull(t, report).Inputs {
		name := filepath.Base(in.Path)
		if want[name] != in.Status {
			t.Errorf("%s: %s (%s), want %s", name, in.Status, in.Error, want[name])
		}
		delete(want, name)
	}
	if len(want) > 0 {
		t.Errorf("missing from the report: %v", want)
	}
}

// TestRunEnvReadsItsEnvironment: RunEnv takes its environment variables
// from Env, not from the process, so tests need not set the process's.
func TestRunEnvReadsItsEnvironment(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		vars []string
		want int
	}{
		{nil, ExitViolation},
		{[]string{"EMBARGO_FAIL_ON=never"}, ExitOK},
		{[]string{"EMBARGO_PROFILE=martian"}, ExitError},
	} {
		var out, errb bytes.Buffer
		env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Environ: append(testutil.Environ(t), tt.vars...)}
		if code := RunEnv(context.Background(), []string{"audit", fixtures + "sample.cdx.json"}, env); code != tt.want {
			t.Errorf("%v: exit %d, want %d: %s", tt.vars, code, tt.want, errb.String())
		}
	}
}
