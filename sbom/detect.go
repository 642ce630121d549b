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
		return detectJSON(trimmed, complete)
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

// format names the JSON SBOM format the keys show. With final false the
// keys come from a prefix, and the key being read when the prefix ended
// (a huge components, packages, artifacts or @graph array) decides when
// nothing else has.
func (k *jsonKeys) format(final bool) Format {
	switch {
	case strings.EqualFold(k.bomFormat, "CycloneDX"):
		return FormatCycloneDXJSON
	case k.spdxVersion != "":
		return FormatSPDXJSON
	case strings.Contains(k.context, "spdx.org/rdf/3"):
		return FormatSPDX3JSON
	case k.hasArtifacts && k.hasDescriptor:
		return FormatSyftJSON
	case !k.hasBOMFormat && k.hasSpecVersion && (k.hasComponents || k.hasMetadata):
		return FormatCycloneDXJSON
	case !k.hasBOMFormat && strings.Contains(strings.ToLower(k.schema), "cyclonedx.org/schema"):
		return FormatCycloneDXJSON
	case final || k.hasBOMFormat:
		return FormatUnknown
	}
	switch k.open {
	case "components", "metadata", "dependencies":
		return FormatCycloneDXJSON
	case "packages", "files", "relationships", "snippets":
		return FormatSPDXJSON
	case "artifacts", "artifactRelationships":
		return FormatSyftJSON
	case "@graph":
		return FormatSPDX3JSON
	}
	return FormatUnknown
}

var errNotJSONSBOM = fmt.Errorf("%w: JSON without bomFormat, spdxVersion, an SPDX 3 @context or syft's artifacts", ErrNotSBOM)

// detectJSON walks only the top-level keys, skipping values, so that it
// never depends on key order.
func detectJSON(data []byte, complete bool) (Format, error) {
	k, err := scanJSONKeys(data)
	if err != nil && !complete && errors.Is(err, io.ErrUnexpectedEOF) {
		if err := k.invalid(); err != nil {
			return FormatUnknown, err
		}
		if f := k.format(false); f != FormatUnknown {
			return f, nil
		}
		return FormatUnknown, fmt.Errorf("%w in the first %d bytes", errNotJSONSBOM, len(data))
	}
	if err != nil {
		return FormatUnknown, err
	}
	if err := k.invalid(); err != nil {
		return FormatUnknown, err
	}
	if f := k.format(true); f != FormatUnknown {
		return f, nil
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
	return fmt.Errorf("%w: invalid JSON at byte offset %d: %w", ErrMalformed, dec.InputOffset(), err)
}

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
		switch {
		case se.Name.Local == "bom" && strings.HasPrefix(se.Name.Space, "http://cyclonedx.org/schema/bom"):
			return FormatCycloneDXXML, nil
		case se.Name.Local == "bom":
			return FormatUnknown, fmt.Errorf("%w: <bom> root element without a CycloneDX namespace: xmlns holds %q, want http://cyclonedx.org/schema/bom/1.x", ErrInvalidSBOM, se.Name.Space)
		case se.Name.Local == "RDF" && (bytes.Contains(data, []byte("spdx.org/rdf/terms")) || !complete):
			return FormatSPDXRDF, nil
		}
		return FormatUnknown, fmt.Errorf("%w: XML root element <%s> is neither a CycloneDX bom nor SPDX RDF", ErrNotSBOM, se.Name.Local)
	}
}

// detectText tells SPDX tag-value from SPDX YAML by their first keys.
func detectText(data []byte, complete bool) (Format, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 0; sc.Scan() && n < 200; n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || line == "---" {
			continue
		}
		switch {
		case strings.HasPrefix(line, "SPDXVersion:"):
			return FormatSPDXTagValue, nil
		case strings.HasPrefix(line, "spdxVersion:"), line == "Document:":
			return FormatSPDXYAML, nil
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		return FormatUnknown, fmt.Errorf("%w: %w", ErrNotSBOM, err)
	}
	if yamlHasKey(data, "spdxVersion") {
		return FormatSPDXYAML, nil
	}
	if !complete {
		// A prefix of YAML whose spdxVersion comes later; read whole,
		// so the guess is checked on all of it.
		for _, key := range []string{"SPDXID", "documentNamespace", "creationInfo", "packages", "dataLicense"} {
			if yamlHasKey(data, key) {
				return FormatSPDXYAML, nil
			}
		}
	}
	return FormatUnknown, fmt.Errorf("%w: text without SPDXVersion (tag-value) or spdxVersion (YAML)", ErrNotSBOM)
}

// yamlHasKey finds an unindented "key:" line anywhere, for YAML whose
// spdxVersion comes after the first 200 lines.
func yamlHasKey(data []byte, key string) bool {
	return bytes.HasPrefix(data, []byte(key+":")) || bytes.Contains(data, []byte("\n"+key+":"))
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
