package cli

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/reports"
)

// readValidReport reads a JSON report as merge does: it must match the
// report schema (evidence basis included).
func readValidReport(t *testing.T, path string) *reports.Model {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := reports.ReadJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// emptySBOM is a valid CycloneDX document that lists no components.
const emptySBOM = `{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"timestamp":"2024-01-01T00:00:00Z"},"components":[]}`

// TestNothingAuditedIsIncomplete: a run that audited nothing, or a
// directory argument in which no file was an SBOM, exits 3, never 0.
func TestNothingAuditedIsIncomplete(t *testing.T) {
	isolate(t)
	clean := mustAbs(t, fixtures+"clean.cdx.json")
	cases := []struct {
		name  string
		files map[string]string
		extra []string // more arguments
		code  int
		gap   string // in the JSON report's summary.gaps
	}{
		{"all skipped", map[string]string{"README.md": "# hi\n", "notes.json": `{"name":"x"}`}, nil, ExitIncomplete, "no input was audited (2 given: 2 skipped"},
		{"no SBOM beside a good one", map[string]string{"README.md": "# hi\n"}, []string{clean}, ExitIncomplete, "holds no SBOM (1 file skipped)"},
		{"node_modules only", map[string]string{"node_modules/left-pad/package.json": `{"name":"left-pad","version":"1.3.0"}`,
			"node_modules/left-pad/index.js": "module.exports = 1\n"}, nil, ExitIncomplete, "package manifests or lock files (node_modules/): audit dir:"},
		{"manifests beside a good SBOM elsewhere", map[string]string{"go.mod": "module x\n", "requirements.txt": "requests==2.0\n"},
			[]string{clean}, ExitIncomplete, "(go.mod, requirements.txt): audit dir:"},
		{"declared SBOM with a wrong bomFormat", map[string]string{"vendor.json": `{"bomFormat":"CDX","specVersion":"1.6","components":[]}`},
			nil, ExitIncomplete, "1 input failed"},
		{"a directory with an SBOM passes", map[string]string{"README.md": "# hi\n", "sbom.json": mustRead(t, clean)}, nil, ExitOK, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range c.files {
				writeFile(t, filepath.Join(dir, name), content)
			}
			report := filepath.Join(t.TempDir(), "r.json")
			args := append([]string{"audit", "-o", "table", "-o", "json=" + report, dir}, c.extra...)
			code, out, errOut := runIsolated(t, args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, c.code, out, errOut)
			}
			m := readValidReport(t, report)
			gaps := strings.Join(m.Summary.Gaps, "\n")
			if c.gap == "" && gaps != "" || !strings.Contains(gaps, c.gap) {
				t.Errorf("gaps %q, want %q", gaps, c.gap)
			}
			if c.gap != "" && (m.Summary.Outcome != reports.OutcomeIncomplete || !strings.Contains(unwrapped(out), c.gap)) {
				t.Errorf("outcome %s; table does not say %q:\n%s", m.Summary.Outcome, c.gap, out)
			}
			for _, in := range m.Inputs {
				if len(in.SHA256) != 64 {
					t.Errorf("input %s (%s) has no sha256", in.Path, in.Status)
				}
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestBrokenDeclaredSBOMFails: a file that declares itself an SBOM with a
// wrong value or type fails, saying what the field holds.
func TestBrokenDeclaredSBOMFails(t *testing.T) {
	isolate(t)
	for doc, want := range map[string]string{
		`{"bomFormat":"CDX","specVersion":"1.6","components":[]}`:                       `bomFormat holds "CDX" (a string)`,
		`{"bomFormat":"CyclonDX","specVersion":"1.6"}`:                                  `bomFormat holds "CyclonDX"`,
		`{"bomFormat":2,"specVersion":"1.6","components":[]}`:                           `bomFormat holds 2 (a number)`,
		`{"bomFormat":"CycloneDX","specVersion":"banana","components":[]}`:              `specVersion holds "banana"`,
		`{"bomFormat":"CycloneDX","specVersion":1.6,"components":[]}`:                   `specVersion holds 1.6 (a number)`,
		`{"spdxVersion":2,"SPDXID":"SPDXRef-DOCUMENT","packages":[]}`:                   `spdxVersion holds 2 (a number)`,
		`{"spdxVersion":"2.3","SPDXID":"SPDXRef-DOCUMENT","packages":[]}`:               `spdxVersion holds "2.3"`,
		`<bom xmlns="http://example.com/bom"><components/></bom>`:                       `xmlns holds "http://example.com/bom"`,
		`{"components":[],"specVersion":"1.6","metadata":{},"bomFormat":["CycloneDX"]}`: `bomFormat holds ["CycloneDX"] (an array)`,
	} {
		dir := t.TempDir()
		p := writeFile(t, filepath.Join(dir, "sbom", "vendor.json"), doc)
		report := filepath.Join(dir, "r.json")
		code, _, errOut := runIsolated(t, "audit", "-o", "json="+report, filepath.Dir(p))
		if code != ExitIncomplete {
			t.Errorf("%s: exit %d, want %d: %s", doc, code, ExitIncomplete, errOut)
			continue
		}
		m := readValidReport(t, report)
		if len(m.Inputs) != 1 || m.Inputs[0].Status != "failed" || !strings.Contains(m.Inputs[0].Error, want) {
			t.Errorf("%s: inputs %+v, want failed with %q", doc, m.Inputs, want)
		}
		if got := m.Inputs[0].SHA256; got != sha256Hex([]byte(doc)) {
			t.Errorf("%s: sha256 %q, want the file's", doc, got)
		}
	}
}

// TestEmptyInputEverywhere: an SBOM without components is "empty" in the
// table, JSON, JUnit (an error case), SARIF and the closing line; exit 3.
func TestEmptyInputEverywhere(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "empty.cdx.json"), emptySBOM)
	out := func(f string) string { return filepath.Join(dir, "report."+f) }
	code, table, errOut := runIsolated(t, "audit", "-o", "table", "-o", "json="+out("json"), "-o", "junit="+out("junit"),
		"-o", "sarif="+out("sarif"), "-o", "markdown="+out("md"), in)
	if code != ExitIncomplete {
		t.Fatalf("exit %d, want %d: %s", code, ExitIncomplete, errOut)
	}
	m := readValidReport(t, out("json"))
	if m.Inputs[0].Status != "empty" || m.Summary.Empty != 1 || m.Summary.Audited != 0 || m.Summary.Outcome != reports.OutcomeIncomplete {
		t.Errorf("json: input %+v summary %+v", m.Inputs[0], m.Summary)
	}
	if !regexp.MustCompile(`(?m)^empty +\S+ +cyclonedx-json 1\.6 +0 `).MatchString(table) {
		t.Errorf("table does not show the input as empty:\n%s", table)
	}
	if !strings.Contains(unwrapped(table), "1 input, 0 audited, 0 failed, 0 skipped, 1 empty, 0 components.") {
		t.Errorf("closing line does not count the empty input:\n%s", table)
	}
	junit := mustRead(t, out("junit"))
	if !strings.Contains(junit, `type="empty"`) || !strings.Contains(junit, `errors="1"`) {
		t.Errorf("junit has no error case for the empty input:\n%s", junit)
	}
	sarif := mustRead(t, out("sarif"))
	if !strings.Contains(sarif, `"executionSuccessful": false`) || !strings.Contains(sarif, "status empty") {
		t.Errorf("sarif does not report the empty input:\n%s", sarif)
	}
	if md := mustRead(t, out("md")); !strings.Contains(md, "| empty |") {
		t.Errorf("markdown does not show the empty status:\n%s", md)
	}
}

// shardRun audits the four-input portfolio as shard i of n with fail-on
// never, and returns the report path.
func shardRun(t *testing.T, dir, manifest string, i, n int) string {
	t.Helper()
	p := filepath.Join(dir, fmt.Sprintf("shard-%d-of-%d.json", i, n))
	code, _, errOut := runIsolated(t, "audit", "--manifest", manifest, "--shard", fmt.Sprintf("%d/%d", i, n), "--fail-on", "never", "-o", "json="+p)
	if code != ExitOK && code != ExitIncomplete {
		t.Fatalf("shard %d/%d: exit %d %s", i, n, code, errOut)
	}
	return p
}

func portfolio(t *testing.T, dir string, sboms ...string) string {
	t.Helper()
	rows := "vendor,product,version,sbom\n"
	for i, s := range sboms {
		rows += fmt.Sprintf("Acme,P%d,1.0,%s\n", i, mustAbs(t, fixtures+s))
	}
	return writeFile(t, filepath.Join(dir, "portfolio.csv"), rows)
}

// TestMergeShards: merge refuses an incomplete set of shards (unless
// --allow-partial) and shards of different runs, and applies its own
// --fail-on to the merged findings whatever the shards ran with.
func TestMergeShards(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	manifest := portfolio(t, dir, "sample.cdx.json", "clean.cdx.json", "planted-1.7.cdx.json", "planted.spdx.rdf")
	var shards []string
	for i := 1; i <= 4; i++ {
		shards = append(shards, shardRun(t, dir, manifest, i, 4))
	}
	if m := readValidReport(t, shards[1]); m.Basis.Shard != (reports.ShardBasis{Index: 2, Count: 4, FailOn: "never"}) || m.Basis.InputSet.Count != 4 {
		t.Errorf("shard basis %+v %+v", m.Basis.Shard, m.Basis.InputSet)
	}
	merged := filepath.Join(dir, "merged.json")
	merge := func(args ...string) (int, string) {
		code, _, errOut := runIsolated(t, append([]string{"merge", "-o", "json=" + merged}, args...)...)
		return code, errOut
	}
	// All four, default fail-on prohibited: the prohibited finding fails
	// the merge although every shard ran with --fail-on never.
	if code, errOut := merge(shards...); code != ExitViolation {
		t.Errorf("merge of all shards: exit %d, want %d: %s", code, ExitViolation, errOut)
	}
	if m := readValidReport(t, merged); m.FailOn != "prohibited" || len(m.Basis.Merged) != 4 || m.Basis.Merged[0].FailOn != "never" || !m.Complete {
		t.Errorf("merged: failOn %s, basis %+v", m.FailOn, m.Basis.Merged)
	}
	if code, errOut := merge(append([]string{"--fail-on", "never"}, shards...)...); code != ExitOK {
		t.Errorf("merge --fail-on never: exit %d: %s", code, errOut)
	}
	// Two of four: refused, naming the missing shards.
	code, errOut := merge(shards[0], shards[2])
	if code != ExitError || !strings.Contains(errOut, "missing 2/4, 4/4") || !strings.Contains(errOut, "--allow-partial") {
		t.Errorf("merge of 2 of 4 shards: exit %d: %s", code, errOut)
	}
	code, errOut = merge("--allow-partial", "--fail-on", "never", shards[0], shards[2])
	m := readValidReport(t, merged)
	if code != ExitIncomplete || m.Complete || strings.Join(m.Basis.MissingShards, ",") != "2/4,4/4" {
		t.Errorf("merge --allow-partial: exit %d, complete %v, missing %v: %s", code, m.Complete, m.Basis.MissingShards, errOut)
	}
	// A shard of another run (another input set) is refused.
	other := portfolio(t, t.TempDir(), "sample.cdx.json", "clean.cdx.json")
	foreign := shardRun(t, t.TempDir(), other, 2, 4)
	code, errOut = merge(shards[0], foreign, shards[2], shards[3])
	if code != ExitError || !strings.Contains(errOut, "shards of different runs") {
		t.Errorf("merge with a foreign shard: exit %d: %s", code, errOut)
	}
	// A report of another schema version is named as such.
	old := writeFile(t, filepath.Join(dir, "old.json"), strings.Replace(mustRead(t, shards[0]), `"schemaVersion": "3"`, `"schemaVersion": "2"`, 1))
	if code, errOut = merge(old, shards[1]); code != ExitError || !strings.Contains(errOut, `schemaVersion "2" is not supported`) {
		t.Errorf("merge of a schema 2 report: exit %d: %s", code, errOut)
	}
	if code, _, errOut = runIsolated(t, "audit", "--baseline", old, fixtures+"clean.cdx.json"); code != ExitError || !strings.Contains(errOut, `schemaVersion "2" is not supported`) {
		t.Errorf("--baseline of a schema 2 report: exit %d: %s", code, errOut)
	}
}

// TestEvidenceBasis: the JSON report records (and the schema validates)
// everything that shaped the result; a configuration file in the working
// directory that sets policy is named in the report and, at -v, on stderr.
func TestEvidenceBasis(t *testing.T) {
	isolate(t)
	sample, clean := mustAbs(t, fixtures+"sample.cdx.json"), mustAbs(t, fixtures+"clean.cdx.json")
	dir := t.TempDir()
	inDir(t, dir)
	waivers := writeFile(t, filepath.Join(dir, "waivers.yaml"), `waivers:
  - id: WVR-1
    match: { entity: kaspersky }
    reason: engine replaced in the next release
    approver: ciso@example.com
    expires: "2027-01-31"
    ticket: SEC-42
`)
	cfg := writeFile(t, filepath.Join(dir, ".embargo.yaml"), "profile: [us-federal-contractor]\nwaivers: waivers.yaml\n")
	report := filepath.Join(dir, "r.json")
	t.Setenv("EMBARGO_FAIL_ON", "review")
	code, _, errOut := runIsolated(t, "-v", "audit", "--as-of", "2026-09-01", "-o", "json="+report, sample)
	if code != ExitOK && code != ExitViolation {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "configuration file .embargo.yaml in the working directory set profile, waivers") {
		t.Errorf("-v does not name the working-directory config:\n%s", errOut)
	}
	b := readValidReport(t, report).Basis
	want := reports.FileDigest{Path: ".embargo.yaml", SHA256: sha256Hex([]byte(mustRead(t, cfg)))}
	if len(b.ConfigFiles) != 1 || b.ConfigFiles[0] != want {
		t.Errorf("config files %+v, want %+v", b.ConfigFiles, want)
	}
	if len(b.WaiverFiles) != 1 || b.WaiverFiles[0].SHA256 != sha256Hex([]byte(mustRead(t, waivers))) {
		t.Errorf("waiver files %+v", b.WaiverFiles)
	}
	if len(b.Waivers) != 1 || b.Waivers[0].Approver != "ciso@example.com" || b.Waivers[0].Ticket != "SEC-42" ||
		b.Waivers[0].Expires != "2027-01-31" || b.Waivers[0].Reason != "engine replaced in the next release" || b.Waivers[0].Findings == 0 {
		t.Errorf("applied waivers %+v", b.Waivers)
	}
	if !b.DiscoveredDefaulted || b.Discovered != "2026-09-01" || b.AsOfSource != "flag" {
		t.Errorf("discovered %q defaulted %v, as-of from %q", b.Discovered, b.DiscoveredDefaulted, b.AsOfSource)
	}
	for key, src := range map[string]string{"profile": "file", "waivers": "file", "fail-on": "env", "as-of": "flag", "max-bytes": "default"} {
		if b.Settings[key].Source != src {
			t.Errorf("setting %s came from %+v, want %s", key, b.Settings[key], src)
		}
	}
	if b.Options["fail-on"] != "review" || b.Options["profile"] != "us-federal-contractor" || b.InputSet.Count != 1 || len(b.InputSet.SHA256) != 64 {
		t.Errorf("options %v input set %+v", b.Options, b.InputSet)
	}
	if len(b.Notes) != 1 || !strings.Contains(b.Notes[0], "working directory set profile, waivers") {
		t.Errorf("notes %q", b.Notes)
	}
	// Without --as-of, SOURCE_DATE_EPOCH (set by isolate) sets it, and
	// the run says so.
	code, _, errOut = runIsolated(t, "audit", "-o", "json="+report, clean)
	if b := readValidReport(t, report).Basis; b.AsOfSource != "SOURCE_DATE_EPOCH" || !strings.Contains(errOut, "taken from SOURCE_DATE_EPOCH") {
		t.Errorf("exit %d, as-of from %q; stderr %q", code, b.AsOfSource, errOut)
	}
}

// TestListsExportDigest: lists export writes the bytes whose sha256 the
// reports print.
func TestListsExportDigest(t *testing.T) {
	isolate(t)
	report := filepath.Join(t.TempDir(), "r.json")
	runIsolated(t, "audit", "--fail-on", "never", "-o", "json="+report, fixtures+"clean.cdx.json")
	for _, l := range readValidReport(t, report).Lists {
		code, out, errOut := runIsolated(t, "lists", "export", l.ID)
		if code != ExitOK {
			t.Fatalf("export %s: exit %d %s", l.ID, code, errOut)
		}
		if got := sha256Hex([]byte(out)); got != l.SHA256 {
			t.Errorf("list %s: export has sha256 %s, reports print %s", l.ID, got, l.SHA256)
		}
	}
}

// whitespaceBomb is gzip of pre, size bytes of white space and post. It
// is built of gzip members (which readers concatenate), so that the white
// space is compressed once.
func whitespaceBomb(t *testing.T, pre, post string, size int) []byte {
	t.Helper()
	member := func(data []byte) []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := zw.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	const chunk = 64 << 20
	ws := member(bytes.Repeat([]byte(" \n\t "), chunk/4))
	out := member([]byte(pre))
	for range size / chunk {
		out = append(out, ws...)
	}
	return append(out, member([]byte(post))...)
}

// TestHostileWhitespaceBombRSS: a gzip bomb of 1.2 GiB of white space
// inside a JSON array, XML and tag-value stops at --max-bytes (1 GiB by
// default) within 256 MiB of peak RSS, measured in a child process that
// runs the audit alone.
func TestHostileWhitespaceBombRSS(t *testing.T) {
	if os.Getenv("BOMB_CHILD_SBOM") != "" {
		t.Skip("child")
	}
	if testing.Short() {
		t.Skip("inflates 3.6 GiB")
	}
	if raceEnabled {
		// The race detector's shadow memory multiplies RSS and its
		// instrumentation makes inflating 3.6 GiB take minutes: the
		// measurement means something only without it (.ci/run runs this
		// test again without -race).
		t.Skip("peak RSS is not meaningful under the race detector")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc/self/status for peak RSS")
	}
	dir := t.TempDir()
	const size = 1229 << 20 // 1.2 GiB
	bombs := map[string][]byte{
		"ws.cdx.json.gz": whitespaceBomb(t, `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[`, `]}`, size),
		"ws.cdx.xml.gz":  whitespaceBomb(t, `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>`, `</components></bom>`, size),
		"ws.spdx.gz":     whitespaceBomb(t, "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: x\n", "\nPackageName: a\nSPDXID: SPDXRef-p\n", size),
	}
	for name, data := range bombs {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			report := filepath.Join(dir, name+".report.json")
			cmd := exec.Command(os.Args[0], "-test.run=^TestWhitespaceBombChild$", "-test.v")
			cmd.Env = append(os.Environ(), "BOMB_CHILD_SBOM="+p, "BOMB_CHILD_REPORT="+report)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			m := regexp.MustCompile(`peak-rss-kib=(\d+) exit=(\d+)`).FindSubmatch(out)
			if m == nil || string(m[2]) != fmt.Sprint(ExitIncomplete) {
				t.Fatalf("child printed no peak RSS or exited other than %d:\n%s", ExitIncomplete, out)
			}
			kib, _ := strconv.Atoi(string(m[1]))
			t.Logf("%s: peak RSS %d MiB, exit %s", name, kib>>10, m[2])
			if kib > 256<<10 {
				t.Errorf("peak RSS %d MiB, want under 256 MiB", kib>>10)
			}
			r := readValidReport(t, report)
			if string(m[2]) != fmt.Sprint(ExitIncomplete) || r.Inputs[0].Status != "failed" || !strings.Contains(r.Inputs[0].Error, "exceeds the size limit of 1073741824 bytes after decompression") {
				t.Errorf("exit %s, input %+v: want failed at the size limit", m[2], r.Inputs[0])
			}
		})
	}
}

// TestWhitespaceBombChild is the child of TestHostileWhitespaceBombRSS.
func TestWhitespaceBombChild(t *testing.T) {
	p := os.Getenv("BOMB_CHILD_SBOM")
	if p == "" {
		t.Skip("run by TestHostileWhitespaceBombRSS")
	}
	isolate(t)
	code, _, errOut := runIsolated(t, "audit", "-q", "--fail-on", "never", "-o", "json="+os.Getenv("BOMB_CHILD_REPORT"), p)
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		t.Fatalf("no VmHWM in /proc/self/status")
	}
	fmt.Printf("peak-rss-kib=%s exit=%d\n%s\n", m[1], code, errOut)
}

// unwrapped joins the lines the table wraps to the terminal's width, so
// that a sentence can be looked for whole.
func unwrapped(s string) string { return strings.Join(strings.Fields(s), " ") }
