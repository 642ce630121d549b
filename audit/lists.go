package audit

import (
	"errors"
	"fmt"
	"slices"
	"strings"
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

// ListSources say where a run's lists come from.
type ListSources struct {
	// StoreDir holds the lists installed with `embargo lists import`; one
	// newer than the embedded list of its id replaces it.
	StoreDir string
	// Files are custom lists (--list); each must have an id of its own.
	Files []string
	// Only narrows the run to these list ids (--only-list); empty keeps
	// every list.
	Only []string
}

// LoadLists returns the lists of a run, in precedence order: the embedded
// lists, each replaced by a newer installed one, then the files given,
// narrowed to Only. Errors name the file or id at fault.
func LoadLists(src ListSources) ([]*vendorlists.List, error) {
	files, only := src.Files, src.Only
	lists, err := vendorlists.Embedded()
	if err != nil {
		return nil, fmt.Errorf("embedded lists: %w", err)
	}
	installed, err := vendorlists.Store{Dir: src.StoreDir}.Lists()
	if err != nil {
		return nil, err
	}
	var custom []*vendorlists.List
	var errs []error
	for _, f := range files {
		l, err := vendorlists.Load(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		custom = append(custom, l)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	lists = vendorlists.Merge(lists, installed)
	for _, c := range custom {
		for _, l := range lists {
			if l.ID == c.ID {
				return nil, fmt.Errorf("--list %s: list id %q is already loaded (%s, version %s); give custom lists their own id", c.Origin, c.ID, l.Origin, l.Version)
			}
		}
		lists = append(lists, c)
	}
	if len(only) == 0 {
		return lists, nil
	}
	return narrowLists(lists, only)
}

func narrowLists(lists []*vendorlists.List, only []string) ([]*vendorlists.List, error) {
	var out []*vendorlists.List
	var ids []string
	for _, l := range lists {
		ids = append(ids, l.ID)
		if slices.Contains(only, l.ID) {
			out = append(out, l)
		}
	}
	for _, id := range only {
		if !slices.Contains(ids, id) {
			return nil, fmt.Errorf("--only-list %q: no such list (loaded: %s)", id, strings.Join(ids, ", "))
		}
	}
	return out, nil
}
