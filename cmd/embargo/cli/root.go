package cli

import (
	"github.com/spf13/cobra"
)

func newRootCommand(env *environment) *cobra.Command {
	var global globalOptions
	root := &cobra.Command{
		Use:   "embargo",
		Short: "Audit SBOMs for components from legally restricted vendors",
		Long: `embargo audits software bills of materials (CycloneDX, SPDX 2 and 3, syft JSON)
for components from legally restricted vendors — Kaspersky first — and says what the law
requires of you and by when.

` + exitCodeHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		// --version prints one line; "embargo version" says more.
		Version: toolVersion(),
	}
	root.SetVersionTemplate(versionLine())
	global.addFlags(root.PersistentFlags())
	root.AddCommand(
		newAuditCommand(env, &global),
		newScanCommand(env, &global),
		newListsCommand(env),
		newConfigCommand(env, &global),
		newMergeCommand(env, &global),
		newCasesCommand(env, &global),
		newReauditCommand(env, &global),
		newVersionCommand(env),
	)
	registerCompletions(root)
	withProfileHelp(root)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{msg: err.Error()}
	})
	return root
}

// registerCompletions offers values for --profile, --fail-on, --only-list,
// -o and the cases' --status wherever a command has them: audit, scan,
// reaudit, merge and cases alike.
func registerCompletions(cmd *cobra.Command) {
	registerAuditCompletions(cmd)
	for _, c := range cmd.Commands() {
		registerCompletions(c)
	}
}
