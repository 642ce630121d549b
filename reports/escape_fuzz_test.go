package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/embargo-sbom/embargo/audit"
)

// plant puts v in every field of the fixture that an SBOM or a manifest
// supplies: component name, group, version and supplier, evidence values,
// dependency paths, manifest vendor, product and version.
func plant(v string) *audit.Result {
	res := fixtureResult()
	for i := range res.Inputs {
		in := &res.Inputs[i]
		in.Vendor, in.Product, in.Version = v, v, v
		if in.Name != "" {
			in.Name = v
		}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Component.Name, f.Component.Group, f.Component.Version, f.Component.Supplier = v, v, v, v
		for j := range f.Evidence {
			f.Evidence[j].Value = v
		}
		for j := range f.Path {
			f.Path[j] = v
		}
	}
	return res
}

// mdEscaped drops backslash escapes, leaving what a Markdown reader acts on.
var mdEscaped = regexp.MustCompile(`\\.`)

// live counts, per construct, how often a rendered report holds it where
// its reader would act on it.
func live(f Format, out []byte) map[string]int {
	s := string(out)
	var marks []string
	switch f {
	case FormatMarkdown, FormatMarkdownSummary:
		s = strings.ToLower(mdEscaped.ReplaceAllString(s, ""))
		marks = []string{"<", "](", "![", "`", "*", "_", "|", "@", "http:", "https:", "www.", "\n", "&", "[", "~"}
	case FormatHTML:
		// '&' is not counted: entities are how html/template escapes.
		s = strings.ToLower(s)
		marks = []string{"<", ">", `"`, "'", `="javascript:`, `=javascript:`, `="data:`, `url(`}
	}
	n := map[string]int{}
	for _, m := range marks {
		n[m] = strings.Count(s, m)
	}
	return n
}

// harmless caches, per format and length, the live constructs of the
// report built with a harmless string of that length.
type harmless struct {
	mu   sync.Mutex
	seen map[Format]map[int]map[string]int
}

var baseline harmless

func (h *harmless) live(t *testing.T, f Format, n int) map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.seen == nil {
		h.seen = map[Format]map[int]map[string]int{}
	}
	if h.seen[f] == nil {
		h.seen[f] = map[int]map[string]int{}
	}
	if c, ok := h.seen[f][n]; ok {
		return c
	}
	c := live(f, render(t, f, NewModel(plant(strings.Repeat("x", n)), fixtureOptions()), RenderOptions{}))
	h.seen[f][n] = c
	return c
}

// FuzzReportEscaping: whatever string an SBOM carries, it is inert in
// every report a person or a tool opens. CSV cells never start a formula
// nor carry a control character; Markdown and HTML hold exactly the live
// constructs (tags, links, emphasis, table breaks, autolinks, entities,
// quotes) of the same report built with a harmless string of the same
// length; SARIF stays JSON with plain-text messages. The report is built
// through NewModel and Render, as the CLI does.
func FuzzReportEscaping(f *testing.F) {
	for _, s := range []string{
		hostileFormula, hostileScript, hostileANSI, hostileLink, hostileImage, hostilePipe,
		"-1", "+1", "@SUM(A1)", "\tx", "\rx", "a\nb", "`code`", "*b* _i_", "<img src=x onerror=alert(1)>",
		`" onmouseover="alert(1)`, "' onfocus='x", "javascript:alert(1)", "&lt;script&gt;", "&#60;",
		"https://evil.example/x", "www.evil.example", "a@b.example", "evil\u202eexe", "\u2066iso\u2069",
		"~~s~~", "[x]: http://evil", "| a | b |", "\\|", "\\", "<!-- c -->", "]]>", "\u0085", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.TrimSpace(s) == "" {
			return // an empty field is left out of some views: nothing to compare
		}
		m := NewModel(plant(s), fixtureOptions())
		checkCSVCellsInert(t, m)
		checkSARIFInert(t, m)
		for _, f := range []Format{FormatMarkdown, FormatMarkdownSummary, FormatHTML} {
			got, want := live(f, render(t, f, m, RenderOptions{})), baseline.live(t, f, utf8.RuneCountInString(s))
			for k, n := range want {
				if got[k] != n {
					t.Errorf("%s: %d live %q with %q planted, %d with a harmless string", f, got[k], k, s, n)
				}
			}
		}
		// a string with a character HTML must escape never appears more often
		// than in the same report with a harmless string (markup has quotes)
		if strings.ContainsAny(s, `<>"'&`) {
			out := render(t, FormatHTML, m, RenderOptions{})
			harmlessOut := render(t, FormatHTML, NewModel(plant(strings.Repeat("x", utf8.RuneCountInString(s))), fixtureOptions()), RenderOptions{})
			if got, base := countRaw(out, s), countRaw(harmlessOut, s); got > base {
				t.Errorf("html holds %q as written %d times, %d with a harmless string", s, got, base)
			}
		}
	})
}

// countRaw counts the occurrences of s in out that are s as written, not
// the prefix of its escaped form: "a&" is a prefix of "a&amp;", which is
// how html/template writes it, so an occurrence whose '&' is followed by
// "amp;" is the escape, not s.
func countRaw(out []byte, s string) int {
	n := 0
	for i := 0; ; {
		j := bytes.Index(out[i:], []byte(s))
		if j < 0 {
			return n
		}
		at := i + j
		if !escapedAmpersand(out[at:], s) {
			n++
		}
		i = at + 1
	}
}

// escapedAmpersand reports whether one of the '&' of s, at the start of
// tail, is followed in tail by "amp;".
func escapedAmpersand(tail []byte, s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] == '&' && bytes.HasPrefix(tail[k:], []byte("&amp;")) {
			return true
		}
	}
	return false
}

func checkCSVCellsInert(t *testing.T, m *Model) {
	t.Helper()
	for _, f := range []Format{FormatCSV, FormatCSVExcel} {
		out := bytes.TrimPrefix(render(t, f, m, RenderOptions{}), []byte("\ufeff"))
		rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(rows) != 1+len(m.Findings) {
			t.Fatalf("%s: %d rows, want a header and %d findings", f, len(rows), len(m.Findings))
		}
		for _, row := range rows {
			if len(row) != len(csvFileHeader()) {
				t.Errorf("%s: row of %d cells, header %d", f, len(row), len(csvFileHeader()))
			}
			for _, c := range row {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("%s: cell %q would run as a formula", f, c)
				}
				if strings.ContainsFunc(c, needsEscape) {
					t.Errorf("%s: cell %q carries a control character", f, c)
				}
			}
		}
	}
}

func checkSARIFInert(t *testing.T, m *Model) {
	t.Helper()
	var log sarifCheck
	if err := json.Unmarshal(render(t, FormatSARIF, m, RenderOptions{}), &log); err != nil {
		t.Fatalf("sarif is not JSON: %v", err)
	}
	for _, r := range log.Runs[0].Results {
		if strings.ContainsFunc(r.Message.Text, needsEscape) {
			t.Errorf("sarif message carries a control character: %q", r.Message.Text)
		}
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if strings.Contains(r.Help.Markdown, "<") {
			t.Errorf("sarif rule help holds a raw '<': %q", r.Help.Markdown)
		}
	}
}
