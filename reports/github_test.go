package reports

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/audit"
)

// ghLine is one workflow command as the runner parses it.
var ghLine = regexp.MustCompile(`^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$`)

// TestGitHubCommandsCannotBeInjected: SBOM strings with newlines and
// "::" cannot start a command of their own or break a property.
func TestGitHubCommandsCannotBeInjected(t *testing.T) {
	m := fixtureModel()
	m.Findings[0].Component.Name = "evil\n::add-mask::secret\r\n::stop-commands::x"
	m.Findings[0].Input = "dir,with:colon%/app.cdx.json"
	m.Findings[0].Entity.Name = "A, B: C"
	var buf bytes.Buffer
	if err := Render(&buf, FormatGitHub, m, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	for _, l := range lines {
		if !ghLine.MatchString(l) {
			t.Errorf("not one workflow command: %q", l)
		}
	}
	if !strings.Contains(buf.String(), "file=dir%2Cwith%3Acolon%25/app.cdx.json") {
		t.Errorf("file property not escaped:\n%s", buf.String())
	}
	if strings.Count(buf.String(), "\n") != len(lines) || strings.Contains(buf.String(), "\n::add-mask") {
		t.Errorf("a component name started a command:\n%s", buf.String())
	}
}

// TestGitHubAnnotatesWhatFails: prohibited is an error, review a warning,
// info a notice; waived and baseline findings are not annotated; a
// generated source gets no file=.
func TestGitHubAnnotatesWhatFails(t *testing.T) {
	m := fixtureModel()
	m.Inputs = append(m.Inputs, Input{Path: "oci-archive:img.tar", Status: audit.StatusFailed, Error: "boom"})
	var buf bytes.Buffer
	if err := Render(&buf, FormatGitHub, m, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, l := range strings.Split(buf.String(), "\n") {
		if mm := ghLine.FindStringSubmatch(l); mm != nil {
			counts[mm[1]]++
			if strings.Contains(mm[2], "file=oci-archive") {
				t.Errorf("source given as a file: %q", l)
			}
		}
	}
	var findings int
	for _, f := range m.Findings {
		if !f.Suppressed() {
			findings++
		}
	}
	if findings == len(m.Findings) {
		t.Fatal("fixture has no suppressed finding")
	}
	got := counts["error"] + counts["warning"] + counts["notice"]
	want := findings + m.Summary.Failed + 1 + 1 // + added failed input + summary
	for _, in := range m.Inputs {
		want += len(in.Warnings)
	}
	want += len(m.Warnings)
	if got != want {
		t.Errorf("%d annotations, want %d:\n%s", got, want, buf.String())
	}
}

// TestGitLabReport: every issue has the fields GitLab requires, unique
// fingerprints, and only GitLab's severities.
func TestGitLabReport(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, FormatGitLab, fixtureModel(), RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	var issues []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) == 0 {
		t.Fatal("no issues")
	}
	seen := map[string]bool{}
	for _, is := range issues {
		fp, _ := is["fingerprint"].(string)
		if fp == "" || seen[fp] {
			t.Errorf("fingerprint %q missing or repeated", fp)
		}
		seen[fp] = true
		switch is["severity"] {
		case "info", "minor", "major", "critical", "blocker":
		default:
			t.Errorf("severity %v", is["severity"])
		}
		loc, _ := is["location"].(map[string]any)
		lines, _ := loc["lines"].(map[string]any)
		if is["description"] == "" || is["check_name"] == "" || loc["path"] == "" || lines["begin"].(float64) < 1 {
			t.Errorf("incomplete issue %v", is)
		}
	}
}

// TestGitHubSummaryFirstWithLimitNote: the outcome comes first, and says
// where the rest are when a level exceeds what GitHub shows.
func TestGitHubSummaryFirstWithLimitNote(t *testing.T) {
	m := fixtureModel()
	var buf bytes.Buffer
	if err := Render(&buf, FormatGitHub, m, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "::notice title=embargo%3A "+m.Summary.Outcome+"::") || strings.Contains(buf.String(), "annotations of each level") {
		t.Errorf("small report:\n%s", buf.String())
	}
	for range ghAnnotationLimit + 1 {
		f := m.Findings[0]
		f.Verdict = audit.VerdictReview
		m.Findings = append(m.Findings, f)
	}
	buf.Reset()
	if err := Render(&buf, FormatGitHub, m, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(buf.String(), "\n")
	if !strings.Contains(first, "GitHub shows 10 annotations of each level per step") {
		t.Errorf("no limit note in %q", first)
	}
}
