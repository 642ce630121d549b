package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/embargo-sbom/embargo/audit"
)

// renderGitLab writes GitLab's code-quality report
// (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// a JSON array of issues, one per unsuppressed finding and failed input,
// shown in the merge request widget. The fingerprint of a finding is its
// stable id, so GitLab tells new findings from known ones across runs.
// The format has no place for a note on the whole report, so each issue
// says in its content body (the Code Climate field for an issue's longer
// explanation) that the report is not legal advice; an empty report
// advises nothing.
func renderGitLab(w io.Writer, m *Model, _ RenderOptions) error {
	issues := make([]glIssue, 0, len(m.Findings)+m.Summary.Failed)
	for _, in := range m.Inputs {
		if in.Status != audit.StatusFailed {
			continue
		}
		sum := sha256.Sum256([]byte("embargo/input-failed\x00" + in.Path))
		issues = append(issues, glIssue{
			Description: plain("cannot audit " + in.Path + ": " + in.Error),
			CheckName:   "embargo/input-failed",
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    "critical",
			Location:    glLocation{Path: glPath(in.Path), Lines: glLines{Begin: 1}},
			Content:     glDisclaimer,
		})
	}
	for _, f := range m.Findings {
		sev := glSeverity(f.Verdict)
		if sev == "" {
			continue
		}
		line := 1
		for _, e := range f.Evidence {
			if e.Line > 0 {
				line = e.Line
				break
			}
		}
		issues = append(issues, glIssue{
			Description: plain(fmt.Sprintf("%s: %s", f.Verdict, findingMessage(f))),
			CheckName:   ruleKey{entity: f.Entity.ID, category: f.Category}.id(),
			Fingerprint: f.ID,
			Severity:    sev,
			Location:    glLocation{Path: glPath(f.Input), Lines: glLines{Begin: line}},
			Content:     glDisclaimer,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

type glIssue struct {
	Description string     `json:"description"`
	CheckName   string     `json:"check_name"`
	Fingerprint string     `json:"fingerprint"`
	Severity    string     `json:"severity"`
	Location    glLocation `json:"location"`
	Content     *glContent `json:"content,omitempty"`
}

// glContent is an issue's longer explanation, in Markdown.
type glContent struct {
	Body string `json:"body"`
}

// glDisclaimer is the content of every issue: the report's disclaimer.
var glDisclaimer = &glContent{Body: Disclaimer}

type glLocation struct {
	Path  string  `json:"path"`
	Lines glLines `json:"lines"`
}

type glLines struct {
	Begin int `json:"begin"`
}

// glSeverity: a prohibited component blocks, review is major, info is
// info; suppressed findings are left out.
func glSeverity(v audit.Verdict) string {
	switch v {
	case audit.VerdictProhibited:
		return "blocker"
	case audit.VerdictReview:
		return "major"
	case audit.VerdictInfo:
		return "info"
	}
	return ""
}

func glPath(p string) string { return filepath.ToSlash(p) }
