package ledger

import (
	"context"
	"errors"
)

// Store is a ledger. Implementations are safe for concurrent use by one
// process, and several processes may write one store at once.
type Store interface {
	// Record stores the whole run in one transaction and returns the
	// authoritative state of every case it touched.
	Record(ctx context.Context, run *Run) (*Recorded, error)
	// Recall returns what is known of these cases; absent keys are new.
	Recall(ctx context.Context, keys []CaseKey) (map[CaseKey]CaseState, error)
	// Cases lists cases matching f, ordered by subject, entity, component.
	Cases(ctx context.Context, f Filter) ([]Case, error)
	// Mark records a report submission and/or a note on every case named,
	// all or none; marking again with the same values changes nothing.
	Mark(ctx context.Context, m Mark) ([]MarkResult, error)
	// History returns the case and its timeline, oldest first.
	History(ctx context.Context, id string) (*Case, []Event, error)
	// Documents lists, per subject, the inputs of the latest run that
	// audited it, with their stored documents (what a re-audit reads).
	Documents(ctx context.Context) ([]StoredInput, error)
	// HasDocuments reports which of these SHA-256s have a stored document.
	HasDocuments(ctx context.Context, shas []string) (map[string]bool, error)
	// Document returns a stored document, decompressed, and its format.
	Document(ctx context.Context, sha256 string) ([]byte, string, error)
	// Runs lists the recorded runs, oldest first.
	Runs(ctx context.Context) ([]RunInfo, error)
	Close() error
}

// ErrNotFound is returned for a case id or document the ledger does not hold.
var ErrNotFound = errors.New("not in the ledger")

// ErrNewerSchema is returned when the ledger was written by a newer embargo.
var ErrNewerSchema = errors.New("ledger written by a newer embargo")
