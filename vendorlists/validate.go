package vendorlists

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// SchemaVersion is the list format this package reads.
const SchemaVersion = "1"

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	sourceIDPattern = regexp.MustCompile(`^[A-Z]+[0-9]+$`)
	jurisdiction    = regexp.MustCompile(`^[A-Z]{2}$`)
)

// validator collects semantic errors, each with the line of the entry.
type validator struct {
	l       *List
	file    string
	errs    []error
	sources map[string]bool
}

// Validate checks what the decoder cannot: required fields, unique IDs,
// cited sources, categories, profile regimes and identifier spelling.
func (l *List) Validate() error {
	v := &validator{l: l, file: l.Origin, sources: map[string]bool{}}
	if v.file == "" {
		v.file = "list " + l.ID
	}
	v.header()
	v.sourceList()
	v.regimes()
	v.entities()
	v.profiles()
	v.scopes()
	return errors.Join(v.errs...)
}

// errorf reports a problem at path, using the nearest line known for it.
func (v *validator) errorf(path, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if line := v.line(path); line > 0 {
		v.errs = append(v.errs, fmt.Errorf("%s:%d: %s: %s", v.file, line, path, msg))
		return
	}
	v.errs = append(v.errs, fmt.Errorf("%s: %s: %s", v.file, path, msg))
}

func (v *validator) line(path string) int {
	for path != "" {
		if n, ok := v.l.lines[path]; ok {
			return n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

func (v *validator) required(path, value string) {
	if strings.TrimSpace(value) == "" {
		v.errorf(path, "required value is missing")
	}
}

func (v *validator) id(path, value string) {
	v.required(path, value)
	if value != "" && !idPattern.MatchString(value) {
		v.errorf(path, "id %q must be lower-case words joined by hyphens", value)
	}
}

// unique reports value if seen already holds it (compared case-insensitively).
func (v *validator) unique(seen map[string]string, path, what, value string) {
	k := strings.ToLower(value)
	if first, dup := seen[k]; dup {
		if line := v.line(first); line > 0 {
			v.errorf(path, "duplicate %s %q (first at line %d)", what, value, line)
		} else {
			v.errorf(path, "duplicate %s %q (first at %s)", what, value, first)
		}
		return
	}
	seen[k] = path
}

// cite checks that ids is not empty and that every id is a listed source.
func (v *validator) cite(path string, ids []string) {
	if len(ids) == 0 {
		v.errorf(path, "no sources cited")
	}
	for _, id := range ids {
		if !v.sources[id] {
			v.errorf(path, "source %q is not in sources", id)
		}
	}
}

func (v *validator) category(path string, c Category, optional bool) {
	if c == "" && optional {
		return
	}
	if !c.Valid() {
		v.errorf(path, "unknown category %q (want one of %v)", c, Categories())
	}
}

func (v *validator) header() {
	l := v.l
	if l.SchemaVersion != SchemaVersion {
		v.errorf("schemaVersion", "unsupported schema version %q (want %q)", l.SchemaVersion, SchemaVersion)
	}
	v.id("id", l.ID)
	v.required("title", l.Title)
	v.required("version", l.Version)
	v.required("maintainer", l.Maintainer)
	if l.Published.IsZero() {
		v.errorf("published", "required date is missing")
	}
	if len(l.Entities) == 0 {
		v.errorf("entities", "a list needs at least one entity")
	}
}

func (v *validator) sourceList() {
	if len(v.l.Sources) == 0 {
		v.errorf("sources", "a list needs at least one source")
	}
	seen := map[string]string{}
	for i, s := range v.l.Sources {
		p := fmt.Sprintf("sources[%d]", i)
		if !sourceIDPattern.MatchString(s.ID) {
			v.errorf(p+".id", "source id %q must be capital letters then digits, e.g. S1", s.ID)
		}
		v.unique(seen, p+".id", "source id", s.ID)
		v.sources[s.ID] = true
		v.required(p+".title", s.Title)
		v.url(p+".url", s.URL, true)
		for j, a := range s.Also {
			v.url(fmt.Sprintf("%s.also[%d].url", p, j), a.URL, false)
		}
	}
}

func (v *validator) url(path, u string, optional bool) {
	if u == "" && optional {
		return
	}
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || strings.ContainsAny(u, " \t") {
		v.errorf(path, "url %q must be an http(s) URL", u)
	}
}

func (v *validator) profiles() {
	seen := map[string]string{}
	defaults := 0
	for i, p := range v.l.Profiles {
		path := fmt.Sprintf("profiles[%d]", i)
		v.id(path+".id", p.ID)
		v.unique(seen, path+".id", "profile id", p.ID)
		v.required(path+".title", p.Title)
		if p.Default {
			defaults++
			if defaults > 1 {
				v.errorf(path+".default", "more than one default profile")
			}
		}
		if len(p.Regimes) == 0 {
			v.errorf(path+".regimes", "a profile needs at least one regime")
		}
		ids := map[string]string{}
		for j, r := range p.Regimes {
			rp := fmt.Sprintf("%s.regimes[%d]", path, j)
			v.unique(ids, rp, "regime", r)
			if _, ok := v.l.Regime(r); !ok {
				v.errorf(rp, "regime %q is not in regimes", r)
			}
		}
	}
}
