// Command embargo-scan generates an SBOM from a source (a directory, a
// file, an image archive) with syft, used as a library, for embargo.
//
// embargo runs it for "embargo scan" and for dir:/oci-archive:... inputs,
// so that embargo itself does not link syft. It writes its result to
// standard output as embargo's wire format (package sbom/scanner), not
// for people: to get a readable SBOM, run
//
//	embargo scan SOURCE --sbom-out cyclonedx-json=FILE
//
// Install it beside embargo with
//
//	go install github.com/embargo-sbom/embargo/cmd/...@latest
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/embargo-sbom/embargo/reports"
	"github.com/embargo-sbom/embargo/sbom/scanner"
	"github.com/embargo-sbom/embargo/sbom/syftgen"
)

// version is set at build time like embargo's.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// outputs collects repeated --sbom-out FORMAT=FILE flags.
type outputs []scanner.Output

func (o *outputs) String() string { return fmt.Sprint(*o) }

func (o *outputs) Set(v string) error {
	format, file, ok := strings.Cut(v, "=")
	if !ok || file == "" {
		return fmt.Errorf("want FORMAT=FILE, got %q", v)
	}
	*o = append(*o, scanner.Output{Format: format, File: file})
	return nil
}

// run returns 0 when the result was sent, 1 when generation failed (the
// reason is in the stream), 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(scanner.Binary, flag.ContinueOnError)
	fs.SetOutput(stderr)
	network := fs.Bool("allow-network", false, "allow registry: sources")
	progress := fs.Bool("progress", false, "send progress reports")
	var outs outputs
	fs.Var(&outs, "sbom-out", "also write the generated SBOM as `FORMAT=FILE` (cyclonedx-json, spdx-json, syft-json); repeatable")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s [flags] SOURCE\n\n%s is run by embargo (\"embargo scan SOURCE\"); its output is embargo's wire format.\nSOURCE is %s: followed by a path, or a bare path.\n\n", scanner.Binary, scanner.Binary, strings.Join(scanner.Schemes(), ":, "))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 1 && fs.Arg(0) == "version" {
		fmt.Fprintf(stdout, "%s %s (%s, %s/%s, protocol %s)\n", scanner.Binary, toolVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH, scanner.Protocol())
		return 0
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(stderr, "%s: standard output is a terminal; this program is run by embargo: use \"embargo scan %s\"\n", scanner.Binary, fs.Arg(0))
		return 2
	}
	w, err := scanner.NewWriter(stdout, toolVersion())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	req := scanner.Request{Source: fs.Arg(0), AllowNetwork: *network, Outputs: outs}
	if err := generate(ctx, w, req, *progress); err != nil {
		if werr := w.Error(err); werr != nil {
			fmt.Fprintln(stderr, errors.Join(err, werr))
		}
		return 1
	}
	return 0
}

// generate scans req.Source in-process with syft, keeps the SBOM as
// --sbom-out asks, and sends the document.
func generate(ctx context.Context, w *scanner.Writer, req scanner.Request, progress bool) error {
	cfg := syftgen.Config{AllowNetwork: req.AllowNetwork}
	if progress {
		cfg.Progress = func(s syftgen.Status) {
			_ = w.Status(scanner.Status{Stage: s.Stage, Packages: s.Packages, Done: s.Done})
		}
	}
	res, err := syftgen.Generate(ctx, req.Source, cfg)
	if err != nil {
		return err
	}
	for _, o := range req.Outputs {
		if err := reports.WriteFileAtomic(o.File, func(w io.Writer) error { return res.Encode(w, o.Format) }); err != nil {
			return fmt.Errorf("--sbom-out %s=%s: %w", o.Format, o.File, err)
		}
	}
	return w.Document(res.Document)
}
