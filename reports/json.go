package reports

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// reportSchema documents the JSON report; ReadJSON validates against it.
//
//go:embed schema/report.schema.json
var reportSchema string

// ReportSchema returns the JSON Schema (draft 2020-12) of the JSON report.
func ReportSchema() []byte {
	return []byte(reportSchema)
}

// renderJSON writes the model as indented JSON. HTML-significant characters
// stay escaped (\u003c) so the report is safe to paste into a web page.
func renderJSON(w io.Writer, m *Model, _ RenderOptions) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// ReadJSON reads a JSON report back, as `embargo merge` and --baseline do.
// The document must match the report schema exactly, so a hand-edited or
// foreign file is rejected with the schema's reasons rather than half-read.
// The derived parts (summary, per-input counts, vendors) are recomputed
// from the inputs and findings, as NewModel computes them.
func ReadJSON(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if err := checkSchemaVersion(data); err != nil {
		return nil, err
	}
	if err := validateReport(data); err != nil {
		return nil, err
	}
	var m Model
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode report: %w", err)
	}
	m.normalise()
	return &m, nil
}

// checkSchemaVersion gives a clear error for a report from another version
// before the schema gives a confusing one.
func checkSchemaVersion(data []byte) error {
	var head struct {
		SchemaVersion *string `json:"schemaVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("decode report: %w", err)
	}
	switch {
	case head.SchemaVersion == nil:
		return errors.New("not an embargo JSON report: no schemaVersion")
	case *head.SchemaVersion != SchemaVersion:
		return fmt.Errorf("report schemaVersion %q is not supported: this embargo reads schemaVersion %q only; rerun the audit with this version of embargo to get a report it can read", *head.SchemaVersion, SchemaVersion)
	}
	return nil
}

func validateReport(data []byte) error {
	sch, err := compileSchema("report.schema.json", []byte(reportSchema))
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("decode report: %w", err)
	}
	if err := sch.Validate(doc); err != nil {
		return fmt.Errorf("report does not match its schema: %w", err)
	}
	return nil
}

// compileSchema compiles one self-contained schema with format assertions
// on, so date-time and the like are checked rather than only annotated.
func compileSchema(name string, schema []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(name, doc); err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	sch, err := c.Compile(name)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	return sch, nil
}
