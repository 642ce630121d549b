package sbom

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// DefaultMaxBytes bounds an input after decompression.
const DefaultMaxBytes = 1 << 30

// Options bound what a decoder accepts.
type Options struct {
	// MaxBytes is the largest input accepted after decompression; 0 means
	// DefaultMaxBytes.
	MaxBytes int64
}

// ErrTooLarge is returned when an input exceeds Options.MaxBytes.
var ErrTooLarge = errors.New("input exceeds the size limit")

// ErrNotSBOM is returned when the content is no SBOM format embargo knows.
var ErrNotSBOM = errors.New("not a recognised SBOM")

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// ReadFile opens and decodes one SBOM file.
func ReadFile(path string, opts Options) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f, opts)
}

// Read decodes one SBOM. path names the input in the Document and in
// errors; the format is detected from the content, never from the name.
func Read(path string, r io.Reader, opts Options) (*Document, error) {
	raw, err := readLimited(r, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	data, err := decompress(raw, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	data, warnings, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	format, err := Detect(data)
	if err != nil {
		return nil, err
	}
	doc, err := decode(format, data)
	if err != nil {
		return nil, err
	}
	doc.Path = path
	doc.SHA256 = hex.EncodeToString(sum[:])
	doc.Format = format
	doc.Warnings = append(warnings, doc.Warnings...)
	return doc, nil
}

// decode dispatches to the format's decoder. A panic in a decoder (ours or
// a library's) must not take down a batch: it becomes this input's error.
func decode(f Format, data []byte) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("internal error decoding %s, please report it: %v", f, r)
		}
	}()
	switch f {
	case FormatCycloneDXJSON:
		return decodeCycloneDX(data, false)
	case FormatCycloneDXXML:
		return decodeCycloneDX(data, true)
	case FormatSPDXJSON:
		return decodeSPDXJSON(data, false)
	case FormatSPDXYAML:
		return decodeSPDXJSON(data, true)
	case FormatSPDXTagValue:
		return decodeSPDXTagValue(data)
	case FormatSPDXRDF:
		return decodeSPDXRDF(data)
	case FormatSPDX3JSON:
		return decodeSPDX3(data)
	case FormatSyftJSON:
		return decodeSyftJSON(data)
	}
	return nil, ErrNotSBOM
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w of %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

// decompress inflates gzip input, stopping at the size limit so that a
// gzip bomb fails early instead of filling memory.
func decompress(data []byte, limit int64) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("%w of %d bytes after decompression", ErrTooLarge, limit)
	}
	return out, nil
}

// toUTF8 removes a UTF-8 byte-order mark and transcodes UTF-16 (with a BOM,
// or recognised by its zero bytes) to UTF-8.
func toUTF8(data []byte) ([]byte, []string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), looksUTF16(data, false):
		return fromUTF16(data, unicode.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), looksUTF16(data, true):
		return fromUTF16(data, unicode.BigEndian)
	}
	return data, nil, nil
}

// looksUTF16 spots BOM-less UTF-16 by an ASCII first character whose other
// byte is zero.
func looksUTF16(data []byte, bigEndian bool) bool {
	if len(data) < 4 {
		return false
	}
	if bigEndian {
		return data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0
	}
	return data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0
}

func fromUTF16(data []byte, e unicode.Endianness) ([]byte, []string, error) {
	dec := unicode.UTF16(e, unicode.UseBOM).NewDecoder()
	out, err := dec.Bytes(data)
	if err != nil {
		return nil, nil, fmt.Errorf("decode UTF-16: %w", err)
	}
	if !utf8.Valid(out) {
		return nil, nil, errors.New("decode UTF-16: invalid text")
	}
	return out, nil, nil
}
