package syftgen

import (
	"encoding/json"
	"io"
	"path"
	"strings"

	"github.com/anchore/syft/syft/file"
	"github.com/anchore/syft/syft/pkg"

	"github.com/embargo-sbom/embargo/sbom"
)

// npmPackageJSONProperty names the installed package.json an npm
// component's author evidence was read from.
const npmPackageJSONProperty = "embargo:npm:package-json"

// maxPackageJSON bounds how much of one package.json is read.
const maxPackageJSON = 1 << 20

// npmManifest is the part of an installed package.json that says who
// wrote a package and where it lives.
type npmManifest struct {
	Version      string          `json:"version"`
	Description  string          `json:"description"`
	Homepage     string          `json:"homepage"`
	Author       json.RawMessage `json:"author"`
	Authors      json.RawMessage `json:"authors"`
	Contributors json.RawMessage `json:"contributors"`
	Maintainers  json.RawMessage `json:"maintainers"`
	Repository   json.RawMessage `json:"repository"`
}

// enrichNPM adds the author, homepage, repository and description of an
// npm package found in a lock file from its installed
// node_modules/<name>/package.json, when that file is there and has the
// same version. syft reads installed package.json files only for images
// by default; for a directory the lock file alone says nothing about who
// wrote a package, and running syft's package.json cataloger as well
// would list every package twice and cost far more (it generates CPEs
// and scans licences for each).
func enrichNPM(c *sbom.Component, p *pkg.Package, res file.Resolver) {
	if res == nil || p.Type != pkg.NpmPkg {
		return
	}
	if _, ok := p.Metadata.(pkg.NpmPackageLockEntry); !ok {
		return
	}
	lock, ok := primaryLocation(p.Locations.ToSlice())
	if !ok || path.Base(lock.RealPath) != "package-lock.json" {
		return
	}
	want := path.Join(path.Dir(lock.RealPath), "node_modules", p.Name, "package.json")
	loc := res.RelativeFileByPath(lock, want)
	if loc == nil {
		return
	}
	m, ok := readManifest(res, *loc)
	if !ok || m.Version != p.Version {
		return
	}
	for _, raw := range []json.RawMessage{m.Author, m.Authors, m.Contributors, m.Maintainers} {
		for _, a := range people(raw) {
			if !containsContact(c.Authors, a) {
				c.Authors = append(c.Authors, a)
			}
		}
	}
	addRefOnce(c, "website", m.Homepage)
	addRefOnce(c, "vcs", repositoryURL(m.Repository))
	if c.Description == "" {
		c.Description = strings.TrimSpace(m.Description)
	}
	c.Properties = append(c.Properties, sbom.Property{Name: npmPackageJSONProperty, Value: loc.RealPath})
}

func readManifest(res file.Resolver, loc file.Location) (npmManifest, bool) {
	rc, err := res.FileContentsByLocation(loc)
	if err != nil {
		return npmManifest{}, false
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPackageJSON))
	if err != nil {
		return npmManifest{}, false
	}
	var m npmManifest
	if json.Unmarshal(data, &m) != nil {
		return npmManifest{}, false
	}
	return m, true
}

// people reads an npm person field: a "Name <email> (url)" string, a
// {name, email, url} object, or a list of either.
func people(raw json.RawMessage) []sbom.Contact {
	if len(raw) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return parseContacts(s)
	}
	var o struct{ Name, Email string }
	if json.Unmarshal(raw, &o) == nil {
		if o.Name == "" && o.Email == "" {
			return nil
		}
		return []sbom.Contact{{Name: strings.TrimSpace(o.Name), Email: strings.TrimSpace(o.Email)}}
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	var out []sbom.Contact
	for _, item := range list {
		out = append(out, people(item)...)
	}
	return out
}

// repositoryURL reads "repository" as a string or {type, url}.
func repositoryURL(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct{ URL string }
	if json.Unmarshal(raw, &o) == nil {
		return o.URL
	}
	return ""
}

func containsContact(cs []sbom.Contact, c sbom.Contact) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func addRefOnce(c *sbom.Component, typ, url string) {
	url = strings.TrimSpace(url)
	if url == "" {
		return
	}
	for _, r := range c.ExternalRefs {
		if r.URL == url {
			return
		}
	}
	c.ExternalRefs = append(c.ExternalRefs, sbom.ExternalRef{Type: typ, URL: url})
}
