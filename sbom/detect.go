package sbom

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Detect names the SBOM format of data from its content alone. data must
// already be UTF-8 and decompressed (Read takes care of both).
func Detect(data []byte) (Format, error) {
	return detect(data, true)
}

// detect names the format of data, which is the whole input when complete
// is true and otherwise a prefix of it (Decode sniffs the first 64 KiB).
// From a prefix the answer may be a guess from the keys seen so far; the
// decoders confirm it as they read the rest.
func detect(data []byte, complete bool) (Format, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		if !complete {
			return FormatUnknown, fmt.Errorf("%w: the first %d bytes are blank", ErrNotSBOM, len(data))
		}
		return FormatUnknown, fmt.Errorf("%w: the input is empty", ErrNotSBOM)
	}
	switch trimmed[0] {
	case '{':
		f, err := detectJSON(trimmed, complete)
		var pe *jsonPrefixError
		if errors.As(err, &pe) {
			// Tell the place as a line and column of the input.
			lead := data[:len(data)-len(trimmed)]
			pos := within(position{line: 1 + bytes.Count(lead, []byte{'\n'}), col: len(lead) - bytes.LastIndexByte(lead, '\n')}, trimmed, int(pe.off))
			err = fmt.Errorf("%w: invalid JSON at byte offset %d (line %d, column %d): %w", ErrMalformed, int64(len(lead))+pe.off, pos.line, pos.col, pe.err)
		}
		return f, err
	case '[':
		return FormatUnknown, fmt.Errorf("%w: a JSON array, not an SBOM document", ErrNotSBOM)
	case '<':
		return detectXML(trimmed, complete)
	}
	if isBinary(trimmed) {
		return FormatUnknown, fmt.Errorf("%w: binary content", ErrNotSBOM)
	}
	return detectText(trimmed, complete)
}

// sniff is what detection learnt from a prefix of the input, parsed once
// for its syntax, for the decoders' identify functions to judge.
type sniff struct {
	syntax syntax
	data   []byte // the prefix, from its first non-blank byte
	// complete is true when data is the whole input (for JSON: when the
	// top-level keys were read to the end).
	complete bool
	json     jsonKeys // the top-level keys of a JSON object
	xmlRoot  xml.Name // the root element of XML
	// spdxLine is the first line of text that declares an SPDX version
	// ("SPDXVersion:", "spdxVersion:" or "Document:"), trimmed.
	spdxLine string
}

// jsonKeys are the top-level facts that tell JSON SBOM formats apart.
type jsonKeys struct {
	bomFormat, spdxVersion, context, schema string
	hasBOMFormat, hasSpecVersion            bool
	// The declaring keys as written (raw JSON), to tell a broken SBOM from
	// a file that is no SBOM at all.
	rawBOMFormat, rawSPDXVersion, rawSpecVersion string
	hasComponents, hasMetadata                   bool
	hasArtifacts, hasDescriptor                  bool
	// open is the key whose value the prefix cut off, if any.
	open string
}

// guess is how surely a prefix that ended inside the value of one of
// names is of the format that uses those names: a huge components,
// packages, artifacts or @graph array decides when nothing else has.
func (s *sniff) guess(names ...string) certainty {
	if s.complete || s.json.hasBOMFormat {
		return notThis
	}
	for _, n := range names {
		if s.json.open == n {
			return guessed
		}
	}
	return notThis
}

var errNotJSONSBOM = fmt.Errorf("%w: JSON without bomFormat, spdxVersion, an SPDX 3 @context or syft's artifacts", ErrNotSBOM)

// detectJSON walks only the top-level keys, skipping values, so that it
// never depends on key order.
func detectJSON(data []byte, complete bool) (Format, error) {
	k, err := scanJSONKeys(data)
	partial := err != nil && !complete && errors.Is(err, io.ErrUnexpectedEOF)
	if err != nil && !partial {
		return FormatUnknown, err
	}
	if err := k.invalid(); err != nil {
		return FormatUnknown, err
	}
	if f := identify(&sniff{syntax: syntaxJSON, data: data, complete: !partial, json: k}); f != FormatUnknown {
		return f, nil
	}
	if partial {
		return FormatUnknown, fmt.Errorf("%w in the first %d bytes", errNotJSONSBOM, len(data))
	}
	return FormatUnknown, errNotJSONSBOM
}

func scanJSONKeys(data []byte) (jsonKeys, error) {
	var k jsonKeys
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return k, jsonError(err, dec)
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return k, jsonError(err, dec)
		}
		k.open = name.String()
		if err := k.take(k.open, dec); err != nil {
			return k, jsonError(err, dec)
		}
		k.open = ""
	}
	return k, nil
}

func (k *jsonKeys) take(name string, dec *jsontext.Decoder) error {
	switch name {
	case "bomFormat":
		k.hasBOMFormat = true
		return readDeclared(dec, &k.bomFormat, &k.rawBOMFormat)
	case "spdxVersion":
		return readDeclared(dec, &k.spdxVersion, &k.rawSPDXVersion)
	case "$schema":
		return readString(dec, &k.schema)
	case "@context":
		v, err := dec.ReadValue()
		k.context = string(v)
		return err
	case "specVersion":
		k.hasSpecVersion = true
		var v string
		return readDeclared(dec, &v, &k.rawSpecVersion)
	case "components":
		k.hasComponents = true
	case "metadata":
		k.hasMetadata = true
	case "artifacts":
		k.hasArtifacts = true
	case "descriptor", "schema":
		k.hasDescriptor = true
	}
	return dec.SkipValue()
}

// readDeclared reads a value that should be a string: dst gets the
// string, raw the value as written (whatever its type).
func readDeclared(dec *jsontext.Decoder, dst, raw *string) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	*raw = string(v)
	if v.Kind() == '"' {
		if b, err := jsontext.AppendUnquote(nil, v); err == nil {
			*dst = string(b)
		}
	}
	return nil
}

func readString(dec *jsontext.Decoder, dst *string) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() == '"' {
		*dst = tok.String()
	}
	return nil
}

func jsonError(err error, dec *jsontext.Decoder) error {
	if err == nil {
		return fmt.Errorf("%w: the JSON top level is not an object", ErrNotSBOM)
	}
	return &jsonPrefixError{off: dec.InputOffset(), err: err}
}

// jsonPrefixError is broken JSON in the prefix that detection reads, at
// byte offset off of it; detect tells the place.
type jsonPrefixError struct {
	off int64
	err error
}

func (e *jsonPrefixError) Error() string {
	return fmt.Sprintf("%v: invalid JSON at byte offset %d: %v", ErrMalformed, e.off, e.err)
}

func (e *jsonPrefixError) Unwrap() []error { return []error{ErrMalformed, e.err} }

// detectXML reads up to the root element.
func detectXML(data []byte, complete bool) (Format, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.Entity = map[string]string{}
	for {
		tok, err := dec.Token()
		if err != nil {
			return FormatUnknown, fmt.Errorf("%w: invalid XML at byte offset %d: %w", ErrMalformed, dec.InputOffset(), err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if f := identify(&sniff{syntax: syntaxXML, data: data, complete: complete, xmlRoot: se.Name}); f != FormatUnknown {
			return f, nil
		}
		if se.Name.Local == "bom" {
			return FormatUnknown, fmt.Errorf("%w: <bom> root element without a CycloneDX namespace: xmlns holds %q, want http://cyclonedx.org/schema/bom/1.x", ErrInvalidSBOM, se.Name.Space)
		}
		return FormatUnknown, fmt.Errorf("%w: XML root element <%s> is neither a CycloneDX bom nor SPDX RDF", ErrNotSBOM, se.Name.Local)
	}
}

// detectText finds the line that declares the SPDX version in the first
// 200 lines, for the text formats (tag-value, YAML) to judge.
func detectText(data []byte, complete bool) (Format, error) {
	s := &sniff{syntax: syntaxText, data: data, complete: complete}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 0; sc.Scan() && n < 200; n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "SPDXVersion:") || strings.HasPrefix(line, "spdxVersion:") || line == "Document:" {
			s.spdxLine = line
			break
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) && s.spdxLine == "" {
		return FormatUnknown, fmt.Errorf("%w: %w", ErrNotSBOM, err)
	}
	if f := identify(s); f != FormatUnknown {
		return f, nil
	}
	return FormatUnknown, fmt.Errorf("%w: text without SPDXVersion (tag-value) or spdxVersion (YAML)", ErrNotSBOM)
}

// isBinary reports NUL bytes or mostly non-text in the first kilobytes.
func isBinary(data []byte) bool {
	n := min(len(data), 8192)
	bad := 0
	for _, b := range data[:n] {
		if b == 0 {
			return true
		}
		if b < 0x09 || (b > 0x0d && b < 0x20) {
			bad++
		}
	}
	return bad*10 > n
}
