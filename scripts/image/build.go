package main

import (
	"archive/tar"
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// rootfs holds the image's fixed files; the Dockerfile copies the same.
//
//go:embed rootfs
var rootfs embed.FS

const (
	layoutDir   = "embargo-image"
	archiveName = "embargo-image.tar"
	binDir      = "usr/local/bin"
	user        = "65532:65532" // "nonroot" in rootfs/etc/passwd, as distroless
	home        = "home/nonroot"
	source      = "https://github.com/embargo-sbom/embargo"
)

// binaries are the programs the image carries, in binDir.
var binaries = []string{"embargo", "embargo-scan"}

type options struct {
	Binaries map[string]string // "linux/amd64" → directory with the binaries
	Version  string
	Revision string
	License  string
	Created  time.Time
}

// entry is one file or directory of the layer.
type entry struct {
	name     string // without a leading slash; directories end in "/"
	mode     int64
	uid, gid int
	data     []byte
}

// entries lists the layer's contents for the binaries in dir, sorted.
func entries(dir string) ([]entry, error) {
	es := []entry{
		{name: "etc/", mode: 0o755},
		{name: "home/", mode: 0o755},
		{name: home + "/", mode: 0o700, uid: 65532, gid: 65532},
		{name: "tmp/", mode: 0o1777},
		{name: "usr/", mode: 0o755},
		{name: "usr/local/", mode: 0o755},
		{name: binDir + "/", mode: 0o755},
	}
	err := fs.WalkDir(rootfs, "rootfs/etc", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := rootfs.ReadFile(p)
		es = append(es, entry{name: strings.TrimPrefix(p, "rootfs/"), mode: 0o644, data: data})
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, b := range binaries {
		data, err := os.ReadFile(filepath.Join(dir, b))
		if err != nil {
			return nil, fmt.Errorf("binary for the image: %w", err)
		}
		es = append(es, entry{name: binDir + "/" + b, mode: 0o755, data: data})
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return es, nil
}

// layerTar writes es as a tar with every timestamp at created.
func layerTar(es []entry, created time.Time) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range es {
		h := &tar.Header{
			Name: e.name, Mode: e.mode, Uid: e.uid, Gid: e.gid, ModTime: created,
			Typeflag: tar.TypeReg, Size: int64(len(e.data)), Format: tar.FormatPAX,
		}
		if strings.HasSuffix(e.name, "/") {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(e.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func labels(o options) map[string]string {
	return map[string]string{
		"org.opencontainers.image.title":         "embargo",
		"org.opencontainers.image.description":   "Audits SBOMs for components from legally restricted vendors",
		"org.opencontainers.image.source":        source,
		"org.opencontainers.image.url":           source,
		"org.opencontainers.image.documentation": source + "#readme",
		"org.opencontainers.image.revision":      o.Revision,
		"org.opencontainers.image.version":       o.Version,
		"org.opencontainers.image.licenses":      o.License,
		"org.opencontainers.image.created":       o.Created.Format(time.RFC3339),
	}
}

// image builds the image of one platform.
func image(o options, platform, dir string) (v1.Image, error) {
	es, err := entries(dir)
	if err != nil {
		return nil, err
	}
	data, err := layerTar(es, o.Created)
	if err != nil {
		return nil, err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return nil, err
	}
	created := v1.Time{Time: o.Created}
	img, err := mutate.Append(mutate.MediaType(empty.Image, types.OCIManifestSchema1), mutate.Addendum{
		Layer:   layer,
		History: v1.History{Created: created, CreatedBy: "scripts/image: embargo and embargo-scan on an empty base", Comment: "reproducible with SOURCE_DATE_EPOCH"},
	})
	if err != nil {
		return nil, err
	}
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	osName, arch, _ := strings.Cut(platform, "/")
	cf.OS, cf.Architecture, cf.Created = osName, arch, created
	cf.Config = v1.Config{
		User:       user,
		Entrypoint: []string{"embargo"},
		Env:        []string{"PATH=/" + binDir},
		WorkingDir: "/" + home,
		Labels:     labels(o),
	}
	return mutate.ConfigFile(img, cf)
}

// index builds the multi-platform index, platforms in sorted order.
func index(o options) (v1.ImageIndex, error) {
	platforms := make([]string, 0, len(o.Binaries))
	for p := range o.Binaries {
		platforms = append(platforms, p)
	}
	slices.Sort(platforms)
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	for _, p := range platforms {
		img, err := image(o, p, o.Binaries[p])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		osName, arch, _ := strings.Cut(p, "/")
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{
			Add: img,
			Descriptor: v1.Descriptor{
				Platform:    &v1.Platform{OS: osName, Architecture: arch},
				Annotations: map[string]string{"org.opencontainers.image.ref.name": o.Version},
			},
		})
	}
	return idx, nil
}

// write builds the image and writes OUT/embargo-image (layout) and
// OUT/embargo-image.tar (archive); it returns the index digest.
func write(o options, out string) (v1.Hash, error) {
	idx, err := index(o)
	if err != nil {
		return v1.Hash{}, err
	}
	dir := filepath.Join(out, layoutDir)
	if err := os.RemoveAll(dir); err != nil {
		return v1.Hash{}, err
	}
	if _, err := layout.Write(dir, idx); err != nil {
		return v1.Hash{}, fmt.Errorf("write OCI layout: %w", err)
	}
	if err := archive(dir, filepath.Join(out, archiveName), o.Created); err != nil {
		return v1.Hash{}, fmt.Errorf("write OCI archive: %w", err)
	}
	return idx.Digest()
}

// archive tars the layout directory with fixed names, owners and times.
func archive(dir, file string, created time.Time) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(names)
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	tw := tar.NewWriter(tmp)
	for _, p := range names {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h := &tar.Header{Name: path.Clean(filepath.ToSlash(rel)), Mode: 0o644, ModTime: created, Typeflag: tar.TypeReg, Size: fi.Size(), Format: tar.FormatPAX}
		if fi.IsDir() {
			h.Name, h.Mode, h.Typeflag, h.Size = h.Name+"/", 0o755, tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if !fi.IsDir() {
			if err := copyFile(tw, p); err != nil {
				return err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes it 0600
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

func copyFile(w io.Writer, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
