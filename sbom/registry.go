package sbom

import (
	"bufio"
	"fmt"
	"io"
)

// decoder is one SBOM format: how to recognise it from the first bytes of
// an input and how to decode it. Each format defines its decoder in its
// own file; decoders lists them. Adding a format is a new file with a
// decoder and one line in decoders (plus, for the tests, a fixture, a
// reference or a reason there is none, and a benchmark input: the tests
// that take their list from Formats fail until those exist).
type decoder struct {
	format Format
	// syntax is what the input must look like for identify to be asked:
	// detection parses the prefix once per syntax (sniff).
	syntax syntax
	// identify says how surely the sniffed prefix is this format.
	identify func(s *sniff) certainty
	// decode reads the input; visit gets each component, in order.
	decode func(in *input, visit func(*Component) error) (*Document, error)
}

// decoders are every format embargo reads. Within one syntax, the order
// breaks ties between formats that identify the prefix equally surely.
// They are listed in init because a decoder that reads its input whole
// re-runs detection, which consults the list.
var decoders []*decoder

func init() {
	decoders = []*decoder{
		&cdxJSONDecoder,
		&spdxJSONDecoder,
		&spdx3Decoder,
		&syftJSONDecoder,
		&cdxXMLDecoder,
		&spdxRDFDecoder,
		&spdxTagValueDecoder,
		&spdxYAMLDecoder,
	}
}

// Formats lists every format embargo reads, in the registry's order.
func Formats() []Format {
	out := make([]Format, len(decoders))
	for i, d := range decoders {
		out[i] = d.format
	}
	return out
}

func decoderFor(f Format) *decoder {
	for _, d := range decoders {
		if d.format == f {
			return d
		}
	}
	return nil
}

// syntax is the surface form of an input, decided by its first byte.
type syntax uint8

const (
	syntaxJSON syntax = iota + 1 // an object
	syntaxXML                    // an element
	syntaxText                   // lines of text
)

// certainty ranks how a format was recognised: detection takes the first
// decoder (in registry order) at the highest certainty any decoder claims.
type certainty uint8

const (
	notThis certainty = iota
	// guessed from a prefix that ended inside a large array whose name
	// only this format uses; the decoder confirms it on the whole input.
	guessed
	// inferred from keys this format has but does not declare by.
	inferred
	// declared: the input names its format (bomFormat, spdxVersion,
	// @context, a namespace, syft's descriptor).
	declared
)

// identify names the format that the sniffed prefix shows, or "" when no
// decoder claims it.
func identify(s *sniff) Format {
	for _, level := range [...]certainty{declared, inferred, guessed} {
		for _, d := range decoders {
			if d.syntax == s.syntax && d.identify(s) == level {
				return d.format
			}
		}
	}
	return FormatUnknown
}

// input is a detected SBOM as its decoder gets it: UTF-8, decompressed,
// without the blank blocks before the content.
type input struct {
	format Format
	r      *bufio.Reader
	// skippedLines is the number of lines in the blank blocks skipped
	// before r, for line numbers.
	skippedLines int
	opts         Options
	squeezeBuf   []byte
	sq           *squeezeReader // made by stream
}

// stream is the input with long runs of white space shortened (see
// squeezeReader): what the JSON and XML decoders read.
func (in *input) stream() io.Reader {
	if in.sq == nil {
		in.sq = newSqueezeReader(in.r, in.squeezeBuf)
		in.sq.firstLine = in.skippedLines
	}
	return in.sq
}

// lines is the input as it is, for decoders that read lines, with the
// number of lines before its first.
func (in *input) lines() (*bufio.Reader, int) {
	return in.r, in.skippedLines
}

// whole reads all of the input, for the formats decoded from memory, and
// checks that detection, which saw only a prefix, holds for all of it.
func (in *input) whole() ([]byte, error) {
	data, err := io.ReadAll(in.stream())
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if full, err := detect(data, true); err != nil {
		return nil, err
	} else if full != in.format {
		return nil, fmt.Errorf("%w: the first %d bytes look like %s, the whole input like %s", ErrNotSBOM, sniffSize, in.format, full)
	}
	return data, nil
}

// decodeWhole is the decode of a format that is read whole and decoded
// in memory by fn; the components are then visited as a streaming
// decoder would.
func decodeWhole(fn func(data []byte, opts Options) (*Document, error)) func(*input, func(*Component) error) (*Document, error) {
	return func(in *input, visit func(*Component) error) (*Document, error) {
		data, err := in.whole()
		if err != nil {
			return nil, err
		}
		d, err := fn(data, in.opts)
		if err != nil {
			return nil, err
		}
		return emitAll(d, visit)
	}
}

// emitAll visits the components of a document decoded in memory and
// leaves only their count, as the streaming decoders do.
func emitAll(d *Document, visit func(*Component) error) (*Document, error) {
	for i := range d.Components {
		if err := visit(&d.Components[i]); err != nil {
			return nil, err
		}
	}
	d.ComponentCount = len(d.Components)
	d.Components = nil
	return d, nil
}
