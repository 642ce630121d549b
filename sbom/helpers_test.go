package sbom

import (
	"bytes"
	"fmt"
	"io"
)

// toUTF8 transcodes and cleans data in memory as Decode does as a stream,
// for tests that hand the same text to a reference decoder.
func toUTF8(data []byte) ([]byte, []string, error) {
	bufs := getBuffers()
	defer putBuffers(bufs)
	br, _, err := utf8Reader(bytes.NewReader(data), bufs)
	if err != nil {
		return nil, nil, err
	}
	out, err := io.ReadAll(br)
	if err != nil {
		return nil, nil, fmt.Errorf("decode UTF-16: %w", err)
	}
	return out, nil, nil
}

func newCleanReader(r io.Reader) *cleanReader {
	return &cleanReader{r: r, buf: make([]byte, 64<<10)}
}

// warnf is how the reference decoders add a bounded warning.
func (s *spdxDoc) warnf(format string, args ...any) {
	s.Warnings = addWarning(s.Warnings, fmt.Sprintf(format, args...))
}
