// Package ledgertest is the behaviour every ledger store must show, run
// by the tests of each dialect against a real database: the case walk,
// resolution rules, marking, history, documents, schema refusal,
// atomicity and concurrent writers (goroutines and processes).
package ledgertest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/ledger"
)

// Backend makes empty ledgers and opens them.
type Backend struct {
	// New returns the name of a new, empty ledger (a path or a DSN).
	New func(t testing.TB) string
	// Open opens the named ledger.
	Open func(ctx context.Context, target string) (ledger.Store, error)
}

func (b Backend) open(t testing.TB, target string) ledger.Store {
	t.Helper()
	s, err := b.Open(context.Background(), target)
	if err != nil {
		t.Fatalf("opening %s: %v", target, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (b Backend) fresh(t testing.TB) (ledger.Store, string) {
	target := b.New(t)
	return b.open(t, target), target
}

// D is a calendar date.
func D(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// comp is a component found in an input.
type comp struct {
	component, entity, version, waiver string
	expires                            string // the waiver's last day
}

func kasp(component, version string) comp {
	return comp{component: component, entity: "kaspersky/ao-kaspersky-lab", version: version}
}

// input is one SBOM of a run.
type input struct {
	subject string
	failed  bool
	comps   []comp
}

// makeRun builds a run as of a date over the given lists and inputs.
func makeRun(asOf string, lists []string, inputs ...input) *ledger.Run {
	r := &ledger.Run{Tool: "embargo test", AsOf: D(asOf), Profiles: []string{"federal-contractor"}}
	for _, l := range lists {
		r.Lists = append(r.Lists, ledger.List{ID: l, Version: "2026.12.1", SHA256: fmt.Sprintf("%064x", len(l))})
	}
	for i, in := range inputs {
		status := "audited"
		if in.failed {
			status = "failed"
		}
		vendor, product, _ := cut(in.subject)
		r.Inputs = append(r.Inputs, ledger.Input{
			Path: fmt.Sprintf("deliveries/%s-%d.cdx.json", product, i), SHA256: fmt.Sprintf("%064d", i),
			Format: "cyclonedx-json", Vendor: vendor, Product: product, Subject: in.subject, Status: status, Audited: !in.failed,
		})
		for _, c := range in.comps {
			r.Findings = append(r.Findings, ledger.Finding{
				Key:   ledger.CaseKey{Subject: in.subject, Component: c.component, Entity: c.entity},
				Input: i, Version: c.version, Verdict: "prohibited", Category: "product", Confidence: "high",
				Waiver: c.waiver, Evidence: []byte(`[{"signal":"purl"}]`),
			})
			if c.expires != "" {
				r.Findings[len(r.Findings)-1].WaiverExpires = D(c.expires)
			}
		}
	}
	return r
}

func cut(subject string) (string, string, bool) {
	for i := 0; i < len(subject); i++ {
		if subject[i] == '/' {
			return subject[:i], subject[i+1:], true
		}
	}
	return "", subject, false
}

func record(t testing.TB, s ledger.Store, r *ledger.Run) *ledger.Recorded {
	t.Helper()
	rec, err := s.Record(context.Background(), r)
	if err != nil {
		t.Fatalf("Record(as of %s): %v", r.AsOf.Format(time.DateOnly), err)
	}
	return rec
}

func stateOf(t testing.TB, rec *ledger.Recorded, subject string, c comp) ledger.CaseState {
	t.Helper()
	k := ledger.CaseKey{Subject: subject, Component: c.component, Entity: c.entity}
	st, ok := rec.States[k]
	if !ok {
		t.Fatalf("run %d returned no state for %+v; states: %+v", rec.RunID, k, rec.States)
	}
	return st
}

func one(t testing.TB, s ledger.Store, id string) ledger.Case {
	t.Helper()
	cs, err := s.Cases(context.Background(), ledger.Filter{IDs: []string{id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("Cases(id %s) = %d cases, want 1", id, len(cs))
	}
	return cs[0]
}

func wantState(t testing.TB, what string, got ledger.CaseState, status, identified, reported, resolved string) {
	t.Helper()
	f := func(d time.Time) string {
		if d.IsZero() {
			return ""
		}
		return d.Format(time.DateOnly)
	}
	if got.Status != status || f(got.Identified) != identified || f(got.Reported) != reported || f(got.Resolved) != resolved {
		t.Errorf("%s: status %q identified %q reported %q resolved %q; want %q %q %q %q", what,
			got.Status, f(got.Identified), f(got.Reported), f(got.Resolved), status, identified, reported, resolved)
	}
}

// Run runs every behaviour test against the backend.
func Run(t *testing.T, b Backend) {
	tests := []struct {
		name string
		fn   func(*testing.T, Backend)
	}{
		{"CaseWalk", testCaseWalk},
		{"ReopenUnreported", testReopenUnreported},
		{"ResolutionScope", testResolutionScope},
		{"LateDeliveryDoesNotResolveOrReopen", testLateDelivery},
		{"Discovered", testDiscovered},
		{"Waiver", testWaiver},
		{"WaiverExpiry", testWaiverExpiry},
		{"MarkIdempotentAllOrNothing", testMark},
		{"CorrectIdentified", testCorrectIdentified},
		{"Filters", testFilters},
		{"Recall", testRecall},
		{"Documents", testDocuments},
		{"NewerSchemaRefused", testNewerSchema},
		{"OlderSchemaUpgraded", testOlderSchema},
		{"Reopen", testReopenSameLedger},
		{"FailedRunLeavesNothing", testAtomic},
		{"TextIsSanitised", testSanitise},
		{"ConcurrentGoroutines", testConcurrentGoroutines},
		{"ConcurrentProcesses", testConcurrentProcesses},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, b) })
	}
}
