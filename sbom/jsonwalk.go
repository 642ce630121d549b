package sbom

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// The hot arrays of the JSON formats (CycloneDX components and
// dependencies, SPDX packages and relationships) are not decoded with
// json.UnmarshalDecode, whose reflection and string handling cost half of
// a decode. A goroutine ahead of the caller reads and checks each element
// whole (forEachRawElement, with a jsonScan), and a jsonWalker walks the
// element's bytes by hand. The walkers keep Unmarshal's semantics
// under jsonOpts: a member name matches a field exactly, or else
// case-insensitively with '-' and '_' ignored; null stores the zero value;
// an array replaces a slice; an object is merged into a struct a pointer
// already points to; a value of the wrong kind is an error; unknown
// members are skipped. jsonwalk_test.go holds them to Unmarshal.

// jsonFields matches member names to the fields of one struct. The lists
// are short: a name's slot (from its length and end bytes) tells which
// one name of the list it can be, if any, and only the few slots that two
// names share are scanned.
type jsonFields struct {
	exact, folded []string // folded is nil for exact matching only
	// exactSlot and foldedSlot hold, by nameSlot, the index of the only
	// name with that slot plus one, 0 for none, -1 for several.
	exactSlot, foldedSlot [nameSlots]int8
}

// nameSlots is the size of the slot tables; nameSlot picks a name's slot.
const nameSlots = 64

func nameSlot(name []byte) int {
	if len(name) == 0 {
		return 0
	}
	return (len(name)*31 + int(name[0])*7 + int(name[len(name)-1])) & (nameSlots - 1)
}

// newJSONFields indexes names; a name's index is its position.
func newJSONFields(names ...string) *jsonFields {
	f := newJSONFieldsExact(names...)
	for _, n := range names {
		f.folded = append(f.folded, string(foldJSONName(nil, []byte(n))))
	}
	fillSlots(&f.foldedSlot, f.folded)
	return f
}

// newJSONFieldsExact indexes names that match only exactly.
func newJSONFieldsExact(names ...string) *jsonFields {
	f := &jsonFields{exact: names}
	fillSlots(&f.exactSlot, names)
	return f
}

func fillSlots(slots *[nameSlots]int8, names []string) {
	if len(names) > 127 {
		panic("jsonFields: too many names for the slot table")
	}
	for i, n := range names {
		switch k := &slots[nameSlot([]byte(n))]; *k {
		case 0:
			*k = int8(i + 1)
		default:
			*k = -1
		}
	}
}

// find returns the index of name in names by its slot, or -1.
func find(names []string, slots *[nameSlots]int8, name []byte) int {
	switch k := slots[nameSlot(name)]; {
	case k > 0:
		if names[k-1] == string(name) {
			return int(k - 1)
		}
	case k < 0:
		for i, n := range names {
			if n == string(name) {
				return i
			}
		}
	}
	return -1
}

// lookup returns the index of the field that name (unquoted) matches, or
// -1.
func (f *jsonFields) lookup(name []byte) int {
	if i := find(f.exact, &f.exactSlot, name); i >= 0 || f.folded == nil {
		return i
	}
	var arr [64]byte
	return find(f.folded, &f.foldedSlot, foldJSONName(arr[:0], name))
}

// foldJSONName folds a name as json.MatchCaseInsensitiveNames does: upper
// case, without '-' and '_'.
func foldJSONName(out, in []byte) []byte {
	for i := 0; i < len(in); {
		if c := in[i]; c < utf8.RuneSelf {
			if c != '_' && c != '-' {
				if 'a' <= c && c <= 'z' {
					c -= 'a' - 'A'
				}
				out = append(out, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		out = utf8.AppendRune(out, foldRune(r))
		i += n
	}
	return out
}

// foldRune is the smallest rune of r's case-folding orbit.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}

// jsonWalker walks one JSON value that has been read whole and checked
// (by a jsonScan or the decoder): the check is one tight pass, and the
// walk over bytes known to be valid JSON costs less than reading token by
// token. It reuses its buffers and interns the short strings that repeat
// across components.
type jsonWalker struct {
	b       []byte   // the value being walked, valid during the walk
	plain   bool     // b holds no backslash
	base    position // where b begins in the input
	pos     int
	scratch []byte
	idBuf   []byte
	strs    map[string]string
	recent  *[recentSlots]string // strings of strs, by recentSlot
	cdx     cdxArenas
}

func newJSONWalker() *jsonWalker {
	return &jsonWalker{strs: map[string]string{}, recent: new([recentSlots]string), cdx: cdxArenas{
		hashes: []cdxHash{}, extRefs: []cdxExtRef{}, props: []cdxProperty{},
	}}
}

// here is the position of the next byte to walk.
func (w *jsonWalker) here() position {
	return within(w.base, w.b, w.pos)
}

// maxInterned bounds the interning table, so that a document of unique
// values cannot grow it without limit.
const maxInterned = 1 << 14

// ws skips white space and returns the next byte, or 0 at the end.
func (w *jsonWalker) ws() byte {
	for w.pos < len(w.b) {
		switch c := w.b[w.pos]; c {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return c
		}
	}
	return 0
}

// peekKind is the kind of the next value.
func (w *jsonWalker) peekKind() jsontext.Kind {
	switch c := w.ws(); c {
	case '"', '{', '[', 'n', 't', 'f', '}', ']':
		return jsontext.Kind(c)
	case 0:
		return 0
	default:
		return '0'
	}
}

// rawString consumes the string that starts at pos, quotes included.
func (w *jsonWalker) rawString() []byte {
	start := w.pos
	w.pos++
	if w.plain {
		j := bytes.IndexByte(w.b[w.pos:], '"')
		if j < 0 {
			panic("jsonWalker: unterminated string in a value the decoder accepted")
		}
		w.pos += j + 1
		return w.b[start:w.pos]
	}
	for {
		j := bytes.IndexByte(w.b[w.pos:], '"')
		if j < 0 {
			panic("jsonWalker: unterminated string in a value the decoder accepted")
		}
		w.pos += j + 1
		k := w.pos - 2
		for k > start && w.b[k] == '\\' {
			k--
		}
		if (w.pos-2-k)%2 == 0 {
			return w.b[start:w.pos]
		}
	}
}

// skip consumes the next value.
func (w *jsonWalker) skip() {
	switch w.ws() {
	case '"':
		w.rawString()
	case '{', '[':
		depth := 0
		for {
			switch w.b[w.pos] {
			case '"':
				w.rawString()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					w.pos++
					return
				}
			}
			w.pos++
		}
	default:
		for w.pos < len(w.b) {
			switch w.b[w.pos] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return
			}
			w.pos++
		}
	}
}

// unquote returns the content of a raw JSON string, valid until the next
// call.
func (w *jsonWalker) unquote(raw []byte) ([]byte, error) {
	body := raw[1 : len(raw)-1]
	if w.plain || bytes.IndexByte(body, '\\') < 0 {
		return body, nil
	}
	out, err := jsontext.AppendUnquote(w.scratch[:0], raw)
	if err != nil {
		// Lone surrogates and the like: let Unmarshal replace them as it
		// does for any field.
		var s string
		if err := json.Unmarshal(raw, &s, jsonOpts); err != nil {
			return nil, err
		}
		out = append(w.scratch[:0], s...)
	}
	w.scratch = out
	return out, nil
}

// stringBytes reads a string value, valid until the next read; null reads
// as nil.
func (w *jsonWalker) stringBytes() ([]byte, error) {
	switch k := w.peekKind(); k {
	case '"':
		return w.unquote(w.rawString())
	case 'n':
		w.pos += len("null")
		return nil, nil
	default:
		return nil, w.wrongKind(k, "a string")
	}
}

// str reads a string value; null reads as "".
func (w *jsonWalker) str() (string, error) {
	b, err := w.stringBytes()
	return string(b), err
}

// istr is str for values that repeat (types, algorithms, property names):
// each distinct value is allocated once.
func (w *jsonWalker) istr() (string, error) {
	b, err := w.stringBytes()
	if err != nil || len(b) == 0 {
		return "", err
	}
	return w.intern(b), nil
}

func (w *jsonWalker) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &w.recent[recentSlot(b)]
	if *slot == string(b) {
		return *slot
	}
	if s, ok := w.strs[string(b)]; ok {
		*slot = s
		return s
	}
	s := string(b)
	if len(w.strs) < maxInterned && len(b) <= 128 {
		w.strs[s] = s
		*slot = s
	}
	return s
}

// rstr is str for values that often repeat but are as often unique
// (property values, SPDX sourceInfo): a repeat of a recent value is not
// allocated again, and a unique value costs no map entry.
func (w *jsonWalker) rstr() (string, error) {
	b, err := w.stringBytes()
	if err != nil || len(b) == 0 {
		return "", err
	}
	slot := &w.recent[recentSlot(b)]
	if *slot == string(b) {
		return *slot, nil
	}
	v := string(b)
	if len(b) <= maxRecent {
		*slot = v
	}
	return v, nil
}

// maxRecent bounds the values rstr keeps, and so the cache's memory.
const maxRecent = 256

// recentSlots is the size of the jsonWalker's cache of interned strings
// in front of its map: the values that repeat (types, algorithms,
// NOASSERTION, licence ids) are few, and a compare of one slot costs a
// fraction of a map lookup, which was a tenth of walking SPDX packages.
const recentSlots = 512

// recentSlot picks b's slot from its length and three of its bytes; b is
// not empty.
func recentSlot(b []byte) int {
	h := uint32(len(b)) | uint32(b[0])<<8 | uint32(b[len(b)>>1])<<16 | uint32(b[len(b)-1])<<24
	return int((h * 0x9E3779B1) >> (32 - 9))
}

// wrongKind consumes a value of kind k where want was expected and says
// so.
func (w *jsonWalker) wrongKind(k jsontext.Kind, want string) error {
	w.skip()
	return fmt.Errorf("expected %s, found %s", want, kindName(k))
}

// array calls fn for each element of the array that is the next value,
// positioned at the element; fn must consume it. null reports false and
// calls nothing; a value of another kind is an error.
func (w *jsonWalker) array(fn func() error) (present bool, err error) {
	switch k := w.peekKind(); k {
	case 'n':
		w.pos += len("null")
		return false, nil
	case '[':
	default:
		return false, w.wrongKind(k, "an array")
	}
	w.pos++
	for {
		switch w.ws() {
		case ']':
			w.pos++
			return true, nil
		case ',':
			w.pos++
		}
		if err := fn(); err != nil {
			return true, err
		}
	}
}

// jsonField is one member of the objects a jsonTable reads: its name
// beside the setter that reads its value into the struct.
type jsonField[T any] struct {
	name string
	set  func(w *jsonWalker, v *T) error
}

// jsonTable reads JSON objects into a T, member by member.
type jsonTable[T any] struct {
	names  *jsonFields
	fields []jsonField[T]
	// origin, if set, is where readObject notes the position of the
	// objects it reads.
	origin func(*T) *position
}

// newJSONTable is the table of fields; folded names also match
// case-insensitively without '-' and '_' (jsonOpts' rule), else only
// exactly.
func newJSONTable[T any](folded bool, fields ...jsonField[T]) *jsonTable[T] {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	t := &jsonTable[T]{names: newJSONFieldsExact(names...), fields: fields}
	if folded {
		t.names = newJSONFields(names...)
	}
	return t
}

// Setters of the common kinds of member, given the field they fill.

// strField reads a string; null stores "".
func strField[T any](name string, field func(*T) *string) jsonField[T] {
	return jsonField[T]{name, func(w *jsonWalker, v *T) (err error) {
		*field(v), err = w.str()
		return err
	}}
}

// internedField is strField for values that repeat across components
// (types, algorithms, names of organisations): each distinct value is
// allocated once.
func internedField[T any](name string, field func(*T) *string) jsonField[T] {
	return jsonField[T]{name, func(w *jsonWalker, v *T) (err error) {
		*field(v), err = w.istr()
		return err
	}}
}

// recentField is strField for values that often repeat (see rstr).
func recentField[T any](name string, field func(*T) *string) jsonField[T] {
	return jsonField[T]{name, func(w *jsonWalker, v *T) (err error) {
		*field(v), err = w.rstr()
		return err
	}}
}

// stringListField reads an array of strings, reusing the list.
func stringListField[T any](name string, interned bool, field func(*T) *[]string) jsonField[T] {
	return jsonField[T]{name, func(w *jsonWalker, v *T) (err error) {
		p := field(v)
		*p, err = w.stringList(*p, interned)
		return err
	}}
}

// ptrField reads an object into the struct that the field points to (see
// readPtr).
func ptrField[T, F any](name string, t *jsonTable[F], field func(*T) **F) jsonField[T] {
	return jsonField[T]{name, func(w *jsonWalker, v *T) error {
		return readPtr(w, t, field(v))
	}}
}

// null consumes a null if it is the next value.
func (w *jsonWalker) null() bool {
	if w.peekKind() == 'n' {
		w.pos += len("null")
		return true
	}
	return false
}

// readObject reads the object that is the next value into v, member by
// member; members of no field are skipped. null reads nothing and reports
// false; a value of another kind is an error.
func readObject[T any](w *jsonWalker, t *jsonTable[T], v *T) (present bool, err error) {
	switch k := w.peekKind(); k {
	case 'n':
		w.pos += len("null")
		return false, nil
	case '{':
	default:
		return false, w.wrongKind(k, "an object")
	}
	if t.origin != nil {
		*t.origin(v) = w.here()
	}
	w.pos++
	for {
		switch w.ws() {
		case '}':
			w.pos++
			return true, nil
		case ',':
			w.pos++
			w.ws()
		}
		name, err := w.unquote(w.rawString())
		if err != nil {
			return true, err
		}
		field := t.names.lookup(name)
		w.ws()
		w.pos++ // the colon
		if field < 0 {
			w.skip()
		} else if err := t.fields[field].set(w, v); err != nil {
			return true, err
		}
	}
}

// readPtr is how Unmarshal fills a pointer to a struct: null stores nil,
// an object is merged into the struct *p points to (a new one if nil),
// and a value of another kind is an error that leaves *p alone.
func readPtr[T any](w *jsonWalker, t *jsonTable[T], p **T) error {
	if w.null() {
		*p = nil
		return nil
	}
	v := *p
	if v == nil {
		v = new(T)
	}
	present, err := readObject(w, t, v)
	if present {
		*p = v
	}
	return err
}

// readObjectList reads an array of objects into list, reusing its
// storage; present is false for null.
func readObjectList[T any](w *jsonWalker, t *jsonTable[T], list []T) (out []T, present bool, err error) {
	out = list[:0]
	if out == nil {
		out = []T{}
	}
	present, err = w.array(func() error {
		var zero T
		out = append(out, zero)
		_, err := readObject(w, t, &out[len(out)-1])
		return err
	})
	return out, present, err
}

// readArenaList is readObjectList into a shared arena, so that the lists
// of every component share one growing backing array; it returns the
// elements it added (capacity-clipped), or nil for null.
func readArenaList[T any](w *jsonWalker, t *jsonTable[T], arena *[]T) ([]T, error) {
	start := len(*arena)
	present, err := w.array(func() error {
		var zero T
		*arena = append(*arena, zero)
		_, err := readObject(w, t, &(*arena)[len(*arena)-1])
		return err
	})
	if !present {
		return nil, err
	}
	return (*arena)[start:len(*arena):len(*arena)], err
}

// stringList reads an array of strings into list (reused); null stores
// nil.
func (w *jsonWalker) stringList(list []string, interned bool) ([]string, error) {
	out := list[:0]
	if out == nil {
		out = []string{}
	}
	present, err := w.array(func() error {
		var s string
		var err error
		if interned {
			s, err = w.istr()
		} else {
			s, err = w.str()
		}
		out = append(out, s)
		return err
	})
	if !present {
		return nil, err
	}
	return out, err
}

// walk sets the value to walk, which begins at position at.
func (w *jsonWalker) walk(raw []byte, at position) {
	w.b, w.pos, w.base = raw, 0, at
	// Nearly every element has no escape at all: one look at the whole
	// spares each of its strings two (for the quote's escape and for
	// unquoting).
	w.plain = bytes.IndexByte(raw, '\\') < 0
}
