package reports

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// The SARIF types below are the subset of SARIF 2.1.0 embargo writes, with
// omitempty on everything optional. A general SARIF library was not used:
// go-sarif v3 always emits artifactLocation.index, region.byteOffset and
// logicalLocation.parentIndex as 0, which point every location at the
// wrong artifact, byte and parent. The output is validated against the
// official schema in tests.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// toolURI is where code scanning links the tool name.
	toolURI = "https://github.com/embargo-sbom/embargo"
	// fingerprintKey versions the fingerprint so a change of finding id
	// scheme can be told apart from a new finding.
	fingerprintKey = "embargoFindingId/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Artifacts   []sarifArtifact   `json:"artifacts,omitempty"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifArtifact struct {
	Location   sarifArtifactLocation `json:"location"`
	Hashes     map[string]string     `json:"hashes,omitempty"`
	Properties map[string]string     `json:"properties,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Kind                string             `json:"kind"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
	// URIBaseID is %SRCROOT% for a URI relative to the source root, which
	// GitHub code scanning resolves against the checkout.
	URIBaseID string `json:"uriBaseId,omitempty"`
	Index     *int   `json:"index,omitempty"`
}

// srcRoot is the uriBaseId of URIs relative to the source root.
const srcRoot = "%SRCROOT%"

// sarifRegion is where a result is in its input. startColumn is the
// byte column the decoder reports (JSON inputs), which is SARIF's
// UTF-16 column wherever the line holds only ASCII before it.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

// renderSARIF writes one run with one rule per (entity, category) and one
// result per finding.
func renderSARIF(w io.Writer, m *Model, ro RenderOptions) error {
	rules, ruleIndex := sarifRules(m)
	artifacts, artifactIndex := sarifArtifacts(m, ro.SourceRoot)
	results := make([]sarifResult, 0, len(m.Findings))
	for _, f := range m.Findings {
		results = append(results, sarifResultFor(f, ruleIndex, artifactIndex))
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: orDefault(m.Tool.Name, "embargo"), Version: m.Tool.Version,
				InformationURI: toolURI, Rules: rules,
			}},
			Invocations: []sarifInvocation{sarifInvocationFor(m, artifactIndex)},
			Artifacts:   artifacts,
			Results:     results,
			Properties:  sarifRunProperties(m),
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// ruleKey groups findings into rules: code scanning shows one alert type per
// rule, and "component from entity X, of category Y" is the alert type.
type ruleKey struct {
	entity, category string
}

func (k ruleKey) id() string {
	return "embargo/" + k.entity + "/" + k.category
}

func sarifRules(m *Model) ([]sarifRule, map[ruleKey]int) {
	byKey := map[ruleKey][]Finding{}
	for _, f := range m.Findings {
		k := ruleKey{entity: f.Entity.ID, category: f.Category}
		byKey[k] = append(byKey[k], f)
	}
	keys := make([]ruleKey, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b ruleKey) int {
		return cmp.Or(cmp.Compare(a.entity, b.entity), cmp.Compare(a.category, b.category))
	})
	rules := make([]sarifRule, 0, len(keys))
	index := make(map[ruleKey]int, len(keys))
	for i, k := range keys {
		index[k] = i
		rules = append(rules, sarifRuleFor(k, byKey[k]))
	}
	return rules, index
}

func sarifRuleFor(k ruleKey, findings []Finding) sarifRule {
	entity := plain(orDefault(findings[0].Entity.Name, k.entity))
	short := fmt.Sprintf("Component attributed to %s (%s)", entity, k.category)
	full := fmt.Sprintf("An SBOM component is attributed to %s, an entity on a restricted-vendor list (category: %s). Regimes that bind you may prohibit it or require a report or its removal by a deadline.", entity, k.category)
	worst := audit.VerdictBaseline
	for _, f := range findings {
		if f.Verdict.Rank() > worst.Rank() {
			worst = f.Verdict
		}
	}
	citations := ruleCitations(findings)
	return sarifRule{
		ID:               k.id(),
		Name:             ruleName(k),
		ShortDescription: sarifText{Text: short},
		FullDescription:  sarifText{Text: full},
		Help: sarifText{
			Text:     helpText(full, citations),
			Markdown: helpMarkdown(entity, k.category, citations),
		},
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(worst)},
		Properties: sarifRuleProperty{
			Tags: []string{"sanctions", "sbom", "supply-chain", k.category},
		},
	}
}

// ruleName is the PascalCase identifier SARIF viewers show next to the id.
func ruleName(k ruleKey) string {
	var b strings.Builder
	b.WriteString("ListedEntity")
	for _, part := range strings.FieldsFunc(k.entity+"-"+k.category, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

type citation struct {
	regime, citation, action string
}

// ruleCitations are the distinct obligations behind a rule's findings.
func ruleCitations(findings []Finding) []citation {
	seen := map[citation]bool{}
	var out []citation
	for _, f := range findings {
		for _, o := range f.Obligations {
			c := citation{regime: o.Regime, citation: o.Citation, action: o.Action}
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b citation) int {
		return cmp.Or(cmp.Compare(a.regime, b.regime), cmp.Compare(a.citation, b.citation), cmp.Compare(a.action, b.action))
	})
	return out
}

func helpText(full string, citations []citation) string {
	var b strings.Builder
	b.WriteString(full)
	if len(citations) > 0 {
		b.WriteString("\n\nObligations:")
		for _, c := range citations {
			fmt.Fprintf(&b, "\n- %s, %s: %s", plain(c.regime), plain(c.citation), plain(c.action))
		}
	}
	b.WriteString("\n\nTo resolve: remove or replace the component, or record a waiver with its justification. The JSON report holds the full evidence under each finding id.")
	b.WriteString("\n\n" + Disclaimer)
	return b.String()
}

func helpMarkdown(entity, category string, citations []citation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**Component attributed to %s** (category: %s)\n\n", mdEscape(entity), mdEscape(category))
	b.WriteString("An SBOM component is attributed to an entity on a restricted-vendor list. Regimes that bind you may prohibit it or require a report or its removal by a deadline.\n")
	if len(citations) > 0 {
		b.WriteString("\n| Regime | Citation | Action |\n| --- | --- | --- |\n")
		for _, c := range citations {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", mdEscape(c.regime), mdEscape(c.citation), mdEscape(c.action))
		}
	}
	b.WriteString("\nTo resolve: remove or replace the component, or record a waiver with its justification. The JSON report holds the full evidence under each finding id.\n")
	b.WriteString("\n_" + mdEscape(Disclaimer) + "_\n")
	return b.String()
}

// artifactIndex maps an input path to its artifact's index and location.
type artifactIndex struct {
	index map[string]int
	locs  map[string]sarifArtifactLocation
}

func sarifArtifacts(m *Model, root string) ([]sarifArtifact, artifactIndex) {
	out := make([]sarifArtifact, 0, len(m.Inputs))
	index := artifactIndex{index: make(map[string]int, len(m.Inputs)), locs: make(map[string]sarifArtifactLocation, len(m.Inputs))}
	for _, in := range m.Inputs {
		if _, dup := index.index[in.Path]; dup {
			continue
		}
		index.index[in.Path] = len(out)
		loc := sourceLocation(in.Path, root)
		index.locs[in.Path] = loc
		a := sarifArtifact{Location: loc}
		if in.SHA256 != "" {
			a.Hashes = map[string]string{"sha-256": in.SHA256}
		}
		a.Properties = manifestProperties(in.Vendor, in.Product, in.Version)
		out = append(out, a)
	}
	return out, index
}

// manifestProperties are the --manifest facts of an input, as SARIF
// property-bag entries; nil when there are none.
func manifestProperties(vendor, product, version string) map[string]string {
	props := map[string]string{}
	for k, v := range map[string]string{"vendor": vendor, "product": product, "productVersion": version} {
		if v != "" {
			props[k] = v
		}
	}
	if len(props) == 0 {
		return nil
	}
	return props
}

func artifactLocation(path string, index artifactIndex) sarifArtifactLocation {
	loc, ok := index.locs[path]
	if !ok {
		loc = sourceLocation(path, "")
	}
	if i, ok := index.index[path]; ok {
		loc.Index = &i
	}
	return loc
}

// sourceLocation is where code scanning finds an input: a path relative to
// the source root (the directory embargo ran in) as a relative URI with
// uriBaseId %SRCROOT%, which GitHub resolves against the checkout; an
// absolute path under root is made relative first. A path outside the
// root (absolute, or climbing out with ..) becomes an absolute file URI
// with no base: code scanning cannot place it, and says so.
func sourceLocation(path, root string) sarifArtifactLocation {
	p := path
	if root != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(root, p); err == nil {
			p = rel
		}
	}
	if filepath.IsAbs(p) || p == "-" {
		return sarifArtifactLocation{URI: fileURI(p)}
	}
	p = filepath.Clean(p)
	if p == ".." || strings.HasPrefix(filepath.ToSlash(p), "../") {
		if root == "" {
			return sarifArtifactLocation{URI: fileURI(p)}
		}
		return sarifArtifactLocation{URI: fileURI(filepath.Join(root, p))}
	}
	return sarifArtifactLocation{URI: fileURI(p), URIBaseID: srcRoot}
}

// sarifInvocationFor reports failed inputs and warnings as notifications;
// the run counts as successful only when it was complete and every input
// was read.
func sarifInvocationFor(m *Model, index artifactIndex) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: m.Complete && m.Summary.Failed == 0 && len(m.Summary.Gaps) == 0}
	for _, in := range m.Inputs {
		loc := []sarifLocation{{PhysicalLocation: &sarifPhysicalLocation{ArtifactLocation: artifactLocation(in.Path, index)}}}
		if in.Status == audit.StatusFailed {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: "error", Message: sarifText{Text: plain("cannot audit " + in.Path + ": " + in.Error)}, Locations: loc,
			})
		}
		if in.Status == audit.StatusEmpty {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: "error", Message: sarifText{Text: plain("cannot vouch for " + in.Path + ": the SBOM lists no components (status empty)")}, Locations: loc,
			})
		}
		for _, w := range in.Warnings {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: "warning", Message: sarifText{Text: plain(in.Path + ": " + w)}, Locations: loc,
			})
		}
	}
	for _, w := range m.Warnings {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "warning", Message: sarifText{Text: plain(w)},
		})
	}
	for _, g := range runGaps(m) {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "error", Message: sarifText{Text: plain("incomplete: " + g)},
		})
	}
	return inv
}

func sarifResultFor(f Finding, rules map[ruleKey]int, artifacts artifactIndex) sarifResult {
	r := sarifResult{
		RuleID:              ruleKey{entity: f.Entity.ID, category: f.Category}.id(),
		RuleIndex:           rules[ruleKey{entity: f.Entity.ID, category: f.Category}],
		Kind:                "fail",
		Level:               sarifLevel(f.Verdict),
		Message:             sarifText{Text: plainMessage(f)},
		Locations:           []sarifLocation{sarifLocationFor(f, artifacts)},
		PartialFingerprints: map[string]string{fingerprintKey: f.ID},
		Properties: map[string]any{
			"findingId":  f.ID,
			"verdict":    string(f.Verdict),
			"confidence": string(f.Confidence),
			"category":   f.Category,
			"entity":     f.Entity.ID,
			"purl":       f.Component.PURL,
		},
	}
	for k, v := range manifestProperties(f.Vendor, f.Product, "") {
		r.Properties[k] = v
	}
	if f.OriginalVerdict != "" {
		r.Properties["originalVerdict"] = string(f.OriginalVerdict)
	}
	if f.Waiver != "" {
		r.Properties["waiver"] = f.Waiver
	}
	var was string
	if f.OriginalVerdict != "" {
		was = " (was " + string(f.OriginalVerdict) + ")"
	}
	switch f.Verdict {
	case audit.VerdictWaived:
		r.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: plain("waived by " + orDefault(f.Waiver, "an unnamed waiver") + was)}}
	case audit.VerdictBaseline:
		r.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: "present in the baseline report" + was}}
	}
	if o, ok := f.NextDue(); ok {
		r.Properties["nextDue"] = o.Due
	}
	return r
}

// sarifLevel maps verdicts to SARIF levels; suppressed findings are "none"
// so that they never count as alerts.
func sarifLevel(v audit.Verdict) string {
	switch v {
	case audit.VerdictProhibited:
		return "error"
	case audit.VerdictReview:
		return "warning"
	case audit.VerdictInfo:
		return "note"
	}
	return "none"
}

func sarifLocationFor(f Finding, artifacts artifactIndex) sarifLocation {
	loc := sarifLocation{PhysicalLocation: &sarifPhysicalLocation{ArtifactLocation: artifactLocation(f.Input, artifacts)}}
	for _, e := range f.Evidence {
		if e.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: e.Line, StartColumn: e.Column}
			break
		}
	}
	for _, e := range f.Evidence {
		if e.Location != "" {
			loc.LogicalLocations = []sarifLogicalLocation{{
				Name: plain(f.Component.Name), FullyQualifiedName: plain(e.Location), Kind: logicalKind(e.Location),
			}}
			break
		}
	}
	return loc
}

// logicalKind: a JSON pointer names a JSON object, an XPath an XML element.
func logicalKind(location string) string {
	if strings.HasPrefix(location, "/") && !strings.Contains(location, "[") {
		return "object"
	}
	return "element"
}

// fileURI turns an input path into a URI reference: relative paths stay
// relative (code scanning resolves them against the repository root),
// absolute ones become file URIs. Characters such as spaces and '#' are
// percent-encoded.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // Windows drive letter
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

func sarifRunProperties(m *Model) map[string]any {
	lists := make([]map[string]string, 0, len(m.Lists))
	for _, l := range m.Lists {
		lists = append(lists, map[string]string{"id": l.ID, "version": l.Version, "sha256": l.SHA256})
	}
	return map[string]any{
		"asOf":        m.AsOf,
		"profiles":    m.Profiles,
		"failOn":      m.FailOn,
		"complete":    m.Complete,
		"generatedAt": m.GeneratedAt,
		"lists":       lists,
		"disclaimer":  Disclaimer,
	}
}
