package sbom

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// jsonOpts read JSON as leniently as encoding/json does, which the
// reference decoders use: duplicate names (the last wins), invalid UTF-8
// (replaced) and names in any case.
var jsonOpts = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
)

func newJSONDecoder(r io.Reader) *jsontext.Decoder {
	return jsontext.NewDecoder(r, jsonOpts)
}

// jsonAt wraps a decoding error with where it happened.
func jsonAt(dec *jsontext.Decoder, what string, err error) error {
	return fmt.Errorf("%s at byte offset %d (%s): %w", what, dec.InputOffset(), dec.StackPointer(), err)
}

// forEachMember calls fn with each member name of the object that is the
// next value, positioned at the member's value; fn must consume it.
func forEachMember(dec *jsontext.Decoder, fn func(name string) error) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '{' {
		return fmt.Errorf("expected an object, found %s", kindName(tok.Kind()))
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if err := fn(name.String()); err != nil {
			return err
		}
	}
	_, err = dec.ReadToken()
	return err
}

// forEachElement calls fn with the index of each element of the array
// that is the next value, positioned at the element; fn must consume it.
// A null counts as an empty array; present reports whether it was an array.
func forEachElement(dec *jsontext.Decoder, fn func(i int) error) (present bool, err error) {
	if dec.PeekKind() == 'n' {
		_, err := dec.ReadToken()
		return false, err
	}
	tok, err := dec.ReadToken()
	if err != nil {
		return false, err
	}
	if tok.Kind() != '[' {
		return false, fmt.Errorf("expected an array, found %s", kindName(tok.Kind()))
	}
	for i := 0; dec.PeekKind() != ']'; i++ {
		if err := fn(i); err != nil {
			return true, err
		}
	}
	_, err = dec.ReadToken()
	return true, err
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "the end of the input"
}

// jsonString reads a string value; null reads as "".
func jsonString(dec *jsontext.Decoder) (string, error) {
	tok, err := dec.ReadToken()
	if err != nil {
		return "", err
	}
	switch tok.Kind() {
	case '"':
		return tok.String(), nil
	case 'n':
		return "", nil
	}
	return "", fmt.Errorf("expected a string, found %s", kindName(tok.Kind()))
}

// jsonEnd checks that nothing but white space follows the top-level value.
func jsonEnd(dec *jsontext.Decoder) error {
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("unexpected data after the top-level value")
		}
		return jsonAt(dec, "invalid JSON", err)
	}
	return nil
}

// decodeCycloneDXJSON streams a CycloneDX JSON BOM: one top-level
// component at a time is decoded into a cdxComp, checked, flattened and
// visited.
func decodeCycloneDXJSON(r io.Reader, visit func(*Component) error) (*Document, error) {
	dec := newJSONDecoder(r)
	s := newCDXState(false, visit)
	var bomFormat, schema string
	hasBOMFormat, hasSpecVersion := false, false
	err := forEachMember(dec, func(name string) error {
		var err error
		switch name {
		case "bomFormat":
			hasBOMFormat = true
			bomFormat, err = jsonString(dec)
		case "$schema":
			schema, err = jsonString(dec)
		case "specVersion":
			var v string
			if v, err = jsonString(dec); err == nil {
				hasSpecVersion = true
				s.specVersion(v)
			}
		case "serialNumber":
			var v string
			if v, err = jsonString(dec); err == nil {
				s.serialNumber(v)
			}
		case "metadata":
			err = s.jsonMetadata(dec)
		case "components":
			s.hasComponents, err = forEachElement(dec, func(i int) error {
				var in cdxComp
				if err := json.UnmarshalDecode(dec, &in); err != nil {
					return err
				}
				return s.topComponent(&in, "/components/"+strconv.Itoa(i), "components["+strconv.Itoa(i)+"]", "", cdxWarnDedupComponents, true)
			})
		case "dependencies":
			_, err = forEachElement(dec, func(i int) error { return s.jsonDependency(dec, i) })
		case "vulnerabilities":
			_, err = forEachElement(dec, func(i int) error { return s.jsonVulnerability(dec, i) })
		default:
			err = dec.SkipValue()
		}
		return err
	})
	if err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return nil, ve.err
		}
		return nil, jsonAt(dec, "decode CycloneDX JSON", err)
	}
	if err := jsonEnd(dec); err != nil {
		return nil, fmt.Errorf("decode CycloneDX JSON: %w", err)
	}
	switch {
	case hasBOMFormat && !strings.EqualFold(bomFormat, "CycloneDX"):
		return nil, errNotCycloneDX(fmt.Sprintf("bomFormat is %q, not CycloneDX", bomFormat))
	case !hasBOMFormat && !(hasSpecVersion && (s.hasComponents || s.metadataSeen)) && !strings.Contains(strings.ToLower(schema), "cyclonedx.org/schema"):
		return nil, errNotJSONSBOM
	}
	if !hasSpecVersion {
		s.specVersion("")
	}
	return s.finish(), nil
}

// visitError carries an error from the caller's visit function through
// the decoders unchanged.
type visitError struct{ err error }

func (e *visitError) Error() string { return e.err.Error() }
func (e *visitError) Unwrap() error { return e.err }

// cdxMetadataJSON is metadata as written in JSON; tools is a legacy array
// or an object of components and services.
type cdxMetadataJSON struct {
	Timestamp    string         `json:"timestamp"`
	Tools        jsontext.Value `json:"tools"`
	Authors      []cdxContact   `json:"authors"`
	Component    *cdxComp       `json:"component"`
	Manufacture  *cdxOrg        `json:"manufacture"`
	Manufacturer *cdxOrg        `json:"manufacturer"`
	Supplier     *cdxOrg        `json:"supplier"`
}

func (s *cdxState) jsonMetadata(dec *jsontext.Decoder) error {
	if dec.PeekKind() == 'n' {
		return dec.SkipValue()
	}
	var m cdxMetadataJSON
	if err := json.UnmarshalDecode(dec, &m); err != nil {
		return err
	}
	out := cdxMetadata{
		Timestamp: m.Timestamp, Authors: m.Authors, Component: m.Component,
		Manufacture: m.Manufacture, Manufacturer: m.Manufacturer, Supplier: m.Supplier,
	}
	switch m.Tools.Kind() {
	case '[':
		var legacy []cdxTool
		if err := json.Unmarshal(m.Tools, &legacy, jsonOpts); err != nil {
			return fmt.Errorf("metadata.tools: %w", err)
		}
		out.Tools = toolNames(legacy, nil, nil)
	case '{':
		var choice struct {
			Components []cdxTool `json:"components"`
			Services   []cdxTool `json:"services"`
		}
		if err := json.Unmarshal(m.Tools, &choice, jsonOpts); err != nil {
			return fmt.Errorf("metadata.tools: %w", err)
		}
		out.Tools = toolNames(nil, choice.Components, choice.Services)
	}
	return s.metadata(&out)
}

func (s *cdxState) jsonDependency(dec *jsontext.Decoder, i int) error {
	var ref string
	var deps []string
	present := false
	err := forEachMember(dec, func(name string) error {
		switch name {
		case "ref":
			var err error
			ref, err = jsonString(dec)
			return err
		case "dependsOn":
			deps = deps[:0]
			var err error
			present, err = forEachElement(dec, func(int) error {
				v, err := jsonString(dec)
				deps = append(deps, v)
				return err
			})
			return err
		}
		return dec.SkipValue()
	})
	if err != nil {
		return err
	}
	s.dependency(i, ref, deps, present)
	return nil
}

func (s *cdxState) jsonVulnerability(dec *jsontext.Decoder, i int) error {
	var v struct {
		ID       string `json:"id"`
		Analysis *struct {
			State         string `json:"state"`
			Justification string `json:"justification"`
		} `json:"analysis"`
	}
	if err := json.UnmarshalDecode(dec, &v); err != nil {
		return err
	}
	if v.Analysis != nil {
		s.checkVulnerability(i, v.ID, v.Analysis.State, v.Analysis.Justification)
	}
	return nil
}
