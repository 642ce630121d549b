package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
)

// hostileStrings are planted in component names and suppliers; none may
// reach any report in a live form.
var hostileStrings = []string{
	`=HYPERLINK("http://evil.example/x","click")`,
	`<script>alert(1)</script>`,
	"\x1b[31mred\x1b[0m",
	`[link](http://evil.example/)`,
	`![img](http://evil.example/x.png)`,
	"a|b\n| c |",
}

// hostileSet writes the hostile inputs of issue 8 and returns their paths
// with the status each must end in ("" when either failed or audited with
// a warning is acceptable).
func hostileSet(t *testing.T, dir string) map[string]string {
	t.Helper()
	sample, err := os.ReadFile(fixtures + "sample.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	put := func(name, status string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files[p] = status
	}
	put("truncated.cdx.json", "failed", sample[:len(sample)/2])
	put("empty.json", "failed", nil)
	garbage := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(r.UintN(256))
	}
	put("garbage.bin", "failed", garbage)
	put("package.json", "failed", []byte(`{"name":"left-pad","version":"1.3.0","dependencies":{}}`))
	put("deep.cdx.json", "failed", []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":`+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+`}`))
	put("bomb.cdx.json.gz", "failed", gzipBomb(t, 256<<20))
	put("laughs.cdx.xml", "", []byte(billionLaughs))
	put("xxe.cdx.xml", "", []byte(xxe))
	put("aliases.spdx.yaml", "failed", []byte(yamlAliasBomb()))
	put("longline.spdx", "failed", []byte("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: x\nPackageName: "+strings.Repeat("A", 5<<20)+"\nSPDXID: SPDXRef-p\n"))
	put("invalid-utf8.cdx.json", "audited", []byte("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"bad\xff\xfename\x07\",\"supplier\":{\"name\":\"AO Kaspersky Lab\"}}]}"))
	put("hostile.cdx.json", "audited", hostileSBOM(t))
	return files
}

func gzipBomb(t *testing.T, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	for range size >> 20 {
		if _, err := zw.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components>
<component type="library"><name>&lol9;</name></component>
</components></bom>`

const xxe = `<?xml version="1.0"?>
<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components>
<component type="library"><name>&xxe;</name><supplier><name>AO Kaspersky Lab</name></supplier></component>
</components></bom>`

// yamlAliasBomb is billion laughs for YAML: ten levels of ten aliases.
func yamlAliasBomb() string {
	var b strings.Builder
	b.WriteString("spdxVersion: SPDX-2.3\na0: &a0 [x,x,x,x,x,x,x,x,x,x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d,", i-1), 10), ","))
	}
	b.WriteString("packages: []\n")
	return b.String()
}

func hostileSBOM(t *testing.T) []byte {
	t.Helper()
	type comp struct {
		Type     string            `json:"type"`
		Name     string            `json:"name"`
		Version  string            `json:"version"`
		Supplier map[string]string `json:"supplier"`
	}
	var cs []comp
	for i, s := range hostileStrings {
		cs = append(cs, comp{Type: "library", Name: s, Version: s, Supplier: map[string]string{"name": "AO Kaspersky Lab " + s}})
		_ = i
	}
	data, err := json.Marshal(map[string]any{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": cs})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestHostileInputs runs the whole hostile set through one audit writing
// every report format, within a minute and 1 GiB, and checks every input
// is reported with a clear status and no hostile string survives live.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile set builds a 256 MiB gzip bomb; skipped with -short")
	}
	isolate(t)
	dir := t.TempDir()
	files := hostileSet(t, dir)
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil { // -o never creates directories
		t.Fatal(err)
	}
	args := []string{"audit", "--max-bytes", "67108864", "--fail-on", "never"}
	for _, f := range []string{"table", "json", "sarif", "junit", "csv", "markdown", "html", "xlsx"} {
		args = append(args, "-o", f+"="+filepath.Join(out, "report."+f))
	}
	for p := range files {
		args = append(args, p)
	}
	peak := sampleHeap(t)
	start := time.Now()
	code, _, errOut := runIsolated(t, args...)
	elapsed := time.Since(start)
	if elapsed > time.Minute {
		t.Errorf("took %s, want well within a minute", elapsed)
	}
	if p := peak(); p > 1<<30 {
		t.Errorf("peak heap %d MiB, want under 1 GiB", p>>20)
	}
	if code != ExitIncomplete {
		t.Errorf("exit %d, want %d (inputs failed); stderr %s", code, ExitIncomplete, errOut)
	}
	checkStatuses(t, filepath.Join(out, "report.json"), files)
	checkNothingLive(t, out)
	t.Logf("hostile set: %d inputs in %s", len(files), elapsed)
}

func sampleHeap(t *testing.T) func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	t.Cleanup(func() { close(done) })
	return peak.Load
}

func checkStatuses(t *testing.T, report string, files map[string]string) {
	t.Helper()
	r := readReportFull(t, report)
	seen := map[string]bool{}
	for _, in := range r.Inputs {
		seen[in.Path] = true
		want := files[in.Path]
		switch {
		case want != "" && in.Status != want:
			t.Errorf("%s: status %s (%s), want %s", filepath.Base(in.Path), in.Status, in.Error, want)
		case in.Status == "failed" && !strings.Contains(in.Error, filepath.Base(in.Path)):
			t.Errorf("%s: error %q does not name the file", filepath.Base(in.Path), in.Error)
		case in.Status == "audited" && want == "" && len(in.Warnings) == 0 && in.Components > 0:
			t.Logf("%s: audited without warning (%d components)", filepath.Base(in.Path), in.Components)
		case strings.HasPrefix(filepath.Base(in.Path), "invalid-utf8") && !strings.Contains(strings.Join(in.Warnings, " "), "UTF-8"):
			t.Errorf("%s: no warning about the invalid UTF-8 replaced: %v", filepath.Base(in.Path), in.Warnings)
		}
		if strings.Contains(in.Error, "root:") {
			t.Errorf("%s: /etc/passwd leaked into the error", in.Path)
		}
	}
	for p := range files {
		if !seen[p] {
			t.Errorf("%s is missing from the report", filepath.Base(p))
		}
	}
}

type fullReport struct {
	Inputs []struct {
		Path, Status, Error string
		Warnings            []string
		Components          int
	}
}

func readReportFull(t *testing.T, path string) fullReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r fullReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// checkNothingLive scans each report for the hostile strings in a form
// its reader would act on.
func checkNothingLive(t *testing.T, dir string) {
	t.Helper()
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if s := read("report.table"); strings.ContainsRune(s, '\x1b') {
		t.Error("table: an ANSI escape reaches the terminal")
	}
	if strings.Contains(read("report.json"), "root:x:0:0") || strings.Contains(read("report.table"), "root:x:0:0") {
		t.Error("XXE: /etc/passwd content in a report")
	}
	html := read("report.html")
	for _, s := range []string{"<script>alert", `src="http://evil`, `href="http://evil`} {
		if strings.Contains(html, s) {
			t.Errorf("html: %q is live", s)
		}
	}
	md := read("report.markdown")
	for _, s := range []string{"](http://evil", "<script>", "\x1b"} {
		if strings.Contains(md, s) {
			t.Errorf("markdown: %q is live", s)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(read("report.csv"))).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("csv: cell %q would run as a formula", cell)
			}
		}
	}
	for _, name := range []string{"report.sarif", "report.junit"} {
		if strings.IndexFunc(read(name), func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' }) >= 0 {
			t.Errorf("%s: a raw control character", name)
		}
	}
}
