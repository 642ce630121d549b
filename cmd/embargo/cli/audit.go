package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/audit/policy"
	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func newAuditCommand(env *environment, global *globalOptions) *cobra.Command {
	opts := defaultAuditOptions()
	cmd := &cobra.Command{
		Use:   "audit [flags] PATH...",
		Short: "Audit SBOM files, directories, glob patterns or - (stdin)",
		Long: `Audit SBOMs against the embedded restricted-vendor lists (and any --list).

PATH is a file, a directory (walked recursively), a glob pattern or - for stdin,
in any mix; --manifest adds inputs labelled with vendor, product and version.
Formats are detected from content: CycloneDX JSON/XML 1.0-1.7, SPDX 2.1-2.3
JSON/tag-value/YAML/RDF, SPDX 3.0.1 JSON-LD and syft JSON, optionally gzipped.

` + exitCodeHelp,
		Example: `  embargo audit testdata/sboms/sample.cdx.json
  embargo audit -o table -o json=report.json -o sarif=report.sarif vendor-sboms/
  embargo audit --profile us-federal-contractor --fail-on review 'sboms/*.json'
  embargo audit --manifest portfolio.csv -o xlsx=portfolio.xlsx`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, _, err := loadSettings(env, cmd.Flags(), global.Config)
			if err != nil {
				return err
			}
			if len(args) == 0 && opts.Manifest == "" {
				return &usageError{msg: "audit needs at least one PATH or --manifest FILE"}
			}
			if err := checkStdinOnce(args); err != nil {
				return err
			}
			return runAudit(cmd.Context(), env, global, &opts, args, cfg)
		},
	}
	opts.addFlags(cmd.Flags())
	return cmd
}

// auditPlan is everything validated before any input is read, so that a
// bad flag never costs a long audit.
type auditPlan struct {
	// unsharded is every input before --shard: a ledger must know which
	// subjects a shard holds only part of.
	unsharded   []sbom.Input
	failOn      string
	specs       []reports.Spec
	generatedAt time.Time
	asOf        time.Time
	lists       []*vendorlists.List
	auditor     *audit.Auditor
	inputs      []sbom.Input
	meta        map[string]audit.InputMeta
	waivers     []policy.Waiver
	baseline    map[string]bool
	maxListAge  time.Duration
	sources     map[string]bool
	gen         *generator
	// memory remembers cases across runs; nil (no --ledger) is stateless.
	memory audit.Memory
	// evidence basis
	cfg         *settings
	discovered  time.Time
	asOfSource  string
	waiverFiles []reports.FileDigest
	shard       reports.ShardBasis
	inputSet    reports.InputSet
	notes       []string
}

func planAudit(env *environment, opts *auditOptions, args []string, cfg *settings) (*auditPlan, error) {
	p := &auditPlan{cfg: cfg}
	var err error
	if p.failOn, p.specs, err = opts.outputOptions.parse(cfg); err != nil {
		return nil, err
	}
	if p.generatedAt, err = env.reportTime(); err != nil {
		return nil, err
	}
	// The as-of date defaults to the report time: with SOURCE_DATE_EPOCH
	// set, a rerun on another day still gives the same report.
	asOf, discovered, err := opts.dates(p.generatedAt)
	if err != nil {
		return nil, originOfDate(cfg, opts, err)
	}
	p.asOf, p.discovered = asOf, discovered
	p.asOfSource = asOfSource(env, opts, cfg)
	if p.asOfSource == "SOURCE_DATE_EPOCH" {
		p.notes = append(p.notes, fmt.Sprintf("as-of date %s taken from SOURCE_DATE_EPOCH; pass --as-of to set it explicitly", asOf.Format(time.DateOnly)))
	}
	if p.maxListAge, err = opts.maxListAge(); err != nil {
		return nil, err
	}
	if p.lists, err = loadLists(env, opts.List, opts.OnlyList); err != nil {
		return nil, err
	}
	// Discovered stays zero when not given: the audit then counts from each
	// case's identification, or the as-of date, and says so.
	var given time.Time
	if opts.Discovered != "" {
		given = discovered
	}
	p.auditor, err = audit.New(audit.Config{Lists: p.lists, Profiles: opts.Profile, AsOf: asOf, Discovered: given, FARClause: opts.FARClause})
	switch {
	case err != nil && strings.Contains(err.Error(), "FAR clause"):
		return nil, cfg.settingError("far-clause", err)
	case err != nil && strings.Contains(err.Error(), "profile"):
		return nil, cfg.settingError("profile", err)
	case err != nil:
		return nil, &usageError{msg: err.Error()}
	}
	if err := p.resolveInputs(opts, args); err != nil {
		return nil, err
	}
	outs, err := parseSBOMOut(opts.SBOMOut, len(p.sources))
	if err != nil {
		return nil, err
	}
	p.gen = &generator{env: env, network: opts.Network, outs: outs, index: map[string]int{}}
	for _, in := range p.inputs {
		if p.sources[in.Path] {
			p.gen.index[in.Path] = len(p.gen.index) + 1
		}
	}
	if p.waivers, p.waiverFiles, err = loadWaivers(opts.Waivers, cfg); err != nil {
		return nil, err
	}
	if note := cfg.workingDirNote(); note != "" {
		p.notes = append(p.notes, note)
	}
	if p.baseline, err = loadBaseline(opts.Baseline); err != nil {
		return nil, err
	}
	return p, p.openLedger(opts)
}

// resolveInputs turns arguments into inputs: sources (dir:PATH... or, for
// scan, every argument) stay as given for syft; everything else is expanded
// as SBOM files, directories and globs.
// It records the digest of the whole input set and the shard, so that
// merge can check it has every shard of one run.
func (p *auditPlan) resolveInputs(opts *auditOptions, args []string) error {
	var inputs []sbom.Input
	sources := map[string]bool{}
	meta := map[string]audit.InputMeta{}
	if opts.stored != nil {
		inputs, meta = opts.stored.inputs, opts.stored.meta
	}
	for _, arg := range args {
		if opts.scan || isSourceArg(arg) {
			inputs = append(inputs, sbom.Input{Path: arg})
			sources[arg] = true
			continue
		}
		inputs = append(inputs, sbom.ExpandInputs([]string{arg})...)
	}
	if opts.Manifest != "" {
		rows, err := audit.ReadManifest(opts.Manifest)
		if err != nil {
			return &usageError{msg: err.Error()}
		}
		mi, mm := audit.ExpandManifest(rows)
		inputs = append(inputs, mi...)
		for k, v := range mm {
			meta[k] = v
		}
	}
	p.inputSet = inputSetOf(inputs)
	if opts.Shard != "" {
		i, n, err := audit.ParseShard(opts.Shard)
		if err != nil {
			return &usageError{msg: err.Error()}
		}
		p.unsharded = inputs
		inputs = audit.Shard(inputs, i, n)
		p.shard = reports.ShardBasis{Index: i, Count: n, FailOn: p.failOn}
		if n > 1 {
			p.notes = append(p.notes, fmt.Sprintf("shard %d/%d: whether anything was audited and whether each directory held an SBOM is checked by embargo merge over all shards", i, n))
		}
	}
	p.inputs, p.meta, p.sources = inputs, meta, sources
	return nil
}

// asOfSource says where the as-of date came from. Without --as-of it is
// the report time, which SOURCE_DATE_EPOCH may set: that is said, never
// silent.
func asOfSource(env *environment, opts *auditOptions, cfg *settings) string {
	switch {
	case opts.AsOf != "":
		if k := cfg.sources["as-of"].Kind; k != "" && k != "default" {
			return k
		}
		return "flag"
	case env.getenv("SOURCE_DATE_EPOCH") != "":
		return "SOURCE_DATE_EPOCH"
	}
	return "clock"
}

// loadWaivers reads the waiver file and the config file's inline
// waivers, and returns the digest of each file they came from (the bytes
// parsed, read once).
func loadWaivers(file string, cfg *settings) ([]policy.Waiver, []reports.FileDigest, error) {
	var ws []policy.Waiver
	var digests []reports.FileDigest
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, &usageError{msg: fmt.Sprintf("read waivers: %v", err)}
		}
		w, err := policy.ParseWaivers(file, data)
		if err != nil {
			return nil, nil, &usageError{msg: err.Error()}
		}
		ws = append(ws, w...)
		digests = append(digests, reports.FileDigest{Path: file, SHA256: sha256Hex(data)})
	}
	if nodes := cfg.inlineList("waivers"); len(nodes) > 0 {
		w, err := policy.DecodeWaivers(cfg.file, nodes)
		if err != nil {
			return nil, nil, &usageError{msg: err.Error()}
		}
		ws = append(ws, w...)
		digests = append(digests, cfg.fileDigest())
	}
	return ws, digests, nil
}

// loadBaseline reads the ids of the findings in an earlier JSON report.
func loadBaseline(path string) (map[string]bool, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("--baseline: %v", err)}
	}
	defer f.Close()
	m, err := reports.ReadJSON(f)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("--baseline %s: %v", path, err)}
	}
	ids := make(map[string]bool, len(m.Findings))
	for _, f := range m.Findings {
		ids[f.ID] = true
	}
	return ids, nil
}

func runAudit(ctx context.Context, env *environment, global *globalOptions, opts *auditOptions, args []string, cfg *settings) error {
	log := env.logger(global.Verbose, global.Quiet)
	traceSettings(log, cfg)
	restoreGC := tightenGC(env)
	p, err := planAudit(env, opts, args, cfg)
	restoreGC()
	if err != nil {
		return err
	}
	p.gen.quiet = global.Quiet
	for _, n := range p.notes {
		if strings.Contains(n, "SOURCE_DATE_EPOCH") {
			log.Info(n)
		} else {
			log.Debug(n)
		}
	}
	bar := newProgress(env, global.Quiet || len(p.sources) > 0, len(p.inputs))
	filter := &policy.Filter{Waivers: p.waivers, Baseline: p.baseline, AsOf: p.asOf}
	run := p.run(opts, filter)
	defer p.closeLedger()
	p.keepGenerated(run)
	run.Options.Stdin, run.Options.Logger = env.stdin, log
	run.Options.OnInput = traceInputs(log, bar.done)
	res, runErr := run.Execute(ctx)
	bar.finish()
	p.gen.finish()
	if res == nil {
		if errors.Is(runErr, context.Canceled) && ctx.Err() != nil {
			// Interrupted while the ledger recalled or recorded the run: its
			// transaction rolled back.
			return fmt.Errorf("%w: audit interrupted; nothing recorded in the ledger and no report written", interrupted(runErr))
		}
		return runErr
	}
	if runErr != nil && !opts.Partial {
		return fmt.Errorf("%w: audit interrupted; no report written (use --partial to keep what was done)", interrupted(runErr))
	}
	basis := newBasis(basisInputs{cfg: p.cfg, opts: opts, waiverFiles: p.waiverFiles, waivers: p.waivers, applied: filter.Usage.Applied,
		asOfSource: p.asOfSource, shard: p.shard, inputSet: p.inputSet, notes: p.notes}, p.discovered.Format(time.DateOnly))
	if err := writeReports(env, p, res, basis, runErr == nil); err != nil {
		return err
	}
	if runErr != nil {
		return runErr
	}
	reportFailedInputs(env.stderr, res)
	return res.Err()
}

// run is the audit.Plan of the command: what the flags settled. The
// caller adds what comes from the environment (stdin, logger, progress).
// A Memory (--ledger) goes into Plan.Memory here.
func (p *auditPlan) run(opts *auditOptions, pol audit.Policy) *audit.Plan {
	return &audit.Plan{
		Auditor: p.auditor,
		Inputs:  p.inputs,
		Options: audit.RunOptions{
			Parallelism: opts.Parallelism,
			Decode:      opts.limitOptions.decode(),
			Meta:        p.meta,
			Generate:    p.gen.generate,
			IsSource:    func(path string) bool { return p.sources[path] },
		},
		Shard:             audit.ShardInfo{Index: p.shard.Index, Count: p.shard.Count},
		FailOn:            p.failOn,
		Policy:            pol,
		FailUnusedWaivers: opts.FailUnused,
		MaxListAge:        p.maxListAge,
		ToolVersion:       toolVersion(),
		Memory:            p.memory,
	}
}

func writeReports(env *environment, p *auditPlan, res *audit.Result, basis reports.Basis, complete bool) error {
	model := reports.NewModel(res, reports.Options{
		ToolName: "embargo", ToolVersion: toolVersion(), GeneratedAt: p.generatedAt,
		FailOn: p.failOn, Complete: complete, Basis: basis,
	})
	return reports.WriteAll(p.specs, model, reports.WriteOptions{
		Stdout: env.stdout, StdoutTerminal: isTerminal(env.stdout), Color: env.color(env.stdout), Width: env.width(env.stdout), SourceRoot: sourceRoot(),
	})
}

// loadLists returns the lists of a run (audit.LoadLists): the embedded
// ones, overridden by newer installed ones, plus the files given, narrowed
// to only.
func loadLists(env *environment, files, only []string) ([]*vendorlists.List, error) {
	return audit.LoadLists(audit.ListSources{StoreDir: vendorlists.DefaultStoreDir(env.getenv), Files: files, Only: only})
}
