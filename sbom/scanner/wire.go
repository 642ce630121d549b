package scanner

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/embargo-sbom/embargo/sbom"
)

// The wire format: embargo-scan writes one gob stream of frames to its
// standard output.
//
//	hello        protocol fingerprint and embargo-scan's version
//	status*      progress, only with --progress
//	document     the sbom.Document without its components
//	components*  the components, in order, at most batchSize per frame
//	end          the number of components sent
//
// or, when generation fails, hello then error. gob keeps every string byte
// for byte (JSON would replace invalid UTF-8, which file names and binary
// metadata can hold) and every exported field of the model; the one thing
// it does not keep, nil versus empty slices, means nothing in the model.
// A frame holds at most batchSize components, so neither side ever holds a
// second encoded copy of a large document.

const batchSize = 512

type frameKind uint8

const (
	kindHello frameKind = iota + 1
	kindStatus
	kindDocument
	kindComponents
	kindEnd
	kindError
)

type frame struct {
	Kind       frameKind
	Protocol   string // hello
	Version    string // hello
	Status     Status
	Document   *sbom.Document
	Components []sbom.Component
	Count      int    // end
	Error      string // error
}

// wireVersion changes whenever the framing changes; the model's shape is
// covered by Protocol().
const wireVersion = "1"

var protocol = sync.OnceValue(func() string {
	var b strings.Builder
	describe(&b, reflect.TypeFor[frame](), map[reflect.Type]bool{})
	sum := sha256.Sum256([]byte(wireVersion + "\n" + b.String()))
	return hex.EncodeToString(sum[:8])
})

// Protocol fingerprints the wire format: the framing version and the shape
// of every type sent (field names and types, recursively). A generator
// built from a different version of the model has a different one and is
// refused, so no field is ever silently dropped between the processes.
func Protocol() string { return protocol() }

func describe(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	switch t.Kind() {
	case reflect.Pointer:
		b.WriteString("*")
		describe(b, t.Elem(), seen)
	case reflect.Slice:
		b.WriteString("[]")
		describe(b, t.Elem(), seen)
	case reflect.Map:
		b.WriteString("map[")
		describe(b, t.Key(), seen)
		b.WriteString("]")
		describe(b, t.Elem(), seen)
	case reflect.Struct:
		b.WriteString(t.String())
		if seen[t] || t.PkgPath() == "time" {
			return
		}
		seen[t] = true
		b.WriteString("{")
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			b.WriteString(f.Name + " ")
			describe(b, f.Type, seen)
			b.WriteString(";")
		}
		b.WriteString("}")
	default:
		b.WriteString(t.String())
	}
}

// Writer is embargo-scan's end of the stream.
type Writer struct {
	mu  sync.Mutex
	enc *gob.Encoder
}

// NewWriter starts a stream on w with the hello frame.
func NewWriter(w io.Writer, version string) (*Writer, error) {
	sw := &Writer{enc: gob.NewEncoder(w)}
	if err := sw.send(frame{Kind: kindHello, Protocol: Protocol(), Version: version}); err != nil {
		return nil, err
	}
	return sw, nil
}

func (w *Writer) send(f frame) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.enc.Encode(&f); err != nil {
		return fmt.Errorf("write scan result: %w", err)
	}
	return nil
}

// Status sends a progress report; it is safe to call from any goroutine.
func (w *Writer) Status(s Status) error { return w.send(frame{Kind: kindStatus, Status: s}) }

// Error ends the stream with a failed generation.
func (w *Writer) Error(err error) error { return w.send(frame{Kind: kindError, Error: err.Error()}) }

// Document ends the stream with doc, its components in batches.
func (w *Writer) Document(doc *sbom.Document) error {
	head := *doc
	head.Components = nil
	if err := w.send(frame{Kind: kindDocument, Document: &head}); err != nil {
		return err
	}
	for cs := doc.Components; len(cs) > 0; {
		n := min(batchSize, len(cs))
		if err := w.send(frame{Kind: kindComponents, Components: cs[:n]}); err != nil {
			return err
		}
		cs = cs[n:]
	}
	return w.send(frame{Kind: kindEnd, Count: len(doc.Components)})
}

// errGenerate is a generation failure reported by embargo-scan itself.
type errGenerate struct{ msg string }

func (e *errGenerate) Error() string { return e.msg }

// errProtocol is a stream that does not follow the format.
var errProtocol = errors.New("malformed scan result")

// readStream reads one stream to its end: the document, or the
// generation error embargo-scan reported. Anything else, including a
// stream that stops early, is an error wrapping errProtocol.
func readStream(r io.Reader, progress func(Status)) (*sbom.Document, error) {
	dec := gob.NewDecoder(r)
	var f frame
	next := func() error {
		f = frame{}
		if err := dec.Decode(&f); err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return fmt.Errorf("%w: %w", errProtocol, err)
		}
		return nil
	}
	if err := next(); err != nil {
		return nil, err
	}
	if f.Kind != kindHello {
		return nil, fmt.Errorf("%w: no hello frame", errProtocol)
	}
	if f.Protocol != Protocol() {
		return nil, &errMismatch{theirs: f.Protocol, version: f.Version}
	}
	var doc *sbom.Document
	for {
		if err := next(); err != nil {
			return nil, err
		}
		switch {
		case f.Kind == kindStatus && doc == nil:
			if progress != nil {
				progress(f.Status)
			}
		case f.Kind == kindError && doc == nil:
			return nil, &errGenerate{msg: f.Error}
		case f.Kind == kindDocument && doc == nil && f.Document != nil:
			doc = f.Document
			doc.Components = nil
		case f.Kind == kindComponents && doc != nil:
			doc.Components = append(doc.Components, f.Components...)
		case f.Kind == kindEnd && doc != nil:
			if f.Count != len(doc.Components) {
				return nil, fmt.Errorf("%w: %d components announced, %d received", errProtocol, f.Count, len(doc.Components))
			}
			// nothing may follow the end frame
			var extra frame
			if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%w: data after the end of the result", errProtocol)
			}
			return doc, nil
		default:
			return nil, fmt.Errorf("%w: unexpected frame %d", errProtocol, f.Kind)
		}
	}
}

// errMismatch is an embargo-scan built from another version of embargo.
type errMismatch struct{ theirs, version string }

func (e *errMismatch) Error() string {
	return fmt.Sprintf("it speaks result format %s (embargo-scan %s), this embargo expects %s: install both from the same version (go install github.com/embargo-sbom/embargo/cmd/...@VERSION)", e.theirs, e.version, Protocol())
}

// Read reads one embargo-scan stream from r (what Exec does with the
// child's output), for callers that run the generator another way.
func Read(r io.Reader, progress func(Status)) (*sbom.Document, error) {
	return readStream(r, progress)
}
