package sbom

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// The JSON machinery every JSON format uses: this file reads a JSON
// stream (options, objects member by member, arrays element by element,
// errors with their position, the read-ahead of big arrays);
// jsonwalk.go walks one value read whole, with field tables.

// jsonOpts read JSON as leniently as encoding/json does, which the
// reference decoders use: duplicate names (the last wins), invalid UTF-8
// (replaced) and names in any case.
var jsonOpts = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
)

// newJSONDecoder reads JSON from r; lines tells offsets as positions
// unless track is false.
func newJSONDecoder(r io.Reader, track bool) (*jsontext.Decoder, *jsonLines) {
	lines := newJSONLines(r, 0, track)
	return jsontext.NewDecoder(lines, jsonOpts), lines
}

// jsonAt wraps a decoding error with where it happened: the element that
// failed, when the error says (elementError), else where dec stopped.
func jsonAt(dec *jsontext.Decoder, lines *jsonLines, what string, err error) error {
	off := lines.decOffset(dec)
	ptr := string(dec.StackPointer())
	var pos position
	var ee *elementError
	if errors.As(err, &ee) {
		off, pos = ee.off, ee.pos
		if ee.ptr != "" {
			ptr = ee.ptr
		}
	} else {
		pos = lines.at(off)
		shiftErrorOffset(err, lines) // dec's own error: offsets of dec's input
	}
	where := fmt.Sprintf("byte offset %d", off)
	if ptr != "" {
		where += ", " + ptr // the top level has no pointer
	}
	if pos.line == 0 {
		return fmt.Errorf("%s at %s: %w", what, where, err)
	}
	return fmt.Errorf("%s: line %d, column %d (%s): %w", what, pos.line, pos.col, where, err)
}

// shiftErrorOffset tells the offset that a decoder's error states as an
// offset of the input, as decOffset does, once the decoder has been reset
// after an array (resumeAfter).
func shiftErrorOffset(err error, lines *jsonLines) {
	if lines == nil || lines.shift == 0 {
		return
	}
	var syn *jsontext.SyntacticError
	if errors.As(err, &syn) {
		syn.ByteOffset += lines.shift
	}
	var sem *json.SemanticError
	if errors.As(err, &sem) {
		sem.ByteOffset += lines.shift
	}
}

// elementError is the error of an array element walked after it was read
// (forEachRawElement), with where the element begins.
type elementError struct {
	off int64
	pos position
	ptr string // the element's JSON pointer, when known
	err error
}

func (e *elementError) Error() string { return e.err.Error() }
func (e *elementError) Unwrap() error { return e.err }

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
// endDocument finishes a top-level walk: an error from visit is returned
// as is, a decoding error gets its position, and nothing may follow the
// document.
func endDocument(dec *jsontext.Decoder, lines *jsonLines, what string, err error) error {
	if err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return ve.err
		}
		return jsonAt(dec, lines, what, err)
	}
	if err := jsonEnd(dec, lines); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func jsonEnd(dec *jsontext.Decoder, lines *jsonLines) error {
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("unexpected data after the top-level value")
		}
		return jsonAt(dec, lines, "invalid JSON", err)
	}
	return nil
}

// rawBatch is a run of array elements as read by the decoder, copied out
// of its buffer.
type rawBatch struct {
	data []byte
	ends []int // end offset of each element in data
	// offs and starts are where each element begins in the input.
	offs   []int64
	starts []position
	first  int   // index of the first element
	err    error // what ended the array after these elements, if anything
}

// fill reads elements into b until it is full or the array ends; i is
// the index of the next element. A panic becomes b's error, as decode
// turns one into an error on the caller's goroutine.
func (b *rawBatch) fill(arr *rawArray, lines *jsonLines, ptr string, i int) int {
	defer func() {
		if r := recover(); r != nil {
			b.err = fmt.Errorf("internal error reading an array, please report it: %v", r)
		}
	}()
	for len(b.data) < rawBatchSize {
		v, off, err := arr.next()
		if err != nil {
			b.err = err
			var se *syntaxError
			if errors.As(err, &se) {
				b.err = &elementError{off: se.off, pos: lines.at(se.off), ptr: ptr + "/" + strconv.Itoa(i), err: se}
			}
			return i
		}
		b.data = append(b.data, v...)
		b.ends = append(b.ends, len(b.data))
		b.offs = append(b.offs, off)
		b.starts = append(b.starts, lines.at(off))
		i++
	}
	return i
}

// rawBatchSize is the size at which a batch is handed over; rawBatches
// are in flight for one array.
const (
	rawBatchSize = 128 << 10
	rawBatches   = 3
)

// rawBatchPool keeps the batches of arrays read before: a batch set is
// half a megabyte once grown, and a batch of a thousand small SBOMs
// allocated (and zeroed, and collected) one set per array of each file,
// which was a quarter of its allocations.
var rawBatchPool = sync.Pool{New: func() any {
	var bs [rawBatches]*rawBatch
	for i := range bs {
		bs[i] = &rawBatch{data: make([]byte, 0, rawBatchSize)}
	}
	return &bs
}}

func getRawBatches() *[rawBatches]*rawBatch { return rawBatchPool.Get().(*[rawBatches]*rawBatch) }

// putRawBatches pools a set unless an element of a hostile size grew one
// of its buffers beyond what is worth keeping.
func putRawBatches(bs *[rawBatches]*rawBatch) {
	for _, b := range bs {
		if cap(b.data) > maxPooledRawBatch {
			return
		}
		b.data, b.ends, b.offs, b.starts, b.err = b.data[:0], b.ends[:0], b.offs[:0], b.starts[:0], nil
	}
	rawBatchPool.Put(bs)
}

// maxPooledRawBatch bounds the data buffer of a pooled batch.
const maxPooledRawBatch = 1 << 20

// forEachRawElement is forEachElement for arrays of values that the caller
// walks with a jsonWalker: a goroutine reads the elements ahead, checked
// and cut by a jsonScan (rawArray), while fn walks the ones read before,
// on a second core. fn gets each element's raw JSON, valid during the
// call, its index and where it begins (told by lines); its error comes
// back as an elementError. The array is read past dec, from its reader:
// once it has ended, dec is reset to read on after it (resumeAfter). dec
// and lines are only used by the goroutine until forEachRawElement
// returns.
func forEachRawElement(dec *jsontext.Decoder, lines *jsonLines, fn func(raw []byte, i int, at position) error) (present bool, err error) {
	return forEachRawArray(dec, lines, func(arr *rawArray, ptr string) error {
		return readRawElements(arr, lines, ptr, fn)
	})
}

// forEachRawArray reads the array that is the next value of dec past dec,
// with read, which gets it as a rawArray and its JSON pointer, and then
// resets dec to read on after it. null is no array (present is false).
func forEachRawArray(dec *jsontext.Decoder, lines *jsonLines, read func(arr *rawArray, ptr string) error) (present bool, err error) {
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
	prefix := resumePrefix(dec)
	ptr := string(dec.StackPointer())
	buf := scanBufPool.Get().(*[]byte)
	arr := newRawArray(*buf, dec.UnreadBuffer(), lines.source(), lines.decOffset(dec), dec.StackDepth())
	defer func() {
		if cap(arr.buf) <= maxPooledRawBatch {
			*buf = arr.buf[:0]
		}
		scanBufPool.Put(buf)
	}()
	if err := read(arr, ptr); err != nil {
		return true, err
	}
	return true, lines.resumeAfter(dec, prefix, arr.rest(), arr.base+int64(arr.start))
}

// scanBufPool keeps the read buffers of rawArrays.
var scanBufPool = sync.Pool{New: func() any {
	b := make([]byte, 0, rawArrayBufSize)
	return &b
}}

// readRawElements runs fn on the elements of arr, read and checked in
// batches by a goroutine of its own, until the array ends.
func readRawElements(arr *rawArray, lines *jsonLines, ptr string, fn func(raw []byte, i int, at position) error) error {
	full := make(chan *rawBatch, 2)
	free := make(chan *rawBatch, rawBatches)
	batches := getRawBatches()
	for _, b := range batches {
		free <- b
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer close(full)
		i := 0
		for {
			var b *rawBatch
			select {
			case b = <-free:
			case <-stop:
				return
			}
			b.data, b.ends, b.offs, b.starts, b.first, b.err = b.data[:0], b.ends[:0], b.offs[:0], b.starts[:0], i, nil
			i = b.fill(arr, lines, ptr, i)
			select {
			case full <- b:
			case <-stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	defer func() {
		close(stop)
		<-done
		putRawBatches(batches) // the goroutine is gone and fn was told not to keep raw
	}()
	for b := range full {
		start := 0
		for k, end := range b.ends {
			if err := fn(b.data[start:end], b.first+k, b.starts[k]); err != nil {
				return &elementError{off: b.offs[k], pos: b.starts[k], err: err}
			}
			start = end
		}
		if b.err == io.EOF {
			return nil
		}
		if b.err != nil {
			return b.err
		}
		free <- b
	}
	return errors.New("element reader ended early")
}

// resumePrefix is the JSON that takes a fresh decoder to where dec will
// be once the array it has just begun has ended: the objects and arrays
// that hold it opened, with the names and the number of elements before
// it (for the pointers of later errors), and a 0 in its place.
func resumePrefix(dec *jsontext.Decoder) []byte {
	var names []string
	for t := range dec.StackPointer().Tokens() {
		names = append(names, t)
	}
	var p []byte
	for k := 1; k < dec.StackDepth(); k++ {
		switch kind, n := dec.StackIndex(k); kind {
		case '{':
			p = append(p, '{')
			p, _ = jsontext.AppendQuote(p, names[k-1])
			p = append(p, ':')
		default:
			p = append(p, '[')
			for ; n > 1; n-- {
				p = append(p, '0', ',')
			}
		}
	}
	return append(p, '0')
}
