package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func newAuditCommand(env *environment, global *globalOptions) *cobra.Command {
	opts := defaultAuditOptions()
	cmd := &cobra.Command{
		Use:   "audit [flags] PATH...",
		Short: "Audit SBOM files, directories, glob patterns or - (stdin)",
		Long: `Audit SBOMs against the embedded sanctioned-vendor lists (and any --list).

PATH is a file, a directory (walked recursively), a glob pattern or - for stdin,
in any mix. Formats are detected from content: CycloneDX JSON/XML 1.0-1.7,
SPDX 2.1-2.3 JSON/tag-value/YAML/RDF, SPDX 3.0.1 JSON-LD and syft JSON,
optionally gzip-compressed.

` + exitCodeHelp,
		Example: `  embargo audit testdata/sboms/sample.cdx.json
  embargo audit -o table -o json=report.json -o sarif=report.sarif vendor-sboms/
  embargo audit --profile us-federal-contractor --fail-on review 'sboms/*.json'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, _, err := loadSettings(env, cmd.Flags(), global.Config); err != nil {
				return err
			}
			return runAudit(cmd.Context(), env, global, &opts, args)
		},
	}
	opts.addFlags(cmd.Flags())
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return reports.Completions(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// runAudit validates everything it can before reading any input, so that
// a bad flag never costs a long audit.
func runAudit(ctx context.Context, env *environment, global *globalOptions, opts *auditOptions, args []string) error {
	log := env.logger(global.Verbose, global.Quiet)
	failOn, err := audit.ParseFailOn(opts.FailOn)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	specs, err := reports.ParseSpecs(opts.Output)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	generatedAt, err := env.reportTime()
	if err != nil {
		return err
	}
	asOf, discovered, err := opts.dates(env.now())
	if err != nil {
		return err
	}
	lists, err := loadLists(opts.List, opts.OnlyList)
	if err != nil {
		return err
	}
	auditor, err := audit.New(audit.Config{Lists: lists, Profiles: opts.Profile, AsOf: asOf, Discovered: discovered})
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	inputs := sbom.ExpandInputs(args)
	res, runErr := auditor.Run(ctx, inputs, audit.RunOptions{
		Parallelism: opts.Parallelism,
		Decode:      sbom.Options{MaxBytes: opts.MaxBytes},
		Stdin:       env.stdin,
		Logger:      log,
	})
	if runErr != nil && !opts.Partial {
		return fmt.Errorf("audit interrupted; no report written (use --partial to keep what was done): %w", runErr)
	}
	model := reports.NewModel(res, reports.Options{
		ToolName: "embargo", ToolVersion: toolVersion(), GeneratedAt: generatedAt,
		FailOn: failOn, Complete: runErr == nil,
	})
	if err := reports.WriteAll(specs, model, reports.WriteOptions{
		Stdout: env.stdout, StdoutTerminal: isTerminal(env.stdout), Color: env.color(env.stdout),
	}); err != nil {
		return err
	}
	if runErr != nil {
		return runErr
	}
	logOutcome(log, res)
	return audit.Gate(res, failOn)
}

func logOutcome(log *slog.Logger, res *audit.Result) {
	for _, in := range res.Inputs {
		if in.Status == audit.StatusFailed {
			log.Warn("input failed", "input", in.Path, "error", in.Error)
		}
	}
}

// loadLists returns the embedded lists plus the files given, narrowed to
// the ids in only.
func loadLists(files, only []string) ([]*vendorlists.List, error) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		return nil, fmt.Errorf("embedded lists: %w", err)
	}
	var errs []error
	for _, f := range files {
		l, err := vendorlists.Load(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		lists = append(lists, l)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	if len(only) == 0 {
		return lists, nil
	}
	return narrowLists(lists, only)
}

func narrowLists(lists []*vendorlists.List, only []string) ([]*vendorlists.List, error) {
	var out []*vendorlists.List
	var ids []string
	for _, l := range lists {
		ids = append(ids, l.ID)
		if slices.Contains(only, l.ID) {
			out = append(out, l)
		}
	}
	for _, id := range only {
		if !slices.Contains(ids, id) {
			return nil, &usageError{msg: fmt.Sprintf("--only-list %q: no such list (loaded: %s)", id, strings.Join(ids, ", "))}
		}
	}
	return out, nil
}
