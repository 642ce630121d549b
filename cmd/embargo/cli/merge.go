package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/reports"
)

func newMergeCommand(env *environment, global *globalOptions) *cobra.Command {
	var outputs []string
	var mopts reports.MergeOptions
	cmd := &cobra.Command{
		Use:   "merge [flags] REPORT.json...",
		Short: "Combine JSON reports of sharded runs (--shard I/N) into any report format",
		Long: `Combine the JSON reports of shards into one report. The shards must have been
run with the same lists, profiles and as-of date, and be every shard of one run
(each report records its shard I/N and the digest of the whole input set);
--allow-partial merges an incomplete set, marked incomplete. --fail-on applies
to the merged findings whatever fail-on the shards ran with, so the merge job
fails when any shard found a prohibited component. The exit code is that of the
combined audit.

` + exitCodeHelp,
		Example: `  embargo audit --shard 1/4 -o json=shard-1.json sboms/   # one per CI job
  embargo merge --fail-on prohibited -o table -o html=portfolio.html shard-*.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, _, err := loadSettings(env, cmd.Flags(), global.Config, auditOnlyKeys()...); err != nil {
				return err
			}
			if _, err := audit.ParseFailOn(mopts.FailOn); err != nil {
				return &usageError{msg: err.Error()}
			}
			return runMerge(env, outputs, args, mopts)
		},
	}
	cmd.Flags().StringArrayVarP(&outputs, "output", "o", []string{string(reports.DefaultFormat)}, reports.FlagUsage())
	cmd.Flags().StringVar(&mopts.FailOn, "fail-on", string(audit.VerdictProhibited), "exit 2 when a merged finding is at or above this verdict: prohibited, review, info or never")
	cmd.Flags().BoolVar(&mopts.AllowPartial, "allow-partial", false, "merge an incomplete set of shards; the report is marked incomplete and the run exits 3")
	return cmd
}

// auditOnlyKeys are configuration keys of audit that merge accepts in a
// shared configuration file and ignores.
func auditOnlyKeys() []string {
	var keys []string
	fs := newAuditCommand(newEnvironment(nil, nil, nil), &globalOptions{}).Flags()
	for k := range knownKeys(fs, nil) {
		keys = append(keys, k)
	}
	return keys
}

func runMerge(env *environment, outputs, files []string, mopts reports.MergeOptions) error {
	specs, err := reports.ParseSpecs(outputs)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	models := make([]*reports.Model, 0, len(files))
	for _, f := range files {
		m, err := readModel(f)
		if err != nil {
			return err
		}
		models = append(models, m)
	}
	merged, err := reports.MergeWith(files, models, mopts)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	if err := reports.WriteAll(specs, merged, reports.WriteOptions{
		Stdout: env.stdout, StdoutTerminal: isTerminal(env.stdout), Color: env.color(env.stdout), Width: env.width(env.stdout), SourceRoot: sourceRoot(),
	}); err != nil {
		return err
	}
	return audit.Outcome(merged.Summary.Outcome).Err(merged.Summary.Failing, merged.FailOn, merged.Summary.Gaps)
}

func readModel(path string) (*reports.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("merge: %v", err)}
	}
	defer f.Close()
	m, err := reports.ReadJSON(f)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("merge %s: %v", path, err)}
	}
	return m, nil
}
