// Package vendorlists defines sanctioned-vendor lists: who is listed, by
// which names and identifiers they show up in SBOMs, which legal regimes bind
// whom, and the sources behind every entry.
package vendorlists

// Category classifies what a matched component is, because regimes cover
// some categories and not others.
type Category string

// Categories of a match, from strongest to weakest.
const (
	// CategoryProduct is the entity's own security product or engine.
	CategoryProduct Category = "product"
	// CategoryIntegration is a third-party product that embeds or
	// white-labels the entity's engine or SDK.
	CategoryIntegration Category = "integration"
	// CategoryNonSecurity is software the entity wrote that is not a
	// security product (test frameworks, UI kits, research code).
	CategoryNonSecurity Category = "non-security"
	// CategoryThreatIntel is threat intelligence or security training,
	// which some regimes exclude.
	CategoryThreatIntel Category = "threat-intelligence"
	// CategoryContribution is code the entity contributed to a third-party
	// project (a copyright line in someone else's package).
	CategoryContribution Category = "contribution"
	// CategoryMention is a component that only refers to the entity: an API
	// client, a log parser, a file named after it.
	CategoryMention Category = "mention"
)

// List is one sanctioned-vendor list, as decoded from YAML.
type List struct {
	// SchemaVersion of the list format; "1" today.
	SchemaVersion string    `yaml:"schemaVersion" json:"schemaVersion"`
	ID            string    `yaml:"id" json:"id"`
	Title         string    `yaml:"title" json:"title"`
	Version       string    `yaml:"version" json:"version"`
	Published     Date      `yaml:"published" json:"published"`
	Maintainer    string    `yaml:"maintainer" json:"maintainer"`
	Description   string    `yaml:"description,omitempty" json:"description,omitempty"`
	Example       bool      `yaml:"example,omitempty" json:"example,omitempty"`
	Sources       []Source  `yaml:"sources" json:"sources"`
	Regimes       []Regime  `yaml:"regimes" json:"regimes"`
	Entities      []Entity  `yaml:"entities" json:"entities"`
	Profiles      []Profile `yaml:"profiles,omitempty" json:"profiles,omitempty"`

	// Set by the loader, never by the YAML.
	SHA256 string `yaml:"-" json:"-"` // digest of the file's bytes
	Origin string `yaml:"-" json:"-"` // "embedded" or the path it was read from

	// lines maps a field path ("entities[0].domains[2]") to its line in
	// the file, so that Validate can point at the offending entry.
	lines map[string]int
	// raw is the file as read, whose digest SHA256 is: lists export
	// writes it, so that a user can check the digest reports print.
	raw []byte
}

// Source is a citation. Every other entry refers to sources by ID.
type Source struct {
	ID    string `yaml:"id" json:"id"` // e.g. "S1"
	Title string `yaml:"title" json:"title"`
	// URL is empty when the source is a repository path or a code search
	// rather than a web page; the title then says where to look.
	URL  string `yaml:"url,omitempty" json:"url,omitempty"`
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
	// Also holds further URLs for the same citation (mirrors, a second
	// article), in the order the research gives them.
	Also []Link `yaml:"also,omitempty" json:"also,omitempty"`
}

// Link is one further URL of a source, with the label the research gives it.
type Link struct {
	Title string `yaml:"title,omitempty" json:"title,omitempty"`
	URL   string `yaml:"url" json:"url"`
}

// Profile names a kind of user (a US business, a federal agency...) and the
// regimes that bind it.
type Profile struct {
	ID          string   `yaml:"id" json:"id"` // e.g. "us-commercial"
	Title       string   `yaml:"title" json:"title"`
	Description string   `yaml:"description,omitempty" json:"description,omitempty"`
	Regimes     []string `yaml:"regimes" json:"regimes"` // regime IDs
	// Default marks the profile used when the user names none; at most one.
	Default bool `yaml:"default,omitempty" json:"default,omitempty"`
	// Extends names profiles whose regimes this one binds too, in every
	// loaded list (a DoD contractor is a federal contractor).
	Extends []string `yaml:"extends,omitempty" json:"extends,omitempty"`
}

// Regime is one legal instrument: what it covers, what it requires, when.
type Regime struct {
	ID           string     `yaml:"id" json:"id"` // e.g. "bis-icts-2024"
	Title        string     `yaml:"title" json:"title"`
	Citation     string     `yaml:"citation" json:"citation"` // e.g. "89 FR 52434"
	Issuer       string     `yaml:"issuer,omitempty" json:"issuer,omitempty"`
	Jurisdiction string     `yaml:"jurisdiction" json:"jurisdiction"` // e.g. "US"
	AppliesTo    string     `yaml:"appliesTo" json:"appliesTo"`       // who is bound, in words
	Covers       []Category `yaml:"covers" json:"covers"`             // categories it prohibits
	// Informational regimes (export controls, person sanctions) restrict
	// dealings with the entity, not the use of a component; they cover no
	// category and are reported for context only.
	Informational bool       `yaml:"informational,omitempty" json:"informational,omitempty"`
	Excludes      []Category `yaml:"excludes,omitempty" json:"excludes,omitempty"`
	// Reaches are categories the regime's wording may cover without the
	// list being sure (the FCC's "supplied, directly or indirectly" and
	// white-labelled software): a finding in one is at least review and
	// lists the regime's obligations, never prohibited on this alone.
	Reaches []Category `yaml:"reaches,omitempty" json:"reaches,omitempty"`
	// Obligations are the dated actions the regime requires.
	Obligations []Obligation `yaml:"obligations" json:"obligations"`
	// Clauses are the versions of a contract clause a contract may carry
	// (FAR 52.204-23 JUL 2018 and DEC 2023); exactly one is the default.
	// The user names the version their contract carries (--far-clause).
	Clauses []Clause `yaml:"clauses,omitempty" json:"clauses,omitempty"`
	Sources []string `yaml:"sources" json:"sources"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty"`
	// OutOfScope are categories the regime does not reach at all (a Huawei
	// cloud SDK is not "telecommunications equipment"): when every bound
	// regime puts a finding's category out of scope, it is info only.
	OutOfScope []Category `yaml:"outOfScope,omitempty" json:"outOfScope,omitempty"`
	// Entities restricts the regime to these entities of the list; empty
	// means every entity.
	Entities []string `yaml:"entities,omitempty" json:"entities,omitempty"`
	// Conditions name entities the regime reaches only for a use an SBOM
	// cannot show; a match they alone would prohibit needs review.
	Conditions []Condition `yaml:"conditions,omitempty" json:"conditions,omitempty"`
}

// Clause is one version of a contract clause.
type Clause struct {
	ID        string   `yaml:"id" json:"id"`       // e.g. "2023-12"
	Title     string   `yaml:"title" json:"title"` // "52.204-23 (DEC 2023)"
	Effective Date     `yaml:"effective" json:"effective"`
	Default   bool     `yaml:"default,omitempty" json:"default,omitempty"`
	Sources   []string `yaml:"sources" json:"sources"`
	Note      string   `yaml:"note,omitempty" json:"note,omitempty"`
}

// ClauseRule is an obligation's deadline under one clause version.
type ClauseRule struct {
	Clause  string `yaml:"clause" json:"clause"`
	DueRule string `yaml:"dueRule" json:"dueRule"`
	Note    string `yaml:"note,omitempty" json:"note,omitempty"`
}

// EffectiveDate is the date from which the regime binds: its earliest
// obligation's effective date. Before it the regime prohibits nothing.
func (r *Regime) EffectiveDate() Date {
	var d Date
	for _, o := range r.Obligations {
		if !o.Effective.IsZero() && (d.IsZero() || o.Effective.Before(d.Time)) {
			d = o.Effective
		}
	}
	return d
}

// Clause returns the clause version of the given id, or the default one
// when id is empty or the regime has no such version; false when the
// regime has no versions. chosen reports that id itself was found.
func (r *Regime) Clause(id string) (c Clause, chosen, ok bool) {
	for _, c := range r.Clauses {
		if id != "" && c.ID == id {
			return c, true, true
		}
	}
	for _, c := range r.Clauses {
		if c.Default {
			return c, false, true
		}
	}
	return Clause{}, false, false
}

// Condition is a use-dependent scope: the regime covers these entities
// only when the answer to Question is yes.
type Condition struct {
	Entities []string `yaml:"entities" json:"entities"`
	Question string   `yaml:"question" json:"question"`
	Sources  []string `yaml:"sources" json:"sources"`
	Note     string   `yaml:"note,omitempty" json:"note,omitempty"`
}

// Obligation is one required action with its dates.
type Obligation struct {
	ID        string `yaml:"id" json:"id"`
	Action    string `yaml:"action" json:"action"`
	Effective Date   `yaml:"effective" json:"effective"`
	// Due is a fixed deadline, if the regime sets one.
	Due Date `yaml:"due,omitempty" json:"due,omitempty"`
	// DueRule names a computed deadline relative to discovery:
	// "business-days:3" (FAR 52.204-23 report), "business-days:13"
	// (report + 10 business days follow-up), "annual:03-31".
	DueRule string `yaml:"dueRule,omitempty" json:"dueRule,omitempty"`
	// After names another obligation of the regime: DueRule then counts
	// from the date that one was done (the follow-up report is due 10
	// business days after the report was submitted), or, with no recorded
	// date, from its due date, which makes this due date the latest one.
	After string `yaml:"after,omitempty" json:"after,omitempty"`
	// ByClause replaces DueRule under a clause version of the regime.
	ByClause []ClauseRule `yaml:"byClause,omitempty" json:"byClause,omitempty"`
	Sources  []string     `yaml:"sources" json:"sources"`
	// Note qualifies the dates: computed, approximate, changed later.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// Entity is one sanctioned organisation (with its subsidiaries).
type Entity struct {
	ID      string   `yaml:"id" json:"id"`     // e.g. "kaspersky"
	Name    string   `yaml:"name" json:"name"` // display name
	Country string   `yaml:"country,omitempty" json:"country,omitempty"`
	Sources []string `yaml:"sources" json:"sources"`

	// Names are organisation names in every legal form and script.
	Names []Name `yaml:"names" json:"names"`
	// Persons are individuals whose full names identify the entity
	// (e.g. designated executives); matched on the full name only.
	Persons []Name `yaml:"persons,omitempty" json:"persons,omitempty"`
	// Domains match URL hosts and e-mail domains, subdomains included.
	Domains []Domain `yaml:"domains" json:"domains"`
	// PURLs match package URLs by type + namespace (+ name).
	PURLs []PURLRule `yaml:"purls" json:"purls"`
	// CPEVendors match the vendor field of CPE 2.2 and 2.3 names.
	CPEVendors []Identifier `yaml:"cpeVendors" json:"cpeVendors"`
	// Packages match exact package names per ecosystem.
	Packages []PackageRule `yaml:"packages" json:"packages"`
	// Products are product names ("Kaspersky Endpoint Security").
	Products []Product `yaml:"products" json:"products"`
	// FalsePositives are known look-alikes that must never match.
	FalsePositives []FalsePositive `yaml:"falsePositives" json:"falsePositives"`
	// Paths are install locations and registry keys of the entity's
	// software ("/opt/kaspersky/", "\Kaspersky Lab\",
	// "HKLM\SOFTWARE\KasperskyLab"): a file under one, or a registry key at
	// or below one, is the entity's.
	Paths []PathRule `yaml:"paths,omitempty" json:"paths,omitempty"`
	// ProductTypes, when set, are the SBOM component types ("firmware",
	// "device", "application"...) in which the entity's own products come:
	// regimes that reach equipment or an application do not reach every
	// library the entity wrote. A component the entity made that has none
	// of these types (and no CPE of part o or h, for equipment types) is
	// non-security software, not the entity's product.
	ProductTypes []string `yaml:"productTypes,omitempty" json:"productTypes,omitempty"`
	// BrandedProducts says the entity names its products "<brand>
	// <product>" (Kaspersky does, for every product), so a component named
	// the brand followed by an unlisted word, with no other maker, is
	// presumed its product. Without it such a name is a mention: third
	// parties name device clients and scrapers after Huawei or TikTok.
	BrandedProducts bool `yaml:"brandedProducts,omitempty" json:"brandedProducts,omitempty"`
}

// Name is an organisation or person name with its sources.
type Name struct {
	Value   string   `yaml:"value" json:"value"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources []string `yaml:"sources" json:"sources"`
}

// Domain is a DNS name owned by the entity.
type Domain struct {
	Value string `yaml:"value" json:"value"` // "kaspersky.com"
	// Category of what a match means; securelist.com is threat intel.
	Category Category `yaml:"category,omitempty" json:"category,omitempty"`
	Note     string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources  []string `yaml:"sources" json:"sources"`
}

// PURLRule matches package URLs. Namespace may end in ".*" or "/*" to match
// a namespace and everything below it. Matching is case-insensitive.
type PURLRule struct {
	Type      string   `yaml:"type" json:"type"` // "maven", "npm", "github", "docker"
	Namespace string   `yaml:"namespace" json:"namespace"`
	Name      string   `yaml:"name,omitempty" json:"name,omitempty"`
	Category  Category `yaml:"category" json:"category"`
	Note      string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources   []string `yaml:"sources" json:"sources"`
}

// Identifier is a plain identifier with its sources (e.g. a CPE vendor).
type Identifier struct {
	Value   string   `yaml:"value" json:"value"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources []string `yaml:"sources" json:"sources"`
	// OSProducts are CPE products of this vendor that are operating-system
	// distributions stamping their CPE on every package they ship
	// ("euleros"): such matches make one finding per document, for the OS.
	OSProducts []string `yaml:"osProducts,omitempty" json:"osProducts,omitempty"`
}

// PackageRule matches an exact package name in one ecosystem.
type PackageRule struct {
	// Ecosystem is a purl type ("deb", "rpm", "npm", "pypi", "maven",
	// "generic") or "*" for any.
	Ecosystem string   `yaml:"ecosystem" json:"ecosystem"`
	Name      string   `yaml:"name" json:"name"`
	Category  Category `yaml:"category" json:"category"`
	// Unique is true when the name alone identifies the entity; false when
	// an unrelated project uses it too and a corroborating signal is needed.
	Unique  bool     `yaml:"unique" json:"unique"`
	Note    string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources []string `yaml:"sources" json:"sources"`
}

// Path kinds: how a PathRule's value matches.
const (
	// PathPrefix matches a path that begins with the value.
	PathPrefix = "prefix"
	// PathSegment matches a path holding the value (whole directory
	// names between separators) anywhere.
	PathSegment = "segment"
	// PathRegistry matches a Windows registry key equal to the value or
	// below it.
	PathRegistry = "registry"
)

// PathRule is an install location or registry key of the entity's
// software. Matching is case-insensitive, and "/" and "\" are the same
// separator in paths.
type PathRule struct {
	Value    string   `yaml:"value" json:"value"`
	Kind     string   `yaml:"kind" json:"kind"` // PathPrefix, PathSegment or PathRegistry
	Category Category `yaml:"category" json:"category"`
	Note     string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources  []string `yaml:"sources" json:"sources"`
}

// Product is a product or project name of the entity.
type Product struct {
	Name     string   `yaml:"name" json:"name"`
	Category Category `yaml:"category" json:"category"`
	Note     string   `yaml:"note,omitempty" json:"note,omitempty"`
	Sources  []string `yaml:"sources" json:"sources"`
}

// FalsePositive is a known look-alike. Any of its fields that is set must
// match for it to apply; a match suppresses the entity for that component
// (or, with Category set, downgrades it to that category, e.g. "mention").
type FalsePositive struct {
	ID        string `yaml:"id" json:"id"`
	Ecosystem string `yaml:"ecosystem,omitempty" json:"ecosystem,omitempty"`
	// Name is an exact package name, or a prefix ending in "*".
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// PURLPrefix matches the start of the package URL, case-insensitive.
	PURLPrefix string `yaml:"purlPrefix,omitempty" json:"purlPrefix,omitempty"`
	// Organization is an organisation or person name (normalised match).
	Organization string   `yaml:"organization,omitempty" json:"organization,omitempty"`
	Category     Category `yaml:"category,omitempty" json:"category,omitempty"`
	Reason       string   `yaml:"reason" json:"reason"`
	Sources      []string `yaml:"sources" json:"sources"`
}
