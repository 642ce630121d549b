package match

import (
	"fmt"
	"strings"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// falsePositive is a compiled known look-alike: every field set must match.
type falsePositive struct {
	src    *vendorlists.FalsePositive
	eco    string // lower-case purl type, "" for any
	name   string // lower-case package name, or its prefix
	prefix bool   // name ended in "*"
	purl   string // lower-case purl prefix
	org    string // normalised organisation or person name
}

func (ix *index) addFalsePositives(e *entry) error {
	for i := range e.ent.FalsePositives {
		src := &e.ent.FalsePositives[i]
		fp := falsePositive{
			src:  src,
			eco:  strings.ToLower(src.Ecosystem),
			name: strings.ToLower(src.Name),
			purl: strings.ToLower(src.PURLPrefix),
		}
		if src.Organization != "" {
			fp.org = NormalizeOrg(src.Organization)
		}
		fp.name, fp.prefix = strings.CutSuffix(fp.name, "*")
		if fp.name == "" && fp.purl == "" && fp.org == "" {
			return fmt.Errorf("false positive %q: needs a name, purl prefix or organization", src.ID)
		}
		e.fps = append(e.fps, fp)
	}
	return nil
}

// facts are what false-positive rules look at, gathered once per
// component and only when something matched.
type facts struct {
	eco   string   // lower-case purl type, "" when unknown
	names []string // lower-case component name, purl name, namespace/name
	purl  string   // lower-case purl
	orgs  []string // normalised supplier, manufacturer, publisher, originator, authors
}

func (fp *falsePositive) matches(f *facts) bool {
	if fp.eco != "" && fp.eco != f.eco {
		return false
	}
	if fp.name != "" && !fp.matchesName(f.names) {
		return false
	}
	if fp.purl != "" && !strings.HasPrefix(f.purl, fp.purl) {
		return false
	}
	if fp.org != "" && !contains(f.orgs, fp.org) {
		return false
	}
	return true
}

func (fp *falsePositive) matchesName(names []string) bool {
	for _, n := range names {
		if n == fp.name || fp.prefix && strings.HasPrefix(n, fp.name) {
			return true
		}
	}
	return false
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// falsePositiveFor returns the look-alike rule that applies to the
// component: one that suppresses wins over one that only recategorises.
func (e *entry) falsePositiveFor(f *facts) *falsePositive {
	var found *falsePositive
	for i := range e.fps {
		fp := &e.fps[i]
		if !fp.matches(f) {
			continue
		}
		if fp.src.Category == "" {
			return fp
		}
		if found == nil {
			found = fp
		}
	}
	return found
}
