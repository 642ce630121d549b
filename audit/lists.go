package audit

import (
	"fmt"
	"time"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// StaleLists warns about every list published longer than maxAge before
// asOf, so that stale data cannot pass unnoticed; maxAge 0 never warns.
func StaleLists(lists []*vendorlists.List, asOf time.Time, maxAge time.Duration) []string {
	if maxAge <= 0 {
		return nil
	}
	var out []string
	for _, l := range lists {
		age := asOf.Sub(l.Published.Time)
		if age > maxAge {
			out = append(out, fmt.Sprintf("list %s %s was published %s, %d days before %s (over --max-list-age %dd): update it with embargo lists import",
				l.ID, l.Version, l.Published, int(age.Hours()/24), asOf.Format(time.DateOnly), int(maxAge.Hours()/24)))
		}
	}
	return out
}
