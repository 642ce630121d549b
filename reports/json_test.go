package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestJSONMatchesSchema(t *testing.T) {
	for name, m := range map[string]*Model{
		"fixture": fixtureModel(),
		"empty":   NewModel(nil, Options{GeneratedAt: fixtureGenerated}),
	} {
		t.Run(name, func(t *testing.T) {
			if name == "empty" {
				m.AsOf = "2025-06-10" // the CLI always sets as-of
			}
			if err := validateReport(render(t, FormatJSON, m, RenderOptions{})); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestSchemaFileIsTheEmbeddedOne keeps the documented schema and the one
// ReadJSON enforces the same file.
func TestSchemaFileIsTheEmbeddedOne(t *testing.T) {
	onDisk, err := os.ReadFile("schema/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, ReportSchema()) {
		t.Fatal("ReportSchema() differs from schema/report.schema.json")
	}
	if _, err := compileSchema("meta", onDisk); err != nil {
		t.Fatal(err)
	}
}

// TestSchemaIsStrict: the schema must reject what the model cannot hold,
// or it documents nothing.
func TestSchemaIsStrict(t *testing.T) {
	good := render(t, FormatJSON, fixtureModel(), RenderOptions{})
	cases := map[string]func(map[string]any){
		"unknown top-level field": func(d map[string]any) { d["extra"] = 1 },
		"null findings":           func(d map[string]any) { d["findings"] = nil },
		"missing summary":         func(d map[string]any) { delete(d, "summary") },
		"bad verdict": func(d map[string]any) {
			d["findings"].([]any)[0].(map[string]any)["verdict"] = "bad"
		},
		"unknown finding field": func(d map[string]any) {
			d["findings"].([]any)[0].(map[string]any)["severity"] = "high"
		},
		"bad date": func(d map[string]any) { d["asOf"] = "10/06/2025" },
		"bad sha256": func(d map[string]any) {
			d["lists"].([]any)[0].(map[string]any)["sha256"] = "XYZ"
		},
		"bad generatedAt": func(d map[string]any) { d["generatedAt"] = "yesterday" },
		"missing vendors": func(d map[string]any) { delete(d, "vendors") },
		"null vendors":    func(d map[string]any) { d["vendors"] = nil },
		"unknown vendor field": func(d map[string]any) {
			d["vendors"].([]any)[0].(map[string]any)["country"] = "XX"
		},
		"empty vendor name": func(d map[string]any) {
			d["vendors"].([]any)[0].(map[string]any)["vendor"] = ""
		},
		"bad product outcome": func(d map[string]any) {
			d["vendors"].([]any)[0].(map[string]any)["products"].([]any)[0].(map[string]any)["outcome"] = "maybe"
		},
		"missing input vendor": func(d map[string]any) {
			delete(d["inputs"].([]any)[0].(map[string]any), "vendor")
		},
		"missing finding product": func(d map[string]any) {
			delete(d["findings"].([]any)[0].(map[string]any), "product")
		},
		"missing originalVerdict": func(d map[string]any) {
			delete(d["findings"].([]any)[3].(map[string]any), "originalVerdict")
		},
		"originalVerdict on an unsuppressed finding": func(d map[string]any) {
			d["findings"].([]any)[0].(map[string]any)["originalVerdict"] = "review"
		},
		"suppressed originalVerdict": func(d map[string]any) {
			d["findings"].([]any)[3].(map[string]any)["originalVerdict"] = "waived"
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(good, &doc); err != nil {
				t.Fatal(err)
			}
			mutate(doc)
			bad, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateReport(bad); err == nil {
				t.Fatal("schema accepted an invalid report")
			}
			if _, err := ReadJSON(bytes.NewReader(bad)); err == nil {
				t.Fatal("ReadJSON accepted an invalid report")
			}
		})
	}
}

func TestReadJSONRoundTrip(t *testing.T) {
	m := fixtureModel()
	first := render(t, FormatJSON, m, RenderOptions{})
	back, err := ReadJSON(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, back) {
		t.Errorf("model read back differs:\nwant %+v\n got %+v", m, back)
	}
	for _, info := range Formats() {
		if a, b := render(t, info.Name, m, RenderOptions{}), render(t, info.Name, back, RenderOptions{}); !bytes.Equal(a, b) {
			t.Errorf("%s: the model read back renders differently", info.Name)
		}
	}
	if back.Findings[3].OriginalVerdict != "prohibited" || back.Vendors[1].Products[1].Product != "payments-app" {
		t.Errorf("original verdict or vendor view lost: %+v %+v", back.Findings[3], back.Vendors)
	}
	// Hostile strings are data, and JSON is the faithful format.
	if back.Findings[1].Component.Name != hostileFormula {
		t.Errorf("component name = %q, want %q", back.Findings[1].Component.Name, hostileFormula)
	}
}

func TestReadJSONErrors(t *testing.T) {
	cases := map[string]struct{ doc, want string }{
		"not json":       {`{`, "decode report"},
		"no version":     {`{"findings":[]}`, "no schemaVersion"},
		"future version": {`{"schemaVersion":"4"}`, `schemaVersion "4" is not supported`},
		"older version":  {`{"schemaVersion":"2","findings":[]}`, `schemaVersion "2" is not supported: this embargo reads schemaVersion "3" only`},
		"sarif":          {`{"version":"2.1.0","runs":[]}`, "no schemaVersion"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(c.doc))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestJSONNeverNull walks the rendered report: no value anywhere is null.
func TestJSONNeverNull(t *testing.T) {
	for name, m := range map[string]*Model{"fixture": fixtureModel(), "empty": NewModel(nil, Options{})} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, FormatJSON, m, RenderOptions{})))
		if err != nil {
			t.Fatal(err)
		}
		if path, ok := findNull(doc, ""); ok {
			t.Errorf("%s: null at %s", name, path)
		}
	}
}

func findNull(v any, path string) (string, bool) {
	switch v := v.(type) {
	case nil:
		return path, true
	case map[string]any:
		for k, x := range v {
			if p, ok := findNull(x, path+"/"+k); ok {
				return p, true
			}
		}
	case []any:
		for i, x := range v {
			if p, ok := findNull(x, path+"/"+string(rune('0'+i))); ok {
				return p, true
			}
		}
	}
	return "", false
}

func decodeAny(t *testing.T, data []byte) any {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
