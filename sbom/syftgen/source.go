package syftgen

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/anchore/stereoscope/pkg/file"
	"github.com/anchore/stereoscope/pkg/image"
	"github.com/anchore/stereoscope/pkg/image/docker"
	"github.com/anchore/stereoscope/pkg/image/oci"
	"github.com/anchore/syft/syft/source"
	"github.com/anchore/syft/syft/source/directorysource"
	"github.com/anchore/syft/syft/source/filesource"
	"github.com/anchore/syft/syft/source/stereoscopesource"

	"github.com/embargo-sbom/embargo/sbom/scanner"
)

// schemes are the source schemes Generate accepts, in the order shown to
// users; package scanner holds the list so that embargo, which does not
// link this package, offers exactly the same ones.
var schemes = scanner.Schemes()

// Schemes lists the source schemes Generate accepts ("dir", "file",
// "docker-archive", "oci-archive", "oci-dir", "registry").
func Schemes() []string { return scanner.Schemes() }

func schemeList() string {
	parts := make([]string, len(schemes))
	for i, s := range schemes {
		parts[i] = s + ":"
	}
	return strings.Join(parts, ", ")
}

// ParseSource splits a source argument into its scheme and location.
// "dir:PATH", "file:PATH", "docker-archive:TAR", "oci-archive:TAR",
// "oci-dir:PATH" and "registry:REF" are taken as written; an argument with
// no known scheme is a path, a dir or a file according to what is there.
// ok is false when the location is empty, or when the argument has no
// known scheme and nothing exists at that path. Daemon schemes (docker:,
// podman:, containerd:) are deliberately not known.
func ParseSource(arg string) (scheme, location string, ok bool) {
	if s, loc, found := strings.Cut(arg, ":"); found {
		for _, known := range schemes {
			if s == known {
				return s, loc, loc != ""
			}
		}
	}
	if arg == "" {
		return "", "", false
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return "", "", false
	}
	if fi.IsDir() {
		return "dir", arg, true
	}
	return "file", arg, true
}

// openedSource is a syft source and whatever must be removed after it.
type openedSource struct {
	src     source.Source
	tempDir *file.TempDirGenerator // image sources unpack layers here
}

func (o *openedSource) close() {
	// Close and Cleanup only remove temporary files; a failure leaves a
	// stray temp dir behind and must not turn a finished scan into an
	// error, so it is deliberately not reported.
	_ = o.src.Close()
	if o.tempDir != nil {
		_ = o.tempDir.Cleanup()
	}
}

// openSource picks the provider for scheme explicitly; it never falls back
// to another provider (no daemon, no registry pull for a missing file).
func openSource(ctx context.Context, scheme, location string, cfg Config) (*openedSource, error) {
	exclude := source.ExcludeConfig{Paths: cfg.Exclude}
	var p source.Provider
	switch scheme {
	case "dir":
		p = directorysource.NewSourceProvider(location, exclude, source.Alias{}, "")
	case "file":
		p = filesource.NewSourceProvider(location, exclude, []crypto.Hash{crypto.SHA256}, source.Alias{})
	case "docker-archive", "oci-archive", "oci-dir", "registry":
		return openImage(ctx, scheme, location, exclude, cfg)
	default:
		return nil, fmt.Errorf("%w: scheme %q", ErrUnknownSource, scheme)
	}
	src, err := p.Provide(ctx)
	if err != nil {
		return nil, err
	}
	return &openedSource{src: src}, nil
}

func openImage(ctx context.Context, scheme, location string, exclude source.ExcludeConfig, cfg Config) (*openedSource, error) {
	tmp := file.NewTempDirGenerator("embargo-scan")
	var p image.Provider
	switch scheme {
	case "docker-archive":
		p = docker.NewArchiveProvider(tmp, location)
	case "oci-archive":
		p = oci.NewArchiveProvider(tmp, location)
	case "oci-dir":
		p = oci.NewDirectoryProvider(tmp, location)
	case "registry":
		if !cfg.AllowNetwork {
			return nil, ErrNetworkDisabled
		}
		p = oci.NewRegistryProvider(tmp, image.RegistryOptions{}, location, nil)
	default:
		return nil, fmt.Errorf("%w: scheme %q", ErrUnknownSource, scheme)
	}
	// Lower layers' squashed trees are built only if something reads them,
	// as syft's own image provider does for a squashed scan.
	img, err := p.Provide(image.WithLazyLayerSquashes(ctx))
	if err != nil {
		return nil, errors.Join(err, tmp.Cleanup())
	}
	src := stereoscopesource.New(img, stereoscopesource.ImageConfig{
		Reference: location,
		Exclude:   exclude,
	})
	return &openedSource{src: src, tempDir: tmp}, nil
}
