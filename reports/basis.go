package reports

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/embargo-sbom/embargo/audit"
)

// Basis is the evidence basis beyond the lists: everything else that
// shaped the result, so that an auditor can reproduce it. The CLI fills
// it; merge combines the shards' bases.
type Basis struct {
	// Discovered is the --discovered date FAR deadlines run from;
	// DiscoveredDefaulted is true when it was not given and defaulted to
	// the as-of date.
	Discovered          string `json:"discovered"`
	DiscoveredDefaulted bool   `json:"discoveredDefaulted"`
	// AsOfSource says where the as-of date came from: "flag", "env",
	// "file" (like every setting), "SOURCE_DATE_EPOCH" or "clock".
	AsOfSource string `json:"asOfSource"`
	// ConfigFiles are the configuration files read, with their digest.
	ConfigFiles []FileDigest `json:"configFiles"`
	// Settings says, for every effective setting of the command, where
	// its value came from: default, file, env or flag.
	Settings map[string]Setting `json:"settings"`
	// Options are the effective values of the settings that shape the
	// result (fail-on, profiles, dates, lists, limits, ...), by name.
	Options map[string]string `json:"options"`
	// WaiverFiles are the waiver files read (a config file's inline
	// waivers: that file), with their digest.
	WaiverFiles []FileDigest `json:"waiverFiles"`
	// Waivers are the waivers that suppressed at least one finding.
	Waivers []AppliedWaiver `json:"waivers"`
	// Shard is set in the report of one shard of a sharded run; its
	// Count is 0 otherwise.
	Shard ShardBasis `json:"shard"`
	// InputSet identifies every input the run was given, before sharding.
	InputSet InputSet `json:"inputSet"`
	// Merged lists the shards a merged report was made of; MissingShards
	// those absent from a merge with --allow-partial ("2/4").
	Merged        []MergedShard `json:"merged"`
	MissingShards []string      `json:"missingShards"`
	// Notes are facts about the basis an auditor should read, such as a
	// configuration file in the working directory that changed policy.
	Notes []string `json:"notes"`
}

// FileDigest names a file read and the SHA-256 of its bytes.
type FileDigest struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Setting says where one effective setting came from.
type Setting struct {
	Source string `json:"source"` // default, file, env or flag
	Detail string `json:"detail"` // the file, variable or flag; "" for default
}

// AppliedWaiver is a waiver that suppressed findings, with everything
// that makes it accountable.
type AppliedWaiver struct {
	ID       string `json:"id"`
	Approver string `json:"approver"`
	Reason   string `json:"reason"`
	Expires  string `json:"expires"`
	Ticket   string `json:"ticket"`
	Source   string `json:"source"`
	Findings int    `json:"findings"`
}

// ShardBasis is shard Index of Count, the fail-on it ran with, and the
// digest of the whole input set it was cut from.
type ShardBasis struct {
	Index  int    `json:"index"`
	Count  int    `json:"count"`
	FailOn string `json:"failOn"`
}

// Label is "I/N".
func (s ShardBasis) Label() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// InputSet is the SHA-256 of the sorted input paths, each ended by a NUL
// byte, and
// their number: every shard of one run carries the same.
type InputSet struct {
	SHA256 string `json:"sha256"`
	Count  int    `json:"count"`
}

// MergedShard is one shard report a merged report was made of.
type MergedShard struct {
	Report string `json:"report"`
	Shard  string `json:"shard"`
	FailOn string `json:"failOn"`
}

// normalise sorts the basis and replaces nil by empty values.
func (b *Basis) normalise() {
	b.ConfigFiles = sortedDigests(b.ConfigFiles)
	b.WaiverFiles = sortedDigests(b.WaiverFiles)
	if b.Settings == nil {
		b.Settings = map[string]Setting{}
	}
	if b.Options == nil {
		b.Options = map[string]string{}
	}
	b.Waivers = nonNil(b.Waivers)
	slices.SortFunc(b.Waivers, func(a, c AppliedWaiver) int { return cmp.Compare(a.ID, c.ID) })
	b.Merged = nonNil(b.Merged)
	b.MissingShards = nonNil(b.MissingShards)
	b.Notes = sortedStrings(b.Notes)
}

func sortedDigests(in []FileDigest) []FileDigest {
	out := slices.Clone(nonNil(in))
	slices.SortFunc(out, func(a, b FileDigest) int { return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.SHA256, b.SHA256)) })
	return slices.Compact(out)
}

// clone copies the basis deeply.
func (b Basis) clone() Basis {
	b.ConfigFiles = slices.Clone(b.ConfigFiles)
	b.WaiverFiles = slices.Clone(b.WaiverFiles)
	b.Settings = maps.Clone(b.Settings)
	b.Options = maps.Clone(b.Options)
	b.Waivers = slices.Clone(b.Waivers)
	b.Merged = slices.Clone(b.Merged)
	b.MissingShards = slices.Clone(b.MissingShards)
	b.Notes = slices.Clone(b.Notes)
	return b
}

// gaps lists why the model's outcome is incomplete (see audit.Gaps), plus
// a partial report and missing shards.
func (m *Model) gaps() []string {
	statuses := make([]audit.InputStatus, len(m.Inputs))
	for i, in := range m.Inputs {
		statuses[i] = audit.InputStatus{Path: in.Path, Root: in.Root, Status: in.Status}
	}
	out := audit.Gaps(statuses, m.Basis.Shard.Count > 1)
	if len(m.Basis.MissingShards) > 0 {
		out = append(out, plural(len(m.Basis.MissingShards), "shard", "shards")+" "+strings.Join(m.Basis.MissingShards, ", ")+" missing from the merge (--allow-partial)")
	}
	if !m.Complete && len(m.Basis.MissingShards) == 0 {
		out = append(out, "the run was interrupted; the report covers only the inputs done")
	}
	return out
}

// BasisLines are the evidence-basis facts as short "label: value" lines,
// raw text, for the formats that show them in their summary (Markdown,
// HTML, XLSX); JSON holds the whole Basis.
func (m *Model) BasisLines() [][2]string {
	b := m.Basis
	var out [][2]string
	add := func(k, v string) { out = append(out, [2]string{k, v}) }
	if b.Discovered != "" {
		disc := b.Discovered
		switch l, ledger := b.Settings["ledger"]; {
		case b.DiscoveredDefaulted && ledger && l.Source != "default" && l.Source != "":
			// The deadlines of a case the ledger knows run from its own
			// identification date (the finding's case says which).
			disc += " (not given: new cases are identified on the as-of date; a case the ledger knows keeps its identification date)"
		case b.DiscoveredDefaulted:
			disc += " (not given: defaulted to the as-of date)"
		}
		add("Discovered", disc)
	}
	if b.AsOfSource != "" {
		add("As-of taken from", b.AsOfSource)
	}
	for _, f := range b.ConfigFiles {
		add("Config file", f.Path+" sha256:"+f.SHA256)
	}
	var fromConfig []string
	for _, k := range slices.Sorted(maps.Keys(b.Settings)) {
		if s := b.Settings[k]; s.Source != "default" && s.Source != "" {
			fromConfig = append(fromConfig, k+"="+s.Source)
		}
	}
	if len(fromConfig) > 0 {
		add("Settings not default", strings.Join(fromConfig, ", "))
	}
	for _, f := range b.WaiverFiles {
		add("Waiver file", f.Path+" sha256:"+f.SHA256)
	}
	for _, w := range b.Waivers {
		add("Waiver "+w.ID, fmt.Sprintf("approver %s; expires %s; ticket %s; %s; reason: %s",
			orDash(w.Approver), orDash(w.Expires), orDash(w.Ticket), audit.Count(w.Findings, "finding", "findings"), w.Reason))
	}
	if b.Shard.Count > 0 {
		add("Shard", b.Shard.Label()+" (fail-on "+b.Shard.FailOn+")")
	}
	if b.InputSet.SHA256 != "" {
		add("Input set", fmt.Sprintf("%s, sha256:%s", audit.Count(b.InputSet.Count, "input", "inputs"), b.InputSet.SHA256))
	}
	for _, s := range b.Merged {
		add("Merged shard", s.Shard+" from "+s.Report+" (fail-on "+s.FailOn+")")
	}
	if len(b.MissingShards) > 0 {
		add("Missing shards", strings.Join(b.MissingShards, ", "))
	}
	for _, n := range b.Notes {
		add("Note", n)
	}
	return out
}

// runGaps are the gaps that no single input shows (nothing audited, a
// directory without an SBOM, missing shards), for formats that report
// per-input problems on their own.
func runGaps(m *Model) []string {
	var out []string
	for _, g := range m.Summary.Gaps {
		if !(strings.HasSuffix(g, " failed") && strings.Contains(g, " input")) && !strings.Contains(g, "held no components") {
			out = append(out, g)
		}
	}
	return out
}
