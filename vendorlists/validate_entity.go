package vendorlists

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

var (
	domainPattern    = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$`)
	ecosystemPattern = regexp.MustCompile(`^[a-z][a-z0-9.+-]*$`)
	cpeVendorPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._\-~]*$`)
)

func (v *validator) entities() {
	seen := map[string]string{}
	for i := range v.l.Entities {
		e := &v.l.Entities[i]
		p := fmt.Sprintf("entities[%d]", i)
		v.id(p+".id", e.ID)
		v.unique(seen, p+".id", "entity id", e.ID)
		v.required(p+".name", e.Name)
		v.cite(p+".sources", e.Sources)
		if len(e.Names) == 0 {
			v.errorf(p+".names", "an entity needs at least one name")
		}
		v.names(p, e)
		v.domains(p, e.Domains)
		v.purls(p, e.PURLs)
		v.identifiers(p, e.CPEVendors)
		v.packages(p, e.Packages)
		v.products(p, e.Products)
		v.falsePositives(p, e.FalsePositives)
		v.paths(p, e.Paths)
	}
}

// names checks organisation and person names together: a string must not
// be both, or the matcher could not say which it found.
func (v *validator) names(p string, e *Entity) {
	seen := map[string]string{}
	groups := []struct {
		field string
		names []Name
	}{{"names", e.Names}, {"persons", e.Persons}}
	for _, g := range groups {
		for i, n := range g.names {
			np := fmt.Sprintf("%s.%s[%d]", p, g.field, i)
			v.required(np+".value", n.Value)
			if n.Value != strings.TrimSpace(n.Value) {
				v.errorf(np+".value", "name %q has surrounding spaces", n.Value)
			}
			v.unique(seen, np+".value", "name", n.Value)
			v.cite(np+".sources", n.Sources)
		}
	}
}

func (v *validator) domains(p string, ds []Domain) {
	seen := map[string]string{}
	for i, d := range ds {
		dp := fmt.Sprintf("%s.domains[%d]", p, i)
		if !domainPattern.MatchString(d.Value) {
			v.errorf(dp+".value", "domain %q must be a lower-case host name without scheme, path or port", d.Value)
		}
		v.unique(seen, dp+".value", "domain", d.Value)
		v.category(dp+".category", d.Category, true)
		v.cite(dp+".sources", d.Sources)
	}
}

func (v *validator) purls(p string, rs []PURLRule) {
	seen := map[string]string{}
	for i, r := range rs {
		rp := fmt.Sprintf("%s.purls[%d]", p, i)
		if !ecosystemPattern.MatchString(r.Type) {
			v.errorf(rp+".type", "purl type %q must be lower case", r.Type)
		}
		v.required(rp+".namespace", r.Namespace)
		v.unique(seen, rp, "purl rule", r.Type+"/"+r.Namespace+"/"+r.Name)
		v.category(rp+".category", r.Category, false)
		v.cite(rp+".sources", r.Sources)
	}
}

func (v *validator) identifiers(p string, ids []Identifier) {
	seen := map[string]string{}
	for i, id := range ids {
		ip := fmt.Sprintf("%s.cpeVendors[%d]", p, i)
		if !cpeVendorPattern.MatchString(id.Value) {
			v.errorf(ip+".value", "cpe vendor %q must be lower case without spaces or colons", id.Value)
		}
		v.unique(seen, ip+".value", "cpe vendor", id.Value)
		v.cite(ip+".sources", id.Sources)
	}
}

func (v *validator) packages(p string, rs []PackageRule) {
	seen := map[string]string{}
	for i, r := range rs {
		rp := fmt.Sprintf("%s.packages[%d]", p, i)
		if r.Ecosystem != "*" && !ecosystemPattern.MatchString(r.Ecosystem) {
			v.errorf(rp+".ecosystem", "ecosystem %q must be a lower-case purl type or *", r.Ecosystem)
		}
		v.required(rp+".name", r.Name)
		v.unique(seen, rp, "package rule", r.Ecosystem+"/"+r.Name)
		v.category(rp+".category", r.Category, false)
		v.cite(rp+".sources", r.Sources)
	}
}

func (v *validator) products(p string, ps []Product) {
	seen := map[string]string{}
	for i, pr := range ps {
		pp := fmt.Sprintf("%s.products[%d]", p, i)
		v.required(pp+".name", pr.Name)
		v.unique(seen, pp+".name", "product", pr.Name)
		v.category(pp+".category", pr.Category, false)
		v.cite(pp+".sources", pr.Sources)
	}
}

func (v *validator) falsePositives(p string, fps []FalsePositive) {
	seen := map[string]string{}
	for i, fp := range fps {
		fpp := fmt.Sprintf("%s.falsePositives[%d]", p, i)
		v.id(fpp+".id", fp.ID)
		v.unique(seen, fpp+".id", "false positive id", fp.ID)
		if fp.Name == "" && fp.PURLPrefix == "" && fp.Organization == "" {
			v.errorf(fpp, "a false positive needs a name, purlPrefix or organization")
		}
		if fp.Ecosystem != "" && !ecosystemPattern.MatchString(fp.Ecosystem) {
			v.errorf(fpp+".ecosystem", "ecosystem %q must be a lower-case purl type", fp.Ecosystem)
		}
		if fp.PURLPrefix != "" && !strings.HasPrefix(strings.ToLower(fp.PURLPrefix), "pkg:") {
			v.errorf(fpp+".purlPrefix", "purl prefix %q must start with pkg:", fp.PURLPrefix)
		}
		v.required(fpp+".reason", fp.Reason)
		v.category(fpp+".category", fp.Category, true)
		v.cite(fpp+".sources", fp.Sources)
	}
}

// registryHives are the root keys a registry path may start with.
var registryHives = []string{"HKLM", "HKEY_LOCAL_MACHINE", "HKCU", "HKEY_CURRENT_USER", "HKCR", "HKEY_CLASSES_ROOT", "HKU", "HKEY_USERS"}

func (v *validator) paths(p string, rs []PathRule) {
	seen := map[string]string{}
	for i, r := range rs {
		rp := fmt.Sprintf("%s.paths[%d]", p, i)
		v.required(rp+".value", r.Value)
		if msg := pathValueProblem(r); msg != "" {
			v.errorf(rp+".value", "%s", msg)
		}
		v.unique(seen, rp, "path rule", r.Kind+" "+strings.ToLower(strings.ReplaceAll(r.Value, "/", `\`)))
		v.category(rp+".category", r.Category, false)
		v.cite(rp+".sources", r.Sources)
	}
}

// pathValueProblem says what is wrong with a path rule's value for its
// kind, or "" when nothing is.
func pathValueProblem(r PathRule) string {
	val := r.Value
	isSep := func(b byte) bool { return b == '/' || b == '\\' }
	switch r.Kind {
	case PathPrefix:
		drive := len(val) >= 3 && val[1] == ':' && isSep(val[2])
		if val == "" || !isSep(val[0]) && !drive {
			return fmt.Sprintf("path prefix %q must be absolute (start with / or a drive such as C:\\)", val)
		}
	case PathSegment:
		if len(val) < 3 || !isSep(val[0]) || !isSep(val[len(val)-1]) {
			return fmt.Sprintf("path segment %q must start and end with a separator, so that it matches whole directory names", val)
		}
	case PathRegistry:
		hive, _, ok := strings.Cut(val, `\`)
		if !ok || !slices.Contains(registryHives, strings.ToUpper(hive)) || strings.HasSuffix(val, `\`) {
			return fmt.Sprintf("registry key %q must start with a hive (HKLM\\, HKEY_LOCAL_MACHINE\\, HKCU\\ ...) and not end with a backslash", val)
		}
	default:
		return fmt.Sprintf("unknown path kind %q: want %s, %s or %s", r.Kind, PathPrefix, PathSegment, PathRegistry)
	}
	return ""
}
