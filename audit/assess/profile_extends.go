package assess

import (
	"slices"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// extendProfiles adds, after the selected profiles, every profile they
// extend (transitively) that some loaded list defines. An extended profile
// no loaded list defines is skipped: "extends" means "also, where known",
// so that loading fewer lists never breaks a profile.
func extendProfiles(lists []*vendorlists.List, ids []string) []string {
	out := append([]string{}, ids...)
	for i := 0; i < len(out); i++ {
		for _, l := range lists {
			p, ok := l.Profile(out[i])
			if !ok {
				continue
			}
			for _, x := range p.Extends {
				if !slices.Contains(out, x) && defines(lists, x) {
					out = append(out, x)
				}
			}
		}
	}
	return out
}

func defines(lists []*vendorlists.List, id string) bool {
	for _, l := range lists {
		if _, ok := l.Profile(id); ok {
			return true
		}
	}
	return false
}
