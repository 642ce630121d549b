package sbom

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// TestDeclaredButBroken: a document that declares a format with a wrong
// value or type is ErrInvalidSBOM (failed), not ErrNotSBOM (skipped), and
// the message says what the field holds.
func TestDeclaredButBroken(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{"bomFormat":"CDX","components":[]}`, `bomFormat holds "CDX" (a string), want "CycloneDX"`},
		{`{"bomFormat":null,"components":[]}`, `bomFormat holds null (null)`},
		{`{"bomFormat":{"x":1}}`, `bomFormat holds {"x":1} (an object)`},
		{`{"bomFormat":"CycloneDX","specVersion":"2.0"}`, `specVersion holds "2.0" (a string)`},
		{`{"bomFormat":"CycloneDX","specVersion":true}`, `specVersion holds true (a boolean)`},
		{`{"spdxVersion":"SPDX 2.3","packages":[]}`, `spdxVersion holds "SPDX 2.3"`},
		{`{"spdxVersion":["SPDX-2.3"]}`, `spdxVersion holds ["SPDX-2.3"] (an array)`},
		{`<bom version="1"/>`, `xmlns holds ""`},
	} {
		_, err := Read("x", strings.NewReader(c.doc), Options{})
		if !errors.Is(err, ErrInvalidSBOM) || errors.Is(err, ErrNotSBOM) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrInvalidSBOM with %q", c.doc, err, c.want)
		}
	}
	// Not declared, or declared well: unchanged.
	for doc, want := range map[string]error{
		`{"name":"left-pad","version":"1.0.0"}`:                  ErrNotSBOM,
		`{"bomFormat":"cyclonedx","specVersion":"1.6"}`:          nil,
		`{"bomFormat":"CycloneDX","specVersion":"1.9"}`:          nil, // a future 1.x: read as the latest, with a warning
		`{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT"}`: nil,
	} {
		if _, err := Read("x", strings.NewReader(doc), Options{}); !errors.Is(err, want) && (want != nil || err != nil) {
			t.Errorf("%s: err = %v, want %v", doc, err, want)
		}
	}
}

// TestErrorDigest: a rejected input still carries the digest of its bytes
// as stored, so that failed and skipped inputs are evidence too.
func TestErrorDigest(t *testing.T) {
	big := `{"name":"x","pad":"` + strings.Repeat("a", 1<<20) + `"}` // more than one read-ahead chunk
	for _, doc := range []string{`{"name":"left-pad"}`, `{"bomFormat":"CycloneDX","components":[{`, big} {
		_, err := Read("x", strings.NewReader(doc), Options{})
		de, ok := ErrorDigest(err)
		sum := sha256.Sum256([]byte(doc))
		if !ok || de.SHA256 != hex.EncodeToString(sum[:]) || !de.Whole || de.Bytes != int64(len(doc)) {
			t.Errorf("%.40s: err %v, digest %+v, want the whole input's", doc, err, de)
		}
	}
	// Over the size limit: the digest covers what was read, and says so.
	_, err := Read("x", strings.NewReader(big), Options{MaxBytes: 1000})
	if de, ok := ErrorDigest(err); !ok || de.Whole || de.Bytes == 0 || !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: err %v digest %+v", err, de)
	}
}

// TestSqueezeKeepsDocuments: white space runs are shortened only beyond
// two blocks; a document with such a run inside the components array
// decodes to the same components, with a warning.
func TestSqueezeKeepsDocuments(t *testing.T) {
	comp := `{"type":"library","name":"a","version":"1","supplier":{"name":"AO Kaspersky Lab"}}`
	for _, run := range []int{10, squeezeBlock, 5 * squeezeBlock, 5*squeezeBlock + 17} {
		doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[` + comp + "," + strings.Repeat(" ", run) + comp + `]}`
		d, err := Read("x", strings.NewReader(doc), Options{})
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		warned := strings.Contains(strings.Join(d.Warnings, "\n"), "bytes of white space")
		if len(d.Components) != 2 || d.Components[1].Supplier == nil || d.Components[1].Supplier.Name != "AO Kaspersky Lab" || warned != (run > 2*squeezeBlock) {
			t.Errorf("run %d: %d components, warnings %q", run, len(d.Components), d.Warnings)
		}
		sum := sha256.Sum256([]byte(doc))
		if d.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("run %d: the digest is not of the input as stored", run)
		}
	}
	// The reader itself: blocks after the first of a blank run go.
	in := bytes.Repeat([]byte(" "), 4*squeezeBlock)
	in = append(append([]byte("x"), in...), 'y')
	var out bytes.Buffer
	sq := newSqueezeReader(bytes.NewReader(in), make([]byte, squeezeBlock))
	if _, err := out.ReadFrom(sq); err != nil {
		t.Fatal(err)
	}
	if got := out.Len() + int(sq.dropped); got != len(in) || sq.dropped == 0 || out.Bytes()[0] != 'x' || out.Bytes()[out.Len()-1] != 'y' {
		t.Errorf("squeezed %d bytes, dropped %d of %d", out.Len(), sq.dropped, len(in))
	}
}
