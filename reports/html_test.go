package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
)

// fetchAttr finds attributes that make a browser fetch or navigate.
var fetchAttr = regexp.MustCompile(`(?i)\s(src|href|action|formaction|poster|data|srcset|xlink:href)\s*=\s*["']?([^"'\s>]*)`)

func TestHTMLIsSelfContainedAndEscaped(t *testing.T) {
	for name, m := range safetyModels() {
		t.Run(name, func(t *testing.T) { checkHTMLSafe(t, m) })
	}
}

func checkHTMLSafe(t *testing.T, m *Model) {
	out := string(render(t, FormatHTML, m, RenderOptions{}))
	for _, m := range fetchAttr.FindAllStringSubmatch(out, -1) {
		if !strings.HasPrefix(m[2], "#") {
			t.Errorf("%s=%q: the page must only link within itself", m[1], m[2])
		}
	}
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", "\x1b", "\u202e"} {
		if strings.Contains(strings.ToLower(out), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile supplier is not shown as escaped text")
	}
	if !strings.Contains(out, `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`) {
		t.Error("no Content-Security-Policy")
	}
	for _, f := range m.Findings {
		if !strings.Contains(out, `id="`+f.ID+`"`) {
			t.Errorf("finding %s has no section", f.ID)
		}
	}
}

// TestHTMLInBrowser loads the page in headless Chromium: the findings must
// be on the rendered page, and a screenshot is kept for a human to look at
// (in $EMBARGO_SCREENSHOT_DIR when set).
func TestHTMLInBrowser(t *testing.T) {
	browser := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, render(t, FormatHTML, fixtureModel(), RenderOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("EMBARGO_SCREENSHOT_DIR")
	if shots == "" {
		shots = dir
	}
	shot, err := filepath.Abs(filepath.Join(shots, "report.png"))
	if err != nil {
		t.Fatal(err)
	}
	dom := runChromium(t, browser, "--dump-dom", "file://"+page)
	for _, want := range []string{"FAIL, 2 of 5 findings at or above review", "com.kaspersky/kav-sdk@21.3.10",
		"48 CFR 52.204-23(d)", "Evidence basis", `\x1b[31mred`, "&lt;script&gt;alert(1)&lt;/script&gt;"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}
	if strings.Contains(dom, "<script>") {
		t.Error("a script element reached the DOM")
	}
	runChromium(t, browser, "--screenshot="+shot, "--window-size=1280,2000", "file://"+page)
	if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
		t.Fatalf("no screenshot: %v", err)
	}
	t.Logf("screenshot: %s", shot)
}

// chromium returns the browser's path. Without one the test skips on a
// developer's machine, and fails in CI (CI=true), where .ci/run installs
// it: a browser test that silently skips there checks nothing.
func chromium(t *testing.T) string {
	t.Helper()
	browser, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not on PATH, and CI=true: the HTML report must be checked in a browser in CI")
		}
		t.Skip("chromium is not on PATH; install it to check the HTML report in a browser")
	}
	return browser
}

// pdfPage matches a page object of a PDF (not the /Pages tree node).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b`)

// TestHTMLPrintsCompactly prints the one-input and the 300-input reports
// to PDF in headless Chromium and counts the pages: obligations stated
// once and a fixed-height chart keep a 300-input report with a few
// findings each under 40 A4 pages. It keeps a screenshot of each first
// screen (in $EMBARGO_SCREENSHOT_DIR when set) for a human to look at.
func TestHTMLPrintsCompactly(t *testing.T) {
	browser := chromium(t)
	shots := os.Getenv("EMBARGO_SCREENSHOT_DIR")
	for _, tc := range []struct {
		inputs, maxPages int
	}{{1, 3}, {300, 39}} {
		dir := t.TempDir()
		page := filepath.Join(dir, "report.html")
		if err := os.WriteFile(page, render(t, FormatHTML, portfolioModel(tc.inputs), RenderOptions{}), 0o644); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(dir, "report.pdf")
		runChromium(t, browser, "--print-to-pdf="+pdf, "--no-pdf-header-footer", "file://"+page)
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		pages := len(pdfPage.FindAll(data, -1))
		t.Logf("%d inputs: %d PDF pages", tc.inputs, pages)
		if pages == 0 || pages > tc.maxPages {
			t.Errorf("%d inputs print to %d pages, want 1..%d", tc.inputs, pages, tc.maxPages)
		}
		if shots != "" {
			shot, err := filepath.Abs(filepath.Join(shots, fmt.Sprintf("portfolio-%d.png", tc.inputs)))
			if err != nil {
				t.Fatal(err)
			}
			runChromium(t, browser, "--screenshot="+shot, "--window-size=1280,900", "file://"+page)
		}
	}
}

func runChromium(t *testing.T, browser string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(),
		// Resolve no host at all: the page must need none.
		"--host-resolver-rules=MAP * ~NOTFOUND"}
	cmd := exec.CommandContext(ctx, browser, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.String()
}

// TestHTMLRepeatsPointToTheFirst: a finding that repeats an earlier one
// in another input (same component, verdict and evidence; its own id,
// case, ref and evidence positions) is shown as a pointer to the first;
// one that differs in anything the full block prints is shown in full.
func TestHTMLRepeatsPointToTheFirst(t *testing.T) {
	res := portfolioResult(3)
	base := res.Findings[0]
	same := base
	same.ID, same.Input, same.Case.ID = "EMB-same", res.Inputs[1].Path, "C-other"
	same.Component.Ref = "another-ref"
	same.Evidence = append([]Evidence(nil), base.Evidence...)
	same.Evidence[0].Location, same.Evidence[0].Line = "/components/77", 99
	other := same
	other.ID = "EMB-other"
	other.Evidence = append([]Evidence(nil), same.Evidence...)
	other.Evidence[0].Value = "something else"
	res.Findings = []audit.Finding{base, same, other}
	m := NewModel(res, Options{ToolName: "embargo", ToolVersion: "0.9.0-test", GeneratedAt: fixtureGenerated, FailOn: "prohibited", Complete: true})
	out := string(render(t, FormatHTML, m, RenderOptions{}))
	pointer := `the same component, verdict and evidence as <a href="#` + base.ID + `">`
	if n := strings.Count(out, pointer); n != 1 {
		t.Errorf("%d findings point to %s, want 1 (only the repeat)", n, base.ID)
	}
	for _, id := range []string{"EMB-same", "EMB-other", "C-other", "another-ref"} {
		if !strings.Contains(out, id) {
			t.Errorf("%s is missing from the report", id)
		}
	}
	if !strings.Contains(out, "something else") {
		t.Error("the finding whose evidence differs is not shown in full")
	}
}
