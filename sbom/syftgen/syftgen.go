// Package syftgen generates SBOMs in-process with syft and maps them into
// the normalised sbom.Document, keeping the vendor evidence (maintainers,
// manifest vendors, authors, company names) that syft's own CycloneDX
// encoder drops.
//
// It is the only package that imports syft. Every source provider is chosen
// explicitly from the scheme the user wrote; nothing is guessed, nothing is
// pulled from a daemon, and the network is used only for registry: sources
// when Config.AllowNetwork is set. Every cataloger option that would reach
// the network or run an external tool is turned off.
package syftgen

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	// syft's rpmdb cataloger reads sqlite databases and needs a registered
	// driver; modernc's is pure Go.
	_ "modernc.org/sqlite"

	"github.com/anchore/syft/syft"
	"github.com/anchore/syft/syft/cataloging"
	"github.com/anchore/syft/syft/format/cyclonedxjson"
	"github.com/anchore/syft/syft/format/spdxjson"
	"github.com/anchore/syft/syft/format/syftjson"
	"github.com/anchore/syft/syft/pkg/cataloger/cpp"
	"github.com/anchore/syft/syft/pkg/cataloger/golang"
	"github.com/anchore/syft/syft/pkg/cataloger/javascript"
	"github.com/anchore/syft/syft/pkg/cataloger/python"
	syftsbom "github.com/anchore/syft/syft/sbom"
	"github.com/anchore/syft/syft/source"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/sbom/scanner"
)

// FormatSyftScan is the Format of a document generated here rather than
// read from a file.
const FormatSyftScan = sbom.Format("syft-scan")

// ErrNetworkDisabled is returned for registry: sources unless
// Config.AllowNetwork is set.
var ErrNetworkDisabled = errors.New("registry sources need network access, which is off (allow it explicitly)")

// ErrUnknownSource is returned when a source argument has no supported
// scheme and is not an existing path.
var ErrUnknownSource = errors.New("unrecognised source")

// Config controls one Generate call.
type Config struct {
	// AllowNetwork permits registry: sources. No other part of generation
	// uses the network whatever this says.
	AllowNetwork bool
	// Progress, when non-nil, is called with what is being catalogued and
	// how many packages have been found so far, at most every
	// ProgressInterval, and once more with Done set when Generate returns
	// successfully. It is called from another goroutine than the caller's.
	Progress func(Status)
	// ProgressInterval throttles Progress; zero means 250ms.
	ProgressInterval time.Duration
	// Parallelism bounds syft's cataloging workers; zero is syft's default
	// (4 × CPUs), 1 is serial.
	Parallelism int
	// Catalogers adjusts syft's cataloger selection with its own expression
	// syntax ("+name" adds, "-name" removes, a bare tag such as "java"
	// keeps only the default catalogers with that tag), as in
	// "syft scan --select-catalogers". Empty means syft's defaults for the
	// kind of source. (npm author evidence for directories does not need
	// "+javascript-package-cataloger": see enrichNPM.)
	Catalogers []string
	// Exclude holds glob patterns of paths to skip (syft's --exclude), e.g.
	// "./node_modules/**" or "**/*.log".
	Exclude []string
}

// Status is one progress report.
type Status struct {
	Stage    string // "opening source", "indexing PATH", "cataloging", "mapping", "done"
	Packages int64  // packages found so far
	Done     bool
}

// Result is a generated SBOM: the normalised document and the syft SBOM it
// came from, kept so that it can be written out for the record.
type Result struct {
	Document *sbom.Document

	mu       sync.Mutex // syft does not promise its encoders may share one SBOM
	syft     *syftsbom.SBOM
	syftJSON []byte // the syft-json encoding Document.SHA256 was taken from
}

// encoderFormats are the formats Encode writes, in the order listed
// (package scanner holds the list, for embargo's --sbom-out check).
var encoderFormats = scanner.EncodeFormats()

// EncodeFormats lists the formats Result.Encode accepts.
func EncodeFormats() []string { return slices.Clone(encoderFormats) }

// Encode writes the generated SBOM in one of EncodeFormats using syft's own
// encoders. syft-json is written byte for byte as hashed into
// Document.SHA256. It is safe to call from several goroutines.
func (r *Result) Encode(w io.Writer, format string) error {
	if r == nil || r.syft == nil {
		return errors.New("encode SBOM: no generated SBOM")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if format == "syft-json" && r.syftJSON != nil {
		if _, err := w.Write(r.syftJSON); err != nil {
			return fmt.Errorf("write syft-json SBOM: %w", err)
		}
		return nil
	}
	enc, err := encoderFor(format)
	if err != nil {
		return err
	}
	if err := enc.Encode(w, *r.syft); err != nil {
		return fmt.Errorf("encode %s SBOM: %w", format, err)
	}
	return nil
}

func encodeSyftJSON(w io.Writer, s *syftsbom.SBOM) error {
	enc, err := encoderFor("syft-json")
	if err != nil {
		return err
	}
	return enc.Encode(w, *s)
}

func encoderFor(format string) (syftsbom.FormatEncoder, error) {
	var (
		enc syftsbom.FormatEncoder
		err error
	)
	switch format {
	case "cyclonedx-json":
		enc, err = cyclonedxjson.NewFormatEncoderWithConfig(cyclonedxjson.DefaultEncoderConfig())
	case "spdx-json":
		enc, err = spdxjson.NewFormatEncoderWithConfig(spdxjson.DefaultEncoderConfig())
	case "syft-json":
		enc, err = syftjson.NewFormatEncoderWithConfig(syftjson.DefaultEncoderConfig())
	default:
		return nil, fmt.Errorf("unknown SBOM output format %q (want one of %v)", format, encoderFormats)
	}
	if err != nil {
		return nil, fmt.Errorf("set up %s encoder: %w", format, err)
	}
	return enc, nil
}

// Generate catalogues the source arg ("dir:PATH", "file:PATH", "docker-archive:TAR",
// "oci-archive:TAR", "oci-dir:PATH", "registry:REF" or a bare existing path)
// with syft and maps the result into an sbom.Document.
func Generate(ctx context.Context, arg string, cfg Config) (*Result, error) {
	scheme, location, ok := ParseSource(arg)
	if !ok {
		return nil, fmt.Errorf("%w %q: want %s or an existing path", ErrUnknownSource, arg, schemeList())
	}
	if scheme == "registry" && !cfg.AllowNetwork {
		return nil, fmt.Errorf("scan %q: %w", arg, ErrNetworkDisabled)
	}

	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan %q: %w", arg, err)
	}

	prog := startProgress(cfg)
	defer prog.stop()

	prog.setStage("opening source")
	src, err := openSource(ctx, scheme, location, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s source %q: %w", scheme, location, err)
	}
	defer src.close()

	prog.setStage("cataloging")
	s, err := syft.CreateSBOM(ctx, src.src, createConfig(cfg))
	if err == nil {
		// syft does not stop every cataloger on cancellation; a scan cut
		// short must not pass for a complete one
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("catalog %q: %w", arg, err)
	}

	prog.setStage("mapping")
	// encoding syft-json (for the digest and --sbom-out) and mapping both
	// only read the SBOM; on two or more cores they overlap
	type encoded struct {
		data []byte
		err  error
	}
	done := make(chan encoded, 1)
	go func() {
		var buf bytes.Buffer
		err := encodeSyftJSON(&buf, s)
		done <- encoded{buf.Bytes(), err}
	}()
	// the resolver is the one syft just catalogued with; without it npm
	// lock-file packages simply keep only what the lock file says
	res, _ := src.src.FileResolver(source.SquashedScope)
	doc := toDocument(s, res)
	enc := <-done
	if enc.err != nil {
		return nil, fmt.Errorf("encode %q as syft-json: %w", arg, enc.err)
	}
	sum := sha256.Sum256(enc.data)
	doc.Path = arg
	doc.SHA256 = hex.EncodeToString(sum[:])
	prog.finish(int64(len(doc.Components)))

	return &Result{Document: doc, syft: s, syftJSON: enc.data}, nil
}

// createConfig is syft's default configuration with everything that could
// reach the network or run an external program switched off explicitly,
// whatever syft's defaults are today.
func createConfig(cfg Config) *syft.CreateSBOMConfig {
	c := syft.DefaultCreateSBOMConfig()
	if c.ToolName == "" || c.ToolVersion == "" {
		c = c.WithTool("syft", syftVersion)
	}
	pc := c.Packages
	// the Go cataloger: no go/packages (runs the go tool, may download), no
	// licence fetches from GOPROXY or VCS, no reading of the host's module
	// cache (GOPROXY/GONOPROXY are then never consulted).
	pc.Golang = golang.DefaultCatalogerConfig().
		WithUsePackagesLib(false).
		WithSearchRemoteLicenses(false).
		WithSearchLocalModCacheLicenses(false)
	// Java: no Maven Central, no ~/.m2, no transitive resolution.
	pc.JavaArchive = pc.JavaArchive.
		WithUseNetwork(false).
		WithUseMavenLocalRepository(false).
		WithResolveTransitiveDependencies(false)
	pc.JavaScript = javascript.DefaultCatalogerConfig().WithSearchRemoteLicenses(false)
	pc.Python = python.DefaultCatalogerConfig().WithSearchRemoteLicenses(false)
	pc.Cpp = cpp.DefaultCatalogerConfig().WithVcpkgAllowGitClone(false)
	c = c.WithPackagesConfig(pc)
	// as the CLI does: record what could not be read, except where a
	// package was found anyway (DefaultCreateSBOMConfig leaves this zero)
	c = c.WithUnknownsConfig(cataloging.DefaultUnknownsConfig())
	if len(cfg.Catalogers) > 0 {
		c = c.WithCatalogerSelection(cataloging.NewSelectionRequest().WithExpression(cfg.Catalogers...))
	}
	if cfg.Parallelism != 0 {
		c = c.WithParallelism(cfg.Parallelism)
	}
	return c
}
