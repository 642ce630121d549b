package vendorlists

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("vendorlist.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("vendorlist.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlToJSON converts a YAML document to the value jsonschema validates,
// keeping dates as the strings they are written as.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	return nodeValue(root.Content[0])
}

func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, nodeValue(c))
		}
		return s
	case yaml.AliasNode:
		return nodeValue(n.Alias)
	}
	switch n.Tag {
	case "!!bool":
		return n.Value == "true"
	case "!!null":
		return nil
	case "!!int", "!!float":
		return json.Number(n.Value)
	}
	return n.Value
}

func TestSchemaAcceptsLists(t *testing.T) {
	s := compileSchema(t)
	embeddedData, err := embedded.ReadFile("data/kaspersky.yaml")
	if err != nil {
		t.Fatal(err)
	}
	valid, err := os.ReadFile(filepath.Join("testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	exported, err := Export(mustDefault(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"embedded": embeddedData, "valid.yaml": valid, "exported": exported} {
		if err := s.Validate(yamlToJSON(t, data)); err != nil {
			t.Errorf("%s does not validate against the schema: %v", name, err)
		}
	}
}

func TestSchemaRejectsBadLists(t *testing.T) {
	s := compileSchema(t)
	for _, f := range []string{"unknown-key.yaml", "unknown-key-entity.yaml", "bad-date.yaml", "bad-category.yaml", "bad-bool.yaml", "bad-domain.yaml", "bad-due-rule.yaml", "bad-ecosystem.yaml", "wrong-kind.yaml", "missing-citation.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlToJSON(t, data)); err == nil {
			t.Errorf("schema accepts %s", f)
		}
	}
}

// TestSchemaMatchesTypes keeps the schema and the Go types in step: every
// YAML key has a documented property, and exactly the non-omitempty fields
// are required.
func TestSchemaMatchesTypes(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(Schema(), &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	types := map[reflect.Type]map[string]any{reflect.TypeFor[List](): schema}
	for typ, def := range map[reflect.Type]string{
		reflect.TypeFor[Source](): "source", reflect.TypeFor[Link](): "link",
		reflect.TypeFor[Profile](): "profile", reflect.TypeFor[Regime](): "regime",
		reflect.TypeFor[Obligation](): "obligation", reflect.TypeFor[Entity](): "entity",
		reflect.TypeFor[Name](): "name", reflect.TypeFor[Domain](): "domain",
		reflect.TypeFor[PURLRule](): "purlRule", reflect.TypeFor[Identifier](): "identifier",
		reflect.TypeFor[PackageRule](): "packageRule", reflect.TypeFor[Product](): "product",
		reflect.TypeFor[FalsePositive](): "falsePositive", reflect.TypeFor[Condition](): "condition",
		reflect.TypeFor[PathRule](): "pathRule",
	} {
		types[typ] = defs[def].(map[string]any)
	}
	for typ, def := range types {
		t.Run(typ.Name(), func(t *testing.T) {
			if def["additionalProperties"] != false {
				t.Error("additionalProperties is not false")
			}
			props := def["properties"].(map[string]any)
			var keys, required []string
			for f := range typ.Fields() {
				tag := f.Tag.Get("yaml")
				name, opts, _ := strings.Cut(tag, ",")
				if !f.IsExported() || name == "-" {
					continue
				}
				keys = append(keys, name)
				if opts != "omitempty" {
					required = append(required, name)
				}
				if !documented(defs, props[name]) {
					t.Errorf("property %q has no description", name)
				}
			}
			if got := sortedKeys(props); !slices.Equal(got, sorted(keys)) {
				t.Errorf("schema properties %v, want %v", got, sorted(keys))
			}
			if got := fmt.Sprint(sorted(anyStrings(def["required"]))); got != fmt.Sprint(sorted(required)) {
				t.Errorf("schema requires %v, want %v", got, sorted(required))
			}
		})
	}
}

// documented reports whether a property has a description, directly or
// through the definition it refers to.
func documented(defs map[string]any, prop any) bool {
	p, ok := prop.(map[string]any)
	if !ok {
		return false
	}
	if d, _ := p["description"].(string); d != "" {
		return true
	}
	ref, _ := p["$ref"].(string)
	def, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
	if !ok {
		return false
	}
	d, _ := def["description"].(string)
	return d != ""
}

func sortedKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return sorted(out)
}

func anyStrings(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
