package cli

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/sbom"
)

// auditOptions are the audit command's settings. Each field is a flag and
// a configuration key of the same kebab-case name; EMBARGO_FAIL_ON and the
// like set them from the environment.
type auditOptions struct {
	Output      []string `mapstructure:"output" yaml:"output"`
	FailOn      string   `mapstructure:"fail-on" yaml:"fail-on"`
	Profile     []string `mapstructure:"profile" yaml:"profile"`
	AsOf        string   `mapstructure:"as-of" yaml:"as-of"`
	Discovered  string   `mapstructure:"discovered" yaml:"discovered"`
	FARClause   string   `mapstructure:"far-clause" yaml:"far-clause"`
	List        []string `mapstructure:"list" yaml:"list"`
	OnlyList    []string `mapstructure:"only-list" yaml:"only-list"`
	Parallelism int      `mapstructure:"parallelism" yaml:"parallelism"`
	MaxBytes    int64    `mapstructure:"max-bytes" yaml:"max-bytes"`
	MaxComps    int      `mapstructure:"max-components" yaml:"max-components"`
	MaxString   int      `mapstructure:"max-string-bytes" yaml:"max-string-bytes"`
	MaxDepth    int      `mapstructure:"max-depth" yaml:"max-depth"`
	Partial     bool     `mapstructure:"partial" yaml:"partial"`
	Waivers     string   `mapstructure:"waivers" yaml:"waivers"`
	FailUnused  bool     `mapstructure:"fail-on-unused-waivers" yaml:"fail-on-unused-waivers"`
	Baseline    string   `mapstructure:"baseline" yaml:"baseline"`
	MaxListAge  string   `mapstructure:"max-list-age" yaml:"max-list-age"`
	Manifest    string   `mapstructure:"manifest" yaml:"manifest"`
	Shard       string   `mapstructure:"shard" yaml:"shard"`
	SBOMOut     []string `mapstructure:"sbom-out" yaml:"sbom-out"`
	Network     bool     `mapstructure:"allow-network" yaml:"allow-network"`
	Ledger      string   `mapstructure:"ledger" yaml:"ledger"`

	// scan is set by the scan command: every argument is a source.
	scan bool
	// stored is set by reaudit: the SBOMs a ledger keeps, the inputs.
	stored *storedInputs
}

func defaultAuditOptions() auditOptions {
	return auditOptions{
		Output:      []string{string(reports.DefaultFormat)},
		FailOn:      string(audit.VerdictProhibited),
		Profile:     []string{audit.DefaultProfile},
		Parallelism: runtime.NumCPU(),
		MaxBytes:    sbom.DefaultMaxBytes,
		MaxComps:    sbom.DefaultMaxComponents,
		MaxString:   sbom.DefaultMaxStringBytes,
		MaxDepth:    sbom.DefaultMaxDepth,
		MaxListAge:  "180d",
	}
}

func (o *auditOptions) addFlags(fs *pflag.FlagSet) {
	d := defaultAuditOptions()
	fs.StringArrayVarP(&o.Output, "output", "o", d.Output, reports.FlagUsage())
	fs.StringVar(&o.FailOn, "fail-on", d.FailOn, "exit 2 when a finding is at or above this verdict: prohibited, review, info or never")
	fs.StringArrayVar(&o.Profile, "profile", d.Profile, "who you are (`PROFILE`, repeatable): us-commercial, us-federal-agency, us-federal-contractor, fcc-subsidy-recipient")
	fs.StringVar(&o.AsOf, "as-of", "", "date obligations are measured against, `YYYY-MM-DD` (default today)")
	fs.StringVar(&o.Discovered, "discovered", "", "date the components were identified, `YYYY-MM-DD`, start of FAR report deadlines (default --as-of)")
	fs.StringVar(&o.FARClause, "far-clause", d.FARClause, "version of FAR 52.204-23 your contract carries, `VERSION` 2018-07 (report within 1 business day) or 2023-12 (3 business days); default: the current one, 2023-12")
	fs.StringArrayVar(&o.List, "list", nil, "add a sanctioned-vendor list `FILE` beside the embedded ones, repeatable")
	fs.StringArrayVar(&o.OnlyList, "only-list", nil, "use only the list with this `ID`, repeatable")
	fs.IntVar(&o.Parallelism, "parallelism", d.Parallelism, "inputs decoded at once")
	fs.Int64Var(&o.MaxBytes, "max-bytes", d.MaxBytes, "largest input accepted, after decompression, in bytes")
	fs.IntVar(&o.MaxComps, "max-components", d.MaxComps, "most components accepted in one SBOM")
	fs.IntVar(&o.MaxString, "max-string-bytes", d.MaxString, "longest single value (or tag-value line) accepted, in bytes")
	fs.IntVar(&o.MaxDepth, "max-depth", d.MaxDepth, "deepest nesting of components accepted")
	fs.BoolVar(&o.Partial, "partial", false, "on interruption, still write reports, marked incomplete")
	fs.StringVar(&o.Waivers, "waivers", "", "waiver `FILE` (YAML): accountable, expiring exceptions; also the waivers: key of the config file")
	fs.BoolVar(&o.FailUnused, "fail-on-unused-waivers", false, "exit 2 when a waiver matched no finding")
	fs.StringVar(&o.Baseline, "baseline", "", "earlier JSON `REPORT`: findings already in it are marked baseline and do not fail the run")
	fs.StringVar(&o.MaxListAge, "max-list-age", d.MaxListAge, "warn when a list was published more than `DAYS` ago (e.g. 180d; 0 turns the warning off)")
	fs.StringVar(&o.Manifest, "manifest", "", "CSV `FILE` with columns vendor,product,version,sbom: audit each row, rolled up per vendor and product")
	fs.StringVar(&o.Shard, "shard", "", "audit only shard `I/N` of the inputs (deterministic), for CI matrices; combine with embargo merge")
	fs.StringArrayVar(&o.SBOMOut, "sbom-out", nil, "keep each SBOM generated from a source as `FORMAT=FILE` (cyclonedx-json, spdx-json, syft-json; {n} in FILE numbers the sources), repeatable")
	fs.BoolVar(&o.Network, "allow-network", false, "allow registry: sources, the only thing that may reach the network")
	fs.StringVar(&o.Ledger, "ledger", "", ledgerFlagUsage)
}

// maxListAge parses --max-list-age: "180d", "180" (days) or a Go duration.
func (o *auditOptions) maxListAge() (time.Duration, error) {
	s := strings.TrimSpace(o.MaxListAge)
	if s == "" || s == "0" {
		return 0, nil
	}
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "d")); err == nil && n >= 0 {
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, &usageError{msg: fmt.Sprintf("--max-list-age %q: want days such as 180d", o.MaxListAge)}
	}
	return d, nil
}

// dates parses --as-of and --discovered.
func (o *auditOptions) dates(now time.Time) (asOf, discovered time.Time, err error) {
	asOf = now
	if o.AsOf != "" {
		if asOf, err = time.Parse(time.DateOnly, o.AsOf); err != nil {
			return asOf, discovered, &usageError{msg: fmt.Sprintf("--as-of %q: want YYYY-MM-DD", o.AsOf)}
		}
	}
	discovered = asOf
	if o.Discovered != "" {
		if discovered, err = time.Parse(time.DateOnly, o.Discovered); err != nil {
			return asOf, discovered, &usageError{msg: fmt.Sprintf("--discovered %q: want YYYY-MM-DD", o.Discovered)}
		}
	}
	return asOf, discovered, nil
}

// globalOptions apply to every command.
type globalOptions struct {
	Config  string `mapstructure:"config" yaml:"-"`
	Quiet   bool   `mapstructure:"quiet" yaml:"quiet"`
	Verbose int    `mapstructure:"verbose" yaml:"verbose"`
}

func (o *globalOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.Config, "config", "c", "", "configuration `FILE` (default: the first of .embargo.yaml, .embargo/config.yaml, ~/.embargo.yaml, $XDG_CONFIG_HOME/embargo/config.yaml (~/.config/embargo/config.yaml))")
	fs.BoolVarP(&o.Quiet, "quiet", "q", false, "print nothing on stderr but errors (each input that cannot be audited is one)")
	fs.CountVarP(&o.Verbose, "verbose", "v", "more detail on stderr: -v a line per input, -vv also where each setting came from and when each input finished")
}
