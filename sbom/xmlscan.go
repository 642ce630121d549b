package sbom

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlScanner is encoding/xml's RawToken, rewritten for speed: the same
// tokens, errors and strictness (predefined entities only, no DTD
// expansion, names and characters checked, \r\n folded), read from a
// buffer of its own in bulk instead of a byte at a time, with names
// interned and no token boxed in an interface. RawToken cost three
// quarters of decoding CycloneDX XML. FuzzXMLScanner holds it to
// encoding/xml.
type xmlScanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // next byte of buf to read
	end  int   // buf[:end] holds data
	base int64 // input offset of buf[0]
	// lines counts the line breaks before buf[0]; lineStart is the input
	// offset where the line holding buf[0] begins.
	lines     int
	lineStart int64
	rerr      error // the reader's error, once it gave one
	err       error // sticky: the scanner's own error

	needClose bool
	toClose   xml.Name

	// The token read: start for xmlStart, name for xmlEnd, data for
	// xmlText; valid until the next call.
	start xml.StartElement
	name  xml.Name
	data  []byte
	attrs []xml.Attr
	text  []byte // scratch for data
	scr   []byte // scratch for names and other tokens
	names map[string]xml.Name
	vals  map[string]string
	// Direct-mapped caches in front of names and vals: a document's names
	// and short attribute values are few and repeat, and comparing a few
	// bytes with the one entry of their slot costs less than hashing them
	// into a map (the map lookups were a sixth of decoding CycloneDX XML).
	nameCache [internSlots]struct {
		key  string
		name xml.Name
	}
	valCache [internSlots]string
}

// internSlots is the size of the scanner's interning caches.
const internSlots = 256

// internSlot is b's slot in an interning cache.
func internSlot(b []byte) int {
	h := uint32(len(b))
	for _, c := range b {
		h = h*31 + uint32(c)
	}
	return int((h ^ h>>8) % internSlots)
}

// xmlKind is the kind of token next returned.
type xmlKind uint8

const (
	xmlStart xmlKind = iota + 1
	xmlEnd
	xmlText  // character data, CDATA included
	xmlOther // comment, processing instruction, directive
)

const xmlScanBuf = 64 << 10

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, xmlScanBuf), names: map[string]xml.Name{}, vals: map[string]string{}}
}

// InputOffset is the input offset of the next byte, as Decoder's.
func (s *xmlScanner) InputOffset() int64 { return s.base + int64(s.pos) }

// InputPos is the line and 1-based column of the next byte, as Decoder's.
func (s *xmlScanner) InputPos() (line, column int) {
	head := s.buf[:s.pos]
	line = 1 + s.lines + bytes.Count(head, []byte{'\n'})
	start := s.lineStart
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
		start = s.base + int64(i) + 1
	}
	return line, int(s.InputOffset()-start) + 1
}

func (s *xmlScanner) syntaxError(msg string) error {
	line, _ := s.InputPos()
	return &xml.SyntaxError{Msg: msg, Line: line}
}

// fill reads more input, keeping the last byte read so that ungetc
// works; it reports false at the end of the input or on a read error
// (s.err is then set, to io.EOF at the end).
func (s *xmlScanner) fill() bool {
	if s.err != nil {
		return false
	}
	if s.rerr != nil {
		s.err = s.rerr
		return false
	}
	keep := 0
	if s.pos > 0 {
		keep = 1
	}
	drop := s.pos - keep
	if drop > 0 {
		gone := s.buf[:drop]
		if n := bytes.Count(gone, []byte{'\n'}); n > 0 {
			s.lines += n
			s.lineStart = s.base + int64(bytes.LastIndexByte(gone, '\n')) + 1
		}
		copy(s.buf, s.buf[drop:s.end])
		s.base += int64(drop)
		s.pos -= drop
		s.end -= drop
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 {
			return true
		}
		if err != nil {
			s.err = err
			return false
		}
	}
}

func (s *xmlScanner) getc() (byte, bool) {
	if s.pos >= s.end && !s.fill() {
		return 0, false
	}
	b := s.buf[s.pos]
	s.pos++
	return b, true
}

// mustgetc is getc where the input may not end.
func (s *xmlScanner) mustgetc() (byte, bool) {
	b, ok := s.getc()
	if !ok && s.err == io.EOF {
		s.err = s.syntaxError("unexpected EOF")
	}
	return b, ok
}

func (s *xmlScanner) ungetc() { s.pos-- }

func (s *xmlScanner) fail(msg string) (xmlKind, error) {
	s.err = s.syntaxError(msg)
	return 0, s.err
}

// next reads the next token, as RawToken does.
func (s *xmlScanner) next() (xmlKind, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.needClose {
		s.needClose = false
		s.name = s.toClose
		return xmlEnd, nil
	}
	b, ok := s.getc()
	if !ok {
		return 0, s.err
	}
	if b != '<' {
		s.ungetc()
		if !s.readText(-1, false) {
			return 0, s.err
		}
		return xmlText, nil
	}
	if b, ok = s.mustgetc(); !ok {
		return 0, s.err
	}
	switch b {
	case '/':
		name, ok := s.nsname()
		if !ok {
			if s.err == nil {
				return s.fail("expected element name after </")
			}
			return 0, s.err
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '>' {
			return s.fail("invalid characters between </" + name.Local + " and >")
		}
		s.name = name
		return xmlEnd, nil
	case '?':
		return s.procInst()
	case '!':
		return s.bang()
	}
	s.ungetc()
	return s.startElement()
}

func (s *xmlScanner) startElement() (xmlKind, error) {
	name, ok := s.nsname()
	if !ok {
		if s.err == nil {
			return s.fail("expected element name after <")
		}
		return 0, s.err
	}
	s.attrs = s.attrs[:0]
	empty := false
	for {
		s.space()
		b, ok := s.mustgetc()
		if !ok {
			return 0, s.err
		}
		if b == '/' {
			empty = true
			if b, ok = s.mustgetc(); !ok {
				return 0, s.err
			}
			if b != '>' {
				return s.fail("expected /> in element")
			}
			break
		}
		if b == '>' {
			break
		}
		s.ungetc()
		an, ok := s.nsname()
		if !ok {
			if s.err == nil {
				return s.fail("expected attribute name in element")
			}
			return 0, s.err
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '=' {
			return s.fail("attribute name without = in element")
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '"' && b != '\'' {
			return s.fail("unquoted or missing attribute value in element")
		}
		if !s.readText(int(b), false) {
			return 0, s.err
		}
		s.attrs = append(s.attrs, xml.Attr{Name: an, Value: s.value(s.data)})
	}
	if empty {
		s.needClose, s.toClose = true, name
	}
	s.start = xml.StartElement{Name: name, Attr: s.attrs}
	return xmlStart, nil
}

// value is an attribute value as a string; short ones, which repeat
// (types, algorithms), are interned.
func (s *xmlScanner) value(b []byte) string {
	if len(b) > 24 {
		return string(b)
	}
	slot := &s.valCache[internSlot(b)]
	if *slot == string(b) {
		return *slot
	}
	v, ok := s.vals[string(b)]
	if !ok {
		v = string(b)
		if len(s.vals) < maxInterned {
			s.vals[v] = v
		}
	}
	*slot = v
	return v
}

func (s *xmlScanner) space() {
	for {
		for s.pos < s.end {
			switch s.buf[s.pos] {
			case ' ', '\r', '\n', '\t':
				s.pos++
				continue
			}
			return
		}
		if !s.fill() {
			return
		}
	}
}

// procInst reads <?target data?> after the "<?".
func (s *xmlScanner) procInst() (xmlKind, error) {
	target, ok := s.readNameString()
	if !ok {
		if s.err == nil {
			return s.fail("expected target name after <?")
		}
		return 0, s.err
	}
	s.space()
	s.scr = s.scr[:0]
	var b0 byte
	for {
		b, ok := s.mustgetc()
		if !ok {
			return 0, s.err
		}
		s.scr = append(s.scr, b)
		if b0 == '?' && b == '>' {
			break
		}
		b0 = b
	}
	if target == "xml" {
		content := string(s.scr[:len(s.scr)-2])
		if ver := xmlProcInstParam("version", content); ver != "" && ver != "1.0" {
			s.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
			return 0, s.err
		}
		if enc := xmlProcInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			s.err = fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)
			return 0, s.err
		}
	}
	return xmlOther, nil
}

// xmlProcInstParam is encoding/xml's procInst: the value of param in a
// processing instruction's content.
func xmlProcInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// bang reads what follows "<!": a comment, CDATA or a directive.
func (s *xmlScanner) bang() (xmlKind, error) {
	b, ok := s.mustgetc()
	if !ok {
		return 0, s.err
	}
	switch b {
	case '-':
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '-' {
			return s.fail("invalid sequence <!- not part of <!--")
		}
		var b0, b1 byte
		for {
			if b, ok = s.mustgetc(); !ok {
				return 0, s.err
			}
			if b0 == '-' && b1 == '-' {
				if b != '>' {
					return s.fail(`invalid sequence "--" not allowed in comments`)
				}
				return xmlOther, nil
			}
			b0, b1 = b1, b
		}
	case '[':
		for i := 0; i < 6; i++ {
			if b, ok = s.mustgetc(); !ok {
				return 0, s.err
			}
			if b != "CDATA["[i] {
				return s.fail("invalid <![ sequence")
			}
		}
		if !s.readText(-1, true) {
			return 0, s.err
		}
		return xmlText, nil
	}
	return s.directive()
}

// directive skips <!DOCTYPE ...> and the like as encoding/xml reads them:
// quoted angle brackets do not nest, comments inside are skipped. Their
// declarations are never applied.
func (s *xmlScanner) directive() (xmlKind, error) {
	var inquote byte
	depth := 0
	for {
		b, ok := s.mustgetc()
		if !ok {
			return 0, s.err
		}
		if inquote == 0 && b == '>' && depth == 0 {
			return xmlOther, nil
		}
	handle:
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			for i := 0; i < 3; i++ {
				if b, ok = s.mustgetc(); !ok {
					return 0, s.err
				}
				if b != "!--"[i] {
					depth++
					goto handle
				}
			}
			var b0, b1 byte
			for {
				if b, ok = s.mustgetc(); !ok {
					return 0, s.err
				}
				if b0 == '-' && b1 == '-' && b == '>' {
					break
				}
				b0, b1 = b1, b
			}
		}
	}
}

// xmlTextClass sorts the bytes of character data: xmlStop at those that
// need a look, xmlCheck at those checkXMLChars must see (control
// characters, and the bytes of multi-byte characters), 0 for the rest.
var xmlTextClass = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		t[c] = xmlCheck
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = xmlCheck
	}
	t['\t'], t['\n'] = 0, 0
	for _, c := range []byte{'<', '&', '\r', '>', '"', '\'', ']'} {
		t[c] = xmlStop
	}
	return t
}()

const (
	xmlCheck = 1
	xmlStop  = 2
)

// readText reads character data (quote < 0), a quoted attribute value
// (quote is the quote) or a CDATA section into s.data, as encoding/xml's
// text does; false on an error (in s.err) or, for character data, at
// the end of the input with nothing read.
func (s *xmlScanner) readText(quote int, cdata bool) bool {
	s.text = s.text[:0]
	var b0, b1 byte // the last two bytes read, as text's
	trunc := 0
	// check is set once a byte or an entity may need checkXMLChars.
	var check uint8
scan:
	for {
		if s.pos >= s.end && !s.fill() {
			if cdata {
				if s.err == io.EOF {
					s.err = s.syntaxError("unexpected EOF in CDATA section")
				}
				return false
			}
			break scan
		}
		if b1 == '\r' && s.buf[s.pos] == '\n' {
			// \r\n: the \n was written for the \r.
			s.pos++
			b0, b1 = b1, '\n'
			continue
		}
		// Copy the run of ordinary bytes in one go.
		i := s.pos
		for i < s.end {
			c := xmlTextClass[s.buf[i]]
			if c == xmlStop {
				break
			}
			check |= c
			i++
		}
		if i > s.pos {
			run := s.buf[s.pos:i]
			s.text = append(s.text, run...)
			if len(run) >= 2 {
				b0, b1 = run[len(run)-2], run[len(run)-1]
			} else {
				b0, b1 = b1, run[0]
			}
			s.pos = i
			continue
		}
		b := s.buf[s.pos]
		s.pos++
		if quote < 0 && b0 == ']' && b1 == ']' && b == '>' {
			if cdata {
				trunc = 2
				break scan
			}
			s.err = s.syntaxError("unescaped ]]> not in CDATA section")
			return false
		}
		if b == '<' && !cdata {
			if quote >= 0 {
				s.err = s.syntaxError("unescaped < inside quoted string")
				return false
			}
			s.ungetc()
			break scan
		}
		if quote >= 0 && b == byte(quote) {
			break scan
		}
		if b == '&' && !cdata {
			if !s.entity() {
				return false
			}
			b0, b1 = 0, 0
			check = xmlCheck // a character reference may be out of range
			continue
		}
		switch {
		case b == '\r':
			s.text = append(s.text, '\n')
		case b1 == '\r' && b == '\n':
		default:
			s.text = append(s.text, b)
		}
		b0, b1 = b1, b
	}
	if s.err == io.EOF && len(s.text) == 0 && !cdata && quote < 0 {
		return false
	}
	data := s.text[:len(s.text)-trunc]
	if check != 0 {
		if err := checkXMLChars(data); err != "" {
			s.err = s.syntaxError(err)
			return false
		}
	}
	s.data = data
	return true
}

// checkXMLChars is text's check that every character is valid UTF-8 in
// XML's character range.
func checkXMLChars(data []byte) string {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return fmt.Sprintf("illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return "invalid UTF-8"
		}
		if !(r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return fmt.Sprintf("illegal character code %U", r)
		}
		i += size
	}
	return ""
}

// entity reads a character or entity reference after its '&' and
// appends what it stands for; only the predefined entities are known.
func (s *xmlScanner) entity() bool {
	before := len(s.text)
	s.text = append(s.text, '&')
	b, ok := s.mustgetc()
	if !ok {
		return false
	}
	text, have := "", false
	if b == '#' {
		s.text = append(s.text, b)
		if b, ok = s.mustgetc(); !ok {
			return false
		}
		base := 10
		if b == 'x' {
			base = 16
			s.text = append(s.text, b)
			if b, ok = s.mustgetc(); !ok {
				return false
			}
		}
		start := len(s.text)
		for '0' <= b && b <= '9' || base == 16 && ('a' <= b && b <= 'f' || 'A' <= b && b <= 'F') {
			s.text = append(s.text, b)
			if b, ok = s.mustgetc(); !ok {
				return false
			}
		}
		if b != ';' {
			s.ungetc()
		} else {
			digits := string(s.text[start:])
			s.text = append(s.text, ';')
			if n, err := strconv.ParseUint(digits, base, 64); err == nil && n <= unicode.MaxRune {
				text, have = string(rune(n)), true
			}
		}
	} else {
		s.ungetc()
		s.text = s.readName(s.text)
		if s.err != nil {
			return false
		}
		if b, ok = s.mustgetc(); !ok {
			return false
		}
		if b != ';' {
			s.ungetc()
		} else {
			name := s.text[before+1:]
			s.text = append(s.text, ';')
			if isXMLName(name) {
				switch string(name) {
				case "lt":
					text, have = "<", true
				case "gt":
					text, have = ">", true
				case "amp":
					text, have = "&", true
				case "apos":
					text, have = "'", true
				case "quot":
					text, have = `"`, true
				}
			}
		}
	}
	if have {
		s.text = append(s.text[:before], text...)
		return true
	}
	ent := string(s.text[before:])
	if ent[len(ent)-1] != ';' {
		ent += " (no semicolon)"
	}
	s.err = s.syntaxError("invalid character entity " + ent)
	return false
}

func isXMLNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// readName appends a name's bytes to dst: single-byte characters that
// may be in names and every multi-byte one (isXMLName checks them).
func (s *xmlScanner) readName(dst []byte) []byte {
	for {
		if s.pos >= s.end && !s.fill() {
			if s.err == io.EOF {
				s.err = s.syntaxError("unexpected EOF")
			}
			return dst
		}
		i := s.pos
		for i < s.end && (s.buf[i] >= utf8.RuneSelf || isXMLNameByte(s.buf[i])) {
			i++
		}
		dst = append(dst, s.buf[s.pos:i]...)
		s.pos = i
		if i < s.end {
			return dst
		}
	}
}

// readNameString reads a name, checked; false without an error when
// there is none, for the caller to say what it expected.
func (s *xmlScanner) readNameString() (string, bool) {
	s.scr = s.readName(s.scr[:0])
	if s.err != nil || len(s.scr) == 0 {
		return "", false
	}
	if !isXMLName(s.scr) {
		s.err = s.syntaxError("invalid XML name: " + string(s.scr))
		return "", false
	}
	return string(s.scr), true
}

// nsname reads a name with at most one colon, split into prefix (Space)
// and local part, as RawToken gives them; names are interned.
func (s *xmlScanner) nsname() (xml.Name, bool) {
	s.scr = s.readName(s.scr[:0])
	if s.err != nil || len(s.scr) == 0 {
		return xml.Name{}, false
	}
	slot := &s.nameCache[internSlot(s.scr)]
	if slot.key == string(s.scr) {
		return slot.name, true
	}
	if n, ok := s.names[string(s.scr)]; ok {
		slot.key, slot.name = string(s.scr), n
		return n, true
	}
	if !isXMLName(s.scr) {
		s.err = s.syntaxError("invalid XML name: " + string(s.scr))
		return xml.Name{}, false
	}
	str := string(s.scr)
	var n xml.Name
	if strings.Count(str, ":") > 1 {
		return n, false
	} else if space, local, ok := strings.Cut(str, ":"); !ok || space == "" || local == "" {
		n.Local = str
	} else {
		n.Space, n.Local = space, local
	}
	if len(s.names) < maxInterned {
		s.names[str] = n
	}
	slot.key, slot.name = str, n
	return n, true
}

// isXMLName is encoding/xml's name check: ASCII names here, others by
// encoding/xml itself (its character tables are not exported).
func isXMLName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		_, err := xml.NewDecoder(strings.NewReader("<?" + string(b) + "?>")).RawToken()
		return err == nil
	}
	c := b[0]
	if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':') {
		return false
	}
	for _, c := range b[1:] {
		if !isXMLNameByte(c) {
			return false
		}
	}
	return true
}
