package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/vendorlists"
)

// version is set at build time: -ldflags "-X github.com/embargo-sbom/embargo/cmd/embargo/cli.version=v1.2.3".
var version = ""

// toolVersion is the build's version: the ldflags value, else the module
// version when installed with go install, else "dev".
func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// versionLine is what --version prints: one line.
func versionLine() string {
	return fmt.Sprintf("embargo %s (%s, %s/%s)\n", toolVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// vcsInfo is the revision the binary was built from, as the go command
// records it: "revision 1a2b3c4d5e6f (2026-11-30T12:00:00Z, modified)";
// "" when the build has no VCS information.
func vcsInfo() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, at, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "modified"
			}
		}
	}
	if rev == "" {
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return "revision " + rev + parenthesised(joinNonEmpty(", ", at, modified))
}

func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}

// writeVersion prints the version line, the VCS revision and every
// embedded list with its version, publication date and digest: what a
// bug report or an audit file needs to say which build and data ran.
func writeVersion(w io.Writer) error {
	fmt.Fprint(w, versionLine())
	if vcs := vcsInfo(); vcs != "" {
		fmt.Fprintf(w, "  %s\n", vcs)
	} else {
		fmt.Fprintln(w, "  revision unknown (built without VCS information)")
	}
	lists, err := vendorlists.Embedded()
	if err != nil {
		return fmt.Errorf("embedded lists: %w", err)
	}
	fmt.Fprintln(w, "embedded lists:")
	for _, l := range lists {
		fmt.Fprintf(w, "  %-20s %-12s published %s  sha256:%s\n", l.ID, l.Version, l.Published, l.SHA256)
	}
	_, err = fmt.Fprintln(w, `newer lists installed with "embargo lists import" take precedence; see "embargo lists"`)
	return err
}

func newVersionCommand(env *environment) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of embargo, its VCS revision and the embedded lists' versions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeVersion(cmd.OutOrStdout())
		},
	}
}
