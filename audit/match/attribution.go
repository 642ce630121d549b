package match

import "github.com/embargo-sbom/embargo/vendorlists"

// Confidence is how sure the matcher is that the component is the entity's.
type Confidence string

// Confidence levels.
const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
)

// Evidence is one signal that fired.
type Evidence struct {
	Signal string `json:"signal"` // "supplier", "purl", "cpe", "domain", "package-name", ...
	Field  string `json:"field"`  // the model field: "supplier.name", "externalRefs[2].url"
	Value  string `json:"value"`  // the value as found in the SBOM
	// Matched is the list entry it matched (normalised name, domain, rule).
	Matched  string `json:"matched"`
	Location string `json:"location"` // JSON pointer or XPath of the component
	Line     int    `json:"line"`     // 1-based; 0 when the decoder does not know it
	// Column is the 1-based byte column of the component's element on
	// Line (JSON inputs); omitted when unknown.
	Column   int    `json:"column,omitempty"`
	Rule     string `json:"rule"`     // stable rule id, e.g. "kaspersky/name/ao-kaspersky-lab"
	Strength string `json:"strength"` // "strong", "weak"
}

// ComponentRef identifies the component a finding is about.
type ComponentRef struct {
	Name     string   `json:"name"`
	Group    string   `json:"group"`
	Version  string   `json:"version"`
	PURL     string   `json:"purl"`
	CPEs     []string `json:"cpes"`
	Supplier string   `json:"supplier"`
	Ref      string   `json:"ref"`
	Type     string   `json:"type"`
}

// EntityRef names the listed entity a finding attributes the component to.
type EntityRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	List string `json:"list"` // list id
}

// Attribution is one component attributed to one listed entity: what the
// SBOM shows, true on any date and for any profile. audit/assess gives it
// a verdict and dated obligations.
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
	// List is the list that names the entity.
	List *vendorlists.List `json:"-"`

	entry *entry
}

// OSStamp is an operating system whose vendor's CPE a document's
// components carry (see osstamp.go).
type OSStamp struct {
	Product    string // the OS product in the CPE
	CPE        string // one such CPE, as found
	Components int    // how many components carry it
}

// Clone copies what an attribution shares, so that a reused one can be
// changed alone.
func (at Attribution) Clone() Attribution {
	at.Evidence = append([]Evidence(nil), at.Evidence...)
	at.Path = append([]string(nil), at.Path...)
	at.Component.CPEs = append([]string(nil), at.Component.CPEs...)
	if at.OSStamp != nil {
		s := *at.OSStamp
		at.OSStamp = &s
	}
	return at
}

// Label is "group/name@version" with the parts that are present.
func (c ComponentRef) Label() string {
	s := c.Name
	if c.Group != "" {
		s = c.Group + "/" + s
	}
	if c.Version != "" {
		s += "@" + c.Version
	}
	return s
}
