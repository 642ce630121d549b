// Package scanner runs SBOM generation in a separate process,
// embargo-scan, so that embargo itself never links syft: syft's dependency
// graph (cloud SDKs, protobuf registries, an Envoy control plane) would
// otherwise cost every run of embargo about 60 MiB and 90 ms at start.
//
// The two processes speak a small gob stream (see wire.go). This package
// holds both ends without importing syft: Exec for embargo, Serve for
// embargo-scan, which plugs sbom/syftgen in.
package scanner

import (
	"slices"
	"strings"
)

// Binary is the name of the generator executable (plus ".exe" on Windows).
const Binary = "embargo-scan"

// InstallHint is the command that installs Binary.
const InstallHint = "go install github.com/embargo-sbom/embargo/cmd/embargo-scan@latest"

// schemes are the source schemes embargo-scan accepts, in the order shown
// to users.
var schemes = []string{"dir", "file", "docker-archive", "oci-archive", "oci-dir", "registry"}

// Schemes lists the source schemes embargo-scan accepts ("dir", "file",
// "docker-archive", "oci-archive", "oci-dir", "registry").
func Schemes() []string { return slices.Clone(schemes) }

// IsSchemeArg reports whether arg names a source by one of Schemes
// ("dir:PATH", "oci-archive:TAR"...).
func IsSchemeArg(arg string) bool {
	scheme, _, found := strings.Cut(arg, ":")
	return found && slices.Contains(schemes, scheme)
}

// encodeFormats are the formats embargo-scan writes with --sbom-out.
var encodeFormats = []string{"cyclonedx-json", "spdx-json", "syft-json"}

// EncodeFormats lists the formats --sbom-out accepts.
func EncodeFormats() []string { return slices.Clone(encodeFormats) }

// Status is one progress report of a running scan.
type Status struct {
	Stage    string // "opening source", "indexing PATH", "cataloging", "mapping", "done"
	Packages int64  // packages found so far
	Done     bool
}

// Output is one generated SBOM to keep: FORMAT=FILE of --sbom-out, with
// {n} already replaced.
type Output struct {
	Format string
	File   string
}

// Request is one scan.
type Request struct {
	Source       string
	AllowNetwork bool
	Outputs      []Output
	// Progress, when non-nil, receives the child's progress reports.
	Progress func(Status)
}

// args is the command line of embargo-scan for r.
func (r Request) args() []string {
	var a []string
	if r.AllowNetwork {
		a = append(a, "--allow-network")
	}
	if r.Progress != nil {
		a = append(a, "--progress")
	}
	for _, o := range r.Outputs {
		a = append(a, "--sbom-out", o.Format+"="+o.File)
	}
	// "--" so that a source starting with "-" is never taken for a flag
	return append(a, "--", r.Source)
}
