package assess

import (
	"fmt"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// openRegimes returns, for a finding of category cat that no bound regime
// covers or reaches, the regimes in force that make it a question, and the
// informational regimes that name the entity, for context.
//
// A regime is open for a category when it binds the user for the entity,
// prohibits something (it covers a category) and neither excludes the
// category nor puts it out of scope: the list could not say that the
// regime covers the component, nor that it does not (HMS Core under §889's
// service prong, a Pangle SDK under FAR 52.204-27, a DJI SDK under the
// FCC's UAS entry). Its question and its obligations go with the review.
//
// A contribution (only a copyright, attribution or licence names the
// entity) is a question only under a regime that reaches code by who wrote
// it: one that covers or reaches contributions or the entity's non-security
// software (FAR 52.204-23 and NDAA §1634: "developed … in whole or in
// part"), or one that covers products integrating the entity's code (BIS,
// §889 Part A and B). A regime that covers only what the entity itself
// produces or provides (FAR 52.204-27: the TikTok application; the FCC
// Covered List: equipment the entity produced) does not turn on
// authorship, nor does one that puts contributions out of its scope; under
// the latter, only the entity's code inside another component (a file's
// copyright, a licence, an attribution) is a question, of integration.
func (a *Assessor) openRegimes(at *match.Attribution, cat vendorlists.Category) (open, context []*vendorlists.Regime) {
	inside := cat == vendorlists.CategoryContribution && codeInside(at)
	for _, r := range a.bound(at) {
		switch {
		case r.Informational:
			if slices.Contains(r.Entities, at.Entity.ID) {
				context = append(context, r)
			}
		case opensTo(r, cat, inside):
			open = append(open, r)
		}
	}
	return a.inForce(open), context
}

// opensTo reports whether r makes a finding of category cat a question;
// inside says a contribution's evidence shows the entity's code inside
// another component (see codeInside).
func opensTo(r *vendorlists.Regime, cat vendorlists.Category, inside bool) bool {
	if len(r.Covers) == 0 || slices.Contains(r.Excludes, cat) {
		return false
	}
	has := func(c vendorlists.Category) bool {
		return slices.Contains(r.Covers, c) || slices.Contains(r.Reaches, c)
	}
	switch {
	case cat != vendorlists.CategoryContribution:
		return !has(cat) && !slices.Contains(r.OutOfScope, cat)
	case slices.Contains(r.OutOfScope, cat):
		// Authorship alone is out of the regime's scope (§889 turns on
		// equipment and services); the entity's code inside another
		// component is still a question of integration.
		return inside && has(vendorlists.CategoryIntegration)
	}
	return has(vendorlists.CategoryContribution) || has(vendorlists.CategoryNonSecurity) || has(vendorlists.CategoryIntegration)
}

// codeInside reports whether a contribution's evidence shows the entity's
// code inside a component someone else supplies: a file's copyright, a
// licence, a copyright found in the binary (CycloneDX evidence), an
// attribution notice. Only a package's own declared copyright notice says
// no more than who wrote the package (openEuler's libboundscheck).
func codeInside(at *match.Attribution) bool {
	if at.Component.Type == "file" || at.Component.Type == "license" {
		return true
	}
	f := copyrightField(at)
	return f != "" && f != "copyright"
}

// copyrightField is the field of the evidence that made the finding a
// contribution: the first copyright-signal evidence, "" when none.
func copyrightField(at *match.Attribution) string {
	for _, e := range at.Evidence {
		if e.Signal == "copyright" {
			return e.Field
		}
	}
	return ""
}

// openRationale says which regimes make a finding no regime covers a
// question, and what the question is.
func openRationale(name string, cat vendorlists.Category, why string, open []*vendorlists.Regime) string {
	return fmt.Sprintf("Treated as %s %s software because %s; %s %s you for this entity but %s only its %s as covered, so it needs review: whether this component is, or delivers, equipment, software or a service of the entity that %s %s, in which case the obligations listed apply.",
		name, cat, why, regimeTitles(open), verb(open, "binds", "bind"), verb(open, "names", "name"),
		categoryWords(coveredBy(open)), pronoun(open), verb(open, "covers", "cover"))
}

// contextRationale names the informational regimes that bind the user for
// the entity when no other regime says anything about the finding.
func contextRationale(name string, cat vendorlists.Category, why string, context []*vendorlists.Regime) string {
	return fmt.Sprintf("Treated as %s %s software because %s; %s %s you for this entity for context only and %s no category of its software by itself, so whether %s this component needs review (see the caveats).",
		name, cat, why, regimeTitles(context), verb(context, "binds", "bind"),
		verb(context, "prohibits", "prohibit"), verb(context, "it reaches", "they reach"))
}

// contributionRationale says what ties the component to the entity, and
// which regimes make that a question or why it is only information.
func (a *Assessor) contributionRationale(at *match.Attribution, why string, open []*vendorlists.Regime, bound []*vendorlists.Regime) string {
	field := copyrightField(at)
	if field == "" {
		field, _, _ = strings.Cut(why, " ")
	}
	base := fmt.Sprintf("Only %s ties the component to %s (%s), which says who wrote or licenses the code, not who makes or supplies the component",
		statementKind(field), at.Entity.Name, why)
	if len(open) > 0 {
		return fmt.Sprintf("%s, so it needs review under %s: %s, in which case the obligations listed apply.",
			base, regimeTitles(open), contributionQuestions(open))
	}
	var prohibiting, context []*vendorlists.Regime
	for _, r := range bound {
		if r.Informational {
			context = append(context, r)
		} else {
			prohibiting = append(prohibiting, r)
		}
	}
	if len(prohibiting) > 0 {
		return fmt.Sprintf("%s; the regimes of profile %s that bind you for this entity (%s) cover what it produces or provides, not what it wrote, so it is shown for information only.",
			base, strings.Join(a.profiles, ", "), regimeIDs(prohibiting))
	}
	if len(context) > 0 {
		return fmt.Sprintf("%s; the regimes of profile %s that bind you for this entity (%s) are shown for context and prohibit no category of its software, so it is shown for information only.",
			base, strings.Join(a.profiles, ", "), regimeIDs(context))
	}
	return fmt.Sprintf("%s; no regime of profile %s binds you for this entity, so it needs review.", base, strings.Join(a.profiles, ", "))
}

// contributionQuestions asks what each kind of regime turns on: software
// the entity developed "in whole or in part" (FAR 52.204-23, NDAA §1634),
// or a product integrating its software or equipment (BIS, §889).
func contributionQuestions(open []*vendorlists.Regime) string {
	var authorship, integration []string
	for _, r := range open {
		has := func(c vendorlists.Category) bool {
			return slices.Contains(r.Covers, c) || slices.Contains(r.Reaches, c)
		}
		if has(vendorlists.CategoryContribution) || has(vendorlists.CategoryNonSecurity) {
			authorship = append(authorship, r.ID)
		} else {
			integration = append(integration, r.ID)
		}
	}
	var qs []string
	if len(authorship) > 0 {
		qs = append(qs, fmt.Sprintf("whether the entity developed the component in whole or in part, which %s %s", andList(authorship), pluralOf(len(authorship), "covers", "cover")))
	}
	if len(integration) > 0 {
		qs = append(qs, fmt.Sprintf("whether the component integrates software or equipment of the entity that %s %s", andList(integration), pluralOf(len(integration), "covers", "cover")))
	}
	return strings.Join(qs, "; and ")
}

// statementKind names what kind of text an evidence field holds: the
// licence's Rightholder clause is no copyright notice.
func statementKind(field string) string {
	field = strings.ToLower(field)
	switch {
	case strings.Contains(field, "licen"):
		return "a licence text"
	case strings.Contains(field, "attribution"):
		return "an attribution notice"
	case strings.Contains(field, "sourceinfo") || strings.Contains(field, "comment"):
		return "a note"
	}
	return "a copyright notice"
}

// coveredBy is the union of the categories rs cover, in list order.
func coveredBy(rs []*vendorlists.Regime) []vendorlists.Category {
	var out []vendorlists.Category
	for _, c := range vendorlists.Categories() {
		for _, r := range rs {
			if slices.Contains(r.Covers, c) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func categoryWords(cs []vendorlists.Category) string {
	words := make([]string, len(cs))
	for i, c := range cs {
		words[i] = string(c)
	}
	return andList(words) + " software"
}

// regimeTitles names each regime by id and title: "far-52-204-27 (FAR
// 52.204-27 Prohibition on a ByteDance Covered Application (Jun 2023))".
func regimeTitles(rs []*vendorlists.Regime) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.ID
		if r.Title != "" {
			parts[i] += " (" + r.Title + ")"
		}
	}
	return andList(parts)
}

// andList joins "a", "a and b", "a, b and c".
func andList(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func verb(rs []*vendorlists.Regime, one, many string) string {
	return pluralOf(len(rs), one, many)
}

func pluralOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func pronoun(rs []*vendorlists.Regime) string {
	return verb(rs, "it", "they")
}
