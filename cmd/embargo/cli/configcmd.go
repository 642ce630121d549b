package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"
)

func newConfigCommand(env *environment, global *globalOptions) *cobra.Command {
	opts := defaultAuditOptions()
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration of audit and where each value came from",
		Long: `Print the configuration an audit would run with, as YAML that can be saved as
.embargo.yaml, with a comment on each key saying where the value came from:
a flag, an EMBARGO_* environment variable, the configuration file, or the default.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, _, err := loadSettings(env, cmd.Flags(), global.Config)
			if err != nil {
				return err
			}
			return printConfig(cmd, cmd.Flags(), s)
		},
	}
	// The audit flags, so that `embargo config --fail-on never` shows what
	// `embargo audit --fail-on never` would run with.
	opts.addFlags(cmd.Flags())
	return cmd
}

func printConfig(cmd *cobra.Command, flags *pflag.FlagSet, s *settings) error {
	out := cmd.OutOrStdout()
	if s.file != "" {
		fmt.Fprintf(out, "# configuration file: %s\n", s.file)
	} else {
		fmt.Fprintln(out, "# configuration file: none found")
	}
	var names []string
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Name != "config" && f.Name != "help" {
			names = append(names, f.Name)
		}
	})
	sort.Strings(names)
	for _, name := range names {
		f := flags.Lookup(name)
		val, err := yamlValue(f)
		if err != nil {
			return err
		}
		src := s.sources[name]
		fmt.Fprintf(out, "%s: %s # %s\n", name, val, strings.TrimSpace(src.Kind+" "+src.Detail))
	}
	return nil
}

// yamlValue renders a flag's value as a one-line YAML value.
func yamlValue(f *pflag.Flag) (string, error) {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		parts := make([]string, 0, len(sv.GetSlice()))
		for _, x := range sv.GetSlice() {
			parts = append(parts, yamlScalar(x))
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	}
	switch f.Value.Type() {
	case "bool", "int", "int64", "count":
		return f.Value.String(), nil
	}
	return yamlScalar(redactSetting(f.Name, f.Value.String())), nil
}

func yamlScalar(s string) string {
	b, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSpace(string(b))
}
