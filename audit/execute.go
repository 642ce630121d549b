package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/embargo-sbom/embargo/audit/assess"
	"github.com/embargo-sbom/embargo/sbom"
)

// Plan is one audit run, everything settled before any input is read.
// `embargo audit` and `embargo scan` build one (cmd/embargo/cli) and call
// Execute; so does anything else that audits inputs (a re-audit of the
// SBOMs a ledger stored gives inputs with sbom.Input.Decoded set).
type Plan struct {
	// Auditor holds the compiled lists, the profiles and the dates.
	Auditor *Auditor
	Inputs  []sbom.Input
	Options RunOptions
	// Shard is the part of a sharded run the inputs are; zero when the
	// run is not sharded.
	Shard ShardInfo
	// FailOn is the verdict at or above which a finding fails the run
	// (see ParseFailOn); empty means prohibited.
	FailOn string
	// Policy applies waivers and baselines to the assessed findings (see
	// audit/policy); nil applies none.
	Policy Policy
	// FailUnusedWaivers fails a run in which a live waiver matched nothing.
	FailUnusedWaivers bool
	// MaxListAge warns about every list published longer before the
	// as-of date; zero never warns.
	MaxListAge time.Duration
	// ToolVersion is recorded with the run (Result.ToolVersion).
	ToolVersion string
	// Memory remembers cases across runs; nil is a stateless run.
	Memory Memory
}

// Policy is a team's reviewed decisions, applied to assessed findings in
// place (audit/policy: waivers, baselines). Suppressed findings stay in
// the result and never fail it.
type Policy interface {
	Apply(res *Result) PolicyOutcome
}

// PolicyOutcome is what a Policy reports back to the run.
type PolicyOutcome struct {
	// Warnings are printed by every report (expired and unused waivers).
	Warnings []string
	// Unused names the live waivers that matched nothing.
	Unused []string
}

// Execute runs the plan: decode and match every input (in parallel,
// duplicates once), recall the cases from Memory, assess, apply the
// policy, decide the outcome and record the run in Memory. It returns
// ctx.Err() with the inputs finished so far when the run was cancelled;
// such a run is neither recalled nor recorded. A Memory that fails fails
// the run: the result is nil.
func (p *Plan) Execute(ctx context.Context) (*Result, error) {
	a := p.Auditor
	outcomes, runErr := a.run(ctx, p.Inputs, p.Options)
	res := a.newResult(outcomes)
	res.ToolVersion, res.Shard = p.ToolVersion, p.Shard
	ats, subjects := attributionsOf(outcomes, p.Options.Meta)
	memory := p.Memory
	if runErr != nil {
		memory = nil
	}
	var known map[CaseKey]CaseState
	if memory != nil {
		var err error
		if known, err = memory.Recall(ctx, caseKeys(ats, subjects)); err != nil {
			return nil, fmt.Errorf("recall cases: %w", err)
		}
	}
	fromIdent := false
	for i := range ats {
		f, fi := a.assessCase(&ats[i], subjects[i], known)
		res.Findings = append(res.Findings, f)
		fromIdent = fromIdent || fi
	}
	a.annotate(res)
	if fromIdent && memory == nil && !a.as.DiscoveredGiven() {
		res.Warnings = append(res.Warnings, defaultedDiscovery(a.as.AsOf()))
	}
	var pol PolicyOutcome
	if p.Policy != nil {
		pol = p.Policy.Apply(res)
		res.Warnings = append(res.Warnings, pol.Warnings...)
	}
	res.Warnings = append(res.Warnings, StaleLists(a.lists, a.asOfInstant, p.MaxListAge)...)
	res.decide(p.FailOn, pol.Unused, p.FailUnusedWaivers)
	if memory != nil {
		// The recorded states change dates only, never a verdict: the
		// outcome stands.
		states, err := memory.Record(ctx, res)
		if err != nil {
			return nil, fmt.Errorf("record the run: %w", err)
		}
		a.applyStates(res, states, ats, subjects)
	}
	return res, runErr
}

func (a *Auditor) newResult(outcomes []*inputOutcome) *Result {
	res := &Result{
		AsOf: a.as.AsOf(), Discovered: a.as.Discovered(), Profiles: a.as.Profiles(), Lists: a.Lists(),
		Inputs: []InputResult{}, Findings: []Finding{}, Warnings: []string{},
	}
	for _, o := range outcomes {
		if o != nil { // nil: not reached before cancellation
			res.Inputs = append(res.Inputs, o.result)
		}
	}
	return res
}

// subject is whose SBOM an input is: of the cases, Subject; of the
// findings (their ids), also the manifest's product version, so that two
// versions of one product delivered in one batch keep findings of their
// own while sharing cases.
type subject struct{ cases, findings string }

func subjectOf(input string, meta InputMeta) subject {
	s := subject{cases: Subject(input, meta)}
	s.findings = s.cases
	if meta.Vendor != "" && meta.Product != "" && meta.Version != "" {
		s.findings += "@" + meta.Version
	}
	return s
}

// attributionsOf lists the attributions of every input in input order,
// with the subject of each.
func attributionsOf(outcomes []*inputOutcome, meta map[string]InputMeta) ([]Attribution, []subject) {
	var ats []Attribution
	var subjects []subject
	for _, o := range outcomes {
		if o == nil {
			continue
		}
		s := subjectOf(o.result.Path, meta[o.result.Path])
		for _, at := range o.found {
			ats = append(ats, at)
			subjects = append(subjects, s)
		}
	}
	return ats, subjects
}

// caseKeys are the distinct cases of the attributions, in order.
func caseKeys(ats []Attribution, subjects []subject) []CaseKey {
	seen := map[CaseKey]bool{}
	keys := []CaseKey{}
	for i := range ats {
		k := NewCaseKey(subjects[i].cases, ats[i].Component, ats[i].Entity)
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// assessCase assesses an attribution with its case's recalled dates.
func (a *Auditor) assessCase(at *Attribution, subj subject, known map[CaseKey]CaseState) (Finding, bool) {
	key := NewCaseKey(subj.cases, at.Component, at.Entity)
	st, ok := known[key]
	if !ok {
		return a.finding(at, subj, a.as.Stateless())
	}
	f, fi := a.finding(at, subj, a.as.Recalled(st.Identified, st.Reported, st.FollowedUp))
	f.Case = caseOf(key, st)
	return f, fi
}

// annotate adds what a report must print beside the findings: the date
// warnings, the clause version and the caveats of every regime a finding
// cites.
func (a *Auditor) annotate(res *Result) {
	res.Warnings = append(res.Warnings, a.as.Warnings()...)
	res.FARClause = a.as.ClauseApplied()
	res.Caveats = a.caveats(res.Findings)
}

func (a *Auditor) caveats(findings []Finding) []Caveat {
	var cs assess.CaveatSet
	for _, f := range findings {
		a.as.Cite(&cs, f.Entity.List, f.Obligations)
	}
	return cs.Caveats()
}

func caseOf(key CaseKey, st CaseState) Case {
	id := st.ID
	if id == "" {
		id = key.ID()
	}
	return Case{ID: id, Status: st.Status, Identified: st.Identified, Reported: st.Reported, Resolved: st.Resolved}
}

// applyStates gives each finding its case as Memory recorded it. A finding
// whose case dates changed in the recording is dated again: its
// obligations (and so the caveats) follow the recorded dates, while its
// verdict, which no date of the case changes, and its waiver stay.
func (a *Auditor) applyStates(res *Result, states map[CaseKey]CaseState, ats []Attribution, subjects []subject) {
	changed := false
	for i := range res.Findings {
		f := &res.Findings[i]
		st, ok := states[f.CaseKey]
		if !ok {
			continue
		}
		d := a.as.Recalled(st.Identified, st.Reported, st.FollowedUp)
		if !d.Identified.Equal(f.Case.Identified) || !d.Reported.Equal(f.Case.Reported) || !d.FollowedUp.IsZero() {
			again, _ := a.finding(&ats[i], subjects[i], d)
			f.Obligations = again.Obligations
			changed = true
		}
		f.Case = caseOf(f.CaseKey, st)
		if f.Case.Identified.IsZero() {
			f.Case.Identified = d.Identified
		}
	}
	if changed {
		res.Caveats = a.caveats(res.Findings)
	}
}

// defaultedDiscovery warns that deadlines assume the components were
// first identified on the as-of date.
func defaultedDiscovery(asOf time.Time) string {
	return fmt.Sprintf("deadlines assume first identification on %s, the as-of date (--discovered not given), so they move with every run: use --ledger to remember when each case was identified, or pass --discovered",
		asOf.Format(time.DateOnly))
}
