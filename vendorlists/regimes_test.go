package vendorlists

import (
	"slices"
	"testing"
)

// The classification table of the fact sheet (§2) and the regimes each kind
// of user is bound by (§8): the list must encode them.
func TestDefaultRegimeCoverage(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		regime   string
		covers   []Category
		excludes []Category
	}{
		{"bis-icts-2024", []Category{CategoryProduct, CategoryIntegration}, []Category{CategoryThreatIntel}},
		{"bod-17-01", []Category{CategoryProduct}, []Category{CategoryIntegration, CategoryThreatIntel}},
		{"ndaa-fy2018-1634", []Category{CategoryProduct, CategoryIntegration, CategoryNonSecurity, CategoryThreatIntel}, nil},
		{"far-52-204-23", []Category{CategoryProduct, CategoryIntegration, CategoryNonSecurity, CategoryThreatIntel}, nil},
		{"fcc-covered-list", []Category{CategoryProduct}, nil},
		// The 2024-07-23 entry names "equipment with integrated Kaspersky
		// Lab, Inc. ... software" (other-regimes-facts.md §2.2.1 row 11).
		{"fcc-covered-list-2024", []Category{CategoryProduct, CategoryIntegration}, nil},
		{"bis-entity-list-2024", []Category{}, nil},
		{"ofac-eo14024-2024", []Category{}, nil},
	}
	for _, tt := range tests {
		r, ok := l.Regime(tt.regime)
		if !ok {
			t.Errorf("regime %s missing", tt.regime)
			continue
		}
		if !sameSet(r.Covers, tt.covers) || !sameSet(r.Excludes, tt.excludes) {
			t.Errorf("%s covers %v excludes %v, want %v and %v", tt.regime, r.Covers, r.Excludes, tt.covers, tt.excludes)
		}
		if r.Informational != (len(tt.covers) == 0) {
			t.Errorf("%s informational = %v", tt.regime, r.Informational)
		}
	}
}

func TestDefaultProfiles(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		profile string
		want    []string
	}{
		{"us-commercial", []string{"bis-icts-2024", "bis-entity-list-2024", "ofac-eo14024-2024"}},
		{"us-federal-agency", []string{"bod-17-01", "ndaa-fy2018-1634"}},
		// §1634 binds "element[s] of the Federal Government" (Pub. L.
		// 115-91 §1634(a), P2); contractors are bound through FAR 4.2002
		// and 52.204-23(b), so the contractor profile does not bind it.
		{"us-federal-contractor", []string{"far-52-204-23", "bis-icts-2024", "bis-entity-list-2024", "ofac-eo14024-2024"}},
		{"fcc-subsidy-recipient", []string{"fcc-covered-list", "fcc-covered-list-2024", "bis-icts-2024", "bis-entity-list-2024", "ofac-eo14024-2024"}},
	}
	bound := map[string]bool{}
	for _, tt := range tests {
		p, ok := l.Profile(tt.profile)
		if !ok {
			t.Errorf("profile %s missing", tt.profile)
			continue
		}
		if !sameSet(p.Regimes, tt.want) {
			t.Errorf("profile %s binds %v, want %v", tt.profile, p.Regimes, tt.want)
		}
		for _, r := range p.Regimes {
			bound[r] = true
		}
	}
	if len(l.Profiles) != len(tests) {
		t.Errorf("%d profiles, want %d", len(l.Profiles), len(tests))
	}
	for _, r := range l.Regimes {
		if r.Jurisdiction != "US" && bound[r.ID] {
			t.Errorf("non-U.S. regime %s is bound by a default profile", r.ID)
		}
	}
}

func TestDefaultObligationDates(t *testing.T) {
	l := mustDefault(t)
	tests := []struct {
		regime, obligation      string
		effective, due, dueRule string
	}{
		{"bis-icts-2024", "no-new-agreements", "2024-07-20", "", ""},
		// Issue 13: resale/integration (prohibited) and existing use (no
		// penalty, no updates) are separate statements (S3, P1).
		{"bis-icts-2024", "no-resale-integration", "2024-09-29", "", ""},
		{"bis-icts-2024", "existing-use", "2024-09-29", "", ""},
		{"bod-17-01", "identify", "2017-09-13", "2017-10-13", ""},
		{"bod-17-01", "removal-plan", "2017-09-13", "2017-11-12", ""},
		{"bod-17-01", "begin-removal", "2017-09-13", "2017-12-12", ""},
		{"ndaa-fy2018-1634", "use-ban", "2018-10-01", "", ""},
		{"far-52-204-23", "clause-effective", "2018-07-16", "", ""},
		{"far-52-204-23", "report", "2018-07-16", "", "business-days:3"},
		// 52.204-23(c)(2)(ii): 10 business days after the report is
		// submitted, counted from the report (after: report), not discovery.
		{"far-52-204-23", "follow-up-report", "2018-07-16", "", "business-days:10"},
		{"fcc-covered-list-2024", "no-subsidy-funds", "2024-09-21", "", ""},
		{"fcc-covered-list", "no-subsidy-funds", "2022-05-24", "", ""},
		{"fcc-covered-list", "annual-supply-chain-report", "2022-05-24", "", "annual:03-31"},
		{"bis-entity-list-2024", "export-license", "2024-06-24", "", ""},
		{"ofac-eo14024-2024", "blocked-persons", "2024-06-21", "", ""},
	}
	for _, tt := range tests {
		r, ok := l.Regime(tt.regime)
		if !ok {
			t.Errorf("regime %s missing", tt.regime)
			continue
		}
		i := slices.IndexFunc(r.Obligations, func(o Obligation) bool { return o.ID == tt.obligation })
		if i < 0 {
			t.Errorf("%s: obligation %s missing", tt.regime, tt.obligation)
			continue
		}
		o := r.Obligations[i]
		if o.Effective.String() != tt.effective || o.Due.String() != tt.due || o.DueRule != tt.dueRule {
			t.Errorf("%s/%s = %s/%s/%q, want %s/%s/%q", tt.regime, tt.obligation,
				o.Effective, o.Due, o.DueRule, tt.effective, tt.due, tt.dueRule)
		}
	}
}

func sameSet[T comparable](got, want []T) bool {
	if len(got) != len(want) {
		return false
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			return false
		}
	}
	return true
}
