package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"github.com/embargo-sbom/embargo/reports"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

type jsonReport struct {
	Warnings []string `json:"warnings"`
	Inputs   []struct {
		Path, Status, Vendor, Product string
	} `json:"inputs"`
	Findings []struct {
		ID, Input, Verdict, OriginalVerdict, Waiver string
		Component                                   struct{ Name string }
	} `json:"findings"`
}

func readReport(t *testing.T, path string) jsonReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r jsonReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func TestWaiversFromFileAndConfig(t *testing.T) {
	isolate(t)
	sample := mustAbs(t, fixtures+"sample.cdx.json")
	clean := mustAbs(t, fixtures+"clean.cdx.json")
	dir := t.TempDir()
	inDir(t, dir)
	waiver := `waivers:
  - id: W-OEM
    match: {name: acme-av-engine, entity: kaspersky}
    reason: Engine replaced in firmware 5.3, shipping 2027-01
    approver: Jane Doe (CISO)
    expires: 2027-01-31
    ticket: SEC-42
`
	writeFile(t, "waivers.yaml", waiver)
	code, _, errOut := runIsolated(t, "audit", "--as-of", "2026-11-27", "--waivers", "waivers.yaml", "-o", "json=r.json", sample)
	if code != ExitOK {
		t.Fatalf("waived finding still fails: exit %d %s", code, errOut)
	}
	r := readReport(t, "r.json")
	if len(r.Findings) != 1 || r.Findings[0].Verdict != "waived" || r.Findings[0].Waiver != "W-OEM" {
		t.Fatalf("findings = %+v", r.Findings)
	}
	// The day after expiry the finding counts again, with a warning.
	code, _, _ = runIsolated(t, "audit", "--as-of", "2027-02-01", "--waivers", "waivers.yaml", "-o", "json=r.json", sample)
	r = readReport(t, "r.json")
	if code != ExitViolation || !strings.Contains(strings.Join(r.Warnings, "\n"), "W-OEM") {
		t.Errorf("after expiry: exit %d, warnings %v", code, r.Warnings)
	}
	// The same waivers inline in .embargo.yaml.
	writeFile(t, ".embargo.yaml", "as-of: 2026-11-27\n"+waiver)
	if code, _, errOut := runIsolated(t, "audit", "-o", "json=r.json", sample); code != ExitOK {
		t.Errorf("inline waivers: exit %d %s", code, errOut)
	}
	// An unused waiver warns, and fails with --fail-on-unused-waivers.
	if code, _, _ := runIsolated(t, "audit", "-o", "json=r.json", clean); code != ExitOK {
		t.Errorf("unused waiver without the flag: exit %d", code)
	}
	if !strings.Contains(strings.Join(readReport(t, "r.json").Warnings, "\n"), "matched no finding") {
		t.Errorf("no unused-waiver warning")
	}
	if code, _, _ := runIsolated(t, "audit", "--fail-on-unused-waivers", "-o", "json=r.json", clean); code != ExitViolation {
		t.Errorf("--fail-on-unused-waivers: exit %d, want %d", code, ExitViolation)
	}
}

func TestMalformedWaiverFile(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	w := writeFile(t, filepath.Join(dir, "w.yaml"), "waivers:\n  - id: W\n    match: {name: x}\n    reason: r\n    expires: 2027-01-01\n")
	code, _, errOut := runIsolated(t, "audit", "--waivers", w, fixtures+"clean.cdx.json")
	if code != ExitError || !strings.Contains(errOut, "w.yaml:2") || !strings.Contains(errOut, "approver") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestBaselineGating(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	before := filepath.Join(dir, "before.json")
	sample := fixtures + "sample.cdx.json"
	if code, _, _ := runIsolated(t, "audit", "-o", "json="+before, sample); code != ExitViolation {
		t.Fatalf("first run: exit %d", code)
	}
	// Same findings: all baseline, the run passes.
	after := filepath.Join(dir, "after.json")
	if code, _, errOut := runIsolated(t, "audit", "--baseline", before, "-o", "json="+after, sample); code != ExitOK {
		t.Fatalf("baseline run: exit %d %s", code, errOut)
	}
	r := readReport(t, after)
	if len(r.Findings) != 1 || r.Findings[0].Verdict != "baseline" || r.Findings[0].OriginalVerdict != "prohibited" {
		t.Errorf("findings = %+v", r.Findings)
	}
	// A new finding (another SBOM) still fails.
	if code, _, _ := runIsolated(t, "audit", "--baseline", before, "-o", "json="+after, sample, fixtures+"planted-1.7.cdx.json"); code != ExitViolation {
		t.Errorf("new finding with baseline: exit %d, want %d", code, ExitViolation)
	}
	// A baseline that is no report is a usage error.
	if code, _, errOut := runIsolated(t, "audit", "--baseline", sample, sample); code != ExitError || !strings.Contains(errOut, "--baseline") {
		t.Errorf("bad baseline: exit %d %q", code, errOut)
	}
}

func TestListsCommands(t *testing.T) {
	isolate(t)
	code, out, _ := runIsolated(t, "lists")
	if code != ExitOK || !strings.Contains(out, "kaspersky") || !strings.Contains(out, "embedded") {
		t.Fatalf("lists: exit %d\n%s", code, out)
	}
	code, exported, _ := runIsolated(t, "lists", "export", "kaspersky")
	if code != ExitOK || !strings.Contains(exported, "id: kaspersky") {
		t.Fatalf("export: exit %d", code)
	}
	dir := t.TempDir()
	file := writeFile(t, filepath.Join(dir, "kaspersky.yaml"), strings.Replace(exported, "version: ", "version: 2099.1.1 #", 1))
	if code, out, errOut := runIsolated(t, "lists", "validate", file); code != ExitOK {
		t.Fatalf("validate: exit %d %s %s", code, out, errOut)
	}
	bad := writeFile(t, filepath.Join(dir, "bad.yaml"), "id: x\nbogus: 1\n")
	if code, _, errOut := runIsolated(t, "lists", "validate", bad); code != ExitError || !strings.Contains(errOut, "bad.yaml") {
		t.Errorf("validate bad: exit %d %q", code, errOut)
	}
	data, _ := os.ReadFile(file)
	sum := sha256.Sum256(data)
	if code, _, errOut := runIsolated(t, "lists", "import", file, "--sha256", strings.Repeat("ab", 32)); code != ExitError || !strings.Contains(errOut, "does not match") {
		t.Errorf("import with a wrong digest: exit %d %q", code, errOut)
	}
	if code, out, errOut := runIsolated(t, "lists", "import", file, "--sha256", hex.EncodeToString(sum[:])); code != ExitOK {
		t.Fatalf("import: exit %d %s %s", code, out, errOut)
	}
	_, out, _ = runIsolated(t, "lists")
	var row string // the kaspersky row; the other embedded lists stay embedded
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "kaspersky ") {
			row = line
		}
	}
	if !strings.Contains(row, "2099.1.1") || strings.Contains(row, "embedded") {
		t.Errorf("installed newer list does not take precedence:\n%s", out)
	}
}

func TestStaleListWarning(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	r := filepath.Join(dir, "r.json")
	runIsolated(t, "audit", "--as-of", "2030-01-01", "-o", "json="+r, fixtures+"clean.cdx.json")
	if !strings.Contains(strings.Join(readReport(t, r).Warnings, "\n"), "over --max-list-age") {
		t.Errorf("no staleness warning")
	}
	runIsolated(t, "audit", "--as-of", "2030-01-01", "--max-list-age", "10000d", "-o", "json="+r, fixtures+"clean.cdx.json")
	if w := readReport(t, r).Warnings; len(w) != 0 {
		t.Errorf("warnings %v with a long max age", w)
	}
}

func TestManifestAndShards(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	abs := mustAbs(t, fixtures)
	manifest := writeFile(t, filepath.Join(dir, "portfolio.csv"), "vendor,product,version,sbom\n"+
		"Acme,UTM,5.2,"+filepath.Join(abs, "sample.cdx.json")+"\n"+
		"Acme,Status page,2.0,"+filepath.Join(abs, "clean.cdx.json")+"\n"+
		"Globex,Edge router,1.7,"+filepath.Join(abs, "planted-1.7.cdx.json")+"\n"+
		"Initech,Sensor,1.0,"+filepath.Join(abs, "planted.spdx.rdf")+"\n")
	full := filepath.Join(dir, "full.json")
	code, _, errOut := runIsolated(t, "audit", "--manifest", manifest, "-o", "json="+full)
	if code != ExitViolation {
		t.Fatalf("manifest run: exit %d %s", code, errOut)
	}
	r := readReport(t, full)
	vendors := map[string]string{}
	for _, in := range r.Inputs {
		vendors[filepath.Base(in.Path)] = in.Vendor + "/" + in.Product
	}
	if vendors["sample.cdx.json"] != "Acme/UTM" || vendors["planted.spdx.rdf"] != "Initech/Sensor" {
		t.Errorf("vendors = %v", vendors)
	}
	var shards []string
	for i := 1; i <= 3; i++ {
		p := filepath.Join(dir, "shard"+string(rune('0'+i))+".json")
		runIsolated(t, "audit", "--manifest", manifest, "--shard", string(rune('0'+i))+"/3", "-o", "json="+p)
		shards = append(shards, p)
	}
	merged := filepath.Join(dir, "merged.json")
	code, _, errOut = runIsolated(t, append([]string{"merge", "-o", "json=" + merged}, shards...)...)
	if code != ExitViolation {
		t.Fatalf("merge: exit %d %s", code, errOut)
	}
	// Everything but the evidence basis equals the unsharded report; the
	// basis says what was merged, of the same input set.
	a, b := readValidReport(t, full), readValidReport(t, merged)
	if len(b.Basis.Merged) != 3 || b.Basis.InputSet != a.Basis.InputSet || a.Basis.InputSet.Count != 4 || b.Basis.Shard.Count != 0 {
		t.Errorf("merged basis %+v, unsharded %+v", b.Basis, a.Basis)
	}
	a.Basis, b.Basis = reports.Basis{}, reports.Basis{}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("merged shards differ from the unsharded report")
	}
}

// TestCustomListMerge: --list adds a list beside the embedded one, and
// --only-list narrows to it.
func TestCustomListMerge(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	list := mustAbs(t, "../../../vendorlists/examples/positive-technologies.yaml")
	sbomFile := writeFile(t, filepath.Join(dir, "mixed.cdx.json"), `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[
	  {"type":"application","name":"pt-scanner","version":"1","supplier":{"name":"AO Positive Technologies"}},
	  {"type":"application","name":"kes","version":"12","supplier":{"name":"AO Kaspersky Lab"}}]}`)
	entities := func(args ...string) []string {
		r := filepath.Join(dir, "r.json")
		runIsolated(t, append(append([]string{"audit", "--fail-on", "never", "-o", "json=" + r}, args...), sbomFile)...)
		var out []string
		for _, f := range readReport(t, r).Findings {
			out = append(out, f.Component.Name)
		}
		return out
	}
	if got := strings.Join(entities(), ","); got != "kes" {
		t.Errorf("embedded only: %s", got)
	}
	if got := strings.Join(entities("--list", list), ","); !strings.Contains(got, "kes") || !strings.Contains(got, "pt-scanner") {
		t.Errorf("with --list: %s", got)
	}
	if got := strings.Join(entities("--list", list, "--only-list", "positive-technologies-example"), ","); got != "pt-scanner" {
		t.Errorf("with --only-list: %s", got)
	}
	code, _, errOut := runIsolated(t, "audit", "--list", list, "--list", list, sbomFile)
	if code != ExitError || !strings.Contains(errOut, "already loaded") {
		t.Errorf("the same list twice: exit %d %q", code, errOut)
	}
}
