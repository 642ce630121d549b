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
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return FormatUnknown, fmt.Errorf("%w: the input is empty", ErrNotSBOM)
	}
	switch trimmed[0] {
	case '{':
		return detectJSON(trimmed)
	case '<':
		return detectXML(trimmed)
	}
	if isBinary(trimmed) {
		return FormatUnknown, fmt.Errorf("%w: binary content", ErrNotSBOM)
	}
	return detectText(trimmed)
}

// jsonKeys are the top-level facts that tell JSON SBOM formats apart.
type jsonKeys struct {
	bomFormat, spdxVersion, context string
	hasSpecVersion, hasComponents   bool
	hasArtifacts, hasDescriptor     bool
	hasGraph                        bool
}

// detectJSON walks only the top-level keys, skipping values, so that it
// never depends on key order or on a prefix of the file.
func detectJSON(data []byte) (Format, error) {
	k, err := scanJSONKeys(data)
	if err != nil {
		return FormatUnknown, err
	}
	switch {
	case strings.EqualFold(k.bomFormat, "CycloneDX"):
		return FormatCycloneDXJSON, nil
	case k.spdxVersion != "":
		return FormatSPDXJSON, nil
	case strings.Contains(k.context, "spdx.org/rdf/3"):
		return FormatSPDX3JSON, nil
	case k.hasArtifacts && k.hasDescriptor:
		return FormatSyftJSON, nil
	case k.bomFormat == "" && k.hasSpecVersion && k.hasComponents:
		return FormatCycloneDXJSON, nil
	}
	return FormatUnknown, fmt.Errorf("%w: JSON without bomFormat, spdxVersion, an SPDX 3 @context or syft's artifacts", ErrNotSBOM)
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
		if err := k.take(name.String(), dec); err != nil {
			return k, jsonError(err, dec)
		}
	}
	return k, nil
}

func (k *jsonKeys) take(name string, dec *jsontext.Decoder) error {
	switch name {
	case "bomFormat":
		return readString(dec, &k.bomFormat)
	case "spdxVersion":
		return readString(dec, &k.spdxVersion)
	case "@context":
		v, err := dec.ReadValue()
		k.context = string(v)
		return err
	case "specVersion":
		k.hasSpecVersion = true
	case "components":
		k.hasComponents = true
	case "artifacts":
		k.hasArtifacts = true
	case "descriptor", "schema":
		k.hasDescriptor = true
	case "@graph":
		k.hasGraph = true
	}
	return dec.SkipValue()
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
		err = errors.New("top level is not an object")
	}
	return fmt.Errorf("%w: invalid JSON at byte offset %d: %w", ErrNotSBOM, dec.InputOffset(), err)
}

// detectXML reads up to the root element.
func detectXML(data []byte) (Format, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.Entity = map[string]string{}
	for {
		tok, err := dec.Token()
		if err != nil {
			return FormatUnknown, fmt.Errorf("%w: invalid XML at byte offset %d: %w", ErrNotSBOM, dec.InputOffset(), err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case se.Name.Local == "bom" && strings.HasPrefix(se.Name.Space, "http://cyclonedx.org/schema/bom"):
			return FormatCycloneDXXML, nil
		case se.Name.Local == "bom":
			return FormatUnknown, fmt.Errorf("%w: <bom> element without a CycloneDX namespace (%q)", ErrNotSBOM, se.Name.Space)
		case se.Name.Local == "RDF" && bytes.Contains(data, []byte("spdx.org/rdf/terms")):
			return FormatSPDXRDF, nil
		}
		return FormatUnknown, fmt.Errorf("%w: XML root element <%s> is neither a CycloneDX bom nor SPDX RDF", ErrNotSBOM, se.Name.Local)
	}
}

// detectText tells SPDX tag-value from SPDX YAML by their first keys.
func detectText(data []byte) (Format, error) {
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
