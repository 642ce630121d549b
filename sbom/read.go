package sbom

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"sync"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// DefaultMaxBytes bounds an input after decompression.
const DefaultMaxBytes = 1 << 30

// Options bound what a decoder accepts.
type Options struct {
	// MaxBytes is the largest input accepted, both as stored and after
	// decompression; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxComponents bounds the components of one document; 0 means
	// DefaultMaxComponents.
	MaxComponents int
	// MaxStringBytes bounds any single value of a component and any line
	// of tag-value; 0 means DefaultMaxStringBytes.
	MaxStringBytes int
	// MaxDepth bounds the nesting of components (and of RDF/XML
	// elements); 0 means DefaultMaxDepth. JSON nesting beyond 10,000
	// levels is refused by the JSON reader itself.
	MaxDepth int
}

// Defaults of the limits that hostile input meets.
const (
	DefaultMaxComponents  = 5_000_000
	DefaultMaxStringBytes = 4 << 20
	DefaultMaxDepth       = 1000
)

// ErrLimit is returned when an input exceeds a limit other than its size.
var ErrLimit = errors.New("input exceeds a limit")

func (o Options) maxComponents() int  { return orDefault(o.MaxComponents, DefaultMaxComponents) }
func (o Options) maxStringBytes() int { return orDefault(o.MaxStringBytes, DefaultMaxStringBytes) }
func (o Options) maxDepth() int       { return orDefault(o.MaxDepth, DefaultMaxDepth) }

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// ErrTooLarge is returned when an input exceeds Options.MaxBytes.
var ErrTooLarge = errors.New("input exceeds the size limit")

// ErrNotSBOM is returned when the content is no SBOM format embargo knows:
// well-formed, but something else (a package.json, a README).
var ErrNotSBOM = errors.New("not a recognised SBOM")

// ErrMalformed is returned when the content is broken JSON or XML: it may
// have been an SBOM, so a directory walk reports it as failed, not skipped.
var ErrMalformed = errors.New("malformed input")

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// sniffSize is how much of the (decompressed, UTF-8) input format
// detection looks at; the decoders confirm the guess as they stream.
const sniffSize = 64 << 10

// ReadFile opens and decodes one SBOM file.
func ReadFile(path string, opts Options) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f, opts)
}

// Read decodes one SBOM into a Document that holds every component. path
// names the input in the Document and in errors; the format is detected
// from the content, never from the name. Memory grows with the number of
// components; use Decode to visit them one at a time instead.
func Read(path string, r io.Reader, opts Options) (*Document, error) {
	var comps []Component
	doc, err := Decode(path, r, opts, func(c *Component) error {
		comps = append(comps, *c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	doc.Components = comps
	return doc, nil
}

// Decode streams one SBOM: it calls visit once per component, in document
// order, as each is decoded, and returns the Document without Components
// but with ComponentCount set and everything else (subject, dependency
// graph, warnings, digest) filled in.
//
// The *Component passed to visit is only valid during the call: Decode may
// reuse it afterwards, so visit must copy whatever it keeps. An error from
// visit stops decoding and is returned as is. When Decode returns an
// error, visit may already have been called for some components.
//
// The input is never held in memory as a whole for CycloneDX (JSON and
// XML), SPDX 2 JSON and tag-value and syft JSON: it is hashed, gunzipped,
// transcoded and decoded as a stream. SPDX 2 YAML and RDF and SPDX 3,
// which are small in practice, are read whole (up to Options.MaxBytes).
//
// Decode uses a second core where it can: goroutines of its own read and
// hash the input, decode it ahead of visit (decodeAhead), and for the big
// arrays of the JSON formats and for tag-value lines, validate or split
// the part ahead of the one being decoded. visit is always called on the
// caller's goroutine, in document order, and no goroutine of Decode
// touches r after Decode returns.
func Decode(path string, r io.Reader, opts Options, visit func(*Component) error) (_ *Document, err error) {
	limit := opts.maxBytes()
	bufs := getBuffers()
	defer putBuffers(bufs)
	raw := newHashingReader(r, limit, bufs)
	defer raw.close()
	rawBuf := bufs.raw
	// visit's own error is returned as is; every other carries the digest.
	var visitErr error
	defer func() {
		if err != nil && err != visitErr {
			err = withDigest(err, raw, rawBuf)
		}
	}()
	rawBuf.Reset(raw)
	var stream io.Reader = rawBuf
	gzipped := false
	if magic, _ := rawBuf.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(rawBuf)
		if err != nil {
			return nil, firstErr(raw.err, fmt.Errorf("gzip: %w", err))
		}
		stream, gzipped = zr, true
	}
	lim := &limitedReader{r: stream, n: limit, limit: limit, gzipped: gzipped}
	br, cleaner, err := utf8Reader(lim, bufs)
	if err != nil {
		return nil, err
	}
	// Skip blank 64 KiB blocks, so that detection sees content (and a
	// bomb of white space meets the size limit); lines are counted for
	// tag-value's line numbers.
	prefix, perr := br.Peek(sniffSize)
	skippedLines := 0
	for perr == nil && len(bytes.TrimLeft(prefix, " \t\r\n")) == 0 {
		skippedLines += bytes.Count(prefix, []byte("\n"))
		if _, err := br.Discard(len(prefix)); err != nil {
			break
		}
		prefix, perr = br.Peek(sniffSize)
	}
	if err := firstErr(raw.err, lim.err); err != nil {
		return nil, err
	}
	format, err := detect(prefix, perr != nil)
	if err != nil {
		return nil, err
	}
	if visit == nil {
		visit = func(*Component) error { return nil }
	}
	in := &input{format: format, r: br, skippedLines: skippedLines, opts: opts, squeezeBuf: bufs.squeeze}
	doc, visitFailed, err := decodeAhead(in, visit)
	if visitFailed {
		visitErr = err
	}
	// A failure of the source (read error, size limit, corrupt gzip) is
	// the real cause of whatever the decoder then reports.
	if srcErr := firstErr(raw.err, lim.err); srcErr != nil {
		return nil, srcErr
	}
	if err != nil {
		return nil, err
	}
	// Read to the end so that the digest covers every byte and a gzip
	// stream's checksum is verified.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, firstErr(raw.err, lim.err, fmt.Errorf("read: %w", err))
	}
	if _, err := io.Copy(io.Discard, rawBuf); err != nil {
		return nil, firstErr(raw.err, fmt.Errorf("read: %w", err))
	}
	doc.Path = path
	doc.SHA256 = hex.EncodeToString(raw.sum())
	doc.Format = format
	if in.sq != nil {
		if w := in.sq.warning(); w != "" {
			doc.Warnings = addWarning(doc.Warnings, w)
		}
	}
	if w := cleaner.warning(); w != "" {
		// First, as it may explain the others; the bound still holds.
		capped := []string{w}
		for _, x := range doc.Warnings {
			capped = addWarning(capped, x)
		}
		doc.Warnings = capped
	}
	return doc, nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// decode runs the decoder of the input's format. A panic in a decoder
// (ours or a library's) must not take down a batch: it becomes this
// input's error.
func decode(in *input, visit func(*Component) error) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("internal error decoding %s, please report it: %v", in.format, r)
		}
	}()
	d := decoderFor(in.format)
	if d == nil {
		return nil, ErrNotSBOM
	}
	return d.decode(in, visit)
}

// hashingReader reads the input ahead of the decoder in a goroutine of its
// own, which also hashes every byte, so that hashing runs on a second core
// in parallel with decoding. It enforces the size limit on the input as
// stored. Its error is sticky, so that Decode can report the source's
// failure rather than what a decoder made of it. close stops the
// goroutine and waits for it: after that the source is not read again.
type hashingReader struct {
	h     hash.Hash // written by the goroutine until it sends its last chunk
	full  chan readChunk
	free  chan []byte
	stop  chan struct{}
	done  chan struct{}
	cur   readChunk
	off   int
	ended bool // the last chunk was received
	err   error
	// read counts the bytes read from the source (and hashed); written by
	// the goroutine, read only after done is closed.
	read   int64
	closed bool
}

// readChunk is one block of the input as read, with the error that ended
// the input after it, if any.
type readChunk struct {
	buf []byte
	n   int
	err error
}

// readAhead is how many chunks the goroutine may read ahead, and their size.
const (
	readAhead = 4
	chunkSize = 128 << 10
)

func newHashingReader(r io.Reader, limit int64, bufs *buffers) *hashingReader {
	h := &hashingReader{
		h:    sha256.New(),
		full: make(chan readChunk, readAhead),
		free: make(chan []byte, readAhead),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	for _, b := range bufs.chunks {
		h.free <- b
	}
	go h.run(r, limit)
	return h
}

func (h *hashingReader) run(r io.Reader, limit int64) {
	defer close(h.done)
	var n int64
	for {
		var buf []byte
		select {
		case buf = <-h.free:
		case <-h.stop:
			return
		}
		// Fill the chunk, so that hashing and hand-over work on large
		// blocks even from a source that returns small reads.
		k := 0
		var err error
		for k < len(buf) && err == nil {
			var m int
			m, err = r.Read(buf[k:])
			k += m
		}
		h.h.Write(buf[:k])
		n += int64(k)
		h.read = n
		switch {
		case n > limit:
			k, err = 0, fmt.Errorf("%w of %d bytes", ErrTooLarge, limit)
		case err != nil && err != io.EOF:
			err = fmt.Errorf("read: %w", err)
		}
		select {
		case h.full <- readChunk{buf: buf, n: k, err: err}:
		case <-h.stop:
			return
		}
		if err != nil {
			return
		}
	}
}

func (h *hashingReader) Read(p []byte) (int, error) {
	for h.off == h.cur.n {
		if h.err != nil {
			return 0, h.err
		}
		if h.ended {
			return 0, io.EOF
		}
		if h.cur.buf != nil {
			h.free <- h.cur.buf
		}
		h.cur, h.off = <-h.full, 0
		if err := h.cur.err; err != nil {
			h.ended = true
			if err != io.EOF {
				h.err = err
				if h.cur.n == 0 {
					return 0, err
				}
			}
		}
	}
	n := copy(p, h.cur.buf[h.off:h.cur.n])
	h.off += n
	return n, nil
}

// sum is the digest of the whole input; only valid once Read has returned
// io.EOF.
func (h *hashingReader) sum() []byte {
	return h.h.Sum(nil)
}

// close stops the goroutine and waits until it no longer reads the source;
// it may be called more than once.
func (h *hashingReader) close() {
	if !h.closed {
		h.closed = true
		close(h.stop)
	}
	<-h.done
}

// limitedReader enforces the size limit on the decompressed stream, so
// that a gzip bomb fails early instead of filling memory, and names gzip
// failures.
type limitedReader struct {
	r       io.Reader
	n       int64 // bytes still allowed
	limit   int64
	gzipped bool
	err     error
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		if l.gzipped {
			l.err = fmt.Errorf("%w of %d bytes after decompression", ErrTooLarge, l.limit)
		} else {
			l.err = fmt.Errorf("%w of %d bytes", ErrTooLarge, l.limit)
		}
		return 0, l.err
	}
	if err != nil && err != io.EOF && l.gzipped {
		l.err = fmt.Errorf("gzip: %w", err)
		return n, l.err
	}
	return n, err
}

// utf8Reader removes a UTF-8 byte-order mark, transcodes UTF-16 (with a
// BOM, or recognised by its zero bytes) to UTF-8, and cleans invalid UTF-8
// and control characters, as a stream.
func utf8Reader(r io.Reader, bufs *buffers) (*bufio.Reader, *cleanReader, error) {
	br := bufs.pre
	br.Reset(r)
	head, _ := br.Peek(4)
	var e unicode.Endianness
	var src io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		if _, err := br.Discard(3); err != nil {
			return nil, nil, err
		}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), looksUTF16(head, false):
		e = unicode.LittleEndian
		src = transform.NewReader(br, unicode.UTF16(e, unicode.UseBOM).NewDecoder())
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}), looksUTF16(head, true):
		e = unicode.BigEndian
		src = transform.NewReader(br, unicode.UTF16(e, unicode.UseBOM).NewDecoder())
	}
	c := &cleanReader{r: src, buf: bufs.clean}
	bufs.post.Reset(c)
	return bufs.post, c, nil
}

// buffers are the large read buffers of one Decode, pooled: a batch of
// thousands of small SBOMs would otherwise allocate (and collect) some
// 200 KiB per input.
type buffers struct {
	raw, pre, post *bufio.Reader
	clean          []byte
	squeeze        []byte   // for squeezeReader
	chunks         [][]byte // for hashingReader
}

var bufferPool = sync.Pool{New: func() any {
	return &buffers{
		raw:     bufio.NewReaderSize(nil, 32<<10),
		pre:     bufio.NewReaderSize(nil, sniffSize),
		post:    bufio.NewReaderSize(nil, sniffSize),
		clean:   make([]byte, 64<<10),
		squeeze: make([]byte, squeezeBlock),
		chunks: func() [][]byte {
			c := make([][]byte, readAhead)
			for i := range c {
				c[i] = make([]byte, chunkSize)
			}
			return c
		}(),
	}
}}

func getBuffers() *buffers { return bufferPool.Get().(*buffers) }

// putBuffers drops every reference to the input before pooling.
func putBuffers(b *buffers) {
	b.raw.Reset(nil)
	b.pre.Reset(nil)
	b.post.Reset(nil)
	bufferPool.Put(b)
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
