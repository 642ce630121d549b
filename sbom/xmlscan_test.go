package sbom

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

// scanAll lists the tokens of data as xmlScanner reads them, in the form
// xmlTokens gives encoding/xml's, and the error that ended them.
func scanAll(r io.Reader) ([]string, error) {
	s := newXMLScanner(r)
	var out []string
	for len(out) < 100000 {
		k, err := s.next()
		if err != nil {
			return out, err
		}
		switch k {
		case xmlStart:
			out = append(out, fmt.Sprintf("start %v %v", s.start.Name, s.start.Attr))
		case xmlEnd:
			out = append(out, fmt.Sprintf("end %v", s.name))
		case xmlText:
			out = append(out, fmt.Sprintf("text %q", s.data))
		}
	}
	return out, nil
}

func xmlTokens(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	var out []string
	for len(out) < 100000 {
		tok, err := d.RawToken()
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(t.Attr) == 0 {
				t.Attr = nil
			}
			out = append(out, fmt.Sprintf("start %v %v", t.Name, t.Attr))
		case xml.EndElement:
			out = append(out, fmt.Sprintf("end %v", t.Name))
		case xml.CharData:
			out = append(out, fmt.Sprintf("text %q", []byte(t)))
		}
	}
	return out, nil
}

// sameScan holds xmlScanner to encoding/xml's RawToken on data: the same
// tokens, and an error where it fails (io.EOF where it ends), with the
// same message for syntax errors. The scanner reads data one byte at a
// time too, so that every token crosses a buffer boundary.
func sameScan(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := xmlTokens(bytes.NewReader(data))
	for _, r := range []io.Reader{bytes.NewReader(data), iotest.OneByteReader(bytes.NewReader(data))} {
		got, err := scanAll(r)
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("token %d: scanner %s, encoding/xml %s", i, got[i], want[i])
			}
		}
		if len(got) != len(want) {
			t.Fatalf("scanner %d tokens (%v), encoding/xml %d (%v)", len(got), err, len(want), wantErr)
		}
		if (err == io.EOF) != (wantErr == io.EOF) {
			t.Fatalf("scanner ends with %v, encoding/xml with %v", err, wantErr)
		}
		var se, wse *xml.SyntaxError
		if errors.As(wantErr, &wse) && (!errors.As(err, &se) || se.Msg != wse.Msg) {
			t.Fatalf("scanner error %v, encoding/xml %v", err, wantErr)
		}
	}
}

var xmlScanCases = []string{
	`<?xml version="1.0" encoding="UTF-8"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5" serialNumber="urn:x"><components><component type="library" bom-ref="a&amp;b"><name>x &lt; y &#65;&#x42;</name></component></components></bom>`,
	"<a>\r\n b\r c\r\r\n</a>",
	`<a b='1' c="2"/><d/>`,
	`<a><![CDATA[x<y]]]]><![CDATA[>z]]></a>`,
	`<a>]]></a>`,
	`<a>&unknown;</a>`,
	`<a>&amp</a>`,
	`<a>&#xZZ;</a>`,
	`<!DOCTYPE bom [<!ENTITY x "y"> <!-- c -->]><a>&x;</a>`,
	`<!-- comment --><a/><!-- bad -- comment -->`,
	`<?xml version="1.1"?><a/>`,
	`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`,
	`<a x=1/>`,
	`<a x/>`,
	`<a:b:c/>`,
	`<:a/>`,
	`<a></b>`,
	`<a`,
	`<a>text`,
	`<a b="<"/>`,
	"<a>\x01</a>",
	"<a>\xff</a>",
	`<é/>`,
	"<a\u00b7b/>",
	`<1a/>`,
	`</>`,
	`<!- x>`,
	`<![CDAT[x]]>`,
	`<a>x</a >`,
	`<a>x</a x>`,
	`<ns:a ns:b="1" xmlns:ns="u"><ns:c/></ns:a>`,
}

func TestXMLScannerMatchesEncodingXML(t *testing.T) {
	for _, c := range xmlScanCases {
		t.Run("", func(t *testing.T) { sameScan(t, []byte(c)) })
	}
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "sboms", "*.xml"))
	more, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.xml"))
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if utf8Data, _, err := toUTF8(data); err == nil {
			data = utf8Data
		}
		t.Run(filepath.Base(p), func(t *testing.T) { sameScan(t, data) })
	}
}

func FuzzXMLScanner(f *testing.F) {
	for _, c := range xmlScanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameScan(t, data)
	})
}
