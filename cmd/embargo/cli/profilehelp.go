package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// profileUsageMark ends the --profile usage of every command; the help
// function replaces it with the profiles the embedded lists define, so
// that the help never lists fewer profiles than the lists (it listed 4 of
// 8) and start-up parses no list to write a usage line.
const profileUsageMark = "{profiles}"

// withProfileHelp makes cmd's help (and its subcommands') list every
// embedded profile in the --profile usage, read from the lists when help
// is asked for.
func withProfileHelp(root *cobra.Command) {
	defaultHelp := root.HelpFunc()
	root.SetHelpFunc(func(cmd *cobra.Command, args []string) {
		fillProfileUsage(cmd.Flags())
		fillProfileUsage(cmd.InheritedFlags())
		defaultHelp(cmd, args)
	})
}

// fillProfileUsage puts the embedded profiles' ids in the --profile usage
// of fs, if it has one still carrying profileUsageMark.
func fillProfileUsage(fs *pflag.FlagSet) {
	f := fs.Lookup("profile")
	if f == nil || !strings.Contains(f.Usage, profileUsageMark) {
		return
	}
	f.Usage = strings.Replace(f.Usage, profileUsageMark, strings.Join(profileIDs(), ", "), 1)
}

// profileIDs are the ids of the profiles the embedded lists define, each
// once, sorted (profileCompletions without the titles).
func profileIDs() []string {
	cs := profileCompletions()
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i], _, _ = strings.Cut(c, "\t")
	}
	return ids
}
