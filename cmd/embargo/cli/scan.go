package cli

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/sbom/scanner"
)

func newScanCommand(env *environment, global *globalOptions) *cobra.Command {
	opts := defaultAuditOptions()
	opts.scan = true
	cmd := &cobra.Command{
		Use:   "scan [flags] SOURCE...",
		Short: "Generate SBOMs with syft (offline) and audit them",
		Long: `Generate an SBOM for each SOURCE with syft, used as a library, and audit it in
the same run. SOURCE is dir:PATH, file:PATH, docker-archive:TAR, oci-archive:TAR,
oci-dir:PATH, or a bare path (a directory or a file). registry:REF needs
--allow-network; nothing else reaches the network, and no daemon or external
tool is used. embargo audit accepts the same sources beside SBOM files.

Generation runs in embargo-scan, a second program installed with embargo
(found beside it, else on PATH), so that embargo itself stays small:
  ` + scanner.InstallHint + `

` + exitCodeHelp,
		Example: `  embargo scan ./build
  embargo scan oci-archive:vendor-image.tar --sbom-out cyclonedx-json=vendor-image.cdx.json
  embargo scan dir:a dir:b --sbom-out spdx-json=sbom-{n}.spdx.json -o json=report.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, _, err := loadSettings(env, cmd.Flags(), global.Config)
			if err != nil {
				return err
			}
			return runAudit(cmd.Context(), env, global, &opts, args, cfg)
		},
	}
	opts.addFlags(cmd.Flags())
	return cmd
}

// isSourceArg reports an argument naming a source by its scheme
// ("dir:PATH", "oci-archive:TAR"...); audit treats only those as sources,
// scan treats every argument as one.
func isSourceArg(arg string) bool {
	return scanner.IsSchemeArg(arg)
}

// sbomOut is one --sbom-out FORMAT=FILE.
type sbomOut struct{ format, file string }

// parseSBOMOut checks every --sbom-out before anything runs: a known
// format, a file, and {n} in it when several sources would share it.
func parseSBOMOut(values []string, sources int) ([]sbomOut, error) {
	var out []sbomOut
	for _, v := range values {
		format, file, ok := strings.Cut(v, "=")
		if !ok || file == "" {
			return nil, &usageError{msg: fmt.Sprintf("--sbom-out %q: want FORMAT=FILE", v)}
		}
		if !slices.Contains(scanner.EncodeFormats(), format) {
			return nil, &usageError{msg: fmt.Sprintf("--sbom-out %q: unknown format %q (want %s)", v, format, strings.Join(scanner.EncodeFormats(), ", "))}
		}
		if sources > 1 && !strings.Contains(file, "{n}") {
			return nil, &usageError{msg: fmt.Sprintf("--sbom-out %q: %d sources would overwrite one file; put {n} in the file name", v, sources)}
		}
		out = append(out, sbomOut{format: format, file: file})
	}
	return out, nil
}

// generator makes the audit's Generate hook: syft in embargo-scan, offline
// unless --allow-network, keeping each generated SBOM as --sbom-out asks.
type generator struct {
	env     *environment
	quiet   bool
	network bool
	outs    []sbomOut
	index   map[string]int // source → its 1-based number for {n}

	once sync.Once
	bar  *progressbar.ProgressBar // one line for every source being scanned
}

func (g *generator) generate(ctx context.Context, source string) (*sbom.Document, error) {
	exe, err := scanner.Find()
	if err != nil {
		return nil, fmt.Errorf("scan %q: %w", source, err)
	}
	req := scanner.Request{Source: source, AllowNetwork: g.network}
	for _, o := range g.outs {
		file := strings.ReplaceAll(o.file, "{n}", strconv.Itoa(g.index[source]))
		req.Outputs = append(req.Outputs, scanner.Output{Format: o.format, File: file})
	}
	if bar := g.spinner(); bar != nil {
		req.Progress = func(s scanner.Status) {
			bar.Describe(fmt.Sprintf("%s: %s, %d packages", source, s.Stage, s.Packages))
			_ = bar.Add(1)
		}
	}
	return scanner.Exec(ctx, exe, req)
}

// spinner shows what syft is cataloguing on a terminal; nil elsewhere
// (not a terminal, CI, -q).
func (g *generator) spinner() *progressbar.ProgressBar {
	if g.quiet || g.env.getenv("CI") != "" || !isTerminal(g.env.stderr) {
		return nil
	}
	g.once.Do(func() {
		g.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(g.env.stderr),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	})
	return g.bar
}

// finish clears the progress line.
func (g *generator) finish() {
	if g.bar != nil {
		_ = g.bar.Finish()
	}
}
