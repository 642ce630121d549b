package sbom

import (
	"bytes"
	"fmt"
	"io"
	"math/bits"
)

// The big arrays of the JSON formats are checked and cut into elements
// by jsonScan, not by jsontext.Decoder.ReadValue: the decoder's
// byte-at-a-time state machine was a fifth of the CPU of an audit of a
// 200 MB SPDX document, and the walk of the same bytes that follows was
// most of the rest. jsonScan checks the same grammar under the same
// options (invalid UTF-8 and duplicate names are allowed; cleanReader has
// already replaced the one and the walkers take the last of the other)
// but skips the plain runs of strings eight bytes at a time.
// FuzzJSONScan holds it to jsontext: the same values accepted, the same
// ends, the same values rejected.

// jsonScan checks one JSON value in b; the value may run past the end of
// b, which value reports as scanNeedMore so that the caller can read on.
type jsonScan struct {
	b []byte
	// bad is the offset in b of the byte that makes the value invalid and
	// why says how, once value has returned scanInvalid.
	bad int
	why string
}

// The results of value that are not an end offset.
const (
	scanNeedMore = -1
	scanInvalid  = -2
)

// maxScanDepth is jsontext's limit of nesting, kept so that a document
// refused before is refused now.
const maxScanDepth = 10000

// Byte-wise masks for the word-at-a-time string scan.
const (
	swarOnes  = 0x0101010101010101
	swarLow7  = 0x7F7F7F7F7F7F7F7F
	swarQuote = swarOnes * '"'
	swarSlash = swarOnes * '\\'
	swarCtl   = swarOnes * 0xE0
)

// zeroBytes has the high bit of each byte of x that is zero set, and no
// other bit (no borrow crosses bytes, unlike the shorter classic).
func zeroBytes(x uint64) uint64 {
	t := (x & swarLow7) + swarLow7
	return ^(t | x | swarLow7)
}

func loadLE64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func (s *jsonScan) invalid(at int, format string, args ...any) int {
	s.bad, s.why = at, fmt.Sprintf(format, args...)
	return scanInvalid
}

// ws skips white space from i.
func (s *jsonScan) ws(i int) int {
	for i < len(s.b) {
		switch s.b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value checks the value that starts at i (after white space) and returns
// the offset just past it; depth is the nesting it starts at.
func (s *jsonScan) value(i, depth int) int {
	i = s.ws(i)
	if i >= len(s.b) {
		return scanNeedMore
	}
	switch c := s.b[i]; c {
	case '"':
		return s.str(i + 1)
	case '{':
		return s.object(i+1, depth+1)
	case '[':
		return s.array(i+1, depth+1)
	case 't':
		return s.literal(i, "true")
	case 'f':
		return s.literal(i, "false")
	case 'n':
		return s.literal(i, "null")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			return s.number(i)
		}
		return s.invalid(i, "invalid character %s looking for beginning of value", quoteChar(c))
	}
}

// str checks a string whose opening quote is just before i.
func (s *jsonScan) str(i int) int {
	b := s.b
	for {
		for i+8 <= len(b) {
			x := loadLE64(b[i:])
			m := zeroBytes(x^swarQuote) | zeroBytes(x^swarSlash) | zeroBytes(x&swarCtl)
			if m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(b) {
			return scanNeedMore
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			n := s.escape(i)
			if n < 0 {
				return n
			}
			i = n
		case c < 0x20:
			return s.invalid(i, "invalid character %s in string (control characters must be escaped)", quoteChar(c))
		default:
			i++
		}
	}
}

// escape checks the escape sequence at i and returns the offset past it.
func (s *jsonScan) escape(i int) int {
	if i+1 >= len(s.b) {
		return scanNeedMore
	}
	switch s.b[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2
	case 'u':
		for k := i + 2; k < i+6; k++ {
			if k >= len(s.b) {
				return scanNeedMore
			}
			if !isHex(s.b[k]) {
				return s.invalid(k, "invalid escape sequence %q in string", s.b[i:k+1])
			}
		}
		return i + 6
	}
	return s.invalid(i, "invalid escape sequence %q in string", s.b[i:i+2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// literal checks true, false or null at i.
func (s *jsonScan) literal(i int, lit string) int {
	rest := s.b[i:]
	if len(rest) < len(lit) {
		if bytes.HasPrefix([]byte(lit), rest) {
			return scanNeedMore
		}
	} else if string(rest[:len(lit)]) == lit {
		return i + len(lit)
	}
	k := 0
	for k < len(rest) && k < len(lit) && rest[k] == lit[k] {
		k++
	}
	return s.invalid(i+k, "invalid character %s in literal %s (expecting %s)", quoteChar(rest[k]), lit, quoteChar(lit[k]))
}

// number checks a number at i: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
// It needs the byte after the number to know that it has ended.
func (s *jsonScan) number(i int) int {
	b := s.b
	if b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		return scanNeedMore
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return s.invalid(i, "invalid character %s in number (expecting digit)", quoteChar(b[i]))
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) {
			return scanNeedMore
		}
		if !isDigit(b[i]) {
			return s.invalid(i, "invalid character %s in number (expecting digit)", quoteChar(b[i]))
		}
		i = digits(b, i)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) {
			return scanNeedMore
		}
		if !isDigit(b[i]) {
			return s.invalid(i, "invalid character %s in number (expecting digit)", quoteChar(b[i]))
		}
		i = digits(b, i)
	}
	if i >= len(b) {
		return scanNeedMore
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digits(b []byte, i int) int {
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	return i
}

// object checks the members of an object whose '{' is just before i.
func (s *jsonScan) object(i, depth int) int {
	i, empty := s.enter(i, depth, '}')
	if i < 0 || empty {
		return i
	}
	for {
		if i = s.expect(i, '"', "looking for beginning of object key string"); i < 0 {
			return i
		}
		if i = s.str(i + 1); i < 0 {
			return i
		}
		if i = s.expect(i, ':', "after object key"); i < 0 {
			return i
		}
		if i = s.value(i+1, depth); i < 0 {
			return i
		}
		var end bool
		if i, end = s.next(i, '}', "object value"); i < 0 || end {
			return i
		}
	}
}

// array checks the elements of an array whose '[' is just before i.
func (s *jsonScan) array(i, depth int) int {
	i, empty := s.enter(i, depth, ']')
	if i < 0 || empty {
		return i
	}
	for {
		if i = s.value(i, depth); i < 0 {
			return i
		}
		var end bool
		if i, end = s.next(i, ']', "array element"); i < 0 || end {
			return i
		}
	}
}

// enter begins the object or array (at depth) whose opening byte is just
// before i: it returns the offset of its first member or element, or,
// with empty set, the offset past the closing byte of an empty one.
func (s *jsonScan) enter(i, depth int, closing byte) (int, bool) {
	if depth > maxScanDepth {
		return s.invalid(i-1, "exceeded max depth of %d", maxScanDepth), false
	}
	if i = s.ws(i); i >= len(s.b) {
		return scanNeedMore, false
	}
	if s.b[i] == closing {
		return i + 1, true
	}
	return i, false
}

// expect skips white space from i and returns the offset of the byte
// after it, which must be c (where says where it was expected).
func (s *jsonScan) expect(i int, c byte, where string) int {
	if i = s.ws(i); i >= len(s.b) {
		return scanNeedMore
	}
	if s.b[i] != c {
		return s.invalid(i, "invalid character %s %s", quoteChar(s.b[i]), where)
	}
	return i
}

// next reads what follows a member or element (what): a comma, and the
// offset after it, or the closing byte, with end set, and the offset
// past it.
func (s *jsonScan) next(i int, closing byte, what string) (int, bool) {
	if i = s.ws(i); i >= len(s.b) {
		return scanNeedMore, false
	}
	switch s.b[i] {
	case closing:
		return i + 1, true
	case ',':
		return i + 1, false
	}
	return s.invalid(i, "invalid character %s after %s (expecting ',' or '%c')", quoteChar(s.b[i]), what, closing), false
}

func quoteChar(c byte) string {
	if c < 0x20 || c >= 0x7f {
		return fmt.Sprintf("%q", []byte{c})
	}
	return "'" + string(c) + "'"
}

// rawArray reads the elements of the array whose '[' a jsontext.Decoder
// has just read, from the bytes the decoder holds unread and then from
// its reader, checking each with a jsonScan. Once the array has ended,
// rest is what follows it.
type rawArray struct {
	r     io.Reader
	buf   []byte
	start int   // buf[start:end] is read and not yet consumed
	end   int   //
	base  int64 // the input offset of buf[0]
	depth int   // the nesting of the array (its elements are one deeper)
	// sep is true after an element (a ',' or ']' comes next), comma after
	// a ',' (an element comes next).
	sep, comma bool
	eof        bool
	readErr    error
	scan       jsonScan
	fills      int // how many times fill read, for tests
}

// rawArrayBufSize is the size of the buffer a rawArray starts with; an
// element larger than it grows it. 32 KiB reads a 200 MB document with
// the same CPU as 128 KiB and keeps a small audit's peak RSS where it was
// (median of 12 runs on a 1.2 MB SBOM: 28.5 MiB, against 29.0 with 128).
const rawArrayBufSize = 32 << 10

func newRawArray(buf, unread []byte, r io.Reader, off int64, depth int) *rawArray {
	if cap(buf) < len(unread)+rawArrayBufSize/2 {
		buf = make([]byte, 0, len(unread)+rawArrayBufSize)
	}
	buf = append(buf[:0], unread...)
	return &rawArray{r: r, buf: buf[:cap(buf)], end: len(unread), base: off, depth: depth}
}

// syntaxError is a JSON syntax error at an input offset.
type syntaxError struct {
	off int64
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// next returns the next element and its input offset, valid until the
// next call; io.EOF once the array has ended.
func (a *rawArray) next() ([]byte, int64, error) {
	for {
		a.scan.b = a.buf[:a.end]
		i := a.scan.ws(a.start)
		if i == a.end {
			a.start = i
			if err := a.fill(); err != nil {
				return nil, 0, err
			}
			continue
		}
		c := a.buf[i]
		switch {
		case c == ']' && !a.comma:
			a.start = i + 1
			return nil, 0, io.EOF
		case a.sep:
			if c != ',' {
				return nil, 0, &syntaxError{a.base + int64(i), fmt.Sprintf("invalid character %s after array element (expecting ',' or ']')", quoteChar(c))}
			}
			a.start, a.sep, a.comma = i+1, false, true
			continue
		}
		a.start = i
		switch end := a.scan.value(i, a.depth); end {
		case scanNeedMore:
			if err := a.fill(); err != nil {
				return nil, 0, err
			}
		case scanInvalid:
			return nil, 0, &syntaxError{a.base + int64(a.scan.bad), a.scan.why}
		default:
			a.start, a.sep, a.comma = end, true, false
			return a.buf[i:end], a.base + int64(i), nil
		}
	}
}

// fill reads more of the input after buf[start:end], moving that to the
// front of buf (or to a larger one when it is full).
func (a *rawArray) fill() error {
	if a.eof {
		if a.readErr != nil {
			return a.readErr
		}
		return &syntaxError{a.base + int64(a.end), "unexpected EOF"}
	}
	kept := a.end - a.start
	if kept > len(a.buf)/2 {
		grown := make([]byte, 2*len(a.buf))
		copy(grown, a.buf[a.start:a.end])
		a.buf = grown
	} else {
		copy(a.buf, a.buf[a.start:a.end])
	}
	a.base += int64(a.start)
	a.start, a.end = 0, kept
	a.fills++
	// Fill the buffer, not just one read's worth: an element is scanned
	// again from its start after each fill, and a large one read a
	// chunk at a time would be scanned over and over (quadratic).
	for a.end < len(a.buf) {
		n, err := a.r.Read(a.buf[a.end:])
		a.end += n
		if err != nil {
			a.eof = true
			if err != io.EOF {
				a.readErr = err
			}
			return nil
		}
	}
	return nil
}

// rest is what the rawArray read past the end of the array.
func (a *rawArray) rest() []byte { return a.buf[a.start:a.end] }
