package syftgen_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/sbom/syftgen"
)

func TestParseSource(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "app.jar")
	if err := os.WriteFile(file, []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arg         string
		scheme, loc string
		ok          bool
	}{
		{"dir:/srv/app", "dir", "/srv/app", true},
		{"file:/srv/app.jar", "file", "/srv/app.jar", true},
		{"docker-archive:img.tar", "docker-archive", "img.tar", true},
		{"oci-archive:img.tar", "oci-archive", "img.tar", true},
		{"oci-dir:layout", "oci-dir", "layout", true},
		{"registry:docker.io/library/debian:12", "registry", "docker.io/library/debian:12", true},
		{"registry:localhost:5000/app@sha256:abc", "registry", "localhost:5000/app@sha256:abc", true},
		{dir, "dir", dir, true},
		{file, "file", file, true},
		{"dir:", "", "", false},
		{"", "", "", false},
		{filepath.Join(dir, "missing"), "", "", false},
		{"docker:debian:12", "", "", false}, // daemons are not a source
		{"podman:debian:12", "", "", false}, // nor is podman
		{"debian:12", "", "", false},        // a bare image name is not guessed
		{"DIR:/srv/app", "", "", false},     // schemes are lower case
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			scheme, loc, ok := syftgen.ParseSource(tt.arg)
			if ok != tt.ok || (ok && (scheme != tt.scheme || loc != tt.loc)) {
				t.Errorf("ParseSource(%q) = %q, %q, %v; want %q, %q, %v", tt.arg, scheme, loc, ok, tt.scheme, tt.loc, tt.ok)
			}
		})
	}
}

func TestSchemesAndFormats(t *testing.T) {
	if got, want := syftgen.Schemes(), []string{"dir", "file", "docker-archive", "oci-archive", "oci-dir", "registry"}; !slices.Equal(got, want) {
		t.Errorf("Schemes() = %v, want %v", got, want)
	}
	if got, want := syftgen.EncodeFormats(), []string{"cyclonedx-json", "spdx-json", "syft-json"}; !slices.Equal(got, want) {
		t.Errorf("EncodeFormats() = %v, want %v", got, want)
	}
	// callers cannot change the lists
	syftgen.Schemes()[0] = "x"
	syftgen.EncodeFormats()[0] = "x"
	if syftgen.Schemes()[0] != "dir" || syftgen.EncodeFormats()[0] != "cyclonedx-json" {
		t.Error("Schemes or EncodeFormats returned shared slices")
	}
}

func TestGenerateRefusesWithoutGenerating(t *testing.T) {
	tests := []struct {
		source string
		cfg    syftgen.Config
		want   error
	}{
		{"registry:registry.example.com/kesl-host:12.1", syftgen.Config{}, syftgen.ErrNetworkDisabled},
		{"no-such-path-" + t.Name(), syftgen.Config{AllowNetwork: true}, syftgen.ErrUnknownSource},
		{"docker:debian:12", syftgen.Config{AllowNetwork: true}, syftgen.ErrUnknownSource},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			r, err := syftgen.Generate(context.Background(), tt.source, tt.cfg)
			if !errors.Is(err, tt.want) || r != nil {
				t.Fatalf("Generate(%q) = %v, %v; want error %v", tt.source, r, err, tt.want)
			}
		})
	}
}

func TestGenerateMissingPaths(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	for _, scheme := range []string{"dir", "file", "docker-archive", "oci-archive", "oci-dir"} {
		t.Run(scheme, func(t *testing.T) {
			src := scheme + ":" + missing
			_, err := syftgen.Generate(context.Background(), src, syftgen.Config{})
			if err == nil || !strings.Contains(err.Error(), missing) {
				t.Fatalf("Generate(%q) error = %v, want one naming the path", src, err)
			}
		})
	}
}

// want is one component a scan must yield, with its vendor evidence.
// Empty fields must be empty in the result too.
type want struct {
	name, version, group, purl string
	supplier, manufacturer     string
	supplierEmail              string
	authors                    []sbom.Contact
}

var debianPackages = []want{
	{name: "base-files", version: "12.4+deb12u5", purl: "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12", supplier: "Santiago Vila", supplierEmail: "sanvila@debian.org"},
	{name: "kesl", version: "12.1.0.1297", purl: "pkg:deb/debian/kesl@12.1.0.1297?arch=amd64&distro=debian-12", supplier: "AO Kaspersky Lab", supplierEmail: "support@kaspersky.com"},
	{name: "libc6", version: "2.36-9+deb12u7", purl: "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12&upstream=glibc", supplier: "GNU Libc Maintainers", supplierEmail: "debian-glibc@lists.debian.org"},
	{name: "perl-base", version: "5.36.0-7+deb12u1", purl: "pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u1?arch=amd64&distro=debian-12&upstream=perl", supplier: "Niko Tyni", supplierEmail: "ntyni@debian.org"},
}

// scanCase is one fixture and what scanning it must give.
type scanCase struct {
	name        string
	source      func(t *testing.T) string
	want        []want
	subjectType string // "" when the document has no subject
}

func scanCases() []scanCase {
	return []scanCase{
		{
			name:   "dpkg",
			source: func(t *testing.T) string { return "dir:" + fixtureDir(t, "dpkg") },
			want:   debianPackages,
		},
		{
			name:   "npm",
			source: func(t *testing.T) string { return "dir:" + fixtureDir(t, "npm") },
			want: []want{
				{name: "@kaspersky/hexa-ui", version: "6.4.0", purl: "pkg:npm/%40kaspersky/hexa-ui@6.4.0", authors: []sbom.Contact{{Name: "AO Kaspersky Lab"}}},
				{name: "console-frontend", version: "1.0.0", purl: "pkg:npm/console-frontend@1.0.0"},
				{name: "lodash", version: "4.17.21", purl: "pkg:npm/lodash@4.17.21", authors: []sbom.Contact{
					{Name: "John-David Dalton", Email: "john.david.dalton@gmail.com"},
					{Name: "Mathias Bynens", Email: "mathias@qiwi.be"},
				}},
			},
		},
		{
			name:   "maven",
			source: func(t *testing.T) string { return fixtureDir(t, "maven") }, // bare path: a dir
			want: []want{
				{name: "junit", version: "4.13.2", group: "junit", purl: "pkg:maven/junit/junit@4.13.2"},
				{name: "kaspresso", version: "1.5.4", group: "com.kaspersky.android-components", purl: "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.4"},
				{name: "ui-tests", version: "2.3.0", group: "com.example.mobile", purl: "pkg:maven/com.example.mobile/ui-tests@2.3.0"},
			},
		},
		{
			name:   "python",
			source: func(t *testing.T) string { return "dir:" + fixtureDir(t, "python") },
			want: []want{
				{name: "opentip", version: "1.2", purl: "pkg:pypi/opentip@1.2", authors: []sbom.Contact{{Name: "Kaspersky Lab", Email: "opentip_py@kaspersky.com"}}},
				{name: "requests", version: "2.31.0", purl: "pkg:pypi/requests@2.31.0", authors: []sbom.Contact{{Name: "Kenneth Reitz", Email: "me@kennethreitz.org"}}},
			},
		},
		{
			name:   "jars",
			source: func(t *testing.T) string { return "dir:" + jarDir(t) },
			want: []want{
				{name: "commons-lang3", version: "3.14.0", group: "org.apache.commons", purl: "pkg:maven/org.apache.commons/commons-lang3@3.14.0", supplier: "The Apache Software Foundation"},
				{name: "kavsdk", version: "5.13.0", group: "com.kaspersky.components", purl: "pkg:maven/com.kaspersky.components/kavsdk@5.13.0", supplier: "AO Kaspersky Lab", manufacturer: "AO Kaspersky Lab"},
			},
		},
		{
			name:   "jar-file",
			source: func(t *testing.T) string { return "file:" + kavsdkJarFile(t) },
			want: []want{
				{name: "kavsdk", version: "5.13.0", group: "com.kaspersky.components", purl: "pkg:maven/com.kaspersky.components/kavsdk@5.13.0", supplier: "AO Kaspersky Lab", manufacturer: "AO Kaspersky Lab"},
			},
			subjectType: "file",
		},
		{
			name:        "docker-archive",
			source:      func(t *testing.T) string { return "docker-archive:" + dockerArchive(t) },
			want:        debianPackages,
			subjectType: "container",
		},
		{
			name:        "oci-archive",
			source:      func(t *testing.T) string { return "oci-archive:" + ociArchive(t) },
			want:        debianPackages,
			subjectType: "container",
		},
		{
			name:        "oci-dir",
			source:      func(t *testing.T) string { return "oci-dir:" + ociDir(t) },
			want:        debianPackages,
			subjectType: "container",
		},
	}
}

// generated caches one Generate per fixture: scanning is slow and several
// tests look at the same documents.
var generated sync.Map // case name → *generatedDoc

type generatedDoc struct {
	once   sync.Once
	source string
	res    *syftgen.Result
	err    error
}

func generate(t *testing.T, c scanCase) (string, *syftgen.Result) {
	t.Helper()
	v, _ := generated.LoadOrStore(c.name, &generatedDoc{})
	g := v.(*generatedDoc)
	g.once.Do(func() {
		g.source = c.source(t)
		g.res, g.err = syftgen.Generate(context.Background(), g.source, syftgen.Config{})
	})
	if g.err != nil {
		t.Fatalf("Generate(%q): %v", g.source, g.err)
	}
	return g.source, g.res
}

func TestGenerate(t *testing.T) {
	for _, c := range scanCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			source, res := generate(t, c)
			d := res.Document
			checkDocument(t, source, d)

			var names, wantNames []string
			for _, comp := range d.Components {
				names = append(names, comp.Name)
			}
			for _, w := range c.want {
				wantNames = append(wantNames, w.name)
			}
			sort.Strings(names)
			if !slices.Equal(names, wantNames) {
				t.Fatalf("components = %q, want %q", names, wantNames)
			}
			for _, w := range c.want {
				checkComponent(t, find(d, w.name), w)
			}

			switch {
			case c.subjectType == "" && d.Subject != nil:
				t.Errorf("Subject = %+v, want none", d.Subject)
			case c.subjectType != "" && (d.Subject == nil || d.Subject.Type != c.subjectType || d.SubjectRef != d.Subject.Ref):
				t.Errorf("Subject = %+v (ref %q), want type %q", d.Subject, d.SubjectRef, c.subjectType)
			case c.subjectType != "":
				if got := d.Dependencies[d.SubjectRef]; len(got) != len(d.Components) {
					t.Errorf("subject contains %d components, want %d", len(got), len(d.Components))
				}
			}
			if c.subjectType == "container" {
				if d.Subject.Supplier == nil || d.Subject.Supplier.Name != "Example Hosting Ltd" {
					t.Errorf("image Subject.Supplier = %+v, want the org.opencontainers.image.vendor label", d.Subject.Supplier)
				}
				if len(d.Subject.Hashes) != 1 || d.Subject.Hashes[0].Algorithm != "sha256" || len(d.Subject.Hashes[0].Value) != 64 {
					t.Errorf("image Subject.Hashes = %+v, want the manifest digest", d.Subject.Hashes)
				}
			}
		})
	}
}

func checkDocument(t *testing.T, source string, d *sbom.Document) {
	t.Helper()
	if d.Format != sbom.Format("syft-scan") {
		t.Errorf("Format = %q", d.Format)
	}
	if d.SpecVersion != "v1.57.1" {
		t.Errorf("SpecVersion = %q, want v1.57.1", d.SpecVersion)
	}
	if !slices.Equal(d.Creators, []string{"Tool: syft v1.57.1"}) {
		t.Errorf("Creators = %q", d.Creators)
	}
	if d.Path != source {
		t.Errorf("Path = %q, want %q", d.Path, source)
	}
	if b, err := hex.DecodeString(d.SHA256); err != nil || len(b) != sha256.Size {
		t.Errorf("SHA256 = %q, want a hex sha256", d.SHA256)
	}
	if d.ComponentCount != len(d.Components) {
		t.Errorf("ComponentCount = %d, len(Components) = %d", d.ComponentCount, len(d.Components))
	}
	refs := map[string]bool{d.SubjectRef: d.SubjectRef != ""}
	for _, c := range d.Components {
		if c.Ref == "" || refs[c.Ref] {
			t.Errorf("component %s has empty or repeated ref %q", c.Name, c.Ref)
		}
		refs[c.Ref] = true
		if c.Origin.Pointer == "" || !strings.HasPrefix(c.Origin.Pointer, "/") {
			t.Errorf("component %s Origin.Pointer = %q, want a path in the source", c.Name, c.Origin.Pointer)
		}
		if c.Type != "library" {
			t.Errorf("component %s Type = %q", c.Name, c.Type)
		}
	}
	for from, tos := range d.Dependencies {
		if !refs[from] {
			t.Errorf("dependency from unknown ref %q", from)
		}
		for _, to := range tos {
			if !refs[to] {
				t.Errorf("dependency %q → unknown ref %q", from, to)
			}
		}
	}
}

func find(d *sbom.Document, name string) *sbom.Component {
	for i := range d.Components {
		if d.Components[i].Name == name {
			return &d.Components[i]
		}
	}
	return nil
}

func checkComponent(t *testing.T, c *sbom.Component, w want) {
	t.Helper()
	if c == nil {
		t.Errorf("no component %q", w.name)
		return
	}
	if c.Version != w.version || c.Group != w.group {
		t.Errorf("%s: version %q group %q, want %q %q", w.name, c.Version, c.Group, w.version, w.group)
	}
	if c.PURL != w.purl {
		t.Errorf("%s: PURL = %q, want %q", w.name, c.PURL, w.purl)
	}
	if got := orgName(c.Supplier); got != w.supplier {
		t.Errorf("%s: Supplier = %q, want %q", w.name, got, w.supplier)
	}
	if w.supplierEmail != "" && (c.Supplier == nil || !slices.Equal(c.Supplier.Emails, []string{w.supplierEmail})) {
		t.Errorf("%s: Supplier = %+v, want e-mail %q", w.name, c.Supplier, w.supplierEmail)
	}
	if got := orgName(c.Manufacturer); got != w.manufacturer {
		t.Errorf("%s: Manufacturer = %q, want %q", w.name, got, w.manufacturer)
	}
	if !slices.Equal(c.Authors, w.authors) {
		t.Errorf("%s: Authors = %+v, want %+v", w.name, c.Authors, w.authors)
	}
}

func orgName(o *sbom.Organization) string {
	if o == nil {
		return ""
	}
	return o.Name
}

func prop(c *sbom.Component, name string) (string, bool) {
	for _, p := range c.Properties {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// TestGenerateEvidence checks the details the audit relies on: where CPEs
// came from, that lifted fields are not repeated as properties, that the
// remaining metadata is kept, and the locations.
func TestGenerateEvidence(t *testing.T) {
	cases := map[string]scanCase{}
	for _, c := range scanCases() {
		cases[c.name] = c
	}
	tests := []struct {
		fixture, component string
		check              func(t *testing.T, c *sbom.Component)
	}{
		{"dpkg", "kesl", func(t *testing.T, c *sbom.Component) {
			if len(c.CPEs) == 0 {
				t.Fatal("no CPEs")
			}
			for _, x := range c.CPEs {
				if !x.Generated || x.Source != "syft:syft-generated" || !strings.HasPrefix(x.Value, "cpe:2.3:a:") {
					t.Errorf("CPE %+v, want a generated cpe:2.3", x)
				}
			}
			if _, ok := prop(c, "syft:metadata:maintainer"); ok {
				t.Error("maintainer lifted to Supplier is repeated as a property")
			}
			if v, _ := prop(c, "syft:metadata:installedSize"); v != "1150324" {
				t.Errorf("syft:metadata:installedSize = %q", v)
			}
			if v, _ := prop(c, "syft:metadata:depends[0]"); v != "libc6 (>= 2.17)" {
				t.Errorf("syft:metadata:depends[0] = %q", v)
			}
			if !strings.HasPrefix(c.Description, "Kaspersky Endpoint Security for Linux") {
				t.Errorf("Description = %q", c.Description)
			}
			if c.Origin.Pointer != "/var/lib/dpkg/status" {
				t.Errorf("Origin.Pointer = %q", c.Origin.Pointer)
			}
			if v, _ := prop(c, "syft:location:0:path"); v != "/var/lib/dpkg/status" {
				t.Errorf("syft:location:0:path = %q", v)
			}
			if v, _ := prop(c, "syft:package:type"); v != "deb" {
				t.Errorf("syft:package:type = %q", v)
			}
		}},
		{"npm", "lodash", func(t *testing.T, c *sbom.Component) {
			var declared bool
			for _, x := range c.CPEs {
				if x.Source == "syft:nvd-cpe-dictionary" {
					declared = true
					if x.Generated {
						t.Errorf("dictionary CPE %+v marked generated", x)
					}
				}
			}
			if !declared {
				t.Errorf("CPEs = %+v, want the NVD dictionary CPE for lodash", c.CPEs)
			}
			if !slices.Equal(c.Licenses, []string{"MIT"}) {
				t.Errorf("Licenses = %q", c.Licenses)
			}
		}},
		{"npm", "@kaspersky/hexa-ui", func(t *testing.T, c *sbom.Component) {
			// found in the lock file; the author comes from the installed package.json
			var paths []string
			for _, p := range c.Properties {
				if strings.HasPrefix(p.Name, "syft:location:") || p.Name == "embargo:npm:package-json" {
					paths = append(paths, p.Name+"="+p.Value)
				}
			}
			wantPaths := []string{"syft:location:0:path=/package-lock.json", "embargo:npm:package-json=/node_modules/@kaspersky/hexa-ui/package.json"}
			if !slices.Equal(paths, wantPaths) {
				t.Errorf("locations = %q, want %q", paths, wantPaths)
			}
			if v, _ := prop(c, "syft:package:foundBy"); v != "javascript-lock-cataloger" {
				t.Errorf("found by %q", v)
			}
			wantRefs := []sbom.ExternalRef{
				{Type: "distribution", URL: "https://registry.npmjs.org/@kaspersky/hexa-ui/-/hexa-ui-6.4.0.tgz"},
				{Type: "website", URL: "https://github.com/KasperskyLab/hexa-ui#readme"},
				{Type: "vcs", URL: "git+https://github.com/KasperskyLab/hexa-ui.git"},
			}
			if !slices.Equal(c.ExternalRefs, wantRefs) {
				t.Errorf("ExternalRefs = %+v, want %+v", c.ExternalRefs, wantRefs)
			}
			if c.Description != "Hexa UI: Kaspersky design system React components" {
				t.Errorf("Description = %q", c.Description)
			}
		}},
		{"jars", "kavsdk", func(t *testing.T, c *sbom.Component) {
			if v, _ := prop(c, "syft:metadata:manifest.main.Implementation-Title"); v != "kavsdk" {
				t.Errorf("Implementation-Title property = %q", v)
			}
			if _, ok := prop(c, "syft:metadata:manifest.main.Implementation-Vendor"); ok {
				t.Error("Implementation-Vendor lifted to Supplier is repeated as a property")
			}
			if len(c.Hashes) == 0 || c.Hashes[0].Algorithm == "" || c.Hashes[0].Value == "" {
				t.Errorf("Hashes = %+v, want the archive digest", c.Hashes)
			}
			if c.Origin.Pointer != "/libs/kavsdk-5.13.0.jar" {
				t.Errorf("Origin.Pointer = %q", c.Origin.Pointer)
			}
		}},
		{"docker-archive", "kesl", func(t *testing.T, c *sbom.Component) {
			if v, _ := prop(c, "syft:location:0:layerID"); !strings.HasPrefix(v, "sha256:") {
				t.Errorf("syft:location:0:layerID = %q, want the layer digest", v)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture+"/"+tt.component, func(t *testing.T) {
			_, res := generate(t, cases[tt.fixture])
			c := find(res.Document, tt.component)
			if c == nil {
				t.Fatalf("no component %q", tt.component)
			}
			tt.check(t, c)
		})
	}
}

func TestEncode(t *testing.T) {
	var c scanCase
	for _, sc := range scanCases() {
		if sc.name == "dpkg" {
			c = sc
		}
	}
	_, res := generate(t, c)
	for _, format := range syftgen.EncodeFormats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := res.Encode(&buf, format); err != nil {
				t.Fatalf("Encode(%s): %v", format, err)
			}
			var v map[string]any
			if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
				t.Fatalf("Encode(%s) wrote invalid JSON: %v", format, err)
			}
			marker := map[string]string{"cyclonedx-json": "bomFormat", "spdx-json": "spdxVersion", "syft-json": "artifactRelationships"}[format]
			if _, ok := v[marker]; !ok {
				t.Errorf("Encode(%s) output has no %q", format, marker)
			}
			if !bytes.Contains(buf.Bytes(), []byte(`"kesl"`)) || !bytes.Contains(buf.Bytes(), []byte("AO Kaspersky Lab")) {
				t.Errorf("Encode(%s) output lacks kesl and its maintainer", format)
			}
			if format == "syft-json" {
				sum := sha256.Sum256(buf.Bytes())
				if hex.EncodeToString(sum[:]) != res.Document.SHA256 {
					t.Error("Document.SHA256 is not the sha256 of the syft-json output")
				}
			}
		})
	}
	if err := res.Encode(&bytes.Buffer{}, "cyclonedx-xml"); err == nil {
		t.Error("Encode(cyclonedx-xml) succeeded, want an unknown-format error")
	}
	var nilResult *syftgen.Result
	if err := nilResult.Encode(&bytes.Buffer{}, "syft-json"); err == nil {
		t.Error("Encode on a nil Result succeeded")
	}
}

// TestSHA256Stable checks that scanning the same tree twice gives the same
// digest, so that a record of the digest means something.
func TestSHA256Stable(t *testing.T) {
	src := "dir:" + fixtureDir(t, "python")
	var sums []string
	for range 2 {
		r, err := syftgen.Generate(context.Background(), src, syftgen.Config{Parallelism: 1})
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, r.Document.SHA256)
	}
	if sums[0] != sums[1] {
		t.Errorf("SHA256 differs between runs: %s, %s", sums[0], sums[1])
	}
}

func TestProgress(t *testing.T) {
	var (
		mu  sync.Mutex
		got []syftgen.Status
	)
	r, err := syftgen.Generate(context.Background(), "dir:"+fixtureDir(t, "dpkg"), syftgen.Config{
		Progress: func(s syftgen.Status) {
			mu.Lock()
			got = append(got, s)
			mu.Unlock()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) < 3 {
		t.Fatalf("Progress called %d times: %+v", len(got), got)
	}
	if got[0].Stage != "opening source" {
		t.Errorf("first stage %q, want opening source", got[0].Stage)
	}
	last := got[len(got)-1]
	if !last.Done || last.Stage != "done" || last.Packages != int64(len(r.Document.Components)) {
		t.Errorf("last status %+v, want done with %d packages", last, len(r.Document.Components))
	}
	for _, s := range got[:len(got)-1] {
		if s.Done {
			t.Errorf("status %+v marked done before the end", s)
		}
	}
}

func TestGenerateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := syftgen.Generate(ctx, "dir:"+fixtureDir(t, "dpkg"), syftgen.Config{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Generate with a cancelled context: %v, want context.Canceled", err)
	}
}

// TestCatalogerSelection checks that npm author evidence for directories
// does not depend on syft's package.json cataloger, and that selecting that
// cataloger as well still lists each package once.
func TestCatalogerSelection(t *testing.T) {
	src := "dir:" + fixtureDir(t, "npm")
	authors := []sbom.Contact{{Name: "AO Kaspersky Lab"}}
	tests := []struct {
		name        string
		catalogers  []string
		wantFoundBy []string
	}{
		{"default", nil, []string{"javascript-lock-cataloger"}},
		{"both", []string{"+javascript-package-cataloger"}, []string{"javascript-lock-cataloger", "javascript-package-cataloger"}},
		{"package.json only", []string{"-javascript-lock-cataloger", "+javascript-package-cataloger"}, []string{"javascript-package-cataloger"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := syftgen.Generate(context.Background(), src, syftgen.Config{Catalogers: tt.catalogers})
			if err != nil {
				t.Fatal(err)
			}
			if n := len(r.Document.Components); n != 3 {
				t.Errorf("%d components, want 3", n)
			}
			var hexa []*sbom.Component
			for i := range r.Document.Components {
				if r.Document.Components[i].Name == "@kaspersky/hexa-ui" {
					hexa = append(hexa, &r.Document.Components[i])
				}
			}
			if len(hexa) != 1 {
				t.Fatalf("@kaspersky/hexa-ui listed %d times, want once", len(hexa))
			}
			if !slices.Equal(hexa[0].Authors, authors) {
				t.Errorf("Authors = %+v, want %+v", hexa[0].Authors, authors)
			}
			var foundBy []string
			for _, p := range hexa[0].Properties {
				if p.Name == "syft:package:foundBy" {
					foundBy = append(foundBy, p.Value)
				}
			}
			if !slices.Equal(foundBy, tt.wantFoundBy) {
				t.Errorf("found by %q, want %q", foundBy, tt.wantFoundBy)
			}
		})
	}
}
