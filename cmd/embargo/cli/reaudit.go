package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom"
)

// storedInputs are the inputs of a re-audit: the SBOMs a ledger keeps,
// already decoded, with the manifest labels they were audited under.
type storedInputs struct {
	inputs []sbom.Input
	meta   map[string]audit.InputMeta
}

func newReauditCommand(env *environment, global *globalOptions) *cobra.Command {
	opts := defaultAuditOptions()
	cmd := &cobra.Command{
		Use:   "reaudit --ledger LEDGER [flags]",
		Short: "Audit every SBOM a ledger keeps again, with the current lists, without the SBOM files",
		Long: `Audit again the latest SBOM of every subject an audit ledger holds, with the
lists in use now (embedded, installed, --list): what a procurement team runs
when a list gains an entity. The ledger keeps each audited SBOM's decoded
components (compressed, stored once per SHA-256), so the files need not exist
any more. The run is recorded like any audit: cases found for the first time
are identified on the re-audit's as-of date, and cases of components the
current lists no longer match are resolved.

` + exitCodeHelp,
		Example: `  embargo reaudit --ledger embargo.db --list new-entities.yaml -o table -o json=reaudit.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := loadSettings(env, cmd.Flags(), global.Config)
			if err != nil {
				return err
			}
			if opts.Ledger == "" {
				return &usageError{msg: "reaudit needs --ledger FILE or a postgres:// DSN (or the ledger: config key, EMBARGO_LEDGER)"}
			}
			if opts.Manifest != "" {
				return &usageError{msg: "reaudit reads the SBOMs the ledger keeps; --manifest belongs to audit"}
			}
			stored, err := loadStored(cmd.Context(), env, opts.Ledger, decodeOptions(&opts))
			if err != nil {
				return err
			}
			opts.stored = stored
			return runAudit(cmd.Context(), env, global, &opts, nil, cfg)
		},
	}
	opts.addFlags(cmd.Flags())
	for _, name := range []string{"manifest", "sbom-out", "allow-network"} {
		_ = cmd.Flags().MarkHidden(name)
	}
	return cmd
}

// loadStored reads the latest SBOMs of every subject from the ledger. A
// subject one of whose inputs the ledger could not keep (read from stdin)
// is left out with a warning: auditing it in part would resolve its cases
// wrongly.
func loadStored(ctx context.Context, env *environment, target string, opts sbom.Options) (*storedInputs, error) {
	st, err := openLedger(ctx, target)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	docs, err := st.Documents(ctx)
	if err != nil {
		return nil, err
	}
	incomplete := map[string]bool{}
	for _, d := range docs {
		if d.DocumentFormat == "" {
			incomplete[d.Subject] = true
		}
	}
	out := &storedInputs{meta: map[string]audit.InputMeta{}}
	for s := range incomplete {
		fmt.Fprintf(env.stderr, "warning: reaudit leaves out %s: the ledger does not keep every SBOM of its latest audit (one was read from stdin)\n", s)
	}
	for _, d := range docs {
		if incomplete[d.Subject] {
			continue
		}
		data, format, err := st.Document(ctx, d.SHA256)
		if err != nil {
			return nil, err
		}
		doc, err := decodeDocument(d.Path, format, data, opts)
		if err != nil {
			return nil, fmt.Errorf("ledger %s: the stored SBOM of %s (%s): %w", ledgerName(target), d.Path, d.SHA256, err)
		}
		path := d.Path
		if _, dup := out.meta[path]; dup {
			// The same path named two subjects' SBOMs (manifests of
			// different vendors): keep both apart.
			path += "#" + d.SHA256[:min(12, len(d.SHA256))]
		}
		out.inputs = append(out.inputs, sbom.Input{Path: path, Decoded: doc})
		out.meta[path] = audit.InputMeta{Vendor: d.Vendor, Product: d.Product}
	}
	if len(out.inputs) == 0 {
		return nil, fmt.Errorf("ledger %s holds no SBOM to re-audit", ledgerName(target))
	}
	return out, nil
}

func decodeOptions(opts *auditOptions) sbom.Options {
	return sbom.Options{MaxBytes: opts.MaxBytes, MaxComponents: opts.MaxComps, MaxStringBytes: opts.MaxString, MaxDepth: opts.MaxDepth}
}
