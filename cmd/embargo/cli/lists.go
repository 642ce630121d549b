package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func newListsCommand(env *environment) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lists",
		Short: "Show, validate, export and import restricted-vendor lists",
		Long: `Without a subcommand, show every loaded list: the embedded ones, newer ones
installed with "embargo lists import" (which take precedence), and any --list FILE.`,
		Args: cobra.NoArgs,
	}
	var files []string
	cmd.Flags().StringArrayVar(&files, "list", nil, "also load this list `FILE`, repeatable")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		lists, err := loadLists(env, files, nil)
		if err != nil {
			return err
		}
		return printLists(cmd, env.now(), lists)
	}
	cmd.AddCommand(newListsValidateCommand(), newListsExportCommand(env), newListsImportCommand(env))
	return cmd
}

func printLists(cmd *cobra.Command, now time.Time, lists []*vendorlists.List) error {
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tPUBLISHED\tAGE\tENTITIES\tSHA256\tORIGIN")
	for _, l := range lists {
		age := int(now.Sub(l.Published.Time).Hours() / 24)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%dd\t%d\t%s\t%s\n", l.ID, l.Version, l.Published, age, len(l.Entities), l.SHA256, l.Origin)
	}
	return tw.Flush()
}

func newListsValidateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check list files against the list format and its rules",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var bad []string
			for _, f := range args {
				l, err := vendorlists.Load(f)
				if err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "%v\n", err)
					bad = append(bad, f)
					continue
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: valid list %s %s (%d entities, %d regimes, %d sources)\n", f, l.ID, l.Version, len(l.Entities), len(l.Regimes), len(l.Sources))
			}
			if len(bad) > 0 {
				return &usageError{msg: fmt.Sprintf("%s: %s", audit.Count(len(bad), "invalid list file", "invalid list files"), strings.Join(bad, ", "))}
			}
			return nil
		},
	}
}

func newListsExportCommand(env *environment) *cobra.Command {
	return &cobra.Command{
		Use:   "export ID",
		Short: "Write a loaded list file exactly as loaded (its sha256 is the one reports print)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lists, err := loadLists(env, nil, args)
			if err != nil {
				return err
			}
			// The bytes as loaded, so that their sha256 is the one
			// reports and `embargo lists` print.
			data := lists[0].Bytes()
			if data == nil {
				if data, err = vendorlists.Export(lists[0]); err != nil {
					return err
				}
			}
			_, err = cmd.OutOrStdout().Write(data)
			return err
		},
	}
}

func newListsImportCommand(env *environment) *cobra.Command {
	var digest string
	cmd := &cobra.Command{
		Use:   "import FILE --sha256 HEX",
		Short: "Install a newer list for offline (air-gapped) updates, if its digest matches",
		Long: `Install a list file into the user's data directory
($XDG_DATA_HOME/embargo/lists, or ~/.local/share/embargo/lists) only when its
sha256 matches the one given, which you obtained from a trusted channel. An
installed list replaces the embedded list of the same id when its version is newer.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if digest == "" {
				return &usageError{msg: "import needs --sha256 HEX: the digest you trust for this file"}
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return &usageError{msg: fmt.Sprintf("import: %v", err)}
			}
			dir := vendorlists.DefaultStoreDir(env.getenv)
			if dir == "" {
				return &usageError{msg: "import: neither XDG_DATA_HOME nor HOME is set"}
			}
			l, err := vendorlists.Store{Dir: dir}.Import(args[0], data, digest)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "installed list %s %s (published %s) at %s\n", l.ID, l.Version, l.Published, l.Origin)
			if note := importEffect(l); note != "" {
				fmt.Fprintln(cmd.ErrOrStderr(), "embargo: "+note)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&digest, "sha256", "", "expected sha256 of the file, hex")
	return cmd
}

// importEffect says when an imported list will not be used: an embedded
// list of the same id is as new or newer, and the newest version wins.
func importEffect(l *vendorlists.List) string {
	embedded, err := vendorlists.Embedded()
	if err != nil {
		return ""
	}
	for _, e := range embedded {
		if e.ID == l.ID && vendorlists.CompareVersions(l.Version, e.Version) <= 0 {
			return fmt.Sprintf("list %s %s is not newer than the embedded %s %s, so it will not take effect: audits keep using the embedded list", l.ID, l.Version, e.ID, e.Version)
		}
	}
	return ""
}
