package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// CaseKey identifies a case: one restricted component (without its
// version) in one subject, matched to one list entity. It mirrors
// audit.CaseKey as plain strings.
type CaseKey struct {
	Subject   string // manifest "vendor/product", else the input path
	Component string // purl without version/qualifiers/subpath, else group/name
	Entity    string // "LISTID/ENTITYID"
}

// ID is the case id: "C-" and the first 12 hex digits of the SHA-256 of
// the key's parts separated by NUL bytes.
func (k CaseKey) ID() string {
	h := sha256.Sum256([]byte(k.Subject + "\x00" + k.Component + "\x00" + k.Entity))
	return "C-" + hex.EncodeToString(h[:6])
}

// ListID is the list part of the entity ("kaspersky" of "kaspersky/ao-kl").
func (k CaseKey) ListID() string {
	for i := 0; i < len(k.Entity); i++ {
		if k.Entity[i] == '/' {
			return k.Entity[:i]
		}
	}
	return k.Entity
}

// Status is where a case stands.
type Status string

// Case statuses. Overdue is not stored: it is an open case with an
// obligation past its due date, computed as of a date.
const (
	StatusOpen     Status = "open"
	StatusReported Status = "reported"
	StatusResolved Status = "resolved"
	StatusWaived   Status = "waived"
)

// CaseState is what the ledger knows of a case; it mirrors audit.CaseState.
type CaseState struct {
	ID, Status, Waiver                       string
	Identified, Reported, Resolved, LastSeen time.Time
	// FollowedUp is when the follow-up report was submitted.
	FollowedUp time.Time
	// WaiverExpires is the last day Waiver applies; zero when the case is
	// not waived or the waiver's expiry was not recorded.
	WaiverExpires time.Time
}

// StatusOn is the case's status on a date: a waived case whose waiver
// expired before it is open again (reported, when a report is recorded),
// without waiting for a run to see it unwaived.
func (s CaseState) StatusOn(day time.Time) string {
	if s.WaiverLapsed(day) {
		if !s.Reported.IsZero() {
			return string(StatusReported)
		}
		return string(StatusOpen)
	}
	return s.Status
}

// WaiverLapsed reports whether the case is stored waived under a waiver
// whose last day is before day.
func (s CaseState) WaiverLapsed(day time.Time) bool {
	return s.Status == string(StatusWaived) && !s.WaiverExpires.IsZero() && !day.IsZero() && day.After(s.WaiverExpires)
}

// Case is a case as listed: its state, its key and what the last run that
// saw it found.
type Case struct {
	CaseState
	Key        CaseKey
	Vendor     string // the subject's vendor from a manifest, "" without one
	Product    string
	Version    string // the component version(s) last seen, comma-separated
	Verdict    string
	Category   string
	Confidence string
	ReportRef  string // reference of the report submission (e.g. a DIBNet id)
	ReportedBy string
	FirstRun   int64
	LastRun    int64
}

// List is a vendor list used in a run.
type List struct{ ID, Version, SHA256 string }

// Input is one input of a run.
type Input struct {
	Path, SHA256, Format string
	Vendor, Product      string // from a manifest row, "" when none
	Subject              string // the case subject for this input's findings
	Status               string // the audit status as reported ("audited", "failed", ...)
	// Audited: the input was read and matched completely, so a case of its
	// subject that it does not contain is resolved.
	Audited bool
	// Document is the decoded document in the sbom/scanner wire encoding,
	// stored once per SHA256 for reaudit; nil stores nothing.
	Document []byte
	// DocumentFormat names that encoding (with its version), so that a
	// later embargo can tell whether it can read a stored document.
	DocumentFormat string
	// DocumentSize, when set, says Document is already compressed
	// (CompressDocument) from that many bytes: a caller may compress while
	// other work runs, rather than in Record.
	DocumentSize int
}

// Finding is one finding of a run, with its case key.
type Finding struct {
	Key        CaseKey
	Input      int // index into Run.Inputs
	Version    string
	Verdict    string
	Category   string
	Confidence string
	Waiver     string // waiver id, "" when not waived
	// WaiverExpires is the last day the waiver applies (zero: unknown).
	WaiverExpires time.Time
	Evidence      []byte // JSON of the evidence, stored as given
}

// Run is one audit, as the ledger records it.
type Run struct {
	Tool     string
	AsOf     time.Time
	Lists    []List
	Profiles []string
	// Discovered, when set, is the identification date of cases this run
	// finds for the first time (--discovered); else they are identified on
	// AsOf.
	Discovered time.Time
	Inputs     []Input
	Findings   []Finding
	// Partial names subjects some of whose SBOMs this run did not audit
	// (another shard has them): their cases are not resolved by it.
	Partial []string
}

// Recorded is the outcome of recording a run.
type Recorded struct {
	RunID  int64
	States map[CaseKey]CaseState
}

// Filter selects cases. Empty fields select everything.
type Filter struct {
	Statuses []Status // stored statuses; empty = all
	Vendor   string   // the subject's vendor, case-insensitive
	Entity   string   // "LISTID/ENTITYID" or "ENTITYID", case-insensitive
	Subject  string
	IDs      []string
	// AsOf, when set, is the date statuses are read on (CaseState.StatusOn):
	// Statuses select, and Cases returns, the status on that date.
	AsOf time.Time
}

// Mark records a report submission or a note on cases.
type Mark struct {
	IDs      []string
	Reported bool // record a report submission on date On
	// FollowedUp records the follow-up report's submission on date On; the
	// case must have (or get in the same mark) a report on or before it.
	FollowedUp bool
	On         time.Time // the submission date
	Ref        string    // e.g. a DIBNet reference
	By         string
	Note       string // free text, recorded as a note event
	// Identified, when set, corrects the case's identification to this
	// earlier date (a case found late); its deadlines then run from it.
	// Note, required with it, says why, in the same history event.
	Identified time.Time
	At         time.Time // when the mark was made (defaults to now)
}

// MarkResult says what marking did to one case.
type MarkResult struct {
	ID      string
	Changed bool // false: the case already carried these values
}

// Event is one entry of a case's history.
type Event struct {
	Date     time.Time // the calendar date it applies to (a run's as-of, a report date)
	Recorded time.Time // when the ledger recorded it
	Kind     string    // seen, identified, status, version, waiver, reported, followed-up, note
	RunID    int64
	From, To string
	By, Ref  string
	Note     string
	Input    string // for "seen": the input path
}

// StoredInput is a document kept for reaudit, with the last input it came from.
type StoredInput struct {
	SHA256, Path, Format     string
	Vendor, Product, Subject string
	DocumentFormat           string
	LastRun                  int64
}

// RunInfo summarises a recorded run.
type RunInfo struct {
	ID       int64
	Tool     string
	AsOf     time.Time
	Recorded time.Time
	Profiles []string
	Inputs   int
	Findings int
}
