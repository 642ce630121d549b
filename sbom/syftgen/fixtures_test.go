package syftgen_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// fixtureDir is the hand-written fixture tree shared with the audit tests.
func fixtureDir(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "scan", name)
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return dir
}

// jarEntry is one file in a jar.
type jarEntry struct{ name, body string }

func writeZip(t *testing.T, path string, entries []jarEntry) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatalf("zip %s: %v", e.name, err)
		}
		if _, err := io.WriteString(w, e.body); err != nil {
			t.Fatalf("zip %s: %v", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatalf("close zip: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// manifest writes a MANIFEST.MF with CRLF line ends as jar tools do.
func manifest(lines ...string) string {
	return strings.Join(append([]string{"Manifest-Version: 1.0"}, lines...), "\r\n") + "\r\n\r\n"
}

// kavsdkJar is a Kaspersky SDK jar: the vendor is only in the manifest.
func kavsdkJar(t *testing.T, path string) {
	writeZip(t, path, []jarEntry{
		{"META-INF/MANIFEST.MF", manifest(
			"Created-By: 17.0.9 (Eclipse Adoptium)",
			"Implementation-Title: kavsdk",
			"Implementation-Version: 5.13.0",
			"Implementation-Vendor: AO Kaspersky Lab",
			"Specification-Vendor: AO Kaspersky Lab",
		)},
		{"META-INF/maven/com.kaspersky.components/kavsdk/pom.properties",
			"#Created by Apache Maven 3.9.6\nartifactId=kavsdk\ngroupId=com.kaspersky.components\nversion=5.13.0\n"},
		{"com/kaspersky/kavsdk/KavSdk.class", "\xca\xfe\xba\xbe"},
	})
}

// commonsJar is an ordinary Apache jar beside it.
func commonsJar(t *testing.T, path string) {
	writeZip(t, path, []jarEntry{
		{"META-INF/MANIFEST.MF", manifest(
			"Bundle-SymbolicName: org.apache.commons.lang3",
			"Bundle-Vendor: The Apache Software Foundation",
			"Implementation-Title: Apache Commons Lang",
			"Implementation-Vendor: The Apache Software Foundation",
			"Implementation-Version: 3.14.0",
		)},
		{"META-INF/maven/org.apache.commons/commons-lang3/pom.properties",
			"artifactId=commons-lang3\ngroupId=org.apache.commons\nversion=3.14.0\n"},
		{"org/apache/commons/lang3/StringUtils.class", "\xca\xfe\xba\xbe"},
	})
}

// jarDir builds a directory with both jars.
func jarDir(t *testing.T) string {
	dir := t.TempDir()
	kavsdkJar(t, filepath.Join(dir, "libs", "kavsdk-5.13.0.jar"))
	commonsJar(t, filepath.Join(dir, "libs", "commons-lang3-3.14.0.jar"))
	return dir
}

// kavsdkJarFile builds the Kaspersky jar alone, for file: scans.
func kavsdkJarFile(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "kavsdk-5.13.0.jar")
	kavsdkJar(t, p)
	return p
}

// image is a one-layer debian image whose dpkg database lists kesl.
func image(t *testing.T) v1.Image {
	t.Helper()
	status, err := os.ReadFile(filepath.Join(fixtureDir(t, "dpkg"), "var", "lib", "dpkg", "status"))
	if err != nil {
		t.Fatal(err)
	}
	osRelease, err := os.ReadFile(filepath.Join(fixtureDir(t, "dpkg"), "etc", "os-release"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, d := range []string{"etc/", "var/", "var/lib/", "var/lib/dpkg/"} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d, Mode: 0o755}); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []struct {
		name string
		body []byte
	}{{"etc/os-release", osRelease}, {"var/lib/dpkg/status", status}} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: f.name, Mode: 0o644, Size: int64(len(f.body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	layerBytes := buf.Bytes()
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(layerBytes)), nil
	})
	if err != nil {
		t.Fatalf("layer: %v", err)
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		t.Fatalf("append layer: %v", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.Config.Labels = map[string]string{"org.opencontainers.image.vendor": "Example Hosting Ltd"}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return img
}

func dockerArchive(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "kesl-host.tar")
	tag, err := name.NewTag("registry.example.com/kesl-host:12.1")
	if err != nil {
		t.Fatal(err)
	}
	if err := tarball.WriteToFile(p, tag, image(t)); err != nil {
		t.Fatalf("write docker archive: %v", err)
	}
	return p
}

func ociDir(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "oci")
	lp, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatalf("oci layout: %v", err)
	}
	if err := lp.AppendImage(image(t)); err != nil {
		t.Fatalf("oci layout: %v", err)
	}
	return dir
}

// ociArchive tars an OCI layout, as "oci-archive" expects.
func ociArchive(t *testing.T) string {
	dir := ociDir(t)
	p := filepath.Join(t.TempDir(), "kesl-host-oci.tar")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(rel)
		if d.IsDir() {
			hdr.Name += "/"
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = tw.Write(body)
		return err
	})
	if err != nil {
		t.Fatalf("tar oci layout: %v", err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}
