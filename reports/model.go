package reports

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/embargo-sbom/embargo/audit"
)

// SchemaVersion is the version of the JSON report shape; it is bumped on
// any incompatible change so that `embargo merge` and `--baseline` can
// refuse reports they do not understand.
const SchemaVersion = "3"

// Options are the run facts that are not in audit.Result. The CLI passes the
// time in (from SOURCE_DATE_EPOCH when set) so that reports are reproducible.
type Options struct {
	ToolName    string
	ToolVersion string
	GeneratedAt time.Time
	// FailOn is a verdict name ("prohibited", "review", "info") or "never";
	// anything that is not a ranked verdict means never.
	FailOn string
	// Complete is false when the run was interrupted and reports are partial.
	Complete bool
	// Basis is the evidence basis beyond the lists (see Basis).
	Basis Basis
}

// Model is the presentation model, and the exact shape of the JSON report
// (documented by schema/report.schema.json). Every slice is non-nil and
// every list is sorted, so any two renders of one Model are byte-identical.
type Model struct {
	SchemaVersion string    `json:"schemaVersion"`
	Tool          Tool      `json:"tool"`
	GeneratedAt   time.Time `json:"generatedAt"`
	AsOf          string    `json:"asOf"` // YYYY-MM-DD
	Profiles      []string  `json:"profiles"`
	FailOn        string    `json:"failOn"`
	Complete      bool      `json:"complete"`
	Lists         []List    `json:"lists"`
	Summary       Summary   `json:"summary"`
	// Vendors is the procurement view: inputs grouped by the vendor and
	// product a --manifest named. Derived, like Summary.
	Vendors  []Vendor  `json:"vendors"`
	Inputs   []Input   `json:"inputs"`
	Findings []Finding `json:"findings"`
	Warnings []string  `json:"warnings"`
	// FARClause is the FAR 52.204-23 version applied (--far-clause).
	FARClause string `json:"farClause,omitempty"`
	// Caveats are the list's notes on the regimes and obligations the
	// findings cite (computed dates, INTERPRETATION flags).
	Caveats []Caveat `json:"caveats"`
	// Disclaimer says the report is not legal advice; always Disclaimer.
	Disclaimer string `json:"disclaimer"`
	// Basis is everything else that shaped the result (schema version 2).
	Basis Basis `json:"basis"`
	// Deadlines is the "what is due when" summary: each obligation once,
	// with the findings it covers, most urgent first. Derived, and left out
	// of the JSON report, whose findings carry their obligations in full.
	Deadlines    []Deadline `json:"-"`
	deadlineRefs map[deadlineKey]string
}

// The parts of a finding are audit's own types: the report model and the
// JSON report share their shape.
type (
	// Component identifies the component a finding is about.
	Component = audit.ComponentRef
	// Entity is the listed entity a finding attributes the component to.
	Entity = audit.EntityRef
	// Evidence is one signal that fired.
	Evidence = audit.Evidence
	// Obligation is one dated action a regime requires for a finding.
	Obligation = audit.Obligation
	// ObligationStatus says where an obligation stands at the as-of date.
	ObligationStatus = audit.ObligationStatus
	// Citation is a source in full.
	Citation = audit.Citation
	// Caveat is one note of the list on a regime, or on one of its
	// obligations.
	Caveat = audit.Caveat
	// List is one vendor list the run used: part of the evidence basis.
	List = audit.ListInfo
)

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Counts are findings by verdict. A struct rather than a map so that the
// schema can be strict and every verdict is always present.
type Counts struct {
	Prohibited int `json:"prohibited"`
	Review     int `json:"review"`
	Info       int `json:"info"`
	Waived     int `json:"waived"`
	Baseline   int `json:"baseline"`
}

// Total is the number of findings of every verdict.
func (c Counts) Total() int {
	return c.Prohibited + c.Review + c.Info + c.Waived + c.Baseline
}

// Of returns the count for one verdict.
func (c Counts) Of(v audit.Verdict) int {
	switch v {
	case audit.VerdictProhibited:
		return c.Prohibited
	case audit.VerdictReview:
		return c.Review
	case audit.VerdictInfo:
		return c.Info
	case audit.VerdictWaived:
		return c.Waived
	case audit.VerdictBaseline:
		return c.Baseline
	}
	return 0
}

func (c *Counts) add(v audit.Verdict) {
	switch v {
	case audit.VerdictProhibited:
		c.Prohibited++
	case audit.VerdictReview:
		c.Review++
	case audit.VerdictInfo:
		c.Info++
	case audit.VerdictWaived:
		c.Waived++
	case audit.VerdictBaseline:
		c.Baseline++
	}
}

// Verdicts lists every verdict from most to least severe, in the order
// reports show them.
func Verdicts() []audit.Verdict {
	return []audit.Verdict{
		audit.VerdictProhibited, audit.VerdictReview, audit.VerdictInfo,
		audit.VerdictWaived, audit.VerdictBaseline,
	}
}

// Summary is the headline of a run.
type Summary struct {
	Inputs  int `json:"inputs"`
	Audited int `json:"audited"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	// Empty inputs were decoded but list no components.
	Empty      int    `json:"empty"`
	Components int    `json:"components"`
	Findings   Counts `json:"findings"`
	// Failing is the number of findings at or above the fail-on threshold.
	Failing int `json:"failing"`
	// Outcome is "fail" when any finding is at or above the threshold;
	// otherwise "incomplete" when an input failed or an audited input held
	// no components (the audit cannot vouch for it); otherwise "pass". It
	// matches the exit code: 2, 3 and 0.
	Outcome string `json:"outcome"`
	// Gaps say why the outcome is incomplete, one sentence each: failed or
	// empty inputs, nothing audited, a directory without an SBOM, missing
	// shards, an interrupted run. Derived, like the counts.
	Gaps []string `json:"gaps"`
}

// Outcome values (audit.Outcome, as strings).
const (
	OutcomePass       = string(audit.OutcomePass)
	OutcomeFail       = string(audit.OutcomeFail)
	OutcomeIncomplete = string(audit.OutcomeIncomplete)
)

// Vendor rolls up the inputs of one vendor named by a --manifest, for
// procurement reviewing a vendor portfolio. Outcome follows the rules of
// Summary.Outcome, applied to the vendor's inputs and their findings.
type Vendor struct {
	Vendor     string    `json:"vendor"`
	Inputs     int       `json:"inputs"`
	Components int       `json:"components"`
	Findings   Counts    `json:"findings"`
	Failing    int       `json:"failing"`
	Outcome    string    `json:"outcome"`
	Products   []Product `json:"products"`
}

// Product rolls up the inputs of one product version of a vendor.
type Product struct {
	Product    string `json:"product"`
	Version    string `json:"version"`
	Inputs     int    `json:"inputs"`
	Components int    `json:"components"`
	Findings   Counts `json:"findings"`
	Failing    int    `json:"failing"`
	Outcome    string `json:"outcome"`
}

// Input is what happened to one SBOM.
type Input struct {
	Path string `json:"path"`
	// Root is the directory argument whose walk found the input; "" for
	// an input named directly.
	Root string `json:"root"`
	Name string `json:"name"`
	// Vendor, Product and Version come from the --manifest row that named
	// the input; empty without a manifest.
	Vendor      string   `json:"vendor"`
	Product     string   `json:"product"`
	Version     string   `json:"version"`
	Status      string   `json:"status"`
	Error       string   `json:"error"`
	Warnings    []string `json:"warnings"`
	Format      string   `json:"format"`
	SpecVersion string   `json:"specVersion"`
	SHA256      string   `json:"sha256"`
	Components  int      `json:"components"`
	Findings    Counts   `json:"findings"`
}

// Finding is one component attributed to one listed entity.
type Finding struct {
	// ID is stable across runs for the same input path, component and
	// entity; SARIF fingerprints and baselines key on it.
	ID    string `json:"id"`
	Input string `json:"input"`
	// Vendor and Product are copied from the finding's input.
	Vendor     string           `json:"vendor"`
	Product    string           `json:"product"`
	Component  Component        `json:"component"`
	Entity     Entity           `json:"entity"`
	Verdict    audit.Verdict    `json:"verdict"`
	Confidence audit.Confidence `json:"confidence"`
	Category   string           `json:"category"`
	Rationale  string           `json:"rationale"`
	Waiver     string           `json:"waiver"`
	// OriginalVerdict is the verdict before a waiver or the baseline
	// suppressed the finding; empty when it is not suppressed.
	OriginalVerdict audit.Verdict `json:"originalVerdict"`
	// Fails is true when the verdict is at or above the fail-on threshold.
	Fails       bool         `json:"fails"`
	Evidence    []Evidence   `json:"evidence"`
	Obligations []Obligation `json:"obligations"`
	Path        []string     `json:"path"`
	// Case is the compliance case the finding belongs to.
	Case Case `json:"case"`
}

// Case is a finding's compliance case (see audit.Case): the same restricted
// component in the same subject, across runs. Dates are YYYY-MM-DD, ""
// for none. Without a ledger the status is "untracked" and identified is
// the date the deadlines were counted from.
type Case struct {
	ID         string `json:"id"`
	Status     string `json:"status"`
	Identified string `json:"identified"`
	Reported   string `json:"reported"`
	Resolved   string `json:"resolved"`
}

// Label is the case's status and identification date, as the table,
// Markdown and HTML show it: "untracked 2026-11-25".
func (c Case) Label() string {
	return joinNonEmpty(" ", c.Status, c.Identified)
}

// NewModel builds the presentation model from an audit result. It copies
// everything it keeps, so later changes to res do not reach the model.
func NewModel(res *audit.Result, opts Options) *Model {
	if res == nil {
		res = &audit.Result{}
	}
	threshold := failThreshold(opts.FailOn)
	m := &Model{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: opts.ToolName, Version: opts.ToolVersion},
		GeneratedAt:   opts.GeneratedAt.UTC(),
		AsOf:          formatDate(res.AsOf),
		Profiles:      sortedStrings(res.Profiles),
		FailOn:        normaliseFailOn(opts.FailOn),
		Complete:      opts.Complete,
		Lists:         make([]List, 0, len(res.Lists)),
		Inputs:        make([]Input, 0, len(res.Inputs)),
		Findings:      make([]Finding, 0, len(res.Findings)),
		Warnings:      sortedStrings(res.Warnings),
		FARClause:     res.FARClause,
		Basis:         opts.Basis.clone(),
	}
	m.Caveats = append(m.Caveats, res.Caveats...)
	m.Lists = append(m.Lists, res.Lists...)
	byPath := make(map[string]audit.InputResult, len(res.Inputs))
	for _, in := range res.Inputs {
		m.Inputs = append(m.Inputs, newInput(in))
		byPath[in.Path] = in
	}
	for _, f := range res.Findings {
		nf := newFinding(f, threshold)
		nf.Obligations = OverdueObligations(nf.Obligations, nf.Case.Status, res.AsOf)
		if in, ok := byPath[f.Input]; ok {
			nf.Vendor, nf.Product = in.Vendor, in.Product
		}
		m.Findings = append(m.Findings, nf)
	}
	m.normalise()
	return m
}

// normalise sorts every list, replaces nil slices by empty ones and
// recomputes the derived counts and the vendor view. NewModel, ReadJSON and
// Merge all end here, so a model read back or merged renders exactly like
// one built from the audit result.
func (m *Model) normalise() {
	m.Profiles = nonNil(m.Profiles)
	m.Warnings = nonNil(m.Warnings)
	m.Disclaimer = Disclaimer
	m.Caveats = normaliseCaveats(m.Caveats)
	m.Lists = nonNil(m.Lists)
	m.Inputs = nonNil(m.Inputs)
	m.Findings = nonNil(m.Findings)
	m.Basis.normalise()
	slices.SortFunc(m.Lists, func(a, b List) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Version, b.Version), cmp.Compare(a.SHA256, b.SHA256))
	})
	for i := range m.Inputs {
		m.Inputs[i].Warnings = nonNil(m.Inputs[i].Warnings)
		m.Inputs[i].Findings = Counts{}
	}
	slices.SortFunc(m.Inputs, func(a, b Input) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Status, b.Status), cmp.Compare(a.SHA256, b.SHA256))
	})
	for i := range m.Findings {
		m.Findings[i].normalise()
	}
	slices.SortFunc(m.Findings, compareFindings)
	m.Summary = m.summarise()
	m.Vendors = m.vendors()
	m.Deadlines, m.deadlineRefs = m.deadlines()
}

// summarise counts inputs, components and findings, and fills each input's
// per-verdict counts.
func (m *Model) summarise() Summary {
	s := Summary{Inputs: len(m.Inputs)}
	var total rollup
	byPath := make(map[string]int, len(m.Inputs))
	for i, in := range m.Inputs {
		byPath[in.Path] = i
		total.addInput(in)
		switch in.Status {
		case audit.StatusAudited:
			s.Audited++
		case audit.StatusFailed:
			s.Failed++
		case audit.StatusSkipped:
			s.Skipped++
		case audit.StatusEmpty:
			s.Empty++
		}
	}
	for _, f := range m.Findings {
		total.addFinding(f)
		if i, ok := byPath[f.Input]; ok {
			m.Inputs[i].Findings.add(f.Verdict)
		}
	}
	s.Components, s.Findings, s.Failing = total.components, total.findings, total.failing
	s.Gaps = nonNil(m.gaps())
	total.incomplete = len(s.Gaps) > 0
	s.Outcome = total.outcome()
	return s
}

// rollup accumulates the counts and outcome that Summary, Vendor and
// Product share, so that all three follow one rule.
type rollup struct {
	inputs, components, failing int
	findings                    Counts
	// incomplete: an input failed, or an audited one held no components.
	incomplete bool
}

func (r *rollup) addInput(in Input) {
	r.inputs++
	r.components += in.Components
	if in.Status == audit.StatusFailed || in.Status == audit.StatusEmpty || in.Status == audit.StatusAudited && in.Components == 0 {
		r.incomplete = true
	}
}

func (r *rollup) addFinding(f Finding) {
	r.findings.add(f.Verdict)
	if f.Fails {
		r.failing++
	}
}

// outcome follows audit.Decide, the rule the exit code follows.
func (r *rollup) outcome() string {
	return string(audit.Decide(r.failing, r.incomplete))
}

type productKey struct{ vendor, product, version string }

// vendors groups inputs with a vendor by vendor and by product version,
// and counts each group's findings (those of its inputs). Inputs without a
// vendor are left out. Call after the inputs and findings are sorted.
func (m *Model) vendors() []Vendor {
	vendorOf := map[string]*rollup{}
	productOf := map[productKey]*rollup{}
	keyOf := make(map[string]productKey, len(m.Inputs))
	var keys []productKey
	for _, in := range m.Inputs {
		if in.Vendor == "" {
			continue
		}
		k := productKey{vendor: in.Vendor, product: in.Product, version: in.Version}
		keyOf[in.Path] = k
		if vendorOf[k.vendor] == nil {
			vendorOf[k.vendor] = &rollup{}
		}
		if productOf[k] == nil {
			productOf[k] = &rollup{}
			keys = append(keys, k)
		}
		vendorOf[k.vendor].addInput(in)
		productOf[k].addInput(in)
	}
	for _, f := range m.Findings {
		if k, ok := keyOf[f.Input]; ok {
			vendorOf[k.vendor].addFinding(f)
			productOf[k].addFinding(f)
		}
	}
	slices.SortFunc(keys, func(a, b productKey) int {
		return cmp.Or(cmp.Compare(a.vendor, b.vendor), cmp.Compare(a.product, b.product), cmp.Compare(a.version, b.version))
	})
	out := []Vendor{}
	for _, k := range keys {
		if len(out) == 0 || out[len(out)-1].Vendor != k.vendor {
			r := vendorOf[k.vendor]
			out = append(out, Vendor{Vendor: k.vendor, Inputs: r.inputs, Components: r.components,
				Findings: r.findings, Failing: r.failing, Outcome: r.outcome(), Products: []Product{}})
		}
		r := productOf[k]
		v := &out[len(out)-1]
		v.Products = append(v.Products, Product{Product: k.product, Version: k.version, Inputs: r.inputs,
			Components: r.components, Findings: r.findings, Failing: r.failing, Outcome: r.outcome()})
	}
	return out
}

func newInput(in audit.InputResult) Input {
	return Input{
		Path:        in.Path,
		Root:        in.Root,
		Name:        in.Name,
		Vendor:      in.Vendor,
		Product:     in.Product,
		Version:     in.Version,
		Status:      in.Status,
		Error:       in.Error,
		Warnings:    slices.Clone(in.Warnings),
		Format:      in.Format,
		SpecVersion: in.SpecVersion,
		SHA256:      in.SHA256,
		Components:  in.Components,
	}
}

func newFinding(f audit.Finding, threshold int) Finding {
	out := Finding{
		ID:         f.ID,
		Input:      f.Input,
		Component:  f.Component,
		Entity:     f.Entity,
		Verdict:    f.Verdict,
		Confidence: f.Confidence,
		Category:   string(f.Category),
		Rationale:  f.Rationale,
		Waiver:     f.WaiverID,
		// Findings that were never suppressed carry no original verdict,
		// whatever the audit put there.
		OriginalVerdict: original(f),
		Fails:           threshold > 0 && f.Verdict.Rank() >= threshold,
		Evidence:        slices.Clone(f.Evidence),
		Obligations:     make([]Obligation, 0, len(f.Obligations)),
		Path:            slices.Clone(f.Path),
		Case: Case{
			ID: f.Case.ID, Status: f.Case.Status, Identified: formatDate(f.Case.Identified),
			Reported: formatDate(f.Case.Reported), Resolved: formatDate(f.Case.Resolved),
		},
	}
	out.Component.CPEs = slices.Clone(f.Component.CPEs)
	if out.Evidence == nil {
		out.Evidence = []Evidence{}
	}
	for _, o := range f.Obligations {
		o.Sources, o.Citations, o.Notes = slices.Clone(o.Sources), slices.Clone(o.Citations), slices.Clone(o.Notes)
		out.Obligations = append(out.Obligations, o)
	}
	if out.ID == "" {
		out.ID = fallbackID(out)
	}
	return out
}

// original is the verdict a suppressed finding had before its waiver or
// the baseline; empty for a finding that is not suppressed.
func original(f audit.Finding) audit.Verdict {
	if f.Verdict.Rank() > 0 {
		return ""
	}
	return f.Original
}

// Suppressed is true for a waived or baseline finding: listed, never
// failing.
func (f Finding) Suppressed() bool {
	return f.Verdict == audit.VerdictWaived || f.Verdict == audit.VerdictBaseline
}

// SuppressionNote says what a suppressed finding was and which waiver
// suppressed it ("was prohibited; W-12"); empty for other findings. The
// text is raw: each format escapes it.
func (f Finding) SuppressionNote() string {
	var was string
	if f.OriginalVerdict != "" && f.OriginalVerdict != f.Verdict {
		was = "was " + string(f.OriginalVerdict)
	}
	return joinNonEmpty("; ", was, f.Waiver)
}

// VerdictLabel is the verdict with the suppression note, as one-line
// formats show it: "waived (was prohibited; W-12)". Raw text.
func (f Finding) VerdictLabel() string {
	if note := f.SuppressionNote(); note != "" {
		return string(f.Verdict) + " (" + note + ")"
	}
	return string(f.Verdict)
}

// normalise sorts a finding's own lists. The dependency path is an ordered
// chain (root first) and is left in order.
func (f *Finding) normalise() {
	f.Component.CPEs = sortedStrings(f.Component.CPEs)
	f.Evidence = nonNil(f.Evidence)
	f.Obligations = nonNil(f.Obligations)
	f.Path = nonNil(f.Path)
	slices.SortFunc(f.Evidence, compareEvidence)
	for i := range f.Obligations {
		f.Obligations[i].Sources = sortedStrings(f.Obligations[i].Sources)
		slices.SortStableFunc(f.Obligations[i].Citations, func(a, b Citation) int { return cmp.Compare(a.ID, b.ID) })
	}
	slices.SortFunc(f.Obligations, compareObligations)
}

// compareFindings puts the most severe first, then groups by input.
func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(b.Verdict.Rank(), a.Verdict.Rank()),
		cmp.Compare(verdictOrder(a.Verdict), verdictOrder(b.Verdict)),
		cmp.Compare(a.Input, b.Input),
		cmp.Compare(a.Component.Name, b.Component.Name),
		cmp.Compare(a.Component.Version, b.Component.Version),
		cmp.Compare(a.Entity.ID, b.Entity.ID),
		cmp.Compare(a.ID, b.ID),
	)
}

// verdictOrder separates verdicts of equal rank (waived before baseline) and
// puts unknown verdicts last.
func verdictOrder(v audit.Verdict) int {
	if i := slices.Index(Verdicts(), v); i >= 0 {
		return i
	}
	return len(Verdicts())
}

// compareEvidence puts strong signals first, so that evidence[0] is the
// strongest and can stand for the finding in one-line formats.
func compareEvidence(a, b Evidence) int {
	return cmp.Or(
		cmp.Compare(strengthOrder(a.Strength), strengthOrder(b.Strength)),
		cmp.Compare(signalOrder(a.Signal), signalOrder(b.Signal)),
		cmp.Compare(a.Signal, b.Signal),
		cmp.Compare(a.Field, b.Field),
		cmp.Compare(a.Value, b.Value),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Location, b.Location),
		cmp.Compare(a.Line, b.Line),
	)
}

// signalOrder ranks signals by how directly they say who made the
// component, so that the strongest evidence shown first is the one a
// reader is most convinced by: an organisation field before an identifier,
// an identifier before a URL, a URL before a name.
func signalOrder(s string) int {
	for i, x := range []string{"supplier", "manufacturer", "originator", "publisher", "author",
		"purl", "group", "vcs", "cpe", "package-name", "domain", "copyright", "property", "product",
		"name", "person", "description", "comment"} {
		if s == x {
			return i
		}
	}
	return 100
}

func strengthOrder(s string) int {
	switch s {
	case "strong":
		return 0
	case "weak":
		return 2
	}
	return 1
}

// compareObligations orders by deadline, earliest first; obligations with
// no due date follow, by effective date.
func compareObligations(a, b Obligation) int {
	return cmp.Or(
		compareBool(a.Due == "", b.Due == ""),
		cmp.Compare(a.Due, b.Due),
		cmp.Compare(a.Effective, b.Effective),
		cmp.Compare(a.Regime, b.Regime),
		cmp.Compare(a.Citation, b.Citation),
		cmp.Compare(a.Action, b.Action),
	)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// Strongest returns the finding's strongest evidence (evidence is sorted
// strong first), and false when there is none.
func (f Finding) Strongest() (Evidence, bool) {
	if len(f.Evidence) == 0 {
		return Evidence{}, false
	}
	return f.Evidence[0], true
}

// NextDue returns the earliest due date among the finding's obligations
// and the obligation it belongs to; false when no obligation has a due date.
func (f Finding) NextDue() (Obligation, bool) {
	if len(f.Obligations) == 0 || f.Obligations[0].Due == "" {
		return Obligation{}, false
	}
	return f.Obligations[0], true
}

// InForceSince is the latest effective date among the finding's
// obligations in force: since when everything that binds now binds; ""
// for none (an obligation still upcoming on the as-of date is not in force).
func (f Finding) InForceSince() string {
	latest := ""
	for _, o := range f.Obligations {
		if o.Status.State != "upcoming" {
			latest = max(latest, o.Effective)
		}
	}
	return latest
}

// normaliseCaveats sorts and deduplicates caveats (a merge brings the
// same notes from every shard).
func normaliseCaveats(cs []Caveat) []Caveat {
	cs = nonNil(cs)
	slices.SortFunc(cs, func(a, b Caveat) int {
		return cmp.Or(cmp.Compare(a.Regime, b.Regime), cmp.Compare(a.Obligation, b.Obligation), cmp.Compare(a.Text, b.Text))
	})
	return slices.Compact(cs)
}

// fallbackID derives a stable id when the audit did not set one, from the
// same facts a person would use to say "the same finding".
func fallbackID(f Finding) string {
	h := sha256.New()
	for _, s := range []string{f.Input, f.Component.Ref, f.Component.Group, f.Component.Name, f.Component.Version, f.Component.PURL, f.Entity.List, f.Entity.ID} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "EMB-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// failThreshold is the minimum rank that fails a run; 0 means never.
func failThreshold(failOn string) int {
	return audit.Verdict(failOn).Rank()
}

func normaliseFailOn(failOn string) string {
	if failThreshold(failOn) == 0 {
		return audit.FailOnNever
	}
	return failOn
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// sortedStrings returns a sorted, de-duplicated, non-nil copy.
func sortedStrings(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return nonNil(slices.Compact(out))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// cleanInput is an audited input with components and no finding.
func cleanInput(in Input) bool {
	return in.Status == audit.StatusAudited && in.Components > 0 && in.Findings.Total() == 0 && len(in.Warnings) == 0
}
