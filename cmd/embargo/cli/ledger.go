package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/embargo-sbom/embargo/audit/ledger/opener"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/sbom/scanner"
)

// How the ledger keeps an SBOM for reaudit. A file is kept as the bytes
// audited (what its SHA-256 names): copying them beside the audit costs
// next to nothing, and a re-audit decodes them exactly as the audit did.
// A generated SBOM (scan), which has no file, is kept decoded as the gob
// stream of sbom/scanner, whose hello frame carries the protocol
// fingerprint, so that a later embargo refuses one it cannot read.
const (
	documentBytes = "sbom bytes"
	documentGob   = "sbom/scanner gob"
)

// ledgerMemory is the audit.Memory of --ledger: it recalls and records
// cases in a ledger store and keeps each audited SBOM's decoded document
// for `embargo reaudit`.
type ledgerMemory struct {
	store ledger.Store
	// partial are the subjects this shard holds only some SBOMs of.
	partial []string
	// discovered is --discovered when given: the identification date of
	// the cases this run finds first. Zero: the as-of date.
	discovered time.Time
	decode     sbom.Options
	// generated holds the encoded documents of sources generated in this
	// run (scan), by source; audit drops their components after matching.
	mu        sync.Mutex
	generated map[string][]byte
	// The documents of new SBOMs, read and compressed beside the audit
	// (see prefetch), by path; preDone is closed when that is finished.
	pre       map[string]prefetched
	preDone   chan struct{}
	preCancel context.CancelFunc
}

// prefetched is an input's document made ready for the ledger.
type prefetched struct {
	sha  string
	data []byte // compressed; nil when the ledger holds it already
	size int
}

func openLedgerMemory(ctx context.Context, target string) (*ledgerMemory, error) {
	st, err := opener.Open(ctx, target)
	if err != nil {
		return nil, err
	}
	return &ledgerMemory{store: st, generated: map[string][]byte{}}, nil
}

func (m *ledgerMemory) Close() error {
	if m.preCancel != nil {
		m.preCancel()
		<-m.preDone
	}
	return m.store.Close()
}

// prefetch reads and encodes, on one goroutine beside the audit, the
// documents of the file inputs the ledger does not hold yet (known by the
// SHA-256 of the file), so that keeping a new SBOM costs the audit's wall
// time little: the audit's own decode streams and keeps nothing.
func (m *ledgerMemory) prefetch(inputs []sbom.Input, isSource func(string) bool) {
	ctx, cancel := context.WithCancel(context.Background())
	m.pre, m.preDone, m.preCancel = map[string]prefetched{}, make(chan struct{}), cancel
	go func() {
		defer close(m.preDone)
		for _, in := range inputs {
			if ctx.Err() != nil {
				return
			}
			if in.Path == "-" || in.FromWalk || in.Decoded != nil || in.Err != nil || (isSource != nil && isSource(in.Path)) {
				continue
			}
			if p, ok := m.prefetchOne(ctx, in.Path); ok {
				m.mu.Lock()
				m.pre[in.Path] = p
				m.mu.Unlock()
			}
		}
	}()
}

func (m *ledgerMemory) prefetchOne(ctx context.Context, path string) (prefetched, bool) {
	sha, err := fileSHA256(path)
	if err != nil {
		return prefetched{}, false // the audit reports the input's error
	}
	have, err := m.store.HasDocuments(ctx, []string{sha})
	if err != nil || have[sha] {
		return prefetched{sha: sha}, err == nil
	}
	f, err := os.Open(path)
	if err != nil {
		return prefetched{}, false
	}
	defer f.Close()
	limit := m.decode.MaxBytes
	if limit <= 0 {
		limit = sbom.DefaultMaxBytes
	}
	data, size, err := ledger.CompressReader(f, limit)
	if err != nil {
		return prefetched{}, false
	}
	return prefetched{sha: sha, data: data, size: size}, true
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Recall implements audit.Memory.
func (m *ledgerMemory) Recall(ctx context.Context, keys []audit.CaseKey) (map[audit.CaseKey]audit.CaseState, error) {
	lk := make([]ledger.CaseKey, len(keys))
	for i, k := range keys {
		lk[i] = ledger.CaseKey(k)
	}
	states, err := m.store.Recall(ctx, lk)
	if err != nil {
		return nil, err
	}
	return toAuditStates(states), nil
}

// Record implements audit.Memory: the run, its inputs and findings, and
// the decoded document of every audited input the ledger does not hold.
func (m *ledgerMemory) Record(ctx context.Context, res *audit.Result) (map[audit.CaseKey]audit.CaseState, error) {
	run, err := m.runOf(ctx, res)
	if err != nil {
		return nil, err
	}
	rec, err := m.store.Record(ctx, run)
	if err != nil {
		return nil, err
	}
	return toAuditStates(rec.States), nil
}

func toAuditStates(in map[ledger.CaseKey]ledger.CaseState) map[audit.CaseKey]audit.CaseState {
	out := make(map[audit.CaseKey]audit.CaseState, len(in))
	for k, st := range in {
		out[audit.CaseKey(k)] = audit.CaseState(st)
	}
	return out
}

func (m *ledgerMemory) runOf(ctx context.Context, res *audit.Result) (*ledger.Run, error) {
	run := &ledger.Run{Tool: "embargo " + res.ToolVersion, AsOf: res.AsOf, Profiles: res.Profiles, Discovered: m.discovered, Partial: m.partial}
	for _, l := range res.Lists {
		run.Lists = append(run.Lists, ledger.List{ID: l.ID, Version: l.Version, SHA256: l.SHA256})
	}
	index := map[string]int{}
	for i, in := range res.Inputs {
		index[in.Path] = i
		run.Inputs = append(run.Inputs, ledger.Input{
			Path: in.Path, SHA256: in.SHA256, Format: in.Format, Vendor: in.Vendor, Product: in.Product,
			Subject: audit.Subject(in.Path, audit.InputMeta{Vendor: in.Vendor, Product: in.Product}),
			Status:  in.Status, Audited: in.Status == audit.StatusAudited,
		})
	}
	for _, f := range res.Findings {
		i, ok := index[f.Input]
		if !ok {
			return nil, fmt.Errorf("finding %s names input %s, which the run does not have", f.ID, f.Input)
		}
		verdict := f.Verdict
		if f.Original != "" {
			verdict = f.Original // what it is, under its waiver or baseline
		}
		evidence, err := json.Marshal(f.Evidence)
		if err != nil {
			return nil, fmt.Errorf("finding %s: %w", f.ID, err)
		}
		run.Findings = append(run.Findings, ledger.Finding{
			Key: ledger.CaseKey(f.CaseKey), Input: i, Version: f.Component.Version, Verdict: string(verdict),
			Category: string(f.Category), Confidence: string(f.Confidence), Waiver: f.WaiverID, WaiverExpires: f.WaiverExpires,
			Evidence: evidence,
		})
	}
	if err := m.attachDocuments(ctx, run); err != nil {
		return nil, err
	}
	return run, nil
}

// attachDocuments adds the encoded document of each audited input whose
// SHA-256 the ledger does not hold. A file is read again for it (once:
// later runs of the same SBOM find it stored); stdin cannot be read
// again and is not kept.
func (m *ledgerMemory) attachDocuments(ctx context.Context, run *ledger.Run) error {
	var shas []string
	for _, in := range run.Inputs {
		if in.Audited && in.SHA256 != "" {
			shas = append(shas, in.SHA256)
		}
	}
	if m.preDone != nil {
		select {
		case <-m.preDone:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	have, err := m.store.HasDocuments(ctx, shas)
	if err != nil {
		return err
	}
	for i := range run.Inputs {
		in := &run.Inputs[i]
		if !in.Audited || in.SHA256 == "" || have[in.SHA256] || in.Path == "-" {
			continue
		}
		if p, ok := m.pre[in.Path]; ok && p.sha == in.SHA256 && p.data != nil {
			in.Document, in.DocumentSize, in.DocumentFormat = p.data, p.size, documentBytes
			have[in.SHA256] = true
			continue
		}
		if data := m.generatedDocument(in.Path); data != nil {
			in.Document, in.DocumentFormat = data, documentGob
			have[in.SHA256] = true
			continue
		}
		// A file found by a directory walk, which prefetch leaves alone
		// (a walk meets files that are no SBOM): its bytes now that the
		// audit took it for one.
		if _, done := m.pre[in.Path]; !done {
			if p, ok := m.prefetchOne(ctx, in.Path); ok && p.sha == in.SHA256 && p.data != nil {
				in.Document, in.DocumentSize, in.DocumentFormat = p.data, p.size, documentBytes
				have[in.SHA256] = true
			}
		}
	}
	return nil
}

// generatedDocument is the encoded document of an input generated in
// this run (scan), nil for any other.
func (m *ledgerMemory) generatedDocument(path string) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.generated[path]
}

func encodeDocument(doc *sbom.Document) ([]byte, error) {
	var buf bytes.Buffer
	w, err := scanner.NewWriter(&buf, toolVersion())
	if err != nil {
		return nil, err
	}
	if err := w.Document(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// keepGenerated wraps a source generator so that the documents it makes
// are encoded for the ledger before audit drops their components.
func (m *ledgerMemory) keepGenerated(gen func(context.Context, string) (*sbom.Document, error)) func(context.Context, string) (*sbom.Document, error) {
	return func(ctx context.Context, source string) (*sbom.Document, error) {
		doc, err := gen(ctx, source)
		if err != nil || doc == nil {
			return doc, err
		}
		data, err := encodeDocument(doc)
		if err != nil {
			return nil, fmt.Errorf("keeping %s in the ledger: %w", source, err)
		}
		m.mu.Lock()
		m.generated[source] = data
		m.mu.Unlock()
		return doc, nil
	}
}

// decodeDocument reads a stored document back: SBOM bytes are decoded as
// the audit decoded them, a gob stream as embargo-scan's.
func decodeDocument(path, format string, data []byte, opts sbom.Options) (*sbom.Document, error) {
	switch format {
	case documentBytes:
		return sbom.Read(path, bytes.NewReader(data), opts)
	case documentGob:
		return scanner.Read(bytes.NewReader(data), nil)
	}
	return nil, fmt.Errorf("stored as %q, which this embargo cannot read", format)
}

const ledgerFlagUsage = "remember findings as compliance cases in `LEDGER`, an SQLite file (created on first use) or a postgres:// DSN: deadlines then run from the day each case was first identified (see embargo cases)"

// openLedger opens --ledger as the plan's memory.
func (p *auditPlan) openLedger(opts *auditOptions) error {
	if opts.Ledger == "" {
		return nil
	}
	lm, err := openLedgerMemory(context.Background(), opts.Ledger)
	if err != nil {
		return err
	}
	lm.decode = decodeOptions(opts)
	if opts.Discovered != "" {
		lm.discovered = p.discovered
	}
	lm.partial = splitSubjects(p.unsharded, p.inputs, p.meta)
	p.memory = lm
	return nil
}

// splitSubjects are the subjects with SBOMs outside this shard's inputs.
func splitSubjects(all, shard []sbom.Input, meta map[string]audit.InputMeta) []string {
	if len(all) == len(shard) {
		return nil
	}
	here := map[string]bool{}
	for _, in := range shard {
		here[in.Path] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, in := range all {
		if s := audit.Subject(in.Path, meta[in.Path]); !here[in.Path] && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (p *auditPlan) closeLedger() {
	if lm, ok := p.memory.(*ledgerMemory); ok {
		lm.Close()
	}
}

// keepGenerated lets the ledger keep the SBOMs a scan generates, and
// starts reading the new SBOM files beside the audit.
func (p *auditPlan) keepGenerated(run *audit.Plan) {
	lm, ok := p.memory.(*ledgerMemory)
	if !ok {
		return
	}
	if run.Options.Generate != nil {
		run.Options.Generate = lm.keepGenerated(run.Options.Generate)
	}
	lm.prefetch(run.Inputs, run.Options.IsSource)
}

// redactSetting keeps a ledger DSN's credentials out of reports and
// `embargo config`: the evidence basis records every setting.
func redactSetting(name, value string) string {
	if name == "ledger" {
		return ledgerName(value)
	}
	return value
}
