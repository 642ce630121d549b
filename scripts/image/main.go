// Command image builds embargo's container image without a container
// engine, as ko does: the static embargo and embargo-scan binaries on an
// empty base, run as a non-root user, with OCI labels, written as an OCI
// image layout and as an OCI archive (a tar of that layout, which
// "embargo scan oci-archive:FILE", skopeo and podman read).
//
// The image is reproducible: every timestamp is SOURCE_DATE_EPOCH, every
// owner and mode is fixed, and the layer is built in a fixed order, so one
// commit gives one digest wherever it is built. The Dockerfile at the
// repository root builds the same file list with Docker (a test keeps the
// two in step).
//
//	go run ./scripts/image -bin linux/amd64=dist/bin/linux_amd64 -version v1.2.3 -revision $(git rev-parse HEAD) -out dist
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

type binFlag map[string]string // platform → directory holding embargo and embargo-scan

func (b binFlag) String() string { return fmt.Sprint(map[string]string(b)) }

func (b binFlag) Set(v string) error {
	platform, dir, ok := strings.Cut(v, "=")
	if !ok || !strings.HasPrefix(platform, "linux/") || dir == "" {
		return fmt.Errorf("want linux/ARCH=DIR, got %q", v)
	}
	b[platform] = dir
	return nil
}

func main() {
	opts := options{Binaries: binFlag{}}
	flag.Var(binFlag(opts.Binaries), "bin", "`linux/ARCH=DIR`: DIR holds that platform's static embargo and embargo-scan; repeatable")
	flag.StringVar(&opts.Version, "version", "dev", "image version (label and ref name)")
	flag.StringVar(&opts.Revision, "revision", "", "source revision (git commit) for the label")
	flag.StringVar(&opts.License, "license", "NOASSERTION", "SPDX licence expression for the label")
	out := flag.String("out", "dist", "directory for embargo-image/ (OCI layout) and embargo-image.tar (OCI archive)")
	flag.Parse()
	if len(opts.Binaries) == 0 {
		fmt.Fprintln(os.Stderr, "image: at least one -bin linux/ARCH=DIR is needed")
		os.Exit(2)
	}
	created, err := sourceDate(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "image:", err)
		os.Exit(2)
	}
	opts.Created = created
	digest, err := write(opts, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "image:", err)
		os.Exit(1)
	}
	fmt.Printf("%s/%s (OCI layout) and %s/%s: index %s\n", *out, layoutDir, *out, archiveName, digest)
}

// sourceDate is SOURCE_DATE_EPOCH (reproducible-builds.org), or the Unix
// epoch when it is unset: never the clock, so that builds repeat.
func sourceDate(s string) (time.Time, error) {
	if s == "" {
		return time.Unix(0, 0).UTC(), nil
	}
	secs, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a whole number of seconds", s)
	}
	return time.Unix(secs, 0).UTC(), nil
}
