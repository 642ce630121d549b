package sbom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"sigs.k8s.io/yaml"
)

// spdxYAMLDecoder reads SPDX 2 YAML: whole, converted to JSON, then
// decoded as SPDX JSON.
var spdxYAMLDecoder = decoder{
	format: FormatSPDXYAML,
	syntax: syntaxText,
	identify: func(s *sniff) certainty {
		switch {
		case strings.HasPrefix(s.spdxLine, "spdxVersion:"), s.spdxLine == "Document:":
			return declared
		case yamlHasKey(s.data, "spdxVersion"):
			return inferred // after the first 200 lines
		case !s.complete:
			// A prefix of YAML whose spdxVersion comes later; read whole,
			// so the guess is checked on all of it.
			for _, key := range []string{"SPDXID", "documentNamespace", "creationInfo", "packages", "dataLicense"} {
				if yamlHasKey(s.data, key) {
					return guessed
				}
			}
		}
		return notThis
	},
	decode: func(in *input, visit func(*Component) error) (*Document, error) {
		data, err := in.whole()
		if err != nil {
			return nil, err
		}
		return decodeSPDXYAML(data, visit)
	},
}

// decodeSPDXYAML converts SPDX YAML to JSON in memory and decodes that.
func decodeSPDXYAML(data []byte, visit func(*Component) error) (*Document, error) {
	j, wrapped, err := spdxYAMLToJSON(data)
	if err != nil {
		return nil, fmt.Errorf("decode SPDX YAML: %w", err)
	}
	prefix := "/packages/"
	if wrapped {
		prefix = "/Document/packages/"
	}
	doc, err := decodeSPDXJSONStream(bytes.NewReader(j), prefix, true, visit)
	if err != nil {
		return nil, fmt.Errorf("decode SPDX YAML: %w", err)
	}
	return doc, nil
}

// spdxYAMLToJSON converts SPDX YAML to JSON, unwrapping the top-level
// "Document:" key that SPDX 2.1 YAML (tools-python 0.7) used.
func spdxYAMLToJSON(data []byte) ([]byte, bool, error) {
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, false, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(j, &top); err != nil {
		return nil, false, fmt.Errorf("top level is not a mapping")
	}
	if inner, ok := top["Document"]; ok && len(top) == 1 {
		return inner, true, nil
	}
	return j, false, nil
}

// yamlHasKey finds an unindented "key:" line anywhere, for YAML whose
// spdxVersion comes after the first 200 lines.
func yamlHasKey(data []byte, key string) bool {
	return bytes.HasPrefix(data, []byte(key+":")) || bytes.Contains(data, []byte("\n"+key+":"))
}
