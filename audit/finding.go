// Package audit matches SBOM components against sanctioned-vendor lists and
// turns each match into a finding with its evidence, verdict and the dated
// obligations of every regime that binds the user.
package audit

import (
	"time"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// Verdict is what a finding means for the user.
type Verdict string

// Verdicts, from most to least severe. Waived and baseline findings stay in
// reports but never fail a run.
const (
	VerdictProhibited Verdict = "prohibited"
	VerdictReview     Verdict = "review"
	VerdictInfo       Verdict = "info"
	VerdictWaived     Verdict = "waived"
	VerdictBaseline   Verdict = "baseline"
)

// Rank orders verdicts for --fail-on: higher is more severe; waived and
// baseline rank 0 so that they never trip a threshold.
func (v Verdict) Rank() int {
	switch v {
	case VerdictProhibited:
		return 3
	case VerdictReview:
		return 2
	case VerdictInfo:
		return 1
	}
	return 0
}

// Confidence is how sure the matcher is that the component is the entity's.
type Confidence string

// Confidence levels.
const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
)

// Evidence is one signal that fired.
type Evidence struct {
	Signal string `json:"signal"` // "supplier", "purl", "cpe", "domain", "package-name", ...
	Field  string `json:"field"`  // the model field: "supplier.name", "externalRefs[2].url"
	Value  string `json:"value"`  // the value as found in the SBOM
	// Matched is the list entry it matched (normalised name, domain, rule).
	Matched  string `json:"matched"`
	Location string `json:"location"` // JSON pointer or XPath of the component
	Line     int    `json:"line,omitempty"`
	Rule     string `json:"rule"`     // stable rule id, e.g. "kaspersky/name/ao-kaspersky-lab"
	Strength string `json:"strength"` // "strong", "weak"
}

// ObligationStatus says where an obligation stands at the as-of date.
type ObligationStatus struct {
	// "in-force", "due", "passed" (deadline in the past, unknown whether
	// met), "done" (a record says when), "upcoming".
	State string `json:"state"`
	Days  int    `json:"days"` // days in force / until due / since the deadline / until effective
	Text  string `json:"text"` // "in force for 812 days"
}

// Citation is a source in full, as the list cites it.
type Citation struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Obligation is one required action that binds the user for a finding.
type Obligation struct {
	Regime    string `json:"regime"`
	ID        string `json:"id,omitempty"` // the obligation's id within the regime
	Title     string `json:"title"`
	Citation  string `json:"citation"`
	Action    string `json:"action"`
	Effective string `json:"effective"`     // YYYY-MM-DD
	Due       string `json:"due,omitempty"` // YYYY-MM-DD
	// DueIsLatest marks a due date that is the latest possible one: it
	// counts from a preceding obligation's deadline because the date that
	// one was done is not recorded.
	DueIsLatest bool             `json:"dueIsLatest,omitempty"`
	Clause      string           `json:"clause,omitempty"` // clause version applied, as cited
	Status      ObligationStatus `json:"status"`
	Sources     []string         `json:"sources"`
	Citations   []Citation       `json:"citations,omitempty"` // Sources in full
	// Notes are the list's caveats on this obligation (computed dates,
	// INTERPRETATION flags) and why its deadline is what it is.
	Notes []string `json:"notes,omitempty"`
}

// ComponentRef identifies the component a finding is about.
type ComponentRef struct {
	Name     string   `json:"name"`
	Group    string   `json:"group"`
	Version  string   `json:"version"`
	PURL     string   `json:"purl"`
	CPEs     []string `json:"cpes"`
	Supplier string   `json:"supplier"`
	Ref      string   `json:"ref"`
	Type     string   `json:"type"`
}

// EntityRef names the listed entity a finding attributes the component to.
type EntityRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	List string `json:"list"` // list id
}

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

// Caveat is a note of the list on a regime (Obligation empty) or on one
// of its obligations, or why a deadline is what it is.
type Caveat struct {
	Regime     string `json:"regime"`
	Obligation string `json:"obligation,omitempty"`
	Text       string `json:"text"`
}

// ShardInfo is shard Index of Count (1-based), as --shard I/N gives it.
type ShardInfo struct{ Index, Count int }
