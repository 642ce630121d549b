package reports

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom/scanner"
)

// renderGitHub writes GitHub Actions workflow commands
// (docs.github.com/actions/reference/workflow-commands-for-github-actions):
// one ::error/::warning/::notice line per unsuppressed finding, failed
// input and warning, so that findings show as annotations on the pull
// request without the security-events permission SARIF upload needs, then
// one ::notice with the outcome. Every SBOM string goes through ghData or
// ghProperty: a component name cannot end the line and smuggle in a
// command of its own (::add-mask::, ::stop-commands::).
func renderGitHub(w io.Writer, m *Model, _ RenderOptions) error {
	bw := bufio.NewWriter(w)
	// the outcome first: GitHub shows at most ten annotations of each
	// level per step, and the outcome must not be the one cut
	s := m.Summary
	ghCommand(bw, "notice", "", 0, "embargo: "+s.Outcome, fmt.Sprintf(
		"%s: %d of %d inputs audited (%d failed, %d skipped), %d components; findings: %d prohibited, %d review, %d info, %d waived, %d baseline; %d at or above --fail-on %s.%s Not legal advice.",
		s.Outcome, s.Audited, s.Inputs, s.Failed, s.Skipped, s.Components,
		s.Findings.Prohibited, s.Findings.Review, s.Findings.Info, s.Findings.Waived, s.Findings.Baseline, s.Failing, orDefault(m.FailOn, "prohibited"), ghLimitNote(m)))
	for _, in := range m.Inputs {
		if in.Status == audit.StatusFailed {
			ghCommand(bw, "error", ghFile(in.Path), 0, "embargo: input not audited", "cannot audit "+in.Path+": "+in.Error)
		}
		for _, warn := range in.Warnings {
			ghCommand(bw, "warning", ghFile(in.Path), 0, "embargo: input warning", in.Path+": "+warn)
		}
	}
	for _, warn := range m.Warnings {
		ghCommand(bw, "warning", "", 0, "embargo: warning", warn)
	}
	for _, f := range m.Findings {
		level := ghLevel(f.Verdict)
		if level == "" {
			continue
		}
		line := 0
		for _, e := range f.Evidence {
			if e.Line > 0 {
				line = e.Line
				break
			}
		}
		title := fmt.Sprintf("embargo: %s: %s", f.Verdict, orDefault(f.Entity.Name, f.Entity.ID))
		ghCommand(bw, level, ghFile(f.Input), line, title, findingMessage(f))
	}
	return bw.Flush()
}

// ghAnnotationLimit is how many annotations of one level GitHub shows
// for a step.
const ghAnnotationLimit = 10

// ghLimitNote says where to look when some annotations will not show.
func ghLimitNote(m *Model) string {
	counts := map[string]int{}
	for _, in := range m.Inputs {
		if in.Status == audit.StatusFailed {
			counts["error"]++
		}
		counts["warning"] += len(in.Warnings)
	}
	counts["warning"] += len(m.Warnings)
	for _, f := range m.Findings {
		counts[ghLevel(f.Verdict)]++
	}
	counts["notice"]++ // this summary
	for _, n := range counts {
		if n > ghAnnotationLimit {
			return fmt.Sprintf(" GitHub shows %d annotations of each level per step; the job log, the job summary and the SARIF report hold them all.", ghAnnotationLimit)
		}
	}
	return ""
}

// ghLevel: suppressed findings (waived, baseline) are not annotated.
func ghLevel(v audit.Verdict) string {
	switch v {
	case audit.VerdictProhibited:
		return "error"
	case audit.VerdictReview:
		return "warning"
	case audit.VerdictInfo:
		return "notice"
	}
	return ""
}

// ghFile is the file= of an input: its path, relative as given, for SBOM
// files; nothing for stdin and generated sources (dir:..., oci-archive:...),
// which are not files in the repository.
func ghFile(path string) string {
	if path == "-" || path == "" || scanner.IsSchemeArg(path) {
		return ""
	}
	return filepath.ToSlash(path)
}

func ghCommand(w *bufio.Writer, level, file string, line int, title, msg string) {
	w.WriteString("::" + level + " ")
	var props []string
	if file != "" {
		props = append(props, "file="+ghProperty(file))
		if line > 0 {
			props = append(props, fmt.Sprintf("line=%d", line))
		}
	}
	props = append(props, "title="+ghProperty(title))
	w.WriteString(strings.Join(props, ","))
	w.WriteString("::" + ghData(msg) + "\n")
}

// ghData escapes a command's message as the runner unescapes it.
var ghDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// ghPropertyEscaper additionally escapes the separators of properties.
var ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func ghData(s string) string     { return ghDataEscaper.Replace(visible(s)) }
func ghProperty(s string) string { return ghPropertyEscaper.Replace(visible(s)) }
