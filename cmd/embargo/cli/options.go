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

// auditOptions are the settings of audit and scan, in groups (as grype
// keeps its options): what to write, which policy applies, which lists,
// what limits guard the decoders, and where the inputs come from. Each
// group has its defaults, its flags and its validation. Every field is a
// flag and a configuration key of the same kebab-case name; EMBARGO_FAIL_ON
// and the like set them from the environment.
type auditOptions struct {
	outputOptions
	policyOptions
	listOptions
	limitOptions
	sourceOptions
	ledgerOptions
}

func defaultAuditOptions() auditOptions {
	return auditOptions{
		outputOptions: defaultOutputOptions(),
		policyOptions: defaultPolicyOptions(),
		listOptions:   defaultListOptions(),
		limitOptions:  defaultLimitOptions(),
	}
}

func (o *auditOptions) addFlags(fs *pflag.FlagSet) {
	o.outputOptions.addFlags(fs)
	o.policyOptions.addFlags(fs)
	o.listOptions.addFlags(fs)
	o.limitOptions.addFlags(fs)
	o.sourceOptions.addFlags(fs)
	o.ledgerOptions.addFlags(fs)
}

// ledgerOptions: where the run is remembered (issue 12's compliance
// register); empty keeps the run stateless.
type ledgerOptions struct {
	Ledger string `mapstructure:"ledger" yaml:"ledger"`

	// stored is set by reaudit: the SBOMs a ledger keeps, the inputs.
	stored *storedInputs
}

func (o *ledgerOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Ledger, "ledger", "", ledgerFlagUsage)
}

// outputOptions: the reports to write and the exit code's threshold.
type outputOptions struct {
	Output  []string `mapstructure:"output" yaml:"output"`
	FailOn  string   `mapstructure:"fail-on" yaml:"fail-on"`
	Partial bool     `mapstructure:"partial" yaml:"partial"`
}

func defaultOutputOptions() outputOptions {
	return outputOptions{Output: []string{string(reports.DefaultFormat)}, FailOn: string(audit.VerdictProhibited)}
}

func (o *outputOptions) addFlags(fs *pflag.FlagSet) {
	d := defaultOutputOptions()
	fs.StringArrayVarP(&o.Output, "output", "o", d.Output, reports.FlagUsage())
	fs.StringVar(&o.FailOn, "fail-on", d.FailOn, "exit 2 when a finding is at or above this verdict: prohibited, review, info or never")
	fs.BoolVar(&o.Partial, "partial", false, "on interruption, still write reports, marked incomplete")
}

// parse validates --fail-on and --output; errors name where the bad value
// came from.
func (o *outputOptions) parse(cfg *settings) (failOn string, specs []reports.Spec, err error) {
	if failOn, err = audit.ParseFailOn(o.FailOn); err != nil {
		return "", nil, cfg.settingError("fail-on", err)
	}
	if specs, err = reports.ParseSpecs(o.Output); err != nil {
		if src, ok := cfg.sources["output"]; ok && src.Kind != "flag" && src.Kind != "default" {
			return "", nil, cfg.settingError("output", err)
		}
		return "", nil, &usageError{msg: err.Error()}
	}
	return failOn, specs, nil
}

// policyOptions: who the user is, the dates, and the team's decisions.
type policyOptions struct {
	Profile    []string `mapstructure:"profile" yaml:"profile"`
	AsOf       string   `mapstructure:"as-of" yaml:"as-of"`
	Discovered string   `mapstructure:"discovered" yaml:"discovered"`
	FARClause  string   `mapstructure:"far-clause" yaml:"far-clause"`
	Waivers    string   `mapstructure:"waivers" yaml:"waivers"`
	FailUnused bool     `mapstructure:"fail-on-unused-waivers" yaml:"fail-on-unused-waivers"`
	Baseline   string   `mapstructure:"baseline" yaml:"baseline"`
}

func defaultPolicyOptions() policyOptions {
	return policyOptions{Profile: []string{audit.DefaultProfile}}
}

func (o *policyOptions) addFlags(fs *pflag.FlagSet) {
	d := defaultPolicyOptions()
	fs.StringArrayVar(&o.Profile, "profile", d.Profile, "who you are (`PROFILE`, repeatable): "+profileUsageMark+"; --list files may define more")
	fs.StringVar(&o.AsOf, "as-of", "", "date obligations are measured against, `YYYY-MM-DD` (default today)")
	fs.StringVar(&o.Discovered, "discovered", "", "date the components were identified, `YYYY-MM-DD`, start of FAR report deadlines (default --as-of)")
	fs.StringVar(&o.FARClause, "far-clause", d.FARClause, "version of FAR 52.204-23 your contract carries, `VERSION` 2018-07 (report within 1 business day) or 2023-12 (3 business days); default: the current one, 2023-12")
	fs.StringVar(&o.Waivers, "waivers", "", "waiver `FILE` (YAML): accountable, expiring exceptions; also the waivers: key of the config file")
	fs.BoolVar(&o.FailUnused, "fail-on-unused-waivers", false, "exit 2 when a waiver matched no finding")
	fs.StringVar(&o.Baseline, "baseline", "", "earlier JSON `REPORT`: findings already in it are marked baseline and do not fail the run")
}

// dates parses --as-of and --discovered.
func (o *policyOptions) dates(now time.Time) (asOf, discovered time.Time, err error) {
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

// listOptions: which vendor lists, and how old they may be.
type listOptions struct {
	List       []string `mapstructure:"list" yaml:"list"`
	OnlyList   []string `mapstructure:"only-list" yaml:"only-list"`
	MaxListAge string   `mapstructure:"max-list-age" yaml:"max-list-age"`
}

func defaultListOptions() listOptions { return listOptions{MaxListAge: "180d"} }

func (o *listOptions) addFlags(fs *pflag.FlagSet) {
	d := defaultListOptions()
	fs.StringArrayVar(&o.List, "list", nil, "add a restricted-vendor list `FILE` beside the embedded ones, repeatable")
	fs.StringArrayVar(&o.OnlyList, "only-list", nil, "use only the list with this `ID`, repeatable")
	fs.StringVar(&o.MaxListAge, "max-list-age", d.MaxListAge, "warn when a list was published more than `DAYS` ago (e.g. 180d; 0 turns the warning off)")
}

// maxListAge parses --max-list-age: "180d", "180" (days) or a Go duration.
func (o *listOptions) maxListAge() (time.Duration, error) {
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

// limitOptions: the guards hostile or huge inputs meet, and the workers.
type limitOptions struct {
	Parallelism int   `mapstructure:"parallelism" yaml:"parallelism"`
	MaxBytes    int64 `mapstructure:"max-bytes" yaml:"max-bytes"`
	MaxComps    int   `mapstructure:"max-components" yaml:"max-components"`
	MaxString   int   `mapstructure:"max-string-bytes" yaml:"max-string-bytes"`
	MaxDepth    int   `mapstructure:"max-depth" yaml:"max-depth"`
}

func defaultLimitOptions() limitOptions {
	return limitOptions{
		Parallelism: runtime.NumCPU(),
		MaxBytes:    sbom.DefaultMaxBytes,
		MaxComps:    sbom.DefaultMaxComponents,
		MaxString:   sbom.DefaultMaxStringBytes,
		MaxDepth:    sbom.DefaultMaxDepth,
	}
}

func (o *limitOptions) addFlags(fs *pflag.FlagSet) {
	d := defaultLimitOptions()
	fs.IntVar(&o.Parallelism, "parallelism", d.Parallelism, "inputs decoded at once")
	fs.Int64Var(&o.MaxBytes, "max-bytes", d.MaxBytes, "largest input accepted, after decompression, in bytes")
	fs.IntVar(&o.MaxComps, "max-components", d.MaxComps, "most components accepted in one SBOM")
	fs.IntVar(&o.MaxString, "max-string-bytes", d.MaxString, "longest single value (or tag-value line) accepted, in bytes")
	fs.IntVar(&o.MaxDepth, "max-depth", d.MaxDepth, "deepest nesting of components accepted")
}

// decode is the decoders' limits.
func (o *limitOptions) decode() sbom.Options {
	return sbom.Options{MaxBytes: o.MaxBytes, MaxComponents: o.MaxComps, MaxStringBytes: o.MaxString, MaxDepth: o.MaxDepth}
}

// sourceOptions: where the inputs come from besides the arguments, which
// part of them this run takes, and what generation may do.
type sourceOptions struct {
	Manifest string   `mapstructure:"manifest" yaml:"manifest"`
	Shard    string   `mapstructure:"shard" yaml:"shard"`
	SBOMOut  []string `mapstructure:"sbom-out" yaml:"sbom-out"`
	Network  bool     `mapstructure:"allow-network" yaml:"allow-network"`

	// scan is set by the scan command: every argument is a source.
	scan bool
}

func (o *sourceOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Manifest, "manifest", "", "CSV `FILE` with columns vendor,product,version,sbom: audit each row, rolled up per vendor and product")
	fs.StringVar(&o.Shard, "shard", "", "audit only shard `I/N` of the inputs (deterministic), for CI matrices; combine with embargo merge")
	fs.StringArrayVar(&o.SBOMOut, "sbom-out", nil, "keep each SBOM generated from a source as `FORMAT=FILE` (cyclonedx-json, spdx-json, syft-json; {n} in FILE numbers the sources), repeatable")
	fs.BoolVar(&o.Network, "allow-network", false, "allow registry: sources, the only thing that may reach the network")
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
