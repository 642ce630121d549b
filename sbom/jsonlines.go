package sbom

import (
	"bytes"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// JSON positions: the JSON reader reports byte offsets; jsonLines counts
// the lines of what it reads so that an offset can be told as a line and
// a column, for the origin of components and files and for errors.

// position is a place in the input: a 1-based line and a 1-based column
// in bytes; zero when unknown.
type position struct{ line, col int }

// jsonLines passes a JSON decoder its input and notes where each line
// begins, until the decoder's position passes it. Offsets are of the
// stream it reads, which is the input after the blank blocks that Decode
// skipped and with the white space that squeezeReader dropped (counted as
// lines all the same).
type jsonLines struct {
	r   io.Reader
	sq  *squeezeReader // r, when it is one
	off int64          // bytes passed on
	// breaks are the line breaks read and not yet passed by at, in order.
	breaks []lineBreak
	head   int
	// line is the line of the last offset asked for; lineStart is the
	// offset of that line's first byte.
	line      int
	lineStart int64
	last      int64 // the last offset asked for
	sqLines   int64 // lines of sq's dropped white space already noted
	untracked bool  // positions are not tracked (see newJSONLines)
	// src is what the decoder reads from, when not l itself: after an
	// array read past the decoder (forEachRawElement), what was read
	// beyond its end and then l. shift turns the decoder's offsets into
	// offsets of l's input.
	src   io.Reader
	shift int64
}

// lineBreak is n line breaks that end just before offset next.
type lineBreak struct {
	next int64
	n    int64
}

// newJSONLines counts the lines of r, of which the first is line
// firstLine+1 (after the lines a squeezeReader r says precede it). With track false it only passes r on and knows no
// positions: for JSON converted from YAML, whose lines are not the
// input's.
func newJSONLines(r io.Reader, firstLine int, track bool) *jsonLines {
	l := &jsonLines{r: r, line: firstLine + 1, untracked: !track}
	l.sq, _ = r.(*squeezeReader)
	if l.sq != nil {
		l.line += l.sq.firstLine
	}
	return l
}

func (l *jsonLines) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if l.untracked {
		return n, err
	}
	if l.sq != nil && l.sq.droppedLines > l.sqLines {
		l.breaks = append(l.breaks, lineBreak{next: l.off, n: l.sq.droppedLines - l.sqLines})
		l.sqLines = l.sq.droppedLines
	}
	for b, i := p[:n], 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		l.breaks = append(l.breaks, lineBreak{next: l.off + int64(i), n: 1})
	}
	l.off += int64(n)
	return n, err
}

// at is the position of offset off. Offsets are asked for in increasing
// order; one before the last asked for gets the last one's line and no
// column.
func (l *jsonLines) at(off int64) position {
	if l == nil || l.untracked {
		return position{}
	}
	if off < l.last {
		return position{line: l.line}
	}
	l.last = off
	for l.head < len(l.breaks) && l.breaks[l.head].next <= off {
		b := l.breaks[l.head]
		l.line += int(b.n)
		l.lineStart = b.next
		l.head++
	}
	if l.head == len(l.breaks) {
		l.breaks, l.head = l.breaks[:0], 0
	} else if l.head > 1024 && l.head > len(l.breaks)/2 {
		l.breaks = l.breaks[:copy(l.breaks, l.breaks[l.head:])]
		l.head = 0
	}
	return position{line: l.line, col: int(off-l.lineStart) + 1}
}

// source is the reader of the decoder that reads through l.
func (l *jsonLines) source() io.Reader {
	if l.src == nil {
		return l
	}
	return l.src
}

// decOffset is dec's offset as an offset of l's input.
func (l *jsonLines) decOffset(dec *jsontext.Decoder) int64 {
	if l == nil {
		return dec.InputOffset()
	}
	return dec.InputOffset() + l.shift
}

// resumeAfter resets dec, whose reader was read past it up to the end of
// an array, to read on from there: first prefix (see resumePrefix), read
// at once, then rest, the bytes read after the array, which begin at
// offset restOff, then the reader. dec's offsets are then told with a
// shift.
func (l *jsonLines) resumeAfter(dec *jsontext.Decoder, prefix, rest []byte, restOff int64) error {
	in := append(prefix, rest...)
	l.src = io.MultiReader(bytes.NewReader(in), l.source())
	l.shift = restOff - int64(len(prefix))
	dec.Reset(l.src, jsonOpts)
	for dec.InputOffset() < int64(len(prefix)) {
		if _, err := dec.ReadToken(); err != nil {
			return err // the bytes after the array: the document's error
		}
	}
	return nil
}

// valueStart is the offset of the next value of dec, whose kind has been
// peeked (so that its first byte is buffered): after the white space,
// comma or colon that precede it.
func (l *jsonLines) valueStart(dec *jsontext.Decoder) int64 {
	off := l.decOffset(dec)
	for _, c := range dec.UnreadBuffer() {
		switch c {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// within is the position of byte i of value b, which starts at base.
func within(base position, b []byte, i int) position {
	if base.line == 0 {
		return base
	}
	head := b[:i]
	nl := bytes.Count(head, []byte{'\n'})
	if nl == 0 {
		return position{line: base.line, col: base.col + i}
	}
	return position{line: base.line + nl, col: i - bytes.LastIndexByte(head, '\n')}
}
