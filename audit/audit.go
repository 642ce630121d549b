package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/embargo-sbom/embargo/audit/assess"
	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// DefaultProfile is the profile used when none is selected.
const DefaultProfile = assess.DefaultProfile

// Config configures an Auditor: the lists, the profiles and the dates
// (see assess.Config). Config.Discovered is the identification date of
// every case a Memory does not know; left zero, it is the as-of date and
// a run without Memory warns that its deadlines move with every run.
type Config = assess.Config

// Auditor attributes components to listed entities (audit/match) and
// assesses each attribution (audit/assess). It is immutable after New
// and safe for concurrent use.
type Auditor struct {
	m     *match.Matcher
	as    *assess.Assessor
	lists []*vendorlists.List
	// asOfInstant is Config.AsOf (or the time of New) with its time of
	// day, which list ages are measured to.
	asOfInstant time.Time
}

// New compiles the lists and binds the selected profiles' regimes.
func New(cfg Config) (*Auditor, error) {
	m, err := match.New(cfg.Lists)
	if err != nil {
		return nil, err
	}
	as, err := assess.New(cfg)
	if err != nil {
		return nil, err
	}
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = time.Now()
	}
	return &Auditor{m: m, as: as, lists: cfg.Lists, asOfInstant: asOf}, nil
}

// Audit matches every component of doc, and its subject (CycloneDX
// metadata.component: the product itself may be the entity's), and
// assesses each attribution statelessly. Findings come in component
// order, then list and entity order, and carry the document path and the
// dependency path from the document's subject.
func (a *Auditor) Audit(doc *sbom.Document) []Finding {
	d := a.m.NewDocument(doc.Path)
	for i := range doc.Components {
		d.Visit(&doc.Components[i])
	}
	return a.assessAll(d.Finish(doc))
}

// MatchComponent attributes one component and assesses it statelessly,
// with no input.
func (a *Auditor) MatchComponent(c *sbom.Component) []Finding {
	return a.assessAll(a.m.Attribute(c))
}

// Attribute attributes one component to the listed entities, with no
// input: what holds on any date and for any profile.
func (a *Auditor) Attribute(c *sbom.Component) []Attribution {
	return a.m.Attribute(c)
}

// Lists describes the lists the auditor was built from.
func (a *Auditor) Lists() []ListInfo {
	out := make([]ListInfo, len(a.lists))
	for i, l := range a.lists {
		out[i] = ListInfo{
			ID: l.ID, Title: l.Title, Version: l.Version,
			Published: l.Published.String(), SHA256: l.SHA256, Origin: l.Origin,
		}
	}
	return out
}

// assessAll assesses attributions statelessly, each input its own
// subject.
func (a *Auditor) assessAll(ats []Attribution) []Finding {
	if len(ats) == 0 {
		return nil
	}
	out := make([]Finding, len(ats))
	for i := range ats {
		out[i], _ = a.finding(&ats[i], subjectOf(ats[i].Input, InputMeta{}), a.as.Stateless())
	}
	return out
}

// finding assesses an attribution as a finding of subj, dated from the
// case's dates; fromIdent reports a deadline counted from identification.
func (a *Auditor) finding(at *Attribution, subj subject, d assess.Dates) (f Finding, fromIdent bool) {
	as := a.as.Assess(at, d)
	key := NewCaseKey(subj.cases, at.Component, at.Entity)
	return Finding{
		ID:          findingID(subj.findings, at.Entity.ID, match.ComponentKey(at.Component)),
		Input:       at.Input,
		Component:   at.Component,
		Entity:      at.Entity,
		Verdict:     as.Verdict,
		Confidence:  as.Confidence,
		Category:    as.Category,
		Rationale:   as.Rationale,
		Evidence:    at.Evidence,
		Obligations: as.Obligations,
		Path:        at.Path,
		CaseKey:     key,
		Case:        Case{ID: key.ID(), Status: CaseUntracked, Identified: d.Identified, Reported: d.Reported},
	}, as.FromIdentification
}

// findingID is stable across runs: the same subject (the input path, or
// the manifest's vendor/product@version), entity and component version
// always give the same id.
func findingID(subject, entity, key string) string {
	sum := sha256.Sum256([]byte(subject + "\x00" + entity + "\x00" + key))
	return "EMB-" + hex.EncodeToString(sum[:])[:16]
}
