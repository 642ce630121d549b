package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
)

// mapMemory is an in-memory Memory: a case is identified on the as-of
// date of the first run that records it; cases can be marked reported.
type mapMemory struct {
	cases    map[CaseKey]CaseState
	recalled [][]CaseKey
	recorded []*Result
	// identify, when set, is the identification date Record gives a new
	// case (another process recorded it first).
	identify  time.Time
	recallErr error
}

func (m *mapMemory) Recall(_ context.Context, keys []CaseKey) (map[CaseKey]CaseState, error) {
	m.recalled = append(m.recalled, keys)
	if m.recallErr != nil {
		return nil, m.recallErr
	}
	out := map[CaseKey]CaseState{}
	for _, k := range keys {
		if st, ok := m.cases[k]; ok {
			out[k] = st
		}
	}
	return out, nil
}

func (m *mapMemory) Record(_ context.Context, run *Result) (map[CaseKey]CaseState, error) {
	m.recorded = append(m.recorded, run)
	out := map[CaseKey]CaseState{}
	for _, f := range run.Findings {
		st, ok := m.cases[f.CaseKey]
		if !ok {
			st = CaseState{ID: f.CaseKey.ID(), Status: CaseOpen, Identified: run.AsOf}
			if !m.identify.IsZero() {
				st.Identified = m.identify
			}
		}
		st.LastSeen = run.AsOf
		m.cases[f.CaseKey] = st
		out[f.CaseKey] = st
	}
	return out, nil
}

func (m *mapMemory) markReported(on time.Time) {
	for k, st := range m.cases {
		st.Status, st.Reported = CaseReported, on
		m.cases[k] = st
	}
}

func (m *mapMemory) markFollowedUp(on time.Time) {
	for k, st := range m.cases {
		st.FollowedUp = on
		m.cases[k] = st
	}
}

// memoryRun audits one already decoded SBOM holding kesl at version,
// delivered under path for the manifest's Acme Gateway, on asOf.
func memoryRun(t *testing.T, mem Memory, asOf, version, path string) (*Result, error) {
	t.Helper()
	return memoryRunVersion(t, mem, asOf, version, path, "1")
}

// memoryRunVersion is memoryRun of the manifest's product version.
func memoryRunVersion(t *testing.T, mem Memory, asOf, version, path, product string) (*Result, error) {
	t.Helper()
	a := embeddedAuditor(t, Config{Profiles: []string{"us-federal-contractor"}, AsOf: d(asOf)})
	c := kesl
	c.Version, c.PURL = version, "pkg:deb/kaspersky/kesl@"+version
	doc := &sbom.Document{Path: path, Format: sbom.FormatCycloneDXJSON, Components: []sbom.Component{c}}
	p := &Plan{
		Auditor: a, Inputs: []sbom.Input{{Path: path, Decoded: doc}},
		Options: RunOptions{Meta: map[string]InputMeta{path: {Vendor: "Acme", Product: "Gateway", Version: product}}},
		Memory:  mem,
	}
	res, err := p.Execute(context.Background())
	if err == nil && len(doc.Components) != 1 {
		t.Errorf("the decoded document lost its components: %d", len(doc.Components))
	}
	return res, err
}

func onlyFinding(t *testing.T, res *Result) Finding {
	t.Helper()
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %d, want 1 (inputs %+v)", len(res.Findings), res.Inputs)
	}
	return res.Findings[0]
}

func farObligation(t *testing.T, f Finding, id string) Obligation {
	t.Helper()
	for _, o := range f.Obligations {
		if o.Regime == "far-52-204-23" && o.ID == id {
			return o
		}
	}
	t.Fatalf("no far-52-204-23/%s among %+v", id, f.Obligations)
	return Obligation{}
}

// TestMemoryCase walks one case through runs that remember it: deadlines
// count from the first identification (Wednesday 2026-11-25, Thanksgiving
// next day), not from each run's as-of date, and the follow-up from the
// recorded report.
func TestMemoryCase(t *testing.T) {
	mem := &mapMemory{cases: map[CaseKey]CaseState{}}
	want := CaseKey{Subject: "Acme/Gateway", Component: "pkg:deb/kaspersky/kesl", Entity: "kaspersky/kaspersky"}

	res, err := memoryRun(t, mem, "2026-11-25", "12.1.0", "deliveries/q4/gateway.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	f := onlyFinding(t, res)
	if len(mem.recalled) != 1 || len(mem.recalled[0]) != 1 || mem.recalled[0][0] != want {
		t.Fatalf("recalled %v, want [[%v]]", mem.recalled, want)
	}
	if f.CaseKey != want || f.Case.ID != want.ID() || f.Case.Status != CaseOpen || !f.Case.Identified.Equal(d("2026-11-25")) {
		t.Errorf("first run: key %+v case %+v", f.CaseKey, f.Case)
	}
	if len(mem.recorded) != 1 || mem.recorded[0].Findings[0].Verdict != VerdictProhibited {
		t.Errorf("recorded %d runs", len(mem.recorded))
	}
	if o := farObligation(t, f, "report"); o.Due != "2026-12-01" || o.Status.State != "due" {
		t.Errorf("first run: report %s %+v, want due 2026-12-01", o.Due, o.Status)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "first identification") {
			t.Errorf("a run with memory warns: %s", w)
		}
	}
	firstID := f.ID

	// A new version, delivered under another path: the same case, still
	// identified on 2026-11-25, so the report is now overdue.
	res, err = memoryRun(t, mem, "2026-12-03", "12.2.0", "deliveries/q1/gw.json")
	if err != nil {
		t.Fatal(err)
	}
	f = onlyFinding(t, res)
	if f.CaseKey != want || !f.Case.Identified.Equal(d("2026-11-25")) {
		t.Errorf("second run: key %+v case %+v", f.CaseKey, f.Case)
	}
	if o := farObligation(t, f, "report"); o.Due != "2026-12-01" || o.Status.State != "passed" {
		t.Errorf("second run: report %s %+v, want passed on 2026-12-01", o.Due, o.Status)
	}
	if again, _ := memoryRun(t, mem, "2026-12-03", "12.1.0", "elsewhere.json"); onlyFinding(t, again).ID != firstID {
		t.Errorf("the finding id depends on the input path when the manifest names the subject")
	}
	// Another version of the product: the same case, a finding of its own.
	if next, _ := memoryRunVersion(t, mem, "2026-12-03", "12.1.0", "gw-2.json", "2"); onlyFinding(t, next).ID == firstID || onlyFinding(t, next).CaseKey != want {
		t.Errorf("product version 2: finding %s (first %s), case %+v", onlyFinding(t, next).ID, firstID, onlyFinding(t, next).CaseKey)
	}

	// Reported on 2026-11-30: the report is done, the follow-up is due 10
	// business days after it.
	mem.markReported(d("2026-11-30"))
	res, err = memoryRun(t, mem, "2026-12-03", "12.2.0", "deliveries/q1/gw.json")
	if err != nil {
		t.Fatal(err)
	}
	f = onlyFinding(t, res)
	if f.Case.Status != CaseReported || !f.Case.Reported.Equal(d("2026-11-30")) {
		t.Errorf("third run: case %+v", f.Case)
	}
	if o := farObligation(t, f, "report"); o.Status.State != "done" {
		t.Errorf("third run: report %+v, want done", o.Status)
	}
	if o := farObligation(t, f, "follow-up-report"); o.Due != "2026-12-14" || o.DueIsLatest {
		t.Errorf("third run: follow-up due %s (latest %v), want 2026-12-14", o.Due, o.DueIsLatest)
	}
}

// TestMemoryRecordedDates: when Record says a case was identified earlier
// than Recall knew (another process recorded it first), the finding is
// dated again from the recorded date.
func TestMemoryRecordedDates(t *testing.T) {
	mem := &mapMemory{cases: map[CaseKey]CaseState{}, identify: d("2026-11-20")}
	res, err := memoryRun(t, mem, "2026-11-25", "12.1.0", "gw.json")
	if err != nil {
		t.Fatal(err)
	}
	f := onlyFinding(t, res)
	if !f.Case.Identified.Equal(d("2026-11-20")) {
		t.Errorf("case %+v, want identified 2026-11-20", f.Case)
	}
	if o := farObligation(t, f, "report"); o.Due != "2026-11-25" {
		t.Errorf("report due %s, want 2026-11-25 (3 business days after 2026-11-20)", o.Due)
	}
}

// TestStatelessCase: without memory every case is untracked, identified
// on the as-of date, and the report says the deadlines assume it.
func TestStatelessCase(t *testing.T) {
	res, err := memoryRun(t, nil, "2026-11-25", "12.1.0", "gw.json")
	if err != nil {
		t.Fatal(err)
	}
	f := onlyFinding(t, res)
	if f.Case.Status != CaseUntracked || !f.Case.Identified.Equal(d("2026-11-25")) || f.Case.ID != f.CaseKey.ID() {
		t.Errorf("case %+v", f.Case)
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || strings.Contains(w, "first identification on 2026-11-25")
	}
	if !warned {
		t.Errorf("no warning about the defaulted discovery date in %q", res.Warnings)
	}
}

// TestMemoryFailureFailsRun: a memory that cannot recall fails the run,
// never a silent stateless audit.
func TestMemoryFailureFailsRun(t *testing.T) {
	mem := &mapMemory{cases: map[CaseKey]CaseState{}, recallErr: errors.New("database is locked")}
	res, err := memoryRun(t, mem, "2026-11-25", "12.1.0", "gw.json")
	if err == nil || res != nil || !strings.Contains(err.Error(), "database is locked") {
		t.Errorf("res %v, err %v", res != nil, err)
	}
	if len(mem.recorded) != 0 {
		t.Errorf("a failed run was recorded")
	}
}

func TestCaseComponent(t *testing.T) {
	for _, tt := range []struct {
		c    ComponentRef
		want string
	}{
		{ComponentRef{PURL: "pkg:deb/Kaspersky/KESL@12.1.0?arch=amd64#sub"}, "pkg:deb/kaspersky/kesl"},
		{ComponentRef{PURL: "pkg:npm/@kaspersky/sdk@1.2.3"}, "pkg:npm/@kaspersky/sdk"},
		{ComponentRef{PURL: "pkg:npm/@kaspersky/sdk"}, "pkg:npm/@kaspersky/sdk"},
		{ComponentRef{PURL: "pkg:npm/%40kaspersky/sdk@2"}, "pkg:npm/%40kaspersky/sdk"},
		{ComponentRef{Group: "Kaspersky", Name: "Engine", Version: "8"}, "kaspersky/engine"},
		{ComponentRef{Name: "KAV", Version: "8"}, "kav"},
		{ComponentRef{Ref: "SPDXRef-engine"}, "SPDXRef-engine"},
	} {
		if got := CaseComponent(tt.c); got != tt.want {
			t.Errorf("CaseComponent(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
	k := CaseKey{Subject: "Acme/Gateway", Component: "pkg:deb/kaspersky/kesl", Entity: "kaspersky/kaspersky"}
	if id := k.ID(); len(id) != 14 || !strings.HasPrefix(id, "C-") || id == (CaseKey{Subject: "Acme/Other", Component: k.Component, Entity: k.Entity}).ID() {
		t.Errorf("id %q", id)
	}
}

// TestDecodedInputNotReadFromPath: an already decoded input is audited
// from its document, even when a file of the same bytes as another input
// sits at its path.
func TestDecodedInputNotReadFromPath(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../testdata/sboms/sample.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clean := &sbom.Document{Path: b, Format: sbom.FormatCycloneDXJSON, Components: []sbom.Component{{Name: "zlib", Version: "1.3"}}}
	res, err := embeddedAuditor(t, Config{AsOf: d("2026-11-27")}).Run(context.Background(),
		[]sbom.Input{{Path: a}, {Path: b, Decoded: clean}}, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Inputs) != 2 || res.Inputs[1].Components != 1 {
		t.Fatalf("inputs %+v", res.Inputs)
	}
	for _, f := range res.Findings {
		if f.Input == b {
			t.Errorf("the decoded input was read from its path: finding %s", f.Component.Name)
		}
	}
}
