package audit

import (
	"time"

	"github.com/embargo-sbom/embargo/audit/assess"
	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// The parts of a finding are defined where they are made: what the SBOM
// shows by audit/match, what the law requires by audit/assess.
type (
	Attribution  = match.Attribution
	OSStamp      = match.OSStamp
	ComponentRef = match.ComponentRef
	EntityRef    = match.EntityRef
	Evidence     = match.Evidence
	Confidence   = match.Confidence

	Verdict          = assess.Verdict
	Obligation       = assess.Obligation
	ObligationStatus = assess.ObligationStatus
	Citation         = assess.Citation
	Caveat           = assess.Caveat
)

// Confidence levels.
const (
	ConfidenceHigh   = match.ConfidenceHigh
	ConfidenceMedium = match.ConfidenceMedium
	ConfidenceLow    = match.ConfidenceLow
)

// Verdicts, from most to least severe. Waived and baseline findings stay in
// reports but never fail a run.
const (
	VerdictProhibited = assess.VerdictProhibited
	VerdictReview     = assess.VerdictReview
	VerdictInfo       = assess.VerdictInfo
	VerdictWaived     = assess.VerdictWaived
	VerdictBaseline   = assess.VerdictBaseline
)

// Finding is one component attributed to one listed entity.
type Finding struct {
	ID          string               `json:"id"`
	Input       string               `json:"input"`
	Component   ComponentRef         `json:"component"`
	Entity      EntityRef            `json:"entity"`
	Verdict     Verdict              `json:"verdict"`
	Confidence  Confidence           `json:"confidence"`
	Category    vendorlists.Category `json:"category"`
	Rationale   string               `json:"rationale"`
	Evidence    []Evidence           `json:"evidence"`
	Obligations []Obligation         `json:"obligations"`
	Path        []string             `json:"path"`
	WaiverID    string               `json:"waiver,omitempty"`
	// WaiverExpires is the last day the waiver applies, for a ledger that
	// must know when the case stops being waived.
	WaiverExpires time.Time `json:"-"`
	// Original is the verdict before a waiver or baseline suppressed it;
	// empty when the finding is not suppressed.
	Original Verdict `json:"originalVerdict,omitempty"`
	// CaseKey is the case the finding belongs to; Case what is known of it.
	CaseKey CaseKey `json:"-"`
	Case    Case    `json:"case"`
}

// Input status values.
const (
	StatusAudited = "audited"
	StatusFailed  = "failed"
	StatusSkipped = "skipped"
	// StatusEmpty: decoded, but the SBOM lists no components, so it
	// cannot show the absence of anything; the run is incomplete.
	StatusEmpty = "empty"
)

// InputResult is what happened to one input.
type InputResult struct {
	Path string `json:"path"`
	// Root is the directory argument a walk found the input in; "" for an
	// input named directly.
	Root        string   `json:"root,omitempty"`
	Status      string   `json:"status"`
	Error       string   `json:"error"`
	Warnings    []string `json:"warnings"`
	Format      string   `json:"format"`
	SpecVersion string   `json:"specVersion"`
	SHA256      string   `json:"sha256"`
	Components  int      `json:"components"`
	Name        string   `json:"name"`
	// Vendor, Product and Version come from the --manifest row that named
	// this input; empty without a manifest.
	Vendor  string `json:"vendor,omitempty"`
	Product string `json:"product,omitempty"`
	Version string `json:"version,omitempty"`
}

// ListInfo is the evidence basis: which list, which version, which bytes.
type ListInfo struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Version   string `json:"version"`
	Published string `json:"published"`
	SHA256    string `json:"sha256"`
	Origin    string `json:"origin"`
}

// Result is the outcome of one audit run, before presentation.
type Result struct {
	AsOf       time.Time
	Discovered time.Time
	Profiles   []string
	Lists      []ListInfo
	Inputs     []InputResult
	Findings   []Finding
	Warnings   []string
	// Shard is the part of a sharded run this result covers; zero for an
	// unsharded run.
	Shard ShardInfo
	// FARClause is the FAR clause version applied (--far-clause).
	FARClause string
	// Caveats are the notes of every regime and obligation a finding
	// cites, with their INTERPRETATION flags, for the caveats section.
	Caveats []Caveat
	// ToolVersion is the version of the program that ran (Plan).
	ToolVersion string

	// The outcome (Execute; see Decide): the fail-on threshold applied,
	// the findings at or above it, why the run is incomplete, and the
	// live waivers that matched nothing.
	FailOn        string
	Failing       int
	Gaps          []string
	Outcome       Outcome
	UnusedWaivers []string
	failUnused    bool
}

// ShardInfo is shard Index of Count (1-based), as --shard I/N gives it.
type ShardInfo struct{ Index, Count int }
