package sbom

import (
	"encoding/binary"
	"fmt"
	"io"
	"unicode/utf8"
)

// cleanReader replaces invalid UTF-8 and control characters other than
// tab, newline and carriage return with U+FFFD as the input streams by, and
// counts what it replaced: SBOMs come from strangers, and a raw control
// byte in a name would otherwise fail the whole document or reach a
// terminal. Clean input (nearly all of it) passes through without a copy.
type cleanReader struct {
	r        io.Reader
	buf      []byte
	carry    int    // bytes of an incomplete rune kept at the front of buf
	pending  []byte // cleaned bytes not yet returned
	out      []byte // scratch for chunks that needed replacing
	err      error
	invalid  int
	controls int
}

func (c *cleanReader) Read(p []byte) (int, error) {
	for len(c.pending) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		c.fill()
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// fill reads a chunk and cleans it, keeping a rune cut by the chunk's end
// for the next one.
func (c *cleanReader) fill() {
	copy(c.buf, c.buf[len(c.buf)-c.carry:])
	n, err := c.r.Read(c.buf[c.carry:])
	chunk := c.buf[:c.carry+n]
	c.err = err
	keep := 0
	if err == nil {
		keep = incompleteTail(chunk)
	}
	c.pending = c.clean(chunk[:len(chunk)-keep])
	if keep > 0 {
		copy(c.buf[len(c.buf)-keep:], chunk[len(chunk)-keep:])
	}
	c.carry = keep
}

// incompleteTail is the length of a multi-byte rune started but not
// finished at the end of b.
func incompleteTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		r := b[len(b)-i]
		if r < 0x80 {
			return 0
		}
		if r >= 0xC0 { // a leading byte
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// clean returns b itself when it is clean, else a cleaned copy. Words of
// eight plain printable ASCII bytes are checked at once.
func (c *cleanReader) clean(b []byte) []byte {
	for i := 0; i < len(b); {
		if i+8 <= len(b) && plainWord(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
			continue
		}
		ch := b[i]
		switch {
		case ch >= 0x20 && ch < 0x7f || ch == '\t' || ch == '\n' || ch == '\r':
			i++
		case ch >= 0x80:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				return c.rewrite(b, i)
			}
			i += size
		default:
			return c.rewrite(b, i)
		}
	}
	return b
}

// plainWord reports eight bytes that are all in 0x20..0x7e: none is
// below 0x20 (the borrow test), none above 0x7e (adding one reaches the
// high bit, or it is set already). A borrow or carry that crosses into
// the next byte comes from a byte that fails on its own, so the answer
// for the word is exact.
func plainWord(x uint64) bool {
	return ((x-lows*0x20)&^x|(x+lows)|x)&highs == 0
}

// rewrite copies b, replacing from position i on.
func (c *cleanReader) rewrite(b []byte, i int) []byte {
	out := append(c.out[:0], b[:i]...)
	for i < len(b) {
		ch := b[i]
		switch {
		case ch >= 0x20 && ch < 0x7f || ch == '\t' || ch == '\n' || ch == '\r':
			out = append(out, ch)
			i++
		case ch < 0x80:
			c.controls++
			out = utf8.AppendRune(out, utf8.RuneError)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				c.invalid++
				out = utf8.AppendRune(out, utf8.RuneError)
				i++
				continue
			}
			out = append(out, b[i:i+size]...)
			i += size
		}
	}
	c.out = out
	return out
}

// warning says what was replaced, or "" when nothing was.
func (c *cleanReader) warning() string {
	if c.invalid == 0 && c.controls == 0 {
		return ""
	}
	return fmt.Sprintf("replaced %d invalid UTF-8 sequence(s) and %d control character(s) with U+FFFD", c.invalid, c.controls)
}
