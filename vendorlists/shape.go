package vendorlists

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// shapeChecker walks the YAML node tree alongside the Go types. It reports
// unknown and duplicate keys and values of the wrong kind with the key and
// its line, and records the line of every path for Validate.
type shapeChecker struct {
	file  string
	lines map[string]int
	errs  []error
}

func (c *shapeChecker) errorf(line int, format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("%s:%d: %s", c.file, line, fmt.Sprintf(format, args...)))
}

// check verifies node n against type t; key and ctx name the YAML key and
// the enclosing object for messages.
func (c *shapeChecker) check(n *yaml.Node, t reflect.Type, path, key, ctx string) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if path != "" {
		c.lines[path] = n.Line
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value; Validate reports it if it is required
	}
	if t == reflect.TypeFor[Date]() {
		c.date(n, key, ctx)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		c.mapping(n, t, path, key, ctx)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			c.errorf(n.Line, "bad value for key %q in %s: want a list", key, ctx)
			return
		}
		for i, item := range n.Content {
			c.check(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), key, ctx)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			c.errorf(n.Line, "bad value for key %q in %s: want a string", key, ctx)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			c.errorf(n.Line, "bad value %q for key %q in %s: want true or false", n.Value, key, ctx)
		}
	}
}

func (c *shapeChecker) date(n *yaml.Node, key, ctx string) {
	if n.Kind != yaml.ScalarNode {
		c.errorf(n.Line, "bad value for key %q in %s: want a YYYY-MM-DD date", key, ctx)
		return
	}
	if _, err := ParseDate(n.Value); err != nil {
		c.errorf(n.Line, "bad value for key %q in %s: %v", key, ctx, err)
	}
}

func (c *shapeChecker) mapping(n *yaml.Node, t reflect.Type, path, key, ctx string) {
	if n.Kind != yaml.MappingNode {
		c.errorf(n.Line, "bad value for key %q in %s: want a mapping", key, ctx)
		return
	}
	label := typeLabel(t.Name())
	fields := yamlFields(t)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			c.errorf(k.Line, "duplicate key %q in %s (first at line %d)", k.Value, label, first)
			continue
		}
		seen[k.Value] = k.Line
		ft, ok := fields[k.Value]
		if !ok {
			c.errorf(k.Line, "unknown key %q in %s", k.Value, label)
			continue
		}
		c.check(v, ft, joinPath(path, k.Value), k.Value, label)
	}
}

// yamlFields maps the YAML keys of struct t to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		out[name] = f.Type
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// typeLabel turns a Go type name into words: "PURLRule" -> "purl rule".
func typeLabel(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prevLower := unicode.IsLower(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || nextLower {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
