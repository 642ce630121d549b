package assess

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/embargo-sbom/embargo/vendorlists"
)

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
	if slices.Contains(known, DefaultProfile) {
		return []string{DefaultProfile}
	}
	var ids []string
	for _, l := range lists {
		if p, ok := l.DefaultProfile(); ok && !slices.Contains(ids, p.ID) {
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
			if !slices.Contains(ids, p.ID) {
				ids = append(ids, p.ID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}
