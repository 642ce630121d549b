package main

import (
	"archive/tar"
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
)

// The binaries are built once per test binary, stripped as `make image`
// builds them but with the host's default cgo setting, so that the build
// cache warmed by `go vet ./...` serves them (a CGO_ENABLED=0 build would
// recompile everything above package net, minutes on CI); the image's
// assembly, not the linker, is under test here.
var bins struct {
	once sync.Once
	dir  string
	err  error
}

func testBinaries(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds embargo and embargo-scan")
	}
	bins.once.Do(func() {
		bins.dir, bins.err = os.MkdirTemp("", "embargo-image-bin-")
		for _, b := range binaries {
			if bins.err != nil {
				return
			}
			cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", filepath.Join(bins.dir, b), "../../cmd/"+b)
			if out, err := cmd.CombinedOutput(); err != nil {
				bins.err = errors.New(err.Error() + "\n" + string(out))
			}
		}
	})
	if bins.err != nil {
		t.Fatalf("build: %v", bins.err)
	}
	return bins.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range []string{bins.dir, built.out} {
		if d != "" {
			os.RemoveAll(d)
		}
	}
	os.Exit(code)
}

var epoch = time.Unix(1790000000, 0).UTC()

func testOptions(t *testing.T) options {
	return options{
		Binaries: map[string]string{"linux/" + runtime.GOARCH: testBinaries(t)},
		Version:  "v0.0.0-test", Revision: "0123456789abcdef0123456789abcdef01234567", License: "NOASSERTION", Created: epoch,
	}
}

// built is one image written to disk, shared by the tests below.
var built struct {
	once   sync.Once
	out    string
	digest v1.Hash
	err    error
}

func buildOnce(t *testing.T) (string, v1.Hash) {
	t.Helper()
	o := testOptions(t)
	built.once.Do(func() {
		built.out, built.err = os.MkdirTemp("", "embargo-image-")
		if built.err == nil {
			built.digest, built.err = write(o, built.out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.out, built.digest
}

func readImage(t *testing.T, out string) v1.Image {
	t.Helper()
	p, err := layout.FromPath(filepath.Join(out, layoutDir))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := p.ImageIndex()
	if err != nil {
		t.Fatal(err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Manifests) != 1 || im.Manifests[0].Platform == nil || im.Manifests[0].Platform.Architecture != runtime.GOARCH ||
		im.Manifests[0].Annotations["org.opencontainers.image.ref.name"] != "v0.0.0-test" {
		t.Fatalf("index manifests %+v", im.Manifests)
	}
	img, err := idx.Image(im.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// layerFiles lists the layer as "name mode uid:gid".
func layerFiles(t *testing.T, img v1.Image) []string {
	t.Helper()
	layers, err := img.Layers()
	if err != nil || len(layers) != 1 {
		t.Fatalf("layers: %d, %v", len(layers), err)
	}
	if mt, _ := layers[0].MediaType(); mt != "application/vnd.oci.image.layer.v1.tar+gzip" {
		t.Errorf("layer media type %s", mt)
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	var out []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !h.ModTime.Equal(epoch) {
			t.Errorf("%s: mtime %v, want SOURCE_DATE_EPOCH", h.Name, h.ModTime)
		}
		out = append(out, h.Name+" "+h.FileInfo().Mode().String()+" "+strconv.Itoa(h.Uid)+":"+strconv.Itoa(h.Gid))
	}
	return out
}

func TestImageConfig(t *testing.T) {
	out, _ := buildOnce(t)
	img := readImage(t, out)
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	c := cf.Config
	if c.User != "65532:65532" || !slices.Equal(c.Entrypoint, []string{"embargo"}) || !slices.Equal(c.Env, []string{"PATH=/usr/local/bin"}) || c.WorkingDir != "/home/nonroot" {
		t.Errorf("config user %q entrypoint %q env %q workdir %q", c.User, c.Entrypoint, c.Env, c.WorkingDir)
	}
	if cf.OS != "linux" || cf.Architecture != runtime.GOARCH || !cf.Created.Equal(epoch) {
		t.Errorf("platform %s/%s created %v", cf.OS, cf.Architecture, cf.Created)
	}
	for k, want := range map[string]string{
		"org.opencontainers.image.source":   "https://github.com/embargo-sbom/embargo",
		"org.opencontainers.image.revision": "0123456789abcdef0123456789abcdef01234567",
		"org.opencontainers.image.version":  "v0.0.0-test",
		"org.opencontainers.image.licenses": "NOASSERTION",
		"org.opencontainers.image.created":  "2026-09-21T14:13:20Z",
	} {
		if got := c.Labels[k]; got != want {
			t.Errorf("label %s = %q, want %q", k, got, want)
		}
	}
	mf, err := img.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	if mf.MediaType != "application/vnd.oci.image.manifest.v1+json" || mf.Config.MediaType != "application/vnd.oci.image.config.v1+json" {
		t.Errorf("media types %s, %s", mf.MediaType, mf.Config.MediaType)
	}
}

// passwd says who 65532 is; the user must not be root and the binaries
// must not be writable by it.
func TestImageFiles(t *testing.T) {
	out, _ := buildOnce(t)
	got := layerFiles(t, readImage(t, out))
	want := []string{
		"etc/ drwxr-xr-x 0:0", "etc/group -rw-r--r-- 0:0", "etc/passwd -rw-r--r-- 0:0",
		"home/ drwxr-xr-x 0:0", "home/nonroot/ drwx------ 65532:65532",
		"tmp/ dtrwxrwxrwx 0:0",
		"usr/ drwxr-xr-x 0:0", "usr/local/ drwxr-xr-x 0:0", "usr/local/bin/ drwxr-xr-x 0:0",
		"usr/local/bin/embargo -rwxr-xr-x 0:0", "usr/local/bin/embargo-scan -rwxr-xr-x 0:0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("layer\n got %q\nwant %q", got, want)
	}
	passwd, _ := rootfs.ReadFile("rootfs/etc/passwd")
	if !strings.Contains(string(passwd), "nonroot:x:65532:65532:") {
		t.Errorf("passwd has no nonroot 65532: %s", passwd)
	}
}

// TestImageReproducible: the same inputs give the same digest (and the
// same archive bytes); another SOURCE_DATE_EPOCH gives another digest.
func TestImageReproducible(t *testing.T) {
	out, digest := buildOnce(t)
	again := t.TempDir()
	o := testOptions(t)
	d2, err := write(o, again)
	if err != nil {
		t.Fatal(err)
	}
	if d2 != digest {
		t.Errorf("rebuild digest %s, first %s", d2, digest)
	}
	a, _ := os.ReadFile(filepath.Join(out, archiveName))
	b, _ := os.ReadFile(filepath.Join(again, archiveName))
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("archives differ (%d and %d bytes)", len(a), len(b))
	}
	o.Created = epoch.Add(time.Second)
	d3, err := index(o)
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := d3.Digest(); h == digest {
		t.Error("SOURCE_DATE_EPOCH does not reach the image")
	}
}

// TestImageSelfAudit: embargo scans its own image with embargo-scan (as
// the image's users would) and finds nothing: no failed input, no
// finding, components catalogued from both binaries.
func TestImageSelfAudit(t *testing.T) {
	out, _ := buildOnce(t)
	report := filepath.Join(t.TempDir(), "self.json")
	cmd := exec.Command(filepath.Join(testBinaries(t), "embargo"), "scan", "oci-archive:"+filepath.Join(out, archiveName),
		"--fail-on", "info", "-o", "json="+report, "-q")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1790000000")
	if outb, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("embargo scan of its own image: %v\n%s", err, outb)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Summary struct {
			Outcome    string
			Components int
			Failed     int
		}
		Findings []json.RawMessage
		Inputs   []struct{ Status, Format string }
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Summary.Outcome != "pass" || len(r.Findings) != 0 || r.Summary.Failed != 0 || len(r.Inputs) != 1 || r.Inputs[0].Status != "audited" {
		t.Errorf("self-audit: %+v, %d findings", r.Summary, len(r.Findings))
	}
	if r.Summary.Components < 50 {
		t.Errorf("only %d components catalogued in the image; want the Go modules of both binaries", r.Summary.Components)
	}
}

// TestDockerfileInStep: the Dockerfile builds the same image as this
// program: the paths it creates under /rootfs (and their parents) are the
// layer's file list, and the final stage sets the same user, entrypoint,
// environment and working directory. No Docker engine runs here, so the
// Dockerfile is read, not built.
func TestDockerfileInStep(t *testing.T) {
	f, err := os.Open("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	paths := map[string]bool{}
	final := map[string]string{}
	stage := 0
	rootfsPath := regexp.MustCompile(`/rootfs/([^\s"';&\\]+)`)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "FROM ") {
			stage++
			if stage == 2 && line != "FROM scratch" {
				t.Errorf("final stage %q, want FROM scratch (an empty base, as the built image)", line)
			}
			continue
		}
		if stage == 1 {
			for _, m := range rootfsPath.FindAllStringSubmatch(line, -1) {
				for p := strings.TrimSuffix(m[1], "/"); p != "." && p != ""; p = filepath.Dir(p) {
					paths[p] = true
				}
			}
		}
		if stage == 2 {
			if k, v, ok := strings.Cut(line, " "); ok && k != "LABEL" && k != "COPY" && k != "ARG" {
				final[k] = v
			}
		}
	}
	es, err := entries(testBinaries(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, e := range es {
		want[strings.TrimSuffix(e.name, "/")] = true
	}
	if got, w := slices.Sorted(maps.Keys(paths)), slices.Sorted(maps.Keys(want)); !slices.Equal(got, w) {
		t.Errorf("Dockerfile creates\n %q\nmake image creates\n %q", got, w)
	}
	for k, v := range map[string]string{"USER": user, "ENTRYPOINT": `["embargo"]`, "ENV": "PATH=/" + binDir, "WORKDIR": "/" + home} {
		if final[k] != v {
			t.Errorf("Dockerfile %s %q, want %q", k, final[k], v)
		}
	}
}
