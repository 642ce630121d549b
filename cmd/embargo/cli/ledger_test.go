package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/embargo-sbom/embargo/audit/ledger/opener"
	"github.com/embargo-sbom/embargo/audit/ledger/postgres"
	"github.com/embargo-sbom/embargo/sbom"
)

// cdxWith is a CycloneDX 1.6 SBOM of the given components (name, version,
// supplier), with a plain component so that it is never empty.
func cdxWith(comps ...[3]string) string {
	parts := []string{`{"type":"library","bom-ref":"zlib","name":"zlib","version":"1.3","purl":"pkg:deb/debian/zlib@1.3"}`}
	for _, c := range comps {
		parts = append(parts, fmt.Sprintf(`{"type":"application","bom-ref":%q,"name":%q,"version":%q,"purl":"pkg:deb/kaspersky/%s@%s","supplier":{"name":%q}}`,
			c[0], c[0], c[1], c[0], c[1], c[2]))
	}
	return `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[` + strings.Join(parts, ",") + `]}`
}

var keslComp = [3]string{"kesl", "11.1", "AO Kaspersky Lab"}

func writeSBOM(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// auditJSON runs embargo audit and returns its JSON report.
func auditJSON(t *testing.T, args ...string) (int, map[string]any) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	code, _, errOut := run(t, context.Background(), "", append([]string{"audit", "-q", "-o", "json=" + out}, args...)...)
	var m map[string]any
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("audit %v: exit %d, no report: %v\n%s", args, code, err, errOut)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return code, m
}

type register struct {
	Counts struct{ Open, Reported, Resolved, Overdue int }
	Cases  []struct {
		ID, Status, Identified, Reported, Resolved, NextDue, Subject string
		Overdue                                                      bool
		Obligations                                                  []struct {
			Regime, ID, Due string
			Status          struct{ State string }
		}
	}
}

func casesJSON(t *testing.T, args ...string) register {
	t.Helper()
	code, out, errOut := run(t, context.Background(), "", append([]string{"cases", "-o", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("cases %v: exit %d\n%s", args, code, errOut)
	}
	var r register
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("cases JSON: %v\n%s", err, out)
	}
	return r
}

func findingCase(t *testing.T, report map[string]any) map[string]any {
	t.Helper()
	fs, _ := report["findings"].([]any)
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	return fs[0].(map[string]any)["case"].(map[string]any)
}

// TestLedgerCaseWalk: issue 12's walk through the CLI. Identified
// Wednesday 2026-11-25 (Thanksgiving next day); the nightly run of
// 2026-12-03 finds the report (due 2026-12-01) overdue; reported
// 2026-11-30, the follow-up is due 2026-12-14; a fixed SBOM resolves the
// case; the component's return reopens it.
func TestLedgerCaseWalk(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	sbomPath := writeSBOM(t, filepath.Join(dir, "gw.cdx.json"), cdxWith(keslComp))
	manifest := writeSBOM(t, filepath.Join(dir, "m.csv"), "vendor,product,version,sbom\nAcme,Gateway,1,"+sbomPath+"\n")
	common := []string{"--ledger", db, "--profile", "us-federal-contractor", "--manifest", manifest}

	_, rep := auditJSON(t, append(common, "--as-of", "2026-11-25")...)
	c := findingCase(t, rep)
	if c["status"] != "open" || c["identified"] != "2026-11-25" {
		t.Fatalf("first run: case %v", c)
	}
	id := c["id"].(string)

	_, rep = auditJSON(t, append(common, "--as-of", "2026-12-03")...)
	if c := findingCase(t, rep); c["identified"] != "2026-11-25" {
		t.Errorf("nightly run: identified %v, want 2026-11-25 (deadlines must not slide)", c["identified"])
	}
	r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue")
	if len(r.Cases) != 1 || !r.Cases[0].Overdue || r.Cases[0].NextDue != "2026-12-01" || r.Cases[0].ID != id {
		t.Fatalf("overdue on 2026-12-03: %+v", r)
	}

	code, out, errOut := runOn(t, "2026-12-11", "cases", "mark", "--ledger", db, "--reported", "--on", "2026-11-30", "--ref", "DIBNet-4711", "--by", "j.doe", id)
	if code != 0 || !strings.Contains(out, id+": reported on 2026-11-30") {
		t.Fatalf("mark: exit %d\n%s%s", code, out, errOut)
	}
	if _, out, _ := runOn(t, "2026-12-11", "cases", "mark", "--ledger", db, "--reported", "--on", "2026-11-30", "--ref", "DIBNet-4711", "--by", "j.doe", id); !strings.Contains(out, "unchanged") {
		t.Errorf("marking again: %s", out)
	}
	r = casesJSON(t, "--ledger", db, "--as-of", "2026-12-03")
	if len(r.Cases) != 1 || r.Cases[0].Status != "reported" || r.Cases[0].Overdue || r.Cases[0].NextDue != "2026-12-14" {
		t.Errorf("after the report: %+v", r.Cases)
	}
	if r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-03", "--status", "overdue"); len(r.Cases) != 0 {
		t.Errorf("a reported case with its follow-up not yet due is overdue: %+v", r.Cases)
	}
	// the follow-up (due 2026-12-14) is late on 2026-12-15 until it is
	// recorded; then it is done and the case is not overdue
	if r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-15", "--status", "overdue"); len(r.Cases) != 1 {
		t.Errorf("a reported case whose follow-up is past due is not overdue: %+v", r.Cases)
	}
	if code, out, errOut := runOn(t, "2026-12-11", "cases", "mark", "--ledger", db, "--followed-up", "--on", "2026-11-29", id); code == 0 {
		t.Errorf("a follow-up before the report was accepted: %s", out)
	} else if !strings.Contains(errOut, "needs the report it follows") {
		t.Errorf("follow-up before the report: %s", errOut)
	}
	code, out, errOut = runOn(t, "2026-12-11", "cases", "mark", "--ledger", db, "--followed-up", "--on", "2026-12-10", "--ref", "DIBNet-4711-2", id)
	if code != 0 || !strings.Contains(out, id+": followed up on 2026-12-10") {
		t.Fatalf("mark --followed-up: exit %d\n%s%s", code, out, errOut)
	}
	if r := casesJSON(t, "--ledger", db, "--as-of", "2026-12-15", "--status", "overdue"); len(r.Cases) != 0 {
		t.Errorf("a case whose follow-up report is recorded is overdue: %+v", r.Cases)
	}

	writeSBOM(t, sbomPath, cdxWith())
	auditJSON(t, append(common, "--as-of", "2026-12-08")...)
	r = casesJSON(t, "--ledger", db, "--as-of", "2026-12-08", "--status", "resolved")
	if len(r.Cases) != 1 || r.Cases[0].Resolved != "2026-12-08" {
		t.Fatalf("fixed SBOM: %+v", r.Cases)
	}

	writeSBOM(t, sbomPath, cdxWith([3]string{"kesl", "11.2", "AO Kaspersky Lab"}))
	_, rep = auditJSON(t, append(common, "--as-of", "2026-12-10")...)
	if c := findingCase(t, rep); c["status"] != "open" || c["identified"] != "2026-12-10" || c["resolved"] != "" || c["id"] != id {
		t.Errorf("component back: case %v, want %s open, identified again 2026-12-10", c, id)
	}

	code, out, _ = run(t, context.Background(), "", "cases", "history", "--ledger", db, id)
	for _, want := range []string{"identified", "reported on 2026-11-30 ref DIBNet-4711", "followed-up", "2026-12-10", "j.doe", "reported → resolved", "resolved → open", "version", "11.1 → 11.2"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
}

// TestReauditAfterFileDeleted: the ledger keeps what matching needs; a
// list gaining an entity finds a new case in an SBOM whose file is gone,
// identified on the re-audit's date.
func TestReauditAfterFileDeleted(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	app := writeSBOM(t, filepath.Join(dir, "app.cdx.json"), cdxWith([3]string{"widget", "2.0", "Widget Makers Ltd"}))
	code, rep := auditJSON(t, "--ledger", db, "--as-of", "2026-11-25", app)
	if code != 0 || len(rep["findings"].([]any)) != 0 {
		t.Fatalf("clean audit: exit %d, %v findings", code, rep["findings"])
	}
	if err := os.Remove(app); err != nil {
		t.Fatal(err)
	}
	list := writeSBOM(t, filepath.Join(dir, "new.yaml"), newEntityList)
	out := filepath.Join(dir, "reaudit.json")
	code, _, errOut := run(t, context.Background(), "", "reaudit", "-q", "--ledger", db, "--list", list, "--profile", "us-federal-contractor", "--as-of", "2026-12-02", "-o", "json="+out)
	if code != ExitViolation {
		t.Fatalf("reaudit: exit %d, want %d\n%s", code, ExitViolation, errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	c := findingCase(t, rep)
	if c["status"] != "open" || c["identified"] != "2026-12-02" {
		t.Errorf("new case from the re-audit: %v", c)
	}
	if in := rep["inputs"].([]any)[0].(map[string]any); in["path"] != app || in["status"] != "audited" {
		t.Errorf("re-audited input %v, want %s audited from the ledger", in, app)
	}
	r := casesJSON(t, "--ledger", db, "--list", list, "--as-of", "2026-12-02")
	if len(r.Cases) != 1 || r.Cases[0].NextDue != "2026-12-07" {
		t.Errorf("cases after the re-audit: %+v", r.Cases)
	}
}

const newEntityList = `schemaVersion: "1"
id: newlist
title: New list
version: "2026.12.0"
published: 2026-11-20
maintainer: embargo tests
sources:
  - {id: T1, title: test source, url: https://example.org/t1}
regimes:
  - id: far-52-204-23
    title: FAR 52.204-23
    citation: 48 CFR 52.204-23
    jurisdiction: US
    appliesTo: federal contractors
    covers: [product, integration, non-security]
    sources: [T1]
    obligations:
      - id: report
        action: Report to the contracting officer.
        effective: 2018-07-16
        dueRule: business-days:3
        sources: [T1]
profiles:
  - id: us-federal-contractor
    title: U.S. federal contractor
    regimes: [far-52-204-23]
entities:
  - id: widget
    name: Widget Makers Ltd
    sources: [T1]
    names:
      - {value: Widget Makers Ltd, sources: [T1]}
`

var pgSchemas atomic.Int64

// ledgerTargets are an SQLite file and, when a server is available, a
// PostgreSQL schema; without one the PostgreSQL case skips locally and
// fails in CI.
func ledgerTargets(t *testing.T) map[string]func(t *testing.T) string {
	dsn := os.Getenv("EMBARGO_TEST_POSTGRES") // read before isolate clears EMBARGO_*
	return map[string]func(t *testing.T) string{
		"sqlite": func(t *testing.T) string { return filepath.Join(t.TempDir(), "embargo.db") },
		"postgres": func(t *testing.T) string {
			if dsn == "" {
				msg := "no PostgreSQL server: run `bash scripts/with-postgres.sh go test ./cmd/embargo/cli -run Ledger` or set EMBARGO_TEST_POSTGRES"
				if os.Getenv("CI") == "true" {
					t.Fatal(msg)
				}
				t.Skip(msg)
			}
			name := fmt.Sprintf("clitest_%d_%d", time.Now().UnixNano(), pgSchemas.Add(1))
			target, drop, err := postgres.NewSchema(context.Background(), dsn, name)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { drop() }) //nolint:errcheck
			return target
		},
	}
}

// TestLedgerConcurrentProcesses: four embargo audit processes write one
// ledger at once (a CI matrix); every run and case is there, once.
func TestLedgerConcurrentProcesses(t *testing.T) {
	for name, target := range ledgerTargets(t) {
		t.Run(name, func(t *testing.T) {
			isolate(t)
			db := target(t)
			dir := t.TempDir()
			const procs = 4
			shared := writeSBOM(t, filepath.Join(dir, "shared.cdx.json"), cdxWith(keslComp))
			var cmds []*exec.Cmd
			var outs []*strings.Builder
			for i := range procs {
				own := writeSBOM(t, filepath.Join(dir, fmt.Sprintf("own-%d.cdx.json", i)), cdxWith([3]string{"klnagent64", fmt.Sprint(i), "AO Kaspersky Lab"}))
				args, _ := json.Marshal([]string{"audit", "-q", "--ledger", db, "--as-of", "2026-11-25", "-o", "json=" + filepath.Join(dir, fmt.Sprintf("r%d.json", i)), shared, own})
				cmd := exec.Command(os.Args[0], "-test.run=^TestLedgerChild$")
				cmd.Env = append(os.Environ(), "LEDGER_CHILD_ARGS="+string(args))
				var out strings.Builder
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				cmds, outs = append(cmds, cmd), append(outs, &out)
			}
			for i, cmd := range cmds {
				err := cmd.Wait()
				if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != ExitViolation) {
					t.Errorf("process %d: %v\n%s", i, err, outs[i])
				}
			}
			st, err := opener.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			runs, err := st.Runs(context.Background())
			if err != nil || len(runs) != procs {
				t.Errorf("%d runs recorded, want %d (%v)", len(runs), procs, err)
			}
			cs, err := st.Cases(context.Background(), ledger.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			// One case per own SBOM, and the shared SBOM's once.
			if len(cs) != procs+1 {
				t.Errorf("%d cases, want %d: %+v", len(cs), procs+1, cs)
			}
			for _, c := range cs {
				if c.Status != "open" || c.Identified.Format(time.DateOnly) != "2026-11-25" {
					t.Errorf("case %s: %s identified %s", c.ID, c.Status, c.Identified)
				}
			}
		})
	}
}

// TestLedgerChild is one writer process of TestLedgerConcurrentProcesses.
func TestLedgerChild(t *testing.T) {
	spec := os.Getenv("LEDGER_CHILD_ARGS")
	if spec == "" {
		t.Skip("runs as a child of TestLedgerConcurrentProcesses")
	}
	var args []string
	if err := json.Unmarshal([]byte(spec), &args); err != nil {
		t.Fatal(err)
	}
	code := Run(context.Background(), args, strings.NewReader(""), os.Stdout, os.Stderr)
	os.Exit(code)
}

// TestLedgerDSNNotInReports: a DSN's password never reaches a report's
// evidence basis, embargo config, or an error message.
func TestLedgerDSNNotInReports(t *testing.T) {
	dir := t.TempDir()
	app := writeSBOM(t, filepath.Join(dir, "app.cdx.json"), cdxWith())
	dsn := "postgres://embargo:s3cret@127.0.0.1:1/embargo?connect_timeout=1"
	code, out, errOut := run(t, context.Background(), "", "audit", "--ledger", dsn, "-o", "json", app)
	if code == 0 || strings.Contains(out+errOut, "s3cret") || !strings.Contains(errOut, "127.0.0.1:1") {
		t.Errorf("unreachable ledger: exit %d, stderr %s", code, errOut)
	}
	if got := redactSetting("ledger", dsn); strings.Contains(got, "s3cret") || !strings.Contains(got, "127.0.0.1:1") {
		t.Errorf("redactSetting = %s", got)
	}
	for _, other := range []string{"postgres://embargo@127.0.0.1:1/embargo?password=s3cret&connect_timeout=1", "host=127.0.0.1 port=1 password=s3cret"} {
		code, out, errOut := run(t, context.Background(), "", "audit", "--ledger", other, "-o", "json", app)
		if code == 0 || strings.Contains(out+errOut, "s3cret") {
			t.Errorf("ledger %q: exit %d, stderr %s", other, code, errOut)
		}
		if got := redactSetting("ledger", other); strings.Contains(got, "s3cret") {
			t.Errorf("redactSetting = %s", got)
		}
	}
	t.Setenv("EMBARGO_LEDGER", dsn)
	var o, e strings.Builder
	Run(context.Background(), []string{"config"}, strings.NewReader(""), &o, &e)
	if strings.Contains(o.String()+e.String(), "s3cret") {
		t.Errorf("embargo config shows the password:\n%s", o.String())
	}
}

// TestStoredDocumentsRoundTrip: both ways the ledger keeps an SBOM come
// back as the document audited: file bytes decoded again, and a
// generated document through the sbom/scanner gob stream.
func TestStoredDocumentsRoundTrip(t *testing.T) {
	data := []byte(cdxWith(keslComp))
	want, err := decodeDocument("gw.cdx.json", documentBytes, data, sbom.Options{})
	if err != nil || len(want.Components) != 2 {
		t.Fatalf("bytes: %v, %+v", err, want)
	}
	enc, err := encodeDocument(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeDocument("gw.cdx.json", documentGob, enc, sbom.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Components, want.Components) || got.SHA256 != want.SHA256 {
		t.Errorf("gob round trip:\n%+v\nwant\n%+v", got.Components, want.Components)
	}
	if _, err := decodeDocument("x", "some future format", data, sbom.Options{}); err == nil {
		t.Error("an unknown stored format was read")
	}
}

// TestCasesNeedAnExistingLedger: a mistyped ledger is an error, not a new
// empty register; without --ledger the commands say how to give one.
func TestCasesNeedAnExistingLedger(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{
		{"cases", "--ledger", missing},
		{"cases", "history", "--ledger", missing, "C-000000000000"},
		{"cases", "mark", "--ledger", missing, "--note", "x", "C-000000000000"},
		{"reaudit", "--ledger", missing},
	} {
		code, _, errOut := run(t, context.Background(), "", args...)
		if code != ExitError || !strings.Contains(errOut, "does not exist") {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("%v created the ledger", args)
		}
	}
	if code, _, errOut := run(t, context.Background(), "", "cases"); code != ExitError || !strings.Contains(errOut, "--ledger") {
		t.Errorf("cases without a ledger: exit %d, %s", code, errOut)
	}
}

// TestLedgerShardsDoNotResolveSplitSubjects: a subject with two SBOMs, one
// clean, audited in two shards: the shard holding only the clean one
// must not resolve the case the other shard found.
func TestLedgerShardsDoNotResolveSplitSubjects(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "embargo.db")
	a := writeSBOM(t, filepath.Join(dir, "a.cdx.json"), cdxWith(keslComp))
	// b is named so that it hashes to the other shard.
	var b string
	for i := 0; b == ""; i++ {
		p := filepath.Join(dir, fmt.Sprintf("b%d.cdx.json", i))
		if len(audit.Shard([]sbom.Input{{Path: a}, {Path: p}}, 1, 2)) == 1 {
			b = writeSBOM(t, p, cdxWith())
		}
	}
	manifest := writeSBOM(t, filepath.Join(dir, "m.csv"), "vendor,product,version,sbom\nAcme,Gateway,1,"+a+"\nAcme,Gateway,1,"+b+"\n")
	for night := range 2 {
		for _, shard := range []string{"1/2", "2/2"} {
			code, _, errOut := run(t, context.Background(), "", "audit", "-q", "-o", "json="+filepath.Join(dir, "r.json"),
				"--ledger", db, "--manifest", manifest, "--shard", shard, "--as-of", "2026-11-25")
			if code != 0 && code != ExitViolation {
				t.Fatalf("night %d shard %s: exit %d\n%s", night, shard, code, errOut)
			}
		}
	}
	r := casesJSON(t, "--ledger", db, "--as-of", "2026-11-25")
	if len(r.Cases) != 1 || r.Cases[0].Status != "open" {
		t.Errorf("cases after sharded runs: %+v", r.Cases)
	}
	if got := splitSubjects(nil, nil, nil); got != nil {
		t.Errorf("unsharded run: %v", got)
	}
}

// TestReauditFromWalkedDirectory: SBOMs found by walking a directory are
// kept too (after the audit, since a walk also meets files that are no
// SBOM), and nothing else in the directory is.
func TestReauditFromWalkedDirectory(t *testing.T) {
	dir := t.TempDir()
	sboms := filepath.Join(dir, "sboms")
	if err := os.Mkdir(sboms, 0o755); err != nil {
		t.Fatal(err)
	}
	writeSBOM(t, filepath.Join(sboms, "app.cdx.json"), cdxWith([3]string{"widget", "2.0", "Widget Makers Ltd"}))
	writeSBOM(t, filepath.Join(sboms, "notes.txt"), "not an SBOM")
	db := filepath.Join(dir, "embargo.db")
	if code, _ := auditJSON(t, "--ledger", db, "--as-of", "2026-11-25", sboms); code != 0 {
		t.Fatalf("audit: exit %d", code)
	}
	st, err := opener.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.Documents(context.Background())
	st.Close()
	if err != nil || len(docs) != 1 || docs[0].DocumentFormat != documentBytes || !strings.HasSuffix(docs[0].Path, "app.cdx.json") {
		t.Fatalf("stored documents: %+v, %v", docs, err)
	}
	list := writeSBOM(t, filepath.Join(dir, "new.yaml"), newEntityList)
	if err := os.RemoveAll(sboms); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, context.Background(), "", "reaudit", "-q", "--ledger", db, "--list", list, "--profile", "us-federal-contractor", "--as-of", "2026-12-02", "-o", "json")
	if code != ExitViolation || !strings.Contains(out, `"identified": "2026-12-02"`) {
		t.Errorf("reaudit: exit %d\n%s", code, errOut)
	}
}
