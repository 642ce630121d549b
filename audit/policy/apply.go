package policy

import (
	"fmt"
	"strings"
	"time"

	"github.com/embargo-sbom/embargo/audit"
)

// Filter is the policy of a run (an audit.Policy): waivers, then a
// baseline, applied to the assessed findings.
type Filter struct {
	Waivers []Waiver
	// Baseline holds the finding ids of an earlier report (--baseline).
	Baseline map[string]bool
	// AsOf is the date waivers' expiry is measured against.
	AsOf time.Time
	// Usage is what the waivers did, once Apply has run.
	Usage Usage
}

// Apply waives, then marks baseline findings, in place.
func (f *Filter) Apply(res *audit.Result) audit.PolicyOutcome {
	f.Usage = Apply(res, f.Waivers, f.AsOf)
	ApplyBaseline(res, f.Baseline)
	return audit.PolicyOutcome{Warnings: f.Usage.Warnings, Unused: f.Usage.Unused}
}

// Usage says what the waivers did.
type Usage struct {
	// Applied counts findings waived, per waiver id.
	Applied map[string]int
	// Expired and Unused list waiver ids, in file order.
	Expired, Unused []string
	// Warnings are ready to show: expired and unused waivers, by name.
	Warnings []string
}

// Apply waives every finding that a live waiver matches, in place. A
// waiver is live through its expiry date; after it, it stops applying and
// is reported. A live waiver that matched nothing is reported as unused.
func Apply(res *audit.Result, waivers []Waiver, asOf time.Time) Usage {
	rep := Usage{Applied: map[string]int{}}
	inputs := map[string]audit.InputResult{}
	for _, in := range res.Inputs {
		inputs[in.Path] = in
	}
	day := asOf.Format(time.DateOnly)
	for i := range waivers {
		w := &waivers[i]
		if day > w.expires.Format(time.DateOnly) {
			rep.Expired = append(rep.Expired, w.ID)
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("waiver %s (%s) expired on %s and no longer applies; approver %s", w.ID, w.Where(), w.Expires, w.Approver))
			continue
		}
		for j := range res.Findings {
			f := &res.Findings[j]
			if f.Verdict == audit.VerdictWaived || !w.Match.matches(f, inputs[f.Input]) {
				continue
			}
			suppress(f, audit.VerdictWaived)
			f.WaiverID, f.WaiverExpires = w.ID, w.expires
			rep.Applied[w.ID]++
		}
		if rep.Applied[w.ID] == 0 {
			rep.Unused = append(rep.Unused, w.ID)
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("waiver %s (%s) matched no finding; remove it or fix its match", w.ID, w.Where()))
		}
	}
	return rep
}

// ApplyBaseline marks findings whose stable id is in the baseline, so that
// only new findings trip --fail-on. Waived findings stay waived. It
// returns how many findings it marked.
func ApplyBaseline(res *audit.Result, ids map[string]bool) int {
	n := 0
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Verdict == audit.VerdictWaived || !ids[f.ID] {
			continue
		}
		suppress(f, audit.VerdictBaseline)
		n++
	}
	return n
}

func suppress(f *audit.Finding, v audit.Verdict) {
	if f.Original == "" {
		f.Original = f.Verdict
	}
	f.Verdict = v
}

func (m Match) matches(f *audit.Finding, in audit.InputResult) bool {
	return matchPURL(m.PURL, f.Component.PURL) &&
		field(m.Name, f.Component.Name) &&
		field(m.Version, f.Component.Version) &&
		field(m.Entity, f.Entity.ID) &&
		(m.SHA256 == "" || strings.EqualFold(strings.TrimPrefix(m.SHA256, "sha256:"), in.SHA256)) &&
		field(m.Vendor, in.Vendor) &&
		field(m.Product, in.Product)
}

func field(want, got string) bool { return want == "" || want == got }

// matchPURL compares exactly, or by prefix when the pattern ends in "*".
// A component without a purl matches no purl pattern: a waiver that names
// packages by purl does not reach what has none.
func matchPURL(pattern, purl string) bool {
	if pattern == "" {
		return true
	}
	if purl == "" {
		return false
	}
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(purl, prefix)
	}
	return pattern == purl
}
