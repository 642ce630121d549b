package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// A case is one restricted component in one subject, tracked across runs
// by an audit ledger. Its key holds no version and no input path, so that
// a re-delivered SBOM, or a new version of the component, continues it.

// CaseKey identifies a case.
type CaseKey struct {
	// Subject is the manifest's "vendor/product" when the input's manifest
	// row names both, else the input path as reported.
	Subject string
	// Component is the purl without version, qualifiers and subpath,
	// lower-cased; else "group/name" (or "name"), lower-cased; else the
	// component's ref.
	Component string
	// Entity is "LISTID/ENTITYID".
	Entity string
}

// ID is the case id: "C-" and the first 12 hex digits of the SHA-256 of
// the key's fields joined by NUL bytes.
func (k CaseKey) ID() string {
	sum := sha256.Sum256([]byte(k.Subject + "\x00" + k.Component + "\x00" + k.Entity))
	return "C-" + hex.EncodeToString(sum[:])[:12]
}

// Case statuses. A stateless run (no Memory) marks every case untracked;
// a ledger sets the others.
const (
	CaseUntracked = "untracked"
	CaseOpen      = "open"
	CaseReported  = "reported"
	CaseResolved  = "resolved"
	CaseWaived    = "waived"
)

// Case is what a finding carries of its case. Dates are calendar dates
// (00:00 UTC); zero means none.
type Case struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	// Identified is the date the finding's deadlines were computed from.
	Identified time.Time `json:"identified"`
	Reported   time.Time `json:"reported"`
	Resolved   time.Time `json:"resolved"`
}

// CaseState is what a Memory knows of a case. Dates are calendar dates
// (00:00 UTC); zero means none.
type CaseState struct {
	ID, Status, Waiver                       string
	Identified, Reported, Resolved, LastSeen time.Time
	// FollowedUp is when the follow-up report was submitted.
	FollowedUp time.Time
	// WaiverExpires is the last day Waiver applies; zero when the case is
	// not waived or the waiver's expiry was not recorded.
	WaiverExpires time.Time
}

// Memory remembers cases across runs (an audit ledger). A run without one
// is stateless: each case is identified on --discovered, else the as-of
// date.
type Memory interface {
	// Recall returns what is known of these cases before assessment; a
	// key absent from the map is a new case.
	Recall(ctx context.Context, keys []CaseKey) (map[CaseKey]CaseState, error)
	// Record stores the whole run in one transaction and returns the
	// authoritative state of every case the run's findings belong to.
	Record(ctx context.Context, run *Result) (map[CaseKey]CaseState, error)
}

// Subject names whose SBOM an input is: the manifest's "vendor/product"
// when it gives both, else the input path.
func Subject(input string, meta InputMeta) string {
	if meta.Vendor != "" && meta.Product != "" {
		return meta.Vendor + "/" + meta.Product
	}
	return input
}

// NewCaseKey is the case of a component attributed to an entity in a
// subject.
func NewCaseKey(subject string, c ComponentRef, e EntityRef) CaseKey {
	return CaseKey{Subject: subject, Component: CaseComponent(c), Entity: e.List + "/" + e.ID}
}

// CaseComponent identifies a component without its version: the purl
// without version, qualifiers and subpath, else group/name, lower-cased;
// else its ref.
func CaseComponent(c ComponentRef) string {
	if c.PURL != "" {
		return strings.ToLower(purlWithoutVersion(c.PURL))
	}
	switch {
	case c.Group != "" && c.Name != "":
		return strings.ToLower(c.Group + "/" + c.Name)
	case c.Name != "":
		return strings.ToLower(c.Name)
	}
	return c.Ref
}

// purlWithoutVersion cuts the subpath, the qualifiers and the version: the
// last "@" that does not open a path segment (an unencoded npm scope,
// "pkg:npm/@scope/name", is no version).
func purlWithoutVersion(p string) string {
	p, _, _ = strings.Cut(p, "#")
	p, _, _ = strings.Cut(p, "?")
	if i := strings.LastIndexByte(p, '@'); i > 0 && p[i-1] != '/' {
		p = p[:i]
	}
	return p
}
