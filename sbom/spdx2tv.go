package sbom

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// tvSection is what the tags after a section header describe.
type tvSection int

const (
	tvDocument tvSection = iota
	tvPackage
	tvOther // file, snippet, licence, review, annotation
)

// tvReader scans SPDX tag-value line by line from a stream, keeping the
// line of each package so that findings can cite it. It converts a value
// to a string only when it keeps it: file, snippet and licence sections,
// most of a big document, cost no allocation.
type tvReader struct {
	s       *spdxState
	br      *bufio.Reader
	lineNo  int
	long    []byte // a line longer than the reader's buffer
	tagBuf  []byte // the tag of a multi-line <text> value
	section tvSection
	pkg     *spdxPkg
	// pending is an SPDXID line that came before its element's first tag,
	// an order some writers use (a reused buffer: every file has one).
	pending  []byte
	docIDSet bool
}

// decodeSPDXTagValue streams tag-value from r; firstLine is the number of
// lines already consumed before r.
func decodeSPDXTagValue(r *bufio.Reader, firstLine int, visit func(*Component) error) (*Document, error) {
	t := &tvReader{s: newSPDXState(visit), br: r, lineNo: firstLine}
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
	line, err := t.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		t.long = append(t.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = t.br.ReadSlice('\n')
			t.long = append(t.long, line...)
		}
		line = t.long
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(line) == 0 && err != nil {
		return nil, io.EOF
	}
	t.lineNo++
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), nil
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
	if t.pkg == nil {
		return nil
	}
	p := t.pkg
	t.pkg = nil
	return t.s.pkg(p)
}

func (t *tvReader) tag(tag, value []byte, line int) error {
	switch string(tag) {
	case "PackageName":
		if err := t.flush(); err != nil {
			return err
		}
		t.section = tvPackage
		t.pkg = &spdxPkg{Name: string(value), Origin: Origin{Line: line}}
		if len(t.pending) > 0 {
			t.pkg.ID = normalizeSPDXID(string(t.pending))
			t.pkg.Origin.Pointer = "#" + t.pkg.ID
			t.pending = t.pending[:0]
		}
		return nil
	case "FileName", "SnippetSPDXID", "LicenseID", "Reviewer", "Annotator":
		t.section = tvOther
		t.pending = t.pending[:0]
		return t.flush()
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
		p.Supplier = string(value)
	case "PackageOriginator":
		p.Originator = string(value)
	case "PackageDownloadLocation":
		p.Download = string(value)
	case "PackageHomePage":
		p.Homepage = string(value)
	case "PackageCopyrightText":
		p.Copyright = string(value)
	case "PackageSummary":
		p.Summary = string(value)
	case "PackageDescription":
		p.Description = string(value)
	case "PackageComment":
		p.Comment = string(value)
	case "PrimaryPackagePurpose":
		p.Purpose = string(value)
	case "PackageLicenseConcluded":
		p.LicenseConcluded = string(value)
	case "PackageLicenseDeclared":
		p.LicenseDeclared = string(value)
	case "PackageChecksum":
		if alg, v, ok := bytes.Cut(value, []byte(":")); ok {
			p.Checksums = append(p.Checksums, Hash{Algorithm: string(bytes.TrimSpace(alg)), Value: string(bytes.TrimSpace(v))})
		}
	case "ExternalRef":
		if f := strings.Fields(string(value)); len(f) >= 3 {
			p.Refs = append(p.Refs, spdxRef{Category: f[0], Type: f[1], Locator: strings.Join(f[2:], " ")})
		}
	case "ExternalRefComment":
		if n := len(p.Refs); n > 0 {
			p.Refs[n-1].Comment = string(value)
		}
	}
}

func (t *tvReader) relationship(value []byte) {
	f := bytes.Fields(value)
	if len(f) < 3 {
		t.s.warn.addf(spdxWarnScan, "relationship %q does not have three parts", value)
		return
	}
	a, typ, b := normalizeSPDXID(string(f[0])), string(f[1]), normalizeSPDXID(string(f[2]))
	if strings.EqualFold(typ, "DESCRIBES") && string(f[0]) == "SPDXRef-DOCUMENT" {
		t.s.describes = append(t.s.describes, b)
	}
	t.s.relationship(a, typ, b)
}
