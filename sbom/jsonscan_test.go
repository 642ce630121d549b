package sbom

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/go-json-experiment/json/jsontext"
)

// scanOne runs a jsonScan over data as one whole input: a value that
// runs to the end is cut off (as a stream's EOF would tell).
func scanOne(data []byte) (end int, s jsonScan) {
	s.b = data
	return s.value(0, 0), s
}

// referenceValue reads one value of data with jsontext under the options
// the decoders use: its end, or its error.
func referenceValue(data []byte) (int64, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if _, err := dec.ReadValue(); err != nil {
		return 0, err
	}
	return dec.InputOffset(), nil
}

// cutShort is jsontext's error for a value the input ends before.
func cutShort(err error) bool {
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// checkScanAgrees holds jsonScan to jsontext on data followed by a
// newline (a number at the very end needs the byte after it).
func checkScanAgrees(t *testing.T, data []byte) {
	t.Helper()
	in := append(bytes.Clone(data), '\n')
	end, s := scanOne(in)
	want, err := referenceValue(in)
	switch {
	case err == nil && end != int(want):
		t.Fatalf("%q: jsonScan ends at %d (%d, %s), jsontext at %d", data, end, s.bad, s.why, want)
	case err != nil && end >= 0:
		t.Fatalf("%q: jsonScan accepts up to %d, jsontext fails: %v", data, end, err)
	case cutShort(err) && end != scanNeedMore:
		t.Fatalf("%q: jsontext wants more input, jsonScan says %d (%s)", data, end, s.why)
	case err != nil && !cutShort(err) && end != scanInvalid:
		t.Fatalf("%q: jsontext fails (%v), jsonScan wants more input", data, err)
	case end == scanInvalid && (s.bad < 0 || s.bad >= len(in) || s.why == ""):
		t.Fatalf("%q: invalid at %d of %d, %q", data, s.bad, len(in), s.why)
	}
}

func TestJSONScanAgreesWithJSONText(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, `""`, `0`, `-0`, `1.5e+10`, `-12.25E-3`, `true`, `false`, `null`,
		`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`,
		` { "a" : [ 1 , 2 ] } `,
		`"plain ascii that runs past eight bytes"`,
		`"esc \" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00"`,
		`"lone \ud800 surrogate"`,
		"\"utf-8 é 漢字 and invalid \xff\xfe\"",
		`{"a":1,"a":2}`,
		// Invalid: every one must be refused.
		`{"a":1,}`, `[1,]`, `[,1]`, `{"a"}`, `{"a":}`, `{a:1}`, `{"a":1 "b":2}`, `[1 2]`,
		`01`, `-`, `1.`, `1e`, `1e+`, `.5`, `+1`, `0x10`, `1.5.5`,
		`tru`, `truex`, `nul`, `nulL`, `falsey`, `t`,
		"\"raw \x01 control\"", "\"raw \t tab\"", "\"raw \n newline\"",
		`"bad \x escape"`, `"bad \u12 escape"`, `"bad \u12G4 escape"`, `"cut \`,
		`"unterminated`, `{"a":[1,2`, `{"a":`, `[`, `{`, `}`, `]`, `:`, `,`,
		"", " ", "\x00",
	} {
		t.Run(strconv.Quote(in), func(t *testing.T) { checkScanAgrees(t, []byte(in)) })
	}
}

func TestJSONScanDepthLimit(t *testing.T) {
	for _, depth := range []int{maxScanDepth - 1, maxScanDepth, maxScanDepth + 1} {
		in := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		checkScanAgrees(t, in)
		obj := []byte(strings.Repeat(`{"a":`, depth-1) + "{}" + strings.Repeat("}", depth-1))
		checkScanAgrees(t, obj)
	}
	end, s := scanOne([]byte(strings.Repeat("[", maxScanDepth+1)))
	if end != scanInvalid || !strings.Contains(s.why, "depth") {
		t.Fatalf("too deep: %d, %q", end, s.why)
	}
}

func FuzzJSONScan(f *testing.F) {
	for _, s := range []string{`{"a":[1,"b",{"c":null}],"d":-1.5e3}`, `"x\u00e9\n"`, `[tru`, `01`, "\"\x01\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		checkScanAgrees(t, data)
	})
}

// rawArrayDoc is a document with an array read raw between other
// members, its elements, and what follows the array.
const rawArrayDoc = `{"before": "x", "list": [ {"a": "one"}, 2, "three", [4, {"five": 5}] , null ], "after": {"k": "v"}}`

var rawArrayElements = []string{`{"a": "one"}`, `2`, `"three"`, `[4, {"five": 5}]`, `null`}

// readRawArrayDoc decodes rawArrayDoc from r, reading "list" with
// forEachRawElement and the other members with the decoder, as the
// decoders do.
func readRawArrayDoc(t *testing.T, r io.Reader) (elems []string, offs []int, after string) {
	t.Helper()
	dec, lines := newJSONDecoder(r, true)
	err := forEachMember(dec, func(name string) error {
		switch name {
		case "list":
			_, err := forEachRawElement(dec, lines, func(raw []byte, i int, at position) error {
				if i != len(elems) {
					t.Fatalf("element %d came as %d", len(elems), i)
				}
				elems = append(elems, string(raw))
				offs = append(offs, at.col-1) // one line: the column tells the offset
				return nil
			})
			return err
		case "after":
			v, err := dec.ReadValue()
			after = string(v)
			return err
		}
		return dec.SkipValue()
	})
	if err := endDocument(dec, lines, "test", err); err != nil {
		t.Fatal(err)
	}
	return elems, offs, after
}

func TestForEachRawElementResumesTheDecoder(t *testing.T) {
	readers := map[string]func() io.Reader{
		"whole":    func() io.Reader { return strings.NewReader(rawArrayDoc) },
		"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(rawArrayDoc)) },
		"half":     func() io.Reader { return iotest.HalfReader(strings.NewReader(rawArrayDoc)) },
	}
	for name, r := range readers {
		t.Run(name, func(t *testing.T) {
			elems, offs, after := readRawArrayDoc(t, r())
			if strings.Join(elems, "|") != strings.Join(rawArrayElements, "|") {
				t.Fatalf("elements %q, want %q", elems, rawArrayElements)
			}
			for i, off := range offs {
				if !strings.HasPrefix(rawArrayDoc[off:], rawArrayElements[i]) {
					t.Fatalf("element %d placed at %d: %q", i, off, rawArrayDoc[off:])
				}
			}
			if after != `{"k": "v"}` {
				t.Fatalf("after the array the decoder read %q", after)
			}
		})
	}
}

// TestForEachRawElementErrorsNameTheirPlace: a syntax error inside an
// element, or after the array, is told at its own offset and pointer,
// whichever reader delivers the bytes.
func TestForEachRawElementErrorsNameTheirPlace(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		want      []string
	}{
		{"in an element", `{"list": [{"a": 1}, {"a" 2}]}`, []string{"byte offset 25", "/list/1", "after object key"}},
		{"between elements", `{"list": [1 2]}`, []string{"byte offset 12", "/list/1", "after array element"}},
		{"trailing comma", `{"list": [1,]}`, []string{"byte offset 12", "/list/1", "beginning of value"}},
		{"cut short", `{"list": [{"a": "b`, []string{"byte offset 18", "unexpected EOF"}},
		{"after the array", `{"list": [1], "next" 2}`, []string{"byte offset 20", "/next", "expecting ':'", "after offset 21"}},
		{"second array", `{"list": [1], "more": [1], "list": [3 4]}`, []string{"byte offset 38", "/list/1"}},
	} {
		for _, one := range []bool{false, true} {
			t.Run(c.name+map[bool]string{false: "", true: "/one byte"}[one], func(t *testing.T) {
				var r io.Reader = strings.NewReader(c.doc)
				if one {
					r = iotest.OneByteReader(r)
				}
				dec, lines := newJSONDecoder(r, true)
				err := forEachMember(dec, func(name string) error {
					if name == "list" || name == "more" {
						_, err := forEachRawElement(dec, lines, func([]byte, int, position) error { return nil })
						return err
					}
					return dec.SkipValue()
				})
				err = endDocument(dec, lines, "decode", err)
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range c.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
			})
		}
	}
}

// TestResumePrefixNested: an array read raw inside an array inside an
// object leaves the decoder where it would have been, pointers included.
func TestResumePrefixNested(t *testing.T) {
	doc := `{"a": [0, {"b": [1, 2]}, "x" 3]}`
	dec, lines := newJSONDecoder(strings.NewReader(doc), true)
	for _, want := range []jsontext.Kind{'{', '"', '[', '0', '{', '"'} {
		tok, err := dec.ReadToken()
		if err != nil || tok.Kind() != want {
			t.Fatalf("token %v, %v; want %v", tok, err, want)
		}
	}
	var got []string
	if _, err := forEachRawElement(dec, lines, func(raw []byte, _ int, _ position) error {
		got = append(got, string(raw))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "1,2" {
		t.Fatalf("elements %q", got)
	}
	if p := dec.StackPointer(); p != "/a/1/b" {
		t.Fatalf("pointer after the array %q, want /a/1/b", p)
	}
	for _, want := range []jsontext.Kind{'}', '"'} {
		if tok, err := dec.ReadToken(); err != nil || tok.Kind() != want {
			t.Fatalf("token %v, %v; want %v", tok, err, want)
		}
	}
	_, err := dec.ReadToken()
	if err == nil {
		t.Fatal("no error for a missing comma")
	}
	if off := lines.decOffset(dec); off != int64(strings.Index(doc, "3")) && off != int64(strings.Index(doc, " 3")) {
		t.Fatalf("error at offset %d of %q (%v)", off, doc, err)
	}
}

// TestRawArrayLargeElementIsNotRescannedPerChunk: an element far larger
// than the buffer, delivered in small reads, is read in a number of fills
// that grows with the log of its size (the buffer doubles and each fill
// fills it); one fill per read would scan it again from its start each
// time, quadratic in its size.
func TestRawArrayLargeElementIsNotRescannedPerChunk(t *testing.T) {
	const size = 8 << 20
	elem := `{"description":"` + strings.Repeat("x", size) + `"}`
	input := elem + `, 1]`
	r := iotest.HalfReader(io.MultiReader(strings.NewReader(input[:1000]), strings.NewReader(input[1000:])))
	arr := newRawArray(nil, nil, &smallReads{r: r, max: 4096}, 0, 1)
	v, _, err := arr.next()
	if err != nil || len(v) != len(elem) {
		t.Fatalf("first element: %d bytes, %v", len(v), err)
	}
	if v, _, err := arr.next(); err != nil || string(v) != "1" {
		t.Fatalf("second element %q, %v", v, err)
	}
	if _, _, err := arr.next(); err != io.EOF {
		t.Fatalf("end of the array: %v", err)
	}
	// 8 MiB from a 32 KiB buffer: 8 doublings, each one fill.
	if arr.fills > 12 {
		t.Fatalf("%d fills for one %d-byte element", arr.fills, size)
	}
}

// smallReads returns at most max bytes per Read.
type smallReads struct {
	r   io.Reader
	max int
}

func (s *smallReads) Read(p []byte) (int, error) {
	if len(p) > s.max {
		p = p[:s.max]
	}
	return s.r.Read(p)
}
