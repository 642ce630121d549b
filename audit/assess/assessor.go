// Package assess turns an attribution (audit/match) into what the law
// requires of the user: the regimes the selected profiles bind, a verdict
// on the as-of date, and each obligation dated from the case's
// identification (and report) date, in business days where the law counts
// them so.
package assess

import (
	"fmt"
	"time"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// DefaultProfile is the profile used when none is selected.
const DefaultProfile = "us-commercial"

// Config configures an Assessor.
type Config struct {
	Lists []*vendorlists.List
	// Profiles selects who the user is; empty means [DefaultProfile].
	Profiles []string
	// AsOf is the date obligations are measured against; zero means today.
	AsOf time.Time
	// Discovered is when the components were identified, the start of
	// business-day deadlines for a case no ledger knows; zero means AsOf.
	Discovered time.Time
	// FARClause is the version of a contract clause the user's contract
	// carries ("2018-07", "2023-12"); empty means each regime's default.
	FARClause string
	// Done holds the recorded dates obligations were done, keyed
	// "regime/obligation", for every case; an obligation that follows one
	// counts from its recorded date.
	Done map[string]time.Time
}

// Assessor assesses attributions. It is immutable after New and safe for
// concurrent use.
type Assessor struct {
	lists    []*vendorlists.List
	profiles []string
	regimes  map[*vendorlists.List][]*vendorlists.Regime
	asOf     time.Time
	// discovered is Config.Discovered, else asOf; discoveredGiven says
	// which.
	discovered      time.Time
	discoveredGiven bool
	clause          string
	done            map[string]time.Time
	warnings        []string
}

// New binds the selected profiles' regimes.
func New(cfg Config) (*Assessor, error) {
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
	a := &Assessor{
		lists: cfg.Lists, profiles: append([]string{}, profiles...), regimes: regimes,
		asOf: dateOf(asOf), discovered: dateOf(discovered), discoveredGiven: !cfg.Discovered.IsZero(),
		clause: cfg.FARClause, done: map[string]time.Time{},
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

// AsOf is the date verdicts and obligations are measured against.
func (a *Assessor) AsOf() time.Time { return a.asOf }

// Discovered is --discovered, else the as-of date; DiscoveredGiven says
// whether it was given.
func (a *Assessor) Discovered() time.Time { return a.discovered }

// DiscoveredGiven reports whether Config.Discovered was set.
func (a *Assessor) DiscoveredGiven() bool { return a.discoveredGiven }

// Profiles are the profiles selected (or the default).
func (a *Assessor) Profiles() []string { return append([]string{}, a.profiles...) }

// Warnings flag dates that make deadlines doubtful.
func (a *Assessor) Warnings() []string { return append([]string{}, a.warnings...) }
