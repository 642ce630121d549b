package vendorlists

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Bytes returns the list file exactly as it was read, whose SHA-256 is
// l.SHA256 (the digest every report prints); nil for a list not read from
// a file.
func (l *List) Bytes() []byte {
	return bytes.Clone(l.raw)
}

// Export writes l as YAML that Parse reads back to an equal list.
func Export(l *List) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(l); err != nil {
		return nil, fmt.Errorf("export vendor list %q: %w", l.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("export vendor list %q: %w", l.ID, err)
	}
	return b.Bytes(), nil
}
