package syftgen

import (
	"cmp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/anchore/syft/syft/artifact"
	"github.com/anchore/syft/syft/cpe"
	"github.com/anchore/syft/syft/file"
	"github.com/anchore/syft/syft/pkg"
	syftsbom "github.com/anchore/syft/syft/sbom"
	"github.com/anchore/syft/syft/source"

	"github.com/embargo-sbom/embargo/sbom"
)

// pinnedSyftVersion is the syft release go.mod requires; a test keeps the
// two in step. It is used when the binary carries no module information
// (test binaries, stripped builds).
const pinnedSyftVersion = "v1.57.1"

// syftVersion is the syft module linked into this binary.
var syftVersion = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path != "github.com/anchore/syft" {
				continue
			}
			if d.Replace != nil && d.Replace.Version != "" {
				return d.Replace.Version
			}
			if d.Version != "" && d.Version != "(devel)" {
				return d.Version
			}
		}
	}
	return pinnedSyftVersion
}()

// toDocument maps a syft SBOM into the normalised model directly, so that
// the vendor fields in package metadata survive.
func toDocument(s *syftsbom.SBOM, res file.Resolver) *sbom.Document {
	version := s.Descriptor.Version
	if version == "" {
		version = syftVersion
	}
	name := s.Descriptor.Name
	if name == "" {
		name = "syft"
	}
	d := &sbom.Document{
		Format:       FormatSyftScan,
		SpecVersion:  version,
		Name:         s.Source.Name,
		Timestamp:    time.Now().UTC(),
		Creators:     []string{"Tool: " + name + " " + version},
		Dependencies: map[string][]string{},
	}
	if s.Source.Name == "" {
		d.Name = s.Source.ID
	}
	if subj := subject(s.Source); subj != nil {
		d.Subject = subj
		d.SubjectRef = subj.Ref
	}
	if s.Artifacts.Packages != nil {
		pkgs := s.Artifacts.Packages.Sorted()
		d.Components = make([]sbom.Component, 0, len(pkgs))
		for i := range pkgs {
			d.Components = append(d.Components, component(&pkgs[i], res))
		}
	}
	d.Warnings = unknowns(s.Artifacts.Unknowns)
	var alias map[string]string
	d.Components, alias = mergeNPM(d.Components)
	d.ComponentCount = len(d.Components)
	addDependencies(d, s, alias)
	if d.Subject != nil && len(d.Components) > 0 && len(d.Dependencies[d.SubjectRef]) == 0 {
		// the image or file contains every package found in it
		refs := make([]string, len(d.Components))
		for i := range d.Components {
			refs[i] = d.Components[i].Ref
		}
		d.Dependencies[d.SubjectRef] = refs
	}
	return d
}

// unknowns turns what syft could not read (a corrupt archive, an
// unparseable lock file) into warnings, so a short component list is not
// mistaken for a clean one.
func unknowns(u map[file.Coordinates][]string) []string {
	var out []string
	for coord, msgs := range u {
		for _, m := range msgs {
			out = append(out, "syft: "+coord.RealPath+": "+m)
		}
	}
	slices.Sort(out)
	return out
}

// subject describes an image or a single file as the document's subject.
// A scanned directory has no meaningful identity beyond its path, which is
// already Document.Path, so it gets none.
func subject(desc source.Description) *sbom.Component {
	c := &sbom.Component{Ref: desc.ID, Name: desc.Name, Version: desc.Version}
	switch m := desc.Metadata.(type) {
	case source.ImageMetadata:
		c.Type = "container"
		if c.Name == "" {
			c.Name = m.UserInput
		}
		if m.ManifestDigest != "" {
			c.Hashes = []sbom.Hash{digestHash(m.ManifestDigest)}
		}
		for i, tag := range m.Tags {
			c.Properties = append(c.Properties, sbom.Property{Name: "syft:image:tag:" + strconv.Itoa(i), Value: tag})
		}
		if m.ID != "" {
			c.Properties = append(c.Properties, sbom.Property{Name: "syft:image:id", Value: m.ID})
		}
		imageLabels(c, m.Labels)
	case source.FileMetadata:
		c.Type = "file"
		for _, dg := range m.Digests {
			c.Hashes = append(c.Hashes, sbom.Hash{Algorithm: dg.Algorithm, Value: dg.Value})
		}
	default:
		return nil
	}
	if c.Ref == "" {
		return nil
	}
	return c
}

// imageLabels keeps an image's labels as properties and lifts the OCI
// annotations that name who made it.
func imageLabels(c *sbom.Component, labels map[string]string) {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := labels[k]
		c.Properties = append(c.Properties, sbom.Property{Name: "syft:image:label:" + k, Value: v})
		switch k {
		case "org.opencontainers.image.vendor":
			setSupplier(c, v)
		case "org.opencontainers.image.authors", "maintainer":
			c.Authors = append(c.Authors, parseContacts(v)...)
		}
	}
}

// digestHash splits "sha256:abc…" into a Hash.
func digestHash(d string) sbom.Hash {
	for i := 0; i < len(d); i++ {
		if d[i] == ':' {
			return sbom.Hash{Algorithm: d[:i], Value: d[i+1:]}
		}
	}
	return sbom.Hash{Value: d}
}

func component(p *pkg.Package, res file.Resolver) sbom.Component {
	c := sbom.Component{
		Ref:     string(p.ID()),
		Type:    componentType(p.Type),
		Name:    p.Name,
		Version: p.Version,
		PURL:    p.PURL,
	}
	for _, x := range p.CPEs {
		c.CPEs = append(c.CPEs, sbom.CPE{
			Value:     x.Attributes.String(),
			Source:    "syft:" + string(x.Source),
			Generated: x.Source == cpe.GeneratedSource || x.Source == "",
		})
	}
	for _, l := range p.Licenses.ToSlice() {
		v := l.SPDXExpression
		if v == "" {
			v = l.Value
		}
		if v != "" && !slices.Contains(c.Licenses, v) {
			c.Licenses = append(c.Licenses, v)
		}
	}
	c.Properties = append(c.Properties, sbom.Property{Name: "syft:package:type", Value: string(p.Type)})
	if p.FoundBy != "" {
		c.Properties = append(c.Properties, sbom.Property{Name: "syft:package:foundBy", Value: p.FoundBy})
	}
	if p.Language != "" {
		c.Properties = append(c.Properties, sbom.Property{Name: "syft:package:language", Value: string(p.Language)})
	}
	locs := p.Locations.ToSlice()
	for i, l := range locs {
		prefix := "syft:location:" + strconv.Itoa(i)
		c.Properties = append(c.Properties, sbom.Property{Name: prefix + ":path", Value: l.Path()})
		if l.FileSystemID != "" {
			c.Properties = append(c.Properties, sbom.Property{Name: prefix + ":layerID", Value: l.FileSystemID})
		}
	}
	if l, ok := primaryLocation(locs); ok {
		c.Origin = sbom.Origin{Pointer: l.Path()}
	}
	addMetadata(&c, p.Metadata)
	enrichNPM(&c, p, res)
	return c
}

// primaryLocation is the location syft marks as primary evidence, else
// the first.
func primaryLocation(locs []file.Location) (file.Location, bool) {
	for _, l := range locs {
		if l.Annotations[pkg.EvidenceAnnotationKey] == pkg.PrimaryEvidenceAnnotation {
			return l, true
		}
	}
	if len(locs) > 0 {
		return locs[0], true
	}
	return file.Location{}, false
}

// componentType is the CycloneDX component type syft's own encoder would
// write: binaries and GitHub actions are applications, the kernel an
// operating system component, everything else a library.
func componentType(t pkg.Type) string {
	switch t {
	case pkg.BinaryPkg, pkg.GithubActionPkg, pkg.GithubActionWorkflowPkg:
		return "application"
	case pkg.LinuxKernelPkg:
		return "operating-system"
	default:
		return "library"
	}
}

// addDependencies records syft's package relationships: a package that
// contains or owns another (a jar's nested jar, a deb's Python files)
// lists it, and a dependent lists its dependencies.
func addDependencies(d *sbom.Document, s *syftsbom.SBOM, alias map[string]string) {
	known := make(map[string]bool, len(d.Components)+1)
	for i := range d.Components {
		known[d.Components[i].Ref] = true
	}
	if d.Subject != nil {
		known[d.SubjectRef] = true
	}
	seen := map[[2]string]bool{}
	add := func(from, to string) {
		if from == to || !known[from] || !known[to] || seen[[2]string{from, to}] {
			return
		}
		seen[[2]string{from, to}] = true
		d.Dependencies[from] = append(d.Dependencies[from], to)
	}
	// s.Relationships, not RelationshipsSorted, which sorts in place and
	// would race with the syft-json encoder reading the same slice; each
	// list is sorted below instead
	for _, r := range s.Relationships {
		if r.From == nil || r.To == nil {
			continue
		}
		from, to := string(r.From.ID()), string(r.To.ID())
		if a, ok := alias[from]; ok {
			from = a
		}
		if a, ok := alias[to]; ok {
			to = a
		}
		switch r.Type {
		case artifact.ContainsRelationship, artifact.OwnershipByFileOverlapRelationship:
			add(from, to)
		case artifact.DependencyOfRelationship:
			add(to, from)
		}
	}
	for k := range d.Dependencies {
		slices.Sort(d.Dependencies[k])
	}
}

const (
	npmLockCataloger    = "javascript-lock-cataloger"
	npmPackageCataloger = "javascript-package-cataloger"
)

// mergeNPM folds each component read from an installed
// node_modules/…/package.json (when "+javascript-package-cataloger" is
// selected for a directory) into the lock-file component with the same
// purl, so that a package found both ways is listed once. It returns
// the remaining components and the refs that were folded away.
func mergeNPM(comps []sbom.Component) ([]sbom.Component, map[string]string) {
	lock := map[string]int{}
	for i := range comps {
		if comps[i].PURL != "" && foundBy(&comps[i]) == npmLockCataloger {
			if _, dup := lock[comps[i].PURL]; !dup {
				lock[comps[i].PURL] = i
			}
		}
	}
	if len(lock) == 0 {
		return comps, nil
	}
	alias := map[string]string{}
	out := comps[:0:0]
	for i := range comps {
		c := &comps[i]
		if j, ok := lock[c.PURL]; ok && j != i && foundBy(c) == npmPackageCataloger {
			mergeInto(&comps[j], c)
			alias[c.Ref] = comps[j].Ref
			continue
		}
	}
	for i := range comps {
		if _, gone := alias[comps[i].Ref]; !gone {
			out = append(out, comps[i])
		}
	}
	return out, alias
}

func foundBy(c *sbom.Component) string {
	for _, p := range c.Properties {
		if p.Name == "syft:package:foundBy" {
			return p.Value
		}
	}
	return ""
}

// mergeInto adds what src knows and dst does not.
func mergeInto(dst, src *sbom.Component) {
	if dst.Supplier == nil {
		dst.Supplier = src.Supplier
	}
	if dst.Manufacturer == nil {
		dst.Manufacturer = src.Manufacturer
	}
	dst.Publisher = cmp.Or(dst.Publisher, src.Publisher)
	dst.Copyright = cmp.Or(dst.Copyright, src.Copyright)
	dst.Description = cmp.Or(dst.Description, src.Description)
	for _, a := range src.Authors {
		if !slices.Contains(dst.Authors, a) {
			dst.Authors = append(dst.Authors, a)
		}
	}
	for _, r := range src.ExternalRefs {
		if !slices.Contains(dst.ExternalRefs, r) {
			dst.ExternalRefs = append(dst.ExternalRefs, r)
		}
	}
	for _, l := range src.Licenses {
		if !slices.Contains(dst.Licenses, l) {
			dst.Licenses = append(dst.Licenses, l)
		}
	}
	for _, x := range src.CPEs {
		if !slices.ContainsFunc(dst.CPEs, func(y sbom.CPE) bool { return y.Value == x.Value }) {
			dst.CPEs = append(dst.CPEs, x)
		}
	}
	for _, h := range src.Hashes {
		if !slices.Contains(dst.Hashes, h) {
			dst.Hashes = append(dst.Hashes, h)
		}
	}
	locs := 0
	for _, p := range dst.Properties {
		if strings.HasPrefix(p.Name, "syft:location:") && strings.HasSuffix(p.Name, ":path") {
			locs++
		}
	}
	for _, p := range src.Properties {
		if rest, ok := strings.CutPrefix(p.Name, "syft:location:"); ok {
			n, field, _ := strings.Cut(rest, ":")
			if i, err := strconv.Atoi(n); err == nil {
				p.Name = "syft:location:" + strconv.Itoa(locs+i) + ":" + field
			}
		}
		if !slices.Contains(dst.Properties, p) {
			dst.Properties = append(dst.Properties, p)
		}
	}
}
