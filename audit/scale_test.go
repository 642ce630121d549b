package audit_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func embeddedAuditor(t testing.TB) *audit.Auditor {
	t.Helper()
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a, err := audit.New(audit.Config{Lists: lists, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSubjectIsAudited: the product an SBOM describes (CycloneDX
// metadata.component) is audited too, though not counted as a component.
func TestSubjectIsAudited(t *testing.T) {
	doc, err := sbom.Read("kes.cdx.json", strings.NewReader(`{"bomFormat":"CycloneDX","specVersion":"1.6",
	  "metadata":{"component":{"type":"application","bom-ref":"kes","name":"Kaspersky Endpoint Security","version":"12.6",
	    "supplier":{"name":"AO Kaspersky Lab"}}},
	  "components":[{"type":"library","bom-ref":"zlib","name":"zlib","version":"1.3"}],
	  "dependencies":[{"ref":"kes","dependsOn":["zlib"]}]}`), sbom.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := embeddedAuditor(t).Audit(doc)
	if len(fs) != 1 || fs[0].Component.Ref != "kes" || fs[0].Verdict != audit.VerdictProhibited {
		t.Fatalf("findings = %+v", fs)
	}
	if got := strings.Join(fs[0].Path, " > "); got != "Kaspersky Endpoint Security@12.6" {
		t.Errorf("path = %q", got)
	}
}

// writeSmallSBOMs writes n small clean CycloneDX files.
func writeSmallSBOMs(t *testing.T, dir string, n int) []sbom.Input {
	t.Helper()
	inputs := make([]sbom.Input, n)
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("sbom-%05d.cdx.json", i))
		body := fmt.Sprintf(`{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"type":"application","bom-ref":"app","name":"app-%d","version":"1.0"}},"components":[`, i)
		for j := range 20 {
			if j > 0 {
				body += ","
			}
			body += fmt.Sprintf(`{"type":"library","bom-ref":"c%d","name":"lib-%d-%d","version":"1.%d","purl":"pkg:npm/lib-%d-%d@1.%d","supplier":{"name":"Vendor %d"}}`, j, i, j, j, i, j, j, j)
		}
		if err := os.WriteFile(p, []byte(body+"]}"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs[i] = sbom.Input{Path: p}
	}
	return inputs
}

// liveSampler measures the live heap exactly, by a full collection every
// few inputs: the peak of what a run keeps, independent of how far a
// loaded machine lets the collector lag behind garbage (sampling
// HeapInuse on a timer measured the machine's load as much as the run).
type liveSampler struct {
	every int64
	n     atomic.Int64
	mu    sync.Mutex
	peak  uint64
}

func (s *liveSampler) sample() {
	s.mu.Lock()
	defer s.mu.Unlock()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s.peak = max(s.peak, ms.HeapAlloc)
}

// onInput is a RunOptions.OnInput hook: it samples every s.every inputs.
func (s *liveSampler) onInput(audit.InputResult) {
	if s.n.Add(1)%s.every == 0 {
		s.sample()
	}
}

// TestMemoryFlatInInputs: documents are dropped once matched, so a batch
// of 10,000 small SBOMs peaks no higher than a batch of 100 (beyond the
// per-input result lines the report must keep).
func TestMemoryFlatInInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files; skipped with -short")
	}
	a := embeddedAuditor(t)
	dir := t.TempDir()
	all := writeSmallSBOMs(t, dir, 10000)
	// One worker: the live heap then holds at most one document in
	// flight, so the samples measure what the run keeps, not which stage
	// a second worker happened to be in when the sample was taken.
	run := func(inputs []sbom.Input) uint64 {
		ls := &liveSampler{every: max(1, int64(len(inputs))/20)}
		ls.sample()
		res, err := a.Run(context.Background(), inputs, audit.RunOptions{Parallelism: 1, OnInput: ls.onInput})
		if err != nil || len(res.Inputs) != len(inputs) {
			t.Fatalf("run: %v, %d results", err, len(res.Inputs))
		}
		ls.sample() // the result itself, with every input's line
		runtime.KeepAlive(res)
		return ls.peak
	}
	small, large := run(all[:100]), run(all)
	t.Logf("peak live heap: 100 inputs %.1f MiB, 10,000 inputs %.1f MiB", float64(small)/(1<<20), float64(large)/(1<<20))
	// The report keeps one result line per input (measured: about 600
	// bytes in the heap with its sha256, name and bookkeeping); nothing
	// else may grow with the count. A decoded document (here some 15 KiB
	// of components each) must never be among what is kept.
	if limit := small + 10000*1024; large > limit {
		t.Errorf("10,000 inputs peaked at %d MiB, over %d MiB: memory grows with the number of inputs", large>>20, limit>>20)
	}
}

// TestGenerateHook: source inputs go to the injected generator, are
// audited like decoded SBOMs, and a generator error fails only that input.
func TestGenerateHook(t *testing.T) {
	a := embeddedAuditor(t)
	gen := func(_ context.Context, src string) (*sbom.Document, error) {
		if src == "dir:broken" {
			return nil, fmt.Errorf("catalog %q: boom", src)
		}
		return &sbom.Document{Path: src, Format: "syft-scan", SHA256: strings.Repeat("ab", 32), Dependencies: map[string][]string{},
			Components: []sbom.Component{{Ref: "k", Name: "kesl", Version: "12", PURL: "pkg:deb/debian/kesl@12",
				Supplier: &sbom.Organization{Name: "AO Kaspersky Lab"}}}}, nil
	}
	inputs := []sbom.Input{{Path: "dir:/srv/app"}, {Path: "dir:broken"}}
	res, err := a.Run(context.Background(), inputs, audit.RunOptions{
		Generate: gen, IsSource: func(p string) bool { return strings.HasPrefix(p, "dir:") },
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Inputs[0].Status != audit.StatusAudited || res.Inputs[0].Format != "syft-scan" || res.Inputs[0].Components != 1 {
		t.Errorf("input 0 = %+v", res.Inputs[0])
	}
	if res.Inputs[1].Status != audit.StatusFailed || !strings.Contains(res.Inputs[1].Error, "boom") {
		t.Errorf("input 1 = %+v", res.Inputs[1])
	}
	if len(res.Findings) != 1 || res.Findings[0].Input != "dir:/srv/app" || res.Findings[0].Verdict != audit.VerdictProhibited {
		t.Errorf("findings = %+v", res.Findings)
	}
}

// TestSameBytesDecodedOnce: the same SBOM under two paths is decoded once
// and reported under each, with each path's own stable finding ids.
func TestSameBytesDecodedOnce(t *testing.T) {
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
	// Each decoded input logs one "input done" record at debug level; an
	// input reused from an earlier one with the same bytes logs none.
	var logged decodeCounter
	res, err := embeddedAuditor(t).Run(context.Background(), []sbom.Input{{Path: a}, {Path: b}}, audit.RunOptions{
		Logger: slog.New(&logged),
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := logged.n.Load(); n != 1 {
		t.Errorf("decoded %d times, want once for two paths with the same bytes", n)
	}
	if len(res.Inputs) != 2 || res.Inputs[0].SHA256 != res.Inputs[1].SHA256 || res.Inputs[1].Path != b {
		t.Fatalf("inputs = %+v", res.Inputs)
	}
	if len(res.Findings) != 2 || res.Findings[0].Input != a || res.Findings[1].Input != b || res.Findings[0].ID == res.Findings[1].ID {
		t.Fatalf("findings = %+v", res.Findings)
	}
	// Reuse must give the id a fresh decode of b would give.
	doc, err := sbom.ReadFile(b, sbom.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fresh := embeddedAuditor(t).Audit(doc); fresh[0].ID != res.Findings[1].ID {
		t.Errorf("reused id %s, a fresh decode gives %s", res.Findings[1].ID, fresh[0].ID)
	}
}

// decodeCounter is a slog handler that counts the run's per-input
// "input done" records, one per input actually decoded.
type decodeCounter struct{ n atomic.Int64 }

func (c *decodeCounter) Enabled(context.Context, slog.Level) bool { return true }
func (c *decodeCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "input done" {
		c.n.Add(1)
	}
	return nil
}
func (c *decodeCounter) WithAttrs([]slog.Attr) slog.Handler { return c }
func (c *decodeCounter) WithGroup(string) slog.Handler      { return c }
