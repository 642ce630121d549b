package sbom

import (
	"bytes"
	"fmt"
	"io"
)

// squeezeBlock is the unit in which runs of white space are shortened.
const squeezeBlock = 64 << 10

// squeezeReader shortens runs of white space longer than two blocks: of
// consecutive all-white-space blocks (aligned on the stream) it passes the
// first and drops the rest. The JSON and XML readers buffer a run of
// white space whole (between two tokens, or as character data), so a gzip
// bomb of white space inside an array would otherwise cost memory in
// proportion to its size; shortened, it costs one block while the size
// limit, which counts the bytes before squeezing, still stops it. No
// real SBOM holds such a run; if one did inside a string, the value would
// be shortened, so the input says so in a warning.
type squeezeReader struct {
	r       io.Reader
	block   []byte
	off, n  int
	inRun   bool // the previous block was all white space
	dropped int64
	// droppedLines counts the line breaks in the dropped white space, so
	// that line numbers after it stay those of the input.
	droppedLines int64
	// firstLine is the number of lines before the stream (the blank
	// blocks Decode skipped).
	firstLine int
	err       error
}

func newSqueezeReader(r io.Reader, block []byte) *squeezeReader {
	return &squeezeReader{r: r, block: block[:squeezeBlock]}
}

func (s *squeezeReader) Read(p []byte) (int, error) {
	for s.off == s.n {
		if s.err != nil {
			return 0, s.err
		}
		s.fill()
	}
	n := copy(p, s.block[s.off:s.n])
	s.off += n
	return n, nil
}

// fill reads the next block; blocks after the first of a run of
// all-white-space blocks are dropped.
func (s *squeezeReader) fill() {
	for {
		n, err := io.ReadFull(s.r, s.block)
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		s.off, s.n, s.err = 0, n, err
		blank := n == len(s.block) && isBlank(s.block)
		if !blank || !s.inRun || err != nil {
			s.inRun = blank
			return
		}
		s.dropped += int64(n)
		s.droppedLines += int64(bytes.Count(s.block[:n], []byte{'\n'}))
	}
}

// isBlank reports whether b is all JSON/XML white space. It stops at the
// first other byte, which in any real document is near the start.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

// warning is "" unless white space was dropped.
func (s *squeezeReader) warning() string {
	if s.dropped == 0 {
		return ""
	}
	return fmt.Sprintf("%d bytes of white space in runs longer than %d KiB were skipped unread (byte offsets in messages after them are of the shortened input)", s.dropped, squeezeBlock>>10)
}
