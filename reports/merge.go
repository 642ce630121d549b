package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Merge combines the JSON reports of a sharded run (`embargo merge`) into
// one, naming the reports "report 1", "report 2", ... in errors. See
// MergeNamed.
func Merge(models ...*Model) (*Model, error) {
	names := make([]string, len(models))
	for i := range models {
		names[i] = fmt.Sprintf("report %d", i+1)
	}
	return MergeNamed(names, models)
}

// MergeNamed combines reports of one sharded run; names[i] (usually the
// file name) stands for models[i] in errors and warnings.
//
// It refuses reports that were not made under the same terms: schema
// version, as-of date, profiles, fail-on, the lists (id, version and
// SHA-256) and the tool name must all agree, and no input path may appear
// twice. Otherwise the result holds the union of the inputs, findings and
// warnings (duplicates dropped), is complete only when every report is,
// carries the latest generatedAt and the first report's tool, and has its
// summary and vendor view recomputed exactly as NewModel computes them.
// Tool versions may differ; that is recorded as a warning. The reports
// given are not modified.
func MergeNamed(names []string, models []*Model) (*Model, error) {
	opts := MergeOptions{}
	if len(models) > 0 && models[0] != nil {
		opts.FailOn = models[0].FailOn
	}
	return MergeWith(names, models, opts)
}

// MergeOptions are the choices of `embargo merge`.
type MergeOptions struct {
	// FailOn is applied to the merged findings, whatever fail-on each
	// shard ran with (each is recorded in the basis).
	FailOn string
	// AllowPartial merges an incomplete set of shards; the result is
	// marked incomplete and names the missing shards.
	AllowPartial bool
}

// MergeWith is MergeNamed with options. Reports of a sharded run (each
// records its shard I/N and the digest of the whole input set) must be
// shards of one run, and all of them unless opts.AllowPartial.
func MergeWith(names []string, models []*Model, opts MergeOptions) (*Model, error) {
	if len(names) != len(models) {
		return nil, fmt.Errorf("merge: %d names for %d reports", len(names), len(models))
	}
	if len(models) == 0 {
		return nil, errors.New("merge: no reports to merge")
	}
	for i, m := range models {
		if m == nil {
			return nil, fmt.Errorf("merge: %s is empty", names[i])
		}
	}
	missing, shardErr := checkShards(names, models, opts.AllowPartial)
	if err := errors.Join(shardErr, checkMergeable(names, models)); err != nil {
		return nil, err
	}
	first := models[0]
	out := &Model{
		SchemaVersion: first.SchemaVersion,
		Tool:          first.Tool,
		GeneratedAt:   first.GeneratedAt,
		AsOf:          first.AsOf,
		Profiles:      sortedStrings(first.Profiles),
		FailOn:        normaliseFailOn(opts.FailOn),
		Complete:      len(missing) == 0,
		Basis:         mergedBasis(names, models, missing),
		Lists:         slices.Clone(first.Lists),
		FARClause:     first.FARClause,
		Inputs:        []Input{},
		Findings:      []Finding{},
	}
	var warnings []string
	seenFinding := map[string]bool{}
	for _, m := range models {
		if m.GeneratedAt.After(out.GeneratedAt) {
			out.GeneratedAt = m.GeneratedAt
		}
		out.Complete = out.Complete && m.Complete
		for _, in := range m.Inputs {
			in.Warnings = slices.Clone(in.Warnings)
			out.Inputs = append(out.Inputs, in)
		}
		for _, f := range m.Findings {
			f = cloneFinding(f)
			key, err := json.Marshal(f)
			if err != nil {
				return nil, fmt.Errorf("merge: %w", err)
			}
			if seenFinding[string(key)] {
				continue
			}
			seenFinding[string(key)] = true
			out.Findings = append(out.Findings, f)
		}
		warnings = append(warnings, m.Warnings...)
		out.Caveats = append(out.Caveats, m.Caveats...)
	}
	if w := toolVersionWarning(names, models); w != "" {
		warnings = append(warnings, w)
	}
	out.Warnings = sortedStrings(warnings)
	threshold := failThreshold(out.FailOn)
	for i := range out.Findings {
		f := &out.Findings[i]
		f.Fails = threshold > 0 && f.Verdict.Rank() >= threshold
	}
	out.normalise()
	return out, nil
}

// checkMergeable compares every report with the first, and refuses an
// input path that two reports (or one report twice) hold.
func checkMergeable(names []string, models []*Model) error {
	first := models[0]
	var errs []error
	for i, m := range models[1:] {
		name := names[i+1]
		for _, c := range []struct {
			field string
			a, b  string
		}{
			{"schemaVersion", first.SchemaVersion, m.SchemaVersion},
			{"tool name", first.Tool.Name, m.Tool.Name},
			{"asOf", first.AsOf, m.AsOf},
			{"profiles", strings.Join(sortedStrings(first.Profiles), ","), strings.Join(sortedStrings(m.Profiles), ",")},
			{"farClause", first.FARClause, m.FARClause},
			{"lists", listsKey(first.Lists), listsKey(m.Lists)},
		} {
			if c.a != c.b {
				errs = append(errs, fmt.Errorf("cannot merge %s and %s: they differ in %s (%s has %q, %s has %q)",
					names[0], name, c.field, names[0], c.a, name, c.b))
			}
		}
	}
	owner := map[string]string{}
	for i, m := range models {
		for _, in := range m.Inputs {
			prev, dup := owner[in.Path]
			switch {
			case dup && prev == names[i]:
				errs = append(errs, fmt.Errorf("cannot merge: input %q appears twice in %s", in.Path, prev))
			case dup:
				errs = append(errs, fmt.Errorf("cannot merge %s and %s: both hold input %q (shards must not overlap)", prev, names[i], in.Path))
			default:
				owner[in.Path] = names[i]
			}
		}
	}
	return errors.Join(errs...)
}

// listsKey identifies the evidence basis: each list's id, version and
// SHA-256, in the model's sorted order. Title and origin do not count.
func listsKey(lists []List) string {
	parts := make([]string, 0, len(lists))
	for _, l := range lists {
		parts = append(parts, l.ID+"@"+l.Version+" sha256:"+orDash(l.SHA256))
	}
	sorted := slices.Clone(parts)
	slices.Sort(sorted)
	return strings.Join(sorted, ", ")
}

// toolVersionWarning names each tool version and the reports written by
// it, when there is more than one version; "" otherwise.
func toolVersionWarning(names []string, models []*Model) string {
	var versions []string
	by := map[string][]string{}
	for i, m := range models {
		v := m.Tool.Version
		if _, ok := by[v]; !ok {
			versions = append(versions, v)
		}
		by[v] = append(by[v], names[i])
	}
	if len(versions) < 2 {
		return ""
	}
	parts := make([]string, 0, len(versions))
	for _, v := range versions {
		parts = append(parts, fmt.Sprintf("%s (%s)", orDefault(v, "no version"), strings.Join(by[v], ", ")))
	}
	return fmt.Sprintf("merged reports were written by different versions of %s: %s; the merged report names %s",
		models[0].Tool.Name, strings.Join(parts, ", "), orDefault(models[0].Tool.Version, "no version"))
}

// cloneFinding copies a finding and every slice under it, so that
// normalising the merged model never writes into a report given to Merge.
func cloneFinding(f Finding) Finding {
	f.Component.CPEs = slices.Clone(f.Component.CPEs)
	f.Evidence = slices.Clone(f.Evidence)
	f.Obligations = slices.Clone(f.Obligations)
	for i := range f.Obligations {
		f.Obligations[i].Sources = slices.Clone(f.Obligations[i].Sources)
	}
	f.Path = slices.Clone(f.Path)
	return f
}
