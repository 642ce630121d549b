package syftgen

import (
	"bytes"
	"encoding/json"
	"net/mail"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/anchore/syft/syft/pkg"

	"github.com/embargo-sbom/embargo/sbom"
)

// addMetadata lifts the fields of a package's metadata that say who made,
// shipped or wrote it into the component, and keeps every other scalar
// field as a "syft:metadata:<key>" property, keyed as in syft-json
// ("maintainer", "manifest.main.Built-By", "authors[0].email").
func addMetadata(c *sbom.Component, md any) {
	md = deref(md)
	if md == nil {
		return
	}
	used := liftVendor(c, md)
	raw, err := json.Marshal(md)
	if err != nil {
		c.Properties = append(c.Properties, sbom.Property{Name: "syft:metadata:error", Value: err.Error()})
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		c.Properties = append(c.Properties, sbom.Property{Name: "syft:metadata:error", Value: err.Error()})
		return
	}
	flat := map[string]string{}
	flatten("", tree, flat)
	if d := strings.TrimSpace(flat["description"]); d != "" && c.Description == "" {
		c.Description = d
		used["description"] = true
	}
	// the name and version syft read are the component's own
	for _, k := range []string{"name", "package", "version"} {
		if v := flat[k]; v != "" && (v == c.Name || v == c.Version) {
			used[k] = true
		}
	}
	keys := make([]string, 0, len(flat))
	for k := range flat {
		if !used[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		c.Properties = append(c.Properties, sbom.Property{Name: "syft:metadata:" + k, Value: flat[k]})
	}
}

// deref turns a pointer to metadata into the value syft usually stores.
func deref(md any) any {
	v := reflect.ValueOf(md)
	if !v.IsValid() {
		return nil
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		return v.Elem().Interface()
	}
	return md
}

// bulkyKeys are metadata subtrees that list files or their digests: large
// and never vendor evidence.
var bulkyKeys = map[string]bool{"files": true}

// flatten writes the scalar leaves of decoded JSON as dotted keys. A list
// of {key, value} objects (a Java manifest) becomes key=value leaves; any
// other list is indexed.
func flatten(prefix string, v any, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if bulkyKeys[k] {
				continue
			}
			flatten(joinKey(prefix, k), child, out)
		}
	case []any:
		for i, child := range x {
			if k, val, ok := keyValue(child); ok {
				out[joinKey(prefix, k)] = val
				continue
			}
			flatten(prefix+"["+strconv.Itoa(i)+"]", child, out)
		}
	case string:
		if x != "" {
			out[prefix] = x
		}
	case json.Number:
		out[prefix] = x.String()
	case bool:
		out[prefix] = strconv.FormatBool(x)
	}
}

func keyValue(v any) (string, string, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 2 {
		return "", "", false
	}
	k, ok1 := m["key"].(string)
	val, ok2 := m["value"].(string)
	return k, val, ok1 && ok2 && k != ""
}

func joinKey(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// keys collects the flattened metadata keys that were lifted.
type keys map[string]bool

func (u keys) mark(k string, lifted bool) {
	if lifted {
		u[k] = true
	}
}

// liftVendor maps the vendor fields of each metadata type syft knows and
// returns the flattened keys it consumed.
func liftVendor(c *sbom.Component, md any) keys {
	u := keys{}
	switch m := md.(type) {
	case pkg.DpkgDBEntry:
		u.mark("maintainer", setSupplier(c, m.Maintainer))
		// syft keeps the description but leaves it out of its JSON
		c.Description = strings.TrimSpace(m.Description)
	case pkg.ApkDBEntry:
		u.mark("maintainer", setSupplier(c, m.Maintainer))
	case pkg.RpmDBEntry:
		u.mark("vendor", setSupplier(c, m.Vendor))
	case pkg.RpmArchive:
		u.mark("vendor", setSupplier(c, m.Vendor))
	case pkg.AlpmDBEntry:
		u.mark("packager", setSupplier(c, m.Packager))
	case pkg.JavaArchive:
		liftJava(c, m, u)
	case pkg.PEBinary:
		liftKeyValues(c, "VersionResources", m.VersionResources, u)
	case pkg.DotnetPortableExecutableEntry:
		u.mark("companyName", setPublisher(c, m.CompanyName))
		u.mark("legalCopyright", setCopyright(c, m.LegalCopyright))
	case pkg.DotnetDepsEntry:
		names := make([]string, 0, len(m.Executables))
		for n := range m.Executables {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			e := m.Executables[n]
			u.mark("executables."+n+".companyName", setPublisher(c, e.CompanyName))
			u.mark("executables."+n+".legalCopyright", setCopyright(c, e.LegalCopyright))
		}
	case pkg.NpmPackage:
		u.mark("author", addAuthors(c, parseContacts(m.Author)))
		u.mark("homepage", addRef(c, "website", m.Homepage))
		u.mark("url", addRef(c, "vcs", m.URL))
	case pkg.NpmPackageLockEntry:
		u.mark("resolved", addRef(c, "distribution", m.Resolved))
	case pkg.YarnLockEntry:
		u.mark("resolved", addRef(c, "distribution", m.Resolved))
	case pkg.PythonPackage:
		lifted := addAuthors(c, pythonAuthors(m.Author, m.AuthorEmail))
		u.mark("author", lifted)
		u.mark("authorEmail", lifted)
	case pkg.RubyGemspec:
		for i, a := range m.Authors {
			u.mark("authors["+strconv.Itoa(i)+"]", addAuthors(c, parseContacts(a)))
		}
		u.mark("homepage", addRef(c, "website", m.Homepage))
	case pkg.PhpComposerLockEntry:
		liftComposer(c, m, u)
	case pkg.PhpComposerInstalledEntry:
		liftComposer(c, pkg.PhpComposerLockEntry(m), u)
	case pkg.RDescription:
		u.mark("author", addAuthors(c, parseContacts(m.Author)))
		u.mark("maintainer", setSupplier(c, m.Maintainer))
	case pkg.LinuxKernel:
		u.mark("author", addAuthors(c, parseContacts(m.Author)))
	case pkg.LinuxKernelModule:
		u.mark("author", addAuthors(c, parseContacts(m.Author)))
	case pkg.SwiplPackEntry:
		lifted := addAuthors(c, pythonAuthors(m.Author, m.AuthorEmail))
		u.mark("author", lifted)
		u.mark("authorEmail", lifted)
		if m.Packager != "" && c.Supplier == nil {
			c.Supplier = sbom.NewOrganization(m.Packager, m.PackagerEmail)
			u.mark("packager", true)
			u.mark("packagerEmail", m.PackagerEmail != "")
		}
	case pkg.WordpressPluginEntry:
		u.mark("author", addAuthors(c, parseContacts(m.Author)))
		u.mark("authorUri", addRef(c, "website", m.AuthorURI))
	case pkg.ELFBinaryPackageNoteJSONPayload:
		u.mark("vendor", setSupplier(c, m.Vendor))
	case pkg.AppleAppBundleEntry:
		u.mark("copyright", setCopyright(c, m.Copyright))
	}
	return u
}

// liftJava reads the manifest's vendor attributes: Implementation-Vendor,
// then Bundle-Vendor, then Implementation-Vendor-Id name the supplier;
// Specification-Vendor names the manufacturer of the specification. The
// Maven groupId is the component's group.
func liftJava(c *sbom.Component, m pkg.JavaArchive, u keys) {
	if m.Manifest != nil {
		main := m.Manifest.Main
		for _, k := range []string{"Implementation-Vendor", "Bundle-Vendor", "Implementation-Vendor-Id"} {
			if v, ok := main.Get(k); ok {
				u.mark("manifest.main."+k, setSupplier(c, v))
			}
		}
		if v, ok := main.Get("Specification-Vendor"); ok && strings.TrimSpace(v) != "" && c.Manufacturer == nil {
			name, email := splitContact(v)
			c.Manufacturer = sbom.NewOrganization(name, email)
			u.mark("manifest.main.Specification-Vendor", true)
		}
	}
	if m.PomProperties != nil && m.PomProperties.GroupID != "" {
		c.Group = m.PomProperties.GroupID
		u.mark("pomProperties.groupId", true)
	} else if m.PomProject != nil && m.PomProject.GroupID != "" {
		c.Group = m.PomProject.GroupID
		u.mark("pomProject.groupId", true)
	}
	if m.PomProject != nil {
		u.mark("pomProject.url", addRef(c, "website", m.PomProject.URL))
	}
	for i, d := range m.ArchiveDigests {
		if d.Value == "" {
			continue
		}
		c.Hashes = append(c.Hashes, sbom.Hash{Algorithm: d.Algorithm, Value: d.Value})
		u.mark("digest["+strconv.Itoa(i)+"].algorithm", true)
		u.mark("digest["+strconv.Itoa(i)+"].value", true)
	}
}

// liftKeyValues reads a PE version resource table.
func liftKeyValues(c *sbom.Component, prefix string, kv pkg.KeyValues, u keys) {
	if v, ok := kv.Get("CompanyName"); ok {
		u.mark(prefix+".CompanyName", setPublisher(c, v))
	}
	if v, ok := kv.Get("LegalCopyright"); ok {
		u.mark(prefix+".LegalCopyright", setCopyright(c, v))
	}
}

func liftComposer(c *sbom.Component, m pkg.PhpComposerLockEntry, u keys) {
	for i, a := range m.Authors {
		if a.Name == "" && a.Email == "" {
			continue
		}
		c.Authors = append(c.Authors, sbom.Contact{Name: a.Name, Email: a.Email})
		p := "authors[" + strconv.Itoa(i) + "]"
		u.mark(p+".name", true)
		u.mark(p+".email", true)
	}
	u.mark("homepage", addRef(c, "website", m.Homepage))
	u.mark("source.url", addRef(c, "vcs", m.Source.URL))
	u.mark("dist.url", addRef(c, "distribution", m.Dist.URL))
}

// setSupplier sets the supplier from "Name <email>" unless one is set;
// it reports whether the value was used.
func setSupplier(c *sbom.Component, v string) bool {
	if strings.TrimSpace(v) == "" || c.Supplier != nil {
		return false
	}
	name, email := splitContact(v)
	c.Supplier = sbom.NewOrganization(name, email)
	return true
}

func setPublisher(c *sbom.Component, v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || c.Publisher != "" {
		return false
	}
	c.Publisher = v
	return true
}

func setCopyright(c *sbom.Component, v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || c.Copyright != "" {
		return false
	}
	c.Copyright = v
	return true
}

func addAuthors(c *sbom.Component, cs []sbom.Contact) bool {
	c.Authors = append(c.Authors, cs...)
	return len(cs) > 0
}

func addRef(c *sbom.Component, typ, url string) bool {
	url = strings.TrimSpace(url)
	if url == "" {
		return false
	}
	c.ExternalRefs = append(c.ExternalRefs, sbom.ExternalRef{Type: typ, URL: url})
	return true
}

// pythonAuthors pairs the Author and Author-email core metadata fields.
// Author-email may hold "Name <addr>" entries separated by commas; the
// first address goes with Author when Author is a bare name.
func pythonAuthors(author, emails string) []sbom.Contact {
	author, emails = strings.TrimSpace(author), strings.TrimSpace(emails)
	var out []sbom.Contact
	var addrs []sbom.Contact
	parsed := false
	if emails != "" {
		if list, err := mail.ParseAddressList(emails); err == nil {
			parsed = true
			for _, a := range list {
				addrs = append(addrs, sbom.Contact{Name: a.Name, Email: a.Address})
			}
		} else {
			// kept as written, but not paired with a name it may not belong to
			addrs = append(addrs, sbom.Contact{Email: emails})
		}
	}
	if author != "" {
		name, email := splitContact(author)
		first := sbom.Contact{Name: name, Email: email}
		if parsed && first.Email == "" && addrs[0].Name == "" {
			first.Email = addrs[0].Email
			addrs = addrs[1:]
		}
		out = append(out, first)
	}
	return append(out, addrs...)
}

// urlComment matches the "(https://…)" part of an npm person string.
var urlComment = regexp.MustCompile(`\s*\([^()]*\)`)

// parseContacts reads an author string as npm, gems and kernel modules
// write it: "Name <email> (url)", "Name <email>", "email" or "Name". syft
// joins npm's author, authors, contributors and maintainers with ", ";
// such a list is split when every part parses as an address.
func parseContacts(s string) []sbom.Contact {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.Contains(s, ",") {
		if list, err := mail.ParseAddressList(urlComment.ReplaceAllString(s, "")); err == nil && len(list) > 1 {
			out := make([]sbom.Contact, 0, len(list))
			for _, a := range list {
				out = append(out, sbom.Contact{Name: a.Name, Email: a.Address})
			}
			return out
		}
	}
	name, email := splitContact(s)
	if name == "" && email == "" {
		return nil
	}
	return []sbom.Contact{{Name: name, Email: email}}
}

// splitContact splits "Name <email> (url)" into name and email; the url,
// if any, is dropped.
func splitContact(s string) (name, email string) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i > 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	if strings.HasSuffix(s, ">") {
		if i := strings.LastIndexByte(s, '<'); i >= 0 {
			name = strings.Trim(strings.TrimSpace(s[:i]), `"'`)
			return name, strings.TrimSpace(s[i+1 : len(s)-1])
		}
	}
	if !strings.ContainsAny(s, " \t") && strings.Count(s, "@") == 1 && !strings.HasPrefix(s, "@") {
		return "", s
	}
	return s, ""
}
