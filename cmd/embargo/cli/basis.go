package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/embargo-sbom/embargo/audit/policy"
	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/sbom"
)

// policyKeys are the settings that change what a run decides or where
// its reports go: a configuration file in the working directory that sets
// one is called out, since it may come with the files being audited.
var policyKeys = []string{"as-of", "baseline", "discovered", "fail-on", "fail-on-unused-waivers", "list",
	"manifest", "only-list", "output", "profile", "waivers"}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// notOptions are settings that do not shape the result (where reports
// go, how many workers): left out of the basis's options, so that the
// same audit written elsewhere gives the same report.
var notOptions = map[string]bool{"config": true, "help": true, "output": true, "sbom-out": true, "parallelism": true}

// flagValues are the effective values of the settings that shape the
// result, as text.
func flagValues(flags *pflag.FlagSet) map[string]string {
	out := map[string]string{}
	flags.VisitAll(func(f *pflag.Flag) {
		if notOptions[f.Name] {
			return
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			out[f.Name] = strings.Join(sv.GetSlice(), ",")
			return
		}
		out[f.Name] = redactSetting(f.Name, f.Value.String())
	})
	return out
}

// inWorkingDir reports whether the configuration file was found in the
// working directory rather than named or taken from the user's home.
func (s *settings) inWorkingDir() bool {
	return s.file != "" && !s.explicit && !filepath.IsAbs(s.file)
}

// workingDirNote says which policy settings a configuration file in the
// working directory set; "" when it set none (or there is none).
func (s *settings) workingDirNote() string {
	if !s.inWorkingDir() {
		return ""
	}
	var set []string
	for _, k := range policyKeys {
		if s.sources[k].Kind == "file" {
			set = append(set, k)
		}
	}
	if len(set) == 0 {
		return ""
	}
	return fmt.Sprintf("configuration file %s in the working directory set %s", s.file, strings.Join(set, ", "))
}

// basisInputs are the facts of the plan that go into the basis.
type basisInputs struct {
	cfg         *settings
	opts        *auditOptions
	waiverFiles []reports.FileDigest
	waivers     []policy.Waiver
	applied     map[string]int
	asOfSource  string
	shard       reports.ShardBasis
	inputSet    reports.InputSet
	notes       []string
}

func newBasis(b basisInputs, discovered string) reports.Basis {
	out := reports.Basis{
		Discovered: discovered, DiscoveredDefaulted: b.opts.Discovered == "",
		AsOfSource: b.asOfSource, Settings: map[string]reports.Setting{}, Options: b.cfg.values,
		WaiverFiles: b.waiverFiles, Shard: b.shard, InputSet: b.inputSet, Notes: b.notes,
	}
	if b.cfg.file != "" {
		out.ConfigFiles = append(out.ConfigFiles, b.cfg.fileDigest())
	}
	for k, src := range b.cfg.sources {
		out.Settings[k] = reports.Setting{Source: src.Kind, Detail: src.Detail}
	}
	for _, w := range b.waivers {
		if n := b.applied[w.ID]; n > 0 {
			out.Waivers = append(out.Waivers, reports.AppliedWaiver{ID: w.ID, Approver: w.Approver, Reason: w.Reason,
				Expires: w.Expires, Ticket: w.Ticket, Source: w.Where(), Findings: n})
		}
	}
	return out
}

// inputSetOf identifies the whole input set before sharding: the SHA-256
// of the sorted paths, each ended by a NUL byte. Every shard of one run computes the
// same, so merge can tell shards of different runs apart.
func inputSetOf(inputs []sbom.Input) reports.InputSet {
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	slices.Sort(paths)
	var b strings.Builder
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte(0)
	}
	return reports.InputSet{SHA256: sha256Hex([]byte(b.String())), Count: len(inputs)}
}
