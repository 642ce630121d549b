package audit

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// DefaultProfile is the profile used when none is selected.
const DefaultProfile = "us-commercial"

// Config configures an Auditor.
type Config struct {
	Lists []*vendorlists.List
	// Profiles selects who the user is; empty means [DefaultProfile].
	Profiles []string
	// AsOf is the date obligations are measured against; zero means today.
	AsOf time.Time
	// Discovered is when the components were identified, the start of
	// business-day deadlines, for every case a Memory does not know; zero
	// means AsOf, and a run without Memory then warns that its deadlines
	// move with every run.
	Discovered time.Time
	// FARClause is the version of a contract clause the user's contract
	// carries ("2018-07", "2023-12"); empty means each regime's default.
	FARClause string
	// Done holds the recorded dates obligations were done, keyed
	// "regime/obligation" (a report's submission date, from a ledger);
	// an obligation that follows one counts from its recorded date.
	Done map[string]time.Time
}

// Auditor matches components against compiled lists. It is immutable
// after New and safe for concurrent use.
type Auditor struct {
	ix       *index
	lists    []*vendorlists.List
	profiles []string
	regimes  map[*vendorlists.List][]*vendorlists.Regime
	asOf     time.Time
	// asOfInstant is Config.AsOf (or the time of New) with its time of
	// day, which list ages are measured to.
	asOfInstant time.Time
	discovered  time.Time
	// discoveredGiven: Config.Discovered was set; else discovered is the
	// as-of date.
	discoveredGiven bool
	clause          string
	done            map[string]time.Time
	warnings        []string
	signals         []signal
	targets         sync.Pool // of *target
}

// New compiles the lists and binds the selected profiles' regimes.
func New(cfg Config) (*Auditor, error) {
	if len(cfg.Lists) == 0 {
		return nil, errors.New("no vendor lists loaded")
	}
	ix, err := compile(cfg.Lists)
	if err != nil {
		return nil, fmt.Errorf("vendor lists: %w", err)
	}
	profiles := cfg.Profiles
	if len(profiles) == 0 {
		profiles = defaultProfiles(cfg.Lists)
	}
	regimes, err := bindProfiles(cfg.Lists, extendProfiles(cfg.Lists, profiles))
	if err != nil {
		return nil, err
	}
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = time.Now()
	}
	discovered := cfg.Discovered
	if discovered.IsZero() {
		discovered = asOf
	}
	a := &Auditor{
		ix: ix, lists: cfg.Lists, profiles: append([]string{}, profiles...),
		regimes: regimes, asOf: dateOf(asOf), discovered: dateOf(discovered), discoveredGiven: !cfg.Discovered.IsZero(),
		asOfInstant: asOf,
		clause:      cfg.FARClause, done: map[string]time.Time{},
		signals: signals(),
	}
	for k, v := range cfg.Done {
		a.done[k] = v
	}
	if err := a.checkClause(); err != nil {
		return nil, fmt.Errorf("new auditor: %w", err)
	}
	a.warnings = a.dateWarnings()
	return a, nil
}

// bindProfiles resolves profile ids across all lists; a profile present
// in several lists binds the union of its regimes in each.
func bindProfiles(lists []*vendorlists.List, profiles []string) (map[*vendorlists.List][]*vendorlists.Regime, error) {
	bound := map[*vendorlists.List][]*vendorlists.Regime{}
	for _, id := range profiles {
		found := false
		for _, l := range lists {
			for _, p := range l.Profiles {
				if p.ID != id {
					continue
				}
				found = true
				if err := bindRegimes(bound, l, p); err != nil {
					return nil, err
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown profile %q (known: %s)", id, strings.Join(knownProfiles(lists), ", "))
		}
	}
	return bound, nil
}

func bindRegimes(bound map[*vendorlists.List][]*vendorlists.Regime, l *vendorlists.List, p vendorlists.Profile) error {
	for _, rid := range p.Regimes {
		r := findRegime(l, rid)
		if r == nil {
			return fmt.Errorf("list %q: profile %q binds unknown regime %q", l.ID, p.ID, rid)
		}
		for _, o := range r.Obligations {
			if o.DueRule != "" {
				if _, err := vendorlists.ParseDueRule(o.DueRule); err != nil {
					return fmt.Errorf("list %q: regime %q: obligation %q: %w", l.ID, r.ID, o.ID, err)
				}
			}
		}
		if !containsRegime(bound[l], r) {
			bound[l] = append(bound[l], r)
		}
	}
	return nil
}

func findRegime(l *vendorlists.List, id string) *vendorlists.Regime {
	for i := range l.Regimes {
		if l.Regimes[i].ID == id {
			return &l.Regimes[i]
		}
	}
	return nil
}

func containsRegime(rs []*vendorlists.Regime, r *vendorlists.Regime) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// defaultProfiles is [DefaultProfile], or, when no list defines it, the
// profile each list marks as its default.
func defaultProfiles(lists []*vendorlists.List) []string {
	known := knownProfiles(lists)
	if contains(known, DefaultProfile) {
		return []string{DefaultProfile}
	}
	var ids []string
	for _, l := range lists {
		if p, ok := l.DefaultProfile(); ok && !contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) == 0 {
		return []string{DefaultProfile} // reported as unknown by bindProfiles
	}
	return ids
}

func knownProfiles(lists []*vendorlists.List) []string {
	var ids []string
	for _, l := range lists {
		for _, p := range l.Profiles {
			if !contains(ids, p.ID) {
				ids = append(ids, p.ID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}

// Audit matches every component of doc, and its subject (CycloneDX
// metadata.component: the product itself may be the entity's), and
// assesses each attribution statelessly. Findings come in component
// order, then list and entity order, and carry the document path and the
// dependency path from the document's subject.
func (a *Auditor) Audit(doc *sbom.Document) []Finding {
	d := a.newDocAudit(doc.Path)
	for i := range doc.Components {
		d.visit(&doc.Components[i])
	}
	return a.assessAll(d.finish(doc))
}

// docAudit matches the components of one document as they stream by
// (sbom.Decode), keeping only attributions and ref labels, so that a
// document never has to be held whole.
type docAudit struct {
	a       *Auditor
	input   string
	labels  map[string]string // ref → "name@version", for dependency paths
	found   []Attribution
	foundAt []string // ref of each attribution's component
}

func (a *Auditor) newDocAudit(input string) *docAudit {
	return &docAudit{a: a, input: input, labels: map[string]string{}}
}

// visit matches one component; it keeps nothing of c but strings.
func (d *docAudit) visit(c *sbom.Component) {
	if c.Ref != "" && c.Name != "" {
		d.labels[c.Ref] = label(*c)
	}
	for _, at := range d.a.attribute(c) {
		at.Input = d.input
		d.found = append(d.found, at)
		d.foundAt = append(d.foundAt, c.Ref)
	}
}

// finish matches the subject and adds dependency paths, once the graph
// is complete.
func (d *docAudit) finish(doc *sbom.Document) []Attribution {
	if s := doc.Subject; s != nil {
		if s.Ref != "" && s.Name != "" {
			d.labels[s.Ref] = label(*s)
		}
		for _, at := range d.a.attribute(s) {
			at.Input = d.input
			d.found = append([]Attribution{at}, d.found...)
			d.foundAt = append([]string{s.Ref}, d.foundAt...)
		}
	}
	// SPDX files with a copyright or attribution text: an attribution of
	// one has the path of the package that holds it.
	for i := range doc.Files {
		f := doc.Files[i].Component()
		for _, at := range d.a.attribute(&f) {
			at.Input = d.input
			d.found = append(d.found, at)
			d.foundAt = append(d.foundAt, f.Parent)
		}
	}
	if len(d.found) == 0 {
		return nil
	}
	d.found, d.foundAt = d.a.collapseOSStamps(d.found, d.foundAt)
	paths := newPathFinder(doc, d.labels)
	for i := range d.found {
		d.found[i].Path = paths.pathTo(d.foundAt[i])
	}
	return d.found
}

// MatchComponent attributes one component and assesses it statelessly,
// with no input.
func (a *Auditor) MatchComponent(c *sbom.Component) []Finding {
	return a.assessAll(a.attribute(c))
}

// Attribute attributes one component to the listed entities, with no
// input: what holds on any date and for any profile.
func (a *Auditor) Attribute(c *sbom.Component) []Attribution {
	return a.attribute(c)
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
