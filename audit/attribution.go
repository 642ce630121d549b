package audit

import "github.com/embargo-sbom/embargo/vendorlists"

// Attribution is one component attributed to one listed entity: what the
// SBOM shows, true on any date and for any profile. Assessment (assess.go)
// turns it into a Finding with a verdict and dated obligations.
type Attribution struct {
	// Input is the document path.
	Input      string
	Component  ComponentRef
	Entity     EntityRef
	Category   vendorlists.Category
	Confidence Confidence
	Evidence   []Evidence
	// Path is the dependency path from the document's subject.
	Path []string
	// Reason says in words which evidence decided the category.
	Reason string
	// NameOnly: nothing but an uncorroborated name ties the component to
	// the entity.
	NameOnly bool
	// OSStamp is set when the attribution stands for every component of a
	// document that an operating system stamped with its vendor's CPE.
	OSStamp *OSStamp

	entry *entry
}

// OSStamp is an operating system whose vendor's CPE a document's
// components carry (see osstamp.go).
type OSStamp struct {
	Product    string // the OS product in the CPE
	CPE        string // one such CPE, as found
	Components int    // how many components carry it
}

// clone copies the slices an attribution shares, so that a reused one
// can be changed alone.
func (at Attribution) clone() Attribution {
	at.Evidence = append([]Evidence(nil), at.Evidence...)
	at.Path = append([]string(nil), at.Path...)
	at.Component.CPEs = append([]string(nil), at.Component.CPEs...)
	if at.OSStamp != nil {
		s := *at.OSStamp
		at.OSStamp = &s
	}
	return at
}
