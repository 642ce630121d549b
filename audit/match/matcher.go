// Package match attributes SBOM components to the entities of vendor lists:
// signals (supplier, purl, CPE, domains, names, texts...) run over each
// component against an index compiled from the lists, with names
// normalised, and their hits become Attributions — the component, the
// entity, the evidence, a category and a confidence — which hold on any
// date and for any profile. Verdicts and obligations are audit/assess's.
package match

import (
	"errors"
	"fmt"
	"sync"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// Matcher matches components against compiled lists. It is immutable
// after New and safe for concurrent use.
type Matcher struct {
	ix      *index
	signals []signal
	targets sync.Pool // of *target
}

// New compiles the lists.
func New(lists []*vendorlists.List) (*Matcher, error) {
	if len(lists) == 0 {
		return nil, errors.New("no vendor lists loaded")
	}
	ix, err := compile(lists)
	if err != nil {
		return nil, fmt.Errorf("vendor lists: %w", err)
	}
	return &Matcher{ix: ix, signals: signals()}, nil
}
