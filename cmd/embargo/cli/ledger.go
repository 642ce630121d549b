package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/audit/ledger"
	"github.com/embargo-sbom/embargo/audit/ledger/opener"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/sbom/scanner"
)

// documentFormat names how the ledger stores a decoded SBOM: the gob
// stream of sbom/scanner, whose hello frame carries the protocol
// fingerprint, so that a later embargo refuses a document it cannot read.
const documentFormat = "sbom/scanner gob"

// ledgerMemory is the audit.Memory of --ledger: it recalls and records
// cases in a ledger store and keeps each audited SBOM's decoded document
// for `embargo reaudit`.
type ledgerMemory struct {
	store ledger.Store
	// discovered is --discovered when given: the identification date of
	// the cases this run finds first. Zero: the as-of date.
	discovered time.Time
	decode     sbom.Options
	// generated holds the encoded documents of sources generated in this
	// run (scan), by source; audit drops their components after matching.
	mu        sync.Mutex
	generated map[string][]byte
	// decoded holds documents of this run that need no reading again
	// (reaudit's stored ones), by path.
	decoded map[string]*sbom.Document
}

func openLedgerMemory(ctx context.Context, target string) (*ledgerMemory, error) {
	st, err := opener.Open(ctx, target)
	if err != nil {
		return nil, err
	}
	return &ledgerMemory{store: st, generated: map[string][]byte{}}, nil
}

func (m *ledgerMemory) Close() error { return m.store.Close() }

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
	run := &ledger.Run{Tool: "embargo " + res.ToolVersion, AsOf: res.AsOf, Profiles: res.Profiles, Discovered: m.discovered}
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
			Category: string(f.Category), Confidence: string(f.Confidence), Waiver: f.WaiverID, Evidence: evidence,
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
	have, err := m.store.HasDocuments(ctx, shas)
	if err != nil {
		return err
	}
	for i := range run.Inputs {
		in := &run.Inputs[i]
		if !in.Audited || in.SHA256 == "" || have[in.SHA256] || in.Path == "-" {
			continue
		}
		data, err := m.document(in.Path, in.SHA256)
		if err != nil {
			return fmt.Errorf("keeping %s in the ledger: %w", in.Path, err)
		}
		if data != nil {
			in.Document, in.DocumentFormat = data, documentFormat
			have[in.SHA256] = true
		}
	}
	return nil
}

// document encodes the decoded document of an input: generated in this
// run, given decoded, or read again from its file. nil: none to keep (the
// file changed since it was audited).
func (m *ledgerMemory) document(path, sha string) ([]byte, error) {
	m.mu.Lock()
	data, ok := m.generated[path]
	doc := m.decoded[path]
	m.mu.Unlock()
	if ok {
		return data, nil
	}
	if doc == nil {
		var err error
		if doc, err = sbom.ReadFile(path, m.decode); err != nil {
			return nil, err
		}
		if doc.SHA256 != sha {
			return nil, nil
		}
	}
	return encodeDocument(doc)
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

// decodeDocument reads a stored document back.
func decodeDocument(data []byte) (*sbom.Document, error) {
	return scanner.Read(bytes.NewReader(data), nil)
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
	lm.decode = sbom.Options{MaxBytes: opts.MaxBytes, MaxComponents: opts.MaxComps, MaxStringBytes: opts.MaxString, MaxDepth: opts.MaxDepth}
	if opts.Discovered != "" {
		lm.discovered = p.discovered
	}
	p.memory = lm
	return nil
}

func (p *auditPlan) closeLedger() {
	if lm, ok := p.memory.(*ledgerMemory); ok {
		lm.Close()
	}
}

// keepGenerated lets the ledger keep the SBOMs a scan generates.
func (p *auditPlan) keepGenerated(run *audit.Plan) {
	if lm, ok := p.memory.(*ledgerMemory); ok && run.Options.Generate != nil {
		run.Options.Generate = lm.keepGenerated(run.Options.Generate)
	}
}

// redactSetting keeps a ledger DSN's credentials out of reports and
// `embargo config`: the evidence basis records every setting.
func redactSetting(name, value string) string {
	if name == "ledger" {
		return ledgerName(value)
	}
	return value
}
