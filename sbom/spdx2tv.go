package sbom

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// spdxTagValueDecoder reads SPDX 2 tag-value, streaming by lines.
var spdxTagValueDecoder = decoder{
	format: FormatSPDXTagValue,
	syntax: syntaxText,
	identify: func(s *sniff) certainty {
		if strings.HasPrefix(s.spdxLine, "SPDXVersion:") {
			return declared
		}
		return notThis
	},
	decode: func(in *input, visit func(*Component) error) (*Document, error) {
		r, firstLine := in.lines()
		return decodeSPDXTagValue(r, firstLine, visit, in.opts.maxStringBytes())
	},
}

// tvSection is what the tags after a section header describe.
type tvSection int

const (
	tvDocument tvSection = iota
	tvPackage
	tvFile
	tvLicense
	tvOther // snippet, review, annotation
)

// tvReader scans SPDX tag-value line by line from a stream, keeping the
// line of each package so that findings can cite it. It converts a value
// to a string only when it keeps it: file, snippet and licence sections,
// most of a big document, cost no allocation.
type tvReader struct {
	s       *spdxState
	lines   *lineReader
	batch   *lineBatch // the lines being read
	next    int        // index in batch of the next line
	start   int        // offset in batch.data of the next line
	lineNo  int
	tagBuf  []byte // the tag of a multi-line <text> value
	section tvSection
	pkg     *spdxPkg
	// pending is an SPDXID line that came before its element's first tag,
	// an order some writers use (a reused buffer: every file has one).
	pending  []byte
	docIDSet bool
	pkgBuf   spdxPkg
	file     spdxFile    // the open file, when section is tvFile
	license  spdxLicense // the open extracted licence, when section is tvLicense
	lastPkg  string      // SPDXID of the last package: it holds the files after it
	idBuf    []byte
	strs     map[string]string
	lastA    lastNode
	lastB    lastNode
	lastType string
	lastKind spdxRelKind
}

// decodeSPDXTagValue streams tag-value from r; firstLine is the number of
// lines already consumed before r.
func decodeSPDXTagValue(r *bufio.Reader, firstLine int, visit func(*Component) error, maxLine int) (*Document, error) {
	lines := newLineReader(r, maxLine)
	defer lines.close()
	t := &tvReader{s: newSPDXState(visit), lines: lines, batch: &lineBatch{}, lineNo: firstLine, strs: map[string]string{}}
	err := t.scan()
	if err == nil {
		err = t.flush()
	}
	if err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return nil, ve.err
		}
		return nil, fmt.Errorf("decode SPDX tag-value: %w", err)
	}
	return t.s.finish(), nil
}

// readLine returns the next line without its line ending; the slice is
// valid until the next call. It returns io.EOF after the last line.
func (t *tvReader) readLine() ([]byte, error) {
	for t.next == len(t.batch.ends) {
		if t.batch.err != nil {
			return nil, t.batch.err
		}
		if t.batch.data != nil {
			t.lines.free <- t.batch
		}
		t.batch, t.next, t.start = <-t.lines.full, 0, 0
	}
	end := t.batch.ends[t.next]
	line := t.batch.data[t.start:end]
	t.next++
	t.start = end
	t.lineNo++
	return line, nil
}

// lineBatch is a run of lines without their line endings, copied out of
// the reader's buffer.
type lineBatch struct {
	data []byte
	ends []int // end offset of each line in data
	err  error // what ended the input after these lines, if anything
}

// lineReader reads lines in a goroutine of its own, so that reading,
// cleaning and splitting the input run in parallel with the tags.
type lineReader struct {
	full, free chan *lineBatch
	stop, done chan struct{}
	maxLine    int
}

func newLineReader(br *bufio.Reader, maxLine int) *lineReader {
	l := &lineReader{
		maxLine: maxLine,
		full:    make(chan *lineBatch, 2),
		free:    make(chan *lineBatch, 3),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	for range 3 {
		l.free <- &lineBatch{data: make([]byte, 0, rawBatchSize)}
	}
	go l.run(br)
	return l
}

func (l *lineReader) run(br *bufio.Reader) {
	defer close(l.done)
	for {
		var b *lineBatch
		select {
		case b = <-l.free:
		case <-l.stop:
			return
		}
		b.data, b.ends, b.err = b.data[:0], b.ends[:0], nil
		for len(b.data) < rawBatchSize && b.err == nil {
			n := len(b.data)
			line, err := br.ReadSlice('\n')
			b.data = append(b.data, line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				if len(b.data)-n > l.maxLine {
					err = fmt.Errorf("%w: a line is longer than %d bytes", ErrLimit, l.maxLine)
					break
				}
				line, err = br.ReadSlice('\n')
				b.data = append(b.data, line...)
			}
			if err != nil && !errors.Is(err, io.EOF) {
				b.data, b.err = b.data[:n], err
				break
			}
			if len(b.data) == n {
				b.err = io.EOF
				break
			}
			end := len(b.data)
			if b.data[end-1] == '\n' {
				end--
			}
			if end > n && b.data[end-1] == '\r' {
				end--
			}
			b.data = b.data[:end]
			b.ends = append(b.ends, end)
			if err != nil {
				b.err = io.EOF // a last line without a line ending
			}
		}
		select {
		case l.full <- b:
		case <-l.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// close stops the goroutine and waits until it no longer reads.
func (l *lineReader) close() {
	close(l.stop)
	<-l.done
}

func (t *tvReader) scan() error {
	for {
		line, err := t.readLine()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", t.lineNo+1, err)
		}
		text := bytes.TrimSpace(line)
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		i := bytes.IndexByte(text, ':')
		if i < 0 {
			t.s.warn.addf(spdxWarnScan, "line %d: %q is not a Tag: Value pair; ignored", t.lineNo, truncate(string(text), 60))
			continue
		}
		tag, value := bytes.TrimSpace(text[:i]), bytes.TrimSpace(text[i+1:])
		start := t.lineNo
		if bytes.HasPrefix(value, []byte("<text>")) {
			// Reading on reuses the buffer that tag points into.
			t.tagBuf = append(t.tagBuf[:0], tag...)
			tag = t.tagBuf
			v, err := t.readTextBlock(value)
			if err != nil {
				return fmt.Errorf("line %d: %w", start, err)
			}
			err = t.tag(tag, v, start)
			if err != nil {
				return err
			}
			continue
		}
		if err := t.tag(tag, value, start); err != nil {
			return err
		}
	}
}

// readTextBlock reads a <text>…</text> value that may span lines.
func (t *tvReader) readTextBlock(first []byte) ([]byte, error) {
	body := bytes.TrimPrefix(first, []byte("<text>"))
	if before, _, ok := bytes.Cut(body, []byte("</text>")); ok {
		return before, nil
	}
	var sb bytes.Buffer
	sb.Write(body)
	for {
		line, err := t.readLine()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("<text> block is never closed")
		}
		if err != nil {
			return nil, err
		}
		sb.WriteByte('\n')
		if before, _, ok := bytes.Cut(line, []byte("</text>")); ok {
			sb.Write(before)
			return sb.Bytes(), nil
		}
		sb.Write(line)
	}
}

func (t *tvReader) flush() error {
	switch t.section {
	case tvFile:
		t.endFile()
	case tvLicense:
		t.s.license(&t.license)
		t.license = spdxLicense{}
	}
	if t.pkg == nil {
		return nil
	}
	p := t.pkg
	t.pkg = nil
	t.lastPkg = p.ID
	return t.s.pkg(p)
}

// endFile keeps the open file if it carries a copyright or attribution
// text, or has a binary's name; in tag-value a file belongs to the
// package before it.
func (t *tvReader) endFile() {
	f := &t.file
	if strings.TrimSpace(noAssertion(f.Copyright)) == "" && len(f.Attributions) == 0 && !isBinaryFileName(f.Name) {
		return
	}
	f.ID = normalizeSPDXID(f.ID)
	if f.ID != "" {
		f.Origin.Pointer = "#" + f.ID
	}
	if t.lastPkg != "" && f.ID != "" {
		t.s.ownFile(t.lastPkg, f.ID)
	}
	t.s.file(f)
	t.file = spdxFile{}
}

func (t *tvReader) fileTag(tag, value []byte) {
	switch string(tag) {
	case "FileCopyrightText":
		t.file.Copyright = string(value)
	case "FileAttributionText":
		t.file.Attributions = append(t.file.Attributions, string(value))
	}
}

func (t *tvReader) tag(tag, value []byte, line int) error {
	switch string(tag) {
	case "PackageName":
		if err := t.flush(); err != nil {
			return err
		}
		t.section = tvPackage
		// The package is reused: component copies all but Checksums,
		// and Refs is only read.
		t.pkgBuf = spdxPkg{Name: string(value), Origin: Origin{Line: line}, Refs: t.pkgBuf.Refs[:0]}
		t.pkg = &t.pkgBuf
		if len(t.pending) > 0 {
			t.pkg.ID = normalizeSPDXID(string(t.pending))
			t.pkg.Origin.Pointer = "#" + t.pkg.ID
			t.pending = t.pending[:0]
		}
		return nil
	case "FileName":
		err := t.flush()
		t.section = tvFile
		t.file = spdxFile{Name: string(value), ID: string(t.pending), Origin: Origin{Line: line}}
		t.pending = t.pending[:0]
		return err
	case "LicenseID":
		err := t.flush()
		t.section = tvLicense
		t.license = spdxLicense{ID: string(value), Origin: Origin{Line: line}}
		t.pending = t.pending[:0]
		return err
	case "SnippetSPDXID", "Reviewer", "Annotator":
		err := t.flush()
		t.section = tvOther
		t.pending = t.pending[:0]
		return err
	case "SPDXID":
		t.spdxID(value)
		return nil
	case "Relationship":
		t.relationship(value)
		return nil
	}
	switch t.section {
	case tvPackage:
		t.packageTag(tag, value)
	case tvFile:
		t.fileTag(tag, value)
	case tvLicense:
		switch string(tag) {
		case "ExtractedText":
			t.license.Text = string(value)
		case "LicenseName":
			t.license.Name = string(value)
		}
	case tvDocument:
		t.documentTag(tag, value)
	}
	return nil
}

// spdxID assigns an SPDXID to the open package, or keeps it for the
// element that follows when the open one already has its id.
func (t *tvReader) spdxID(value []byte) {
	switch {
	case t.section == tvPackage && t.pkg != nil && t.pkg.ID == "":
		t.pkg.ID = normalizeSPDXID(string(value))
		t.pkg.Origin.Pointer = "#" + t.pkg.ID
	case t.section == tvDocument && !t.docIDSet:
		t.docIDSet = true
	case t.section == tvFile && t.file.ID == "":
		t.file.ID = string(value)
	default:
		// Kept in a reused buffer: every file has an SPDXID.
		t.pending = append(t.pending[:0], value...)
	}
}

func (t *tvReader) documentTag(tag, value []byte) {
	d := t.s.doc
	switch string(tag) {
	case "SPDXVersion":
		t.s.version = string(value)
		d.SpecVersion = t.s.version
	case "DocumentName":
		d.Name = string(value)
	case "DocumentNamespace":
		d.Namespace = string(value)
	case "Creator":
		d.Creators = append(d.Creators, string(value))
	case "Created":
		t.s.created = string(value)
	}
}

func (t *tvReader) packageTag(tag, value []byte) {
	p := t.pkg
	switch string(tag) {
	case "PackageVersion":
		p.Version = string(value)
	case "PackageFileName":
		p.FileName = string(value)
	case "PackageSupplier":
		p.Supplier = t.intern(value)
	case "PackageOriginator":
		p.Originator = t.intern(value)
	case "PackageDownloadLocation":
		p.Download = t.intern(value)
	case "PackageHomePage":
		p.Homepage = t.intern(value)
	case "PackageCopyrightText":
		p.Copyright = t.intern(value)
	case "PackageSummary":
		p.Summary = string(value)
	case "PackageDescription":
		p.Description = string(value)
	case "PackageComment":
		p.Comment = string(value)
	case "PackageSourceInfo":
		p.SourceInfo = string(value)
	case "PackageAttributionText":
		p.Attributions = append(p.Attributions, string(value))
	case "PrimaryPackagePurpose":
		p.Purpose = t.intern(value)
	case "PackageLicenseConcluded":
		p.LicenseConcluded = t.intern(value)
	case "PackageLicenseDeclared":
		p.LicenseDeclared = t.intern(value)
	case "PackageChecksum":
		if alg, v, ok := bytes.Cut(value, []byte(":")); ok {
			p.Checksums = append(p.Checksums, Hash{Algorithm: t.intern(bytes.TrimSpace(alg)), Value: string(bytes.TrimSpace(v))})
		}
	case "ExternalRef":
		if a, b, c, rest, ok := asciiFields3(value); ok && len(rest) == 0 {
			if len(c) > 0 {
				p.Refs = append(p.Refs, spdxRef{Category: t.intern(a), Type: t.intern(b), Locator: string(c)})
			}
		} else if f := strings.Fields(string(value)); len(f) >= 3 {
			p.Refs = append(p.Refs, spdxRef{Category: f[0], Type: f[1], Locator: strings.Join(f[2:], " ")})
		}
	case "ExternalRefComment":
		if n := len(p.Refs); n > 0 {
			p.Refs[n-1].Comment = string(value)
		}
	}
}

func (t *tvReader) relationship(value []byte) {
	if a, typ, b, _, ok := asciiFields3(value); ok {
		if len(b) == 0 {
			t.s.warn.addf(spdxWarnScan, "relationship %q does not have three parts", value)
			return
		}
		an := t.refNode(a, &t.lastA)
		bn := t.refNode(b, &t.lastB)
		if strings.EqualFold(string(typ), "DESCRIBES") && string(a) == "SPDXRef-DOCUMENT" {
			t.s.describes = append(t.s.describes, bn.id)
		}
		t.s.relationshipNodes(an, t.relKind(typ), bn)
		return
	}
	f := bytes.Fields(value)
	if len(f) < 3 {
		t.s.warn.addf(spdxWarnScan, "relationship %q does not have three parts", value)
		return
	}
	an := t.s.node(t.normalizeID(f[0]))
	bn := t.s.node(t.normalizeID(f[2]))
	if strings.EqualFold(string(f[1]), "DESCRIBES") && string(f[0]) == "SPDXRef-DOCUMENT" {
		t.s.describes = append(t.s.describes, bn.id)
	}
	t.s.relationshipNodes(an, t.relKind(f[1]), bn)
}

// relKind is the kind of a relationship type, remembered for the last
// type: a document holds few, and they come in runs.
func (t *tvReader) relKind(typ []byte) spdxRelKind {
	if t.lastType == "" || string(typ) != t.lastType {
		t.lastType = t.intern(typ)
		t.lastKind = spdxRelKindOf(t.lastType)
	}
	return t.lastKind
}

// lastNode is the node of the last id read at one position of a
// relationship: relationships come grouped by their first element.
type lastNode struct {
	raw  []byte
	node *spdxNode
}

// refNode is the node of an id (normalised, see normalizeSPDXID): the
// relationships join the graph through the nodes, as SPDX JSON's do, and
// a node is found by a digest of its id, not by the id as a map key.
func (t *tvReader) refNode(b []byte, last *lastNode) *spdxNode {
	if last.node != nil && bytes.Equal(b, last.raw) {
		return last.node
	}
	last.raw = append(last.raw[:0], b...)
	last.node = t.s.node(t.normalizeID(b))
	return last.node
}

// normalizeID is normalizeSPDXID on bytes, valid until the next call.
func (t *tvReader) normalizeID(b []byte) []byte {
	if len(b) == 0 || bytes.HasPrefix(b, []byte("SPDXRef-")) || bytes.HasPrefix(b, []byte("DocumentRef-")) ||
		string(b) == "NOASSERTION" || string(b) == "NONE" {
		return b
	}
	t.idBuf = append(append(t.idBuf[:0], "SPDXRef-"...), b...)
	return t.idBuf
}

// intern allocates each distinct short value once.
func (t *tvReader) intern(b []byte) string {
	if s, ok := t.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(t.strs) < maxInterned && len(b) <= 128 {
		t.strs[s] = s
	}
	return s
}

// asciiFields3 splits text as bytes.Fields does, into its first three
// fields and the rest after them (without leading space); a missing field
// is empty. ok is false when a field holds a non-ASCII byte, which could
// be white space that only bytes.Fields knows.
func asciiFields3(v []byte) (a, b, c, rest []byte, ok bool) {
	var f [3][]byte
	for k := range f {
		i := 0
		for i < len(v) && v[i] < utf8.RuneSelf && asciiSpace[v[i]] {
			i++
		}
		v = v[i:]
		j := fieldEnd(v)
		if j < len(v) && (v[j] >= utf8.RuneSelf || !asciiSpace[v[j]]) {
			return nil, nil, nil, nil, false
		}
		f[k], v = v[:j], v[j:]
	}
	i := 0
	for i < len(v) && v[i] < utf8.RuneSelf && asciiSpace[v[i]] {
		i++
	}
	return f[0], f[1], f[2], v[i:], true
}

// fieldEnd is the index of the first byte of v that is white space or
// control (<= ' ') or not ASCII, or len(v); eight bytes at a time.
func fieldEnd(v []byte) int {
	i := 0
	for ; i+8 <= len(v); i += 8 {
		x := binary.LittleEndian.Uint64(v[i:])
		if (x-lows*0x21)&^x&highs != 0 || x&highs != 0 {
			break
		}
	}
	for ; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= utf8.RuneSelf {
			return i
		}
	}
	return len(v)
}

// asciiSpace is the ASCII white space of unicode.IsSpace.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
