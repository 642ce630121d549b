package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// JUnit XML has no formal standard; this follows the shape Jenkins, GitLab
// and GitHub test reporters read: testsuites > testsuite > testcase with
// failure, error or skipped children.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// renderJUnit writes one suite per input and one case per finding. A case
// fails when its finding is at or above fail-on; waived and baseline
// findings are skipped cases (visible, never failing); an input that could
// not be decoded is one errored case; an audited input with no findings is
// one passing case, so every input shows up in the CI test tab. A suite is
// named "vendor / product / path" when a manifest named the input's vendor
// and product, so CI groups a portfolio by vendor.
func renderJUnit(w io.Writer, m *Model, _ RenderOptions) error {
	byInput := map[string][]Finding{}
	for _, f := range m.Findings {
		byInput[f.Input] = append(byInput[f.Input], f)
	}
	doc := junitSuites{Name: orDefault(m.Tool.Name, "embargo")}
	dir := CommonDir(m.inputPaths())
	for _, in := range m.Inputs {
		s := junitSuiteFor(m, in, relativeTo(dir, in.Path), byInput[in.Path])
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		doc.Suites = append(doc.Suites, s)
	}
	if s, ok := junitRunSuite(m); ok {
		doc.Tests += s.Tests
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitSuiteFor builds an input's suite. rel is the input's path relative
// to the inputs' common directory: suite names and classnames use it, so
// that CI viewers show a short path rather than an absolute one split into
// dotted packages.
func junitSuiteFor(m *Model, in Input, rel string, findings []Finding) junitSuite {
	s := junitSuite{
		Name:      xmlText(junitSuiteName(in)),
		Timestamp: m.GeneratedAt.Format("2006-01-02T15:04:05"),
		Properties: []junitProperty{
			{Name: "sha256", Value: xmlText(in.SHA256)},
			{Name: "format", Value: xmlText(joinNonEmpty(" ", in.Format, in.SpecVersion))},
			{Name: "asOf", Value: m.AsOf},
			{Name: "failOn", Value: m.FailOn},
			{Name: "disclaimer", Value: Disclaimer},
		},
	}
	for _, p := range []junitProperty{{"vendor", in.Vendor}, {"product", in.Product}, {"productVersion", in.Version}} {
		if p.Value != "" {
			s.Properties = append(s.Properties, junitProperty{Name: p.Name, Value: xmlText(p.Value)})
		}
	}
	class := xmlText(junitClassname(in, rel))
	switch in.Status {
	case audit.StatusFailed:
		s.Cases = append(s.Cases, junitCase{Name: "decode " + xmlText(rel), Classname: class,
			Error: &junitProblem{Message: xmlText(in.Error), Type: "decode"}})
	case audit.StatusSkipped:
		s.Cases = append(s.Cases, junitCase{Name: "audit " + xmlText(rel), Classname: class,
			Skipped: &junitProblem{Message: "input skipped"}})
	case audit.StatusEmpty:
		// An SBOM with no components cannot show absence: an error, never
		// a passing case.
		s.Cases = append(s.Cases, junitCase{Name: "audit " + xmlText(in.Path), Classname: class,
			Error: &junitProblem{Message: "the SBOM lists no components (status empty), so it cannot show the absence of listed vendors", Type: "empty"}})
	default:
		if len(findings) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "no listed components", Classname: class})
		}
	}
	for _, f := range findings {
		s.Cases = append(s.Cases, junitCaseFor(f, class))
	}
	for _, c := range s.Cases {
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	return s
}

// junitSuiteName is "vendor / product version / path" with the parts the
// manifest gave, or the path alone, as given.
func junitSuiteName(in Input) string {
	if in.Vendor == "" {
		return in.Path
	}
	return joinNonEmpty(" / ", in.Vendor, joinNonEmpty(" ", in.Product, in.Version), in.Path)
}

// junitClassname is "vendor / product version" when a manifest named the
// input, else its relative path: what CI test tabs group cases under.
func junitClassname(in Input, rel string) string {
	if in.Vendor == "" {
		return rel
	}
	return joinNonEmpty(" / ", in.Vendor, joinNonEmpty(" ", in.Product, in.Version))
}

func junitCaseFor(f Finding, class string) junitCase {
	c := junitCase{
		Name:      xmlText(fmt.Sprintf("%s: %s -> %s [%s]", f.Verdict, f.Component.Label(), f.Entity.Name, f.ID)),
		Classname: class,
	}
	details := junitDetails(f)
	switch {
	case f.Fails:
		c.Failure = &junitProblem{Message: xmlText(plainMessage(f)), Type: string(f.Verdict), Text: details}
	case f.Verdict.Rank() == 0:
		c.Skipped = &junitProblem{Message: xmlText(f.VerdictLabel())}
		c.SystemOut = details
	default:
		c.SystemOut = details
	}
	return c
}

// junitDetails is the plain-text body CI tools show under a failed case.
func junitDetails(f Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nfinding:    %s\ncomponent:  %s\npurl:       %s\nsupplier:   %s\nentity:     %s (%s)\nverdict:    %s (%s confidence, %s)\n",
		f.ID, plain(f.Component.Label()), plain(f.Component.PURL), plain(f.Component.Supplier),
		plain(f.Entity.Name), plain(f.Entity.List), plain(string(f.Verdict)), f.Confidence, plain(f.Category))
	if f.Suppressed() {
		fmt.Fprintf(&b, "suppressed: %s\n", plain(orDefault(f.SuppressionNote(), "yes")))
	}
	for _, e := range f.Evidence {
		fmt.Fprintf(&b, "evidence:   %s %s %s (%s, rule %s)\n", plain(e.Signal), plain(e.Field), quotePlain(e.Value), plain(e.Strength), plain(e.Rule))
	}
	for _, o := range f.Obligations {
		fmt.Fprintf(&b, "obligation: %s %s: %s; due %s (%s)\n", plain(o.Regime), plain(o.Citation), plain(o.Action), orDash(o.Due), plain(o.Status.Text))
	}
	return xmlText(b.String())
}

// xmlText makes a string safe for XML 1.0, which cannot carry most control
// characters at all: they become visible escapes (newlines are kept, since
// a multi-line body is wanted in failure text).
func xmlText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = visible(l)
	}
	return strings.Join(lines, "\n")
}

// junitRunSuite holds one errored case per gap of the run that no input
// suite shows (nothing audited, a directory without an SBOM, missing
// shards), so that a CI test tab never shows such a run as green.
func junitRunSuite(m *Model) (junitSuite, bool) {
	gaps := runGaps(m)
	if len(gaps) == 0 {
		return junitSuite{}, false
	}
	s := junitSuite{Name: "embargo run", Properties: []junitProperty{{Name: "disclaimer", Value: Disclaimer}}}
	for _, g := range gaps {
		s.Cases = append(s.Cases, junitCase{Name: "coverage", Classname: "embargo.run",
			Error: &junitProblem{Message: xmlText("incomplete: " + g), Type: "incomplete"}})
	}
	s.Tests, s.Errors = len(s.Cases), len(s.Cases)
	return s, true
}
