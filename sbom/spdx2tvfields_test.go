package sbom

import (
	"bytes"
	"testing"
)

// TestASCIIFields3 holds the fast field splitter of tag-value to
// bytes.Fields.
func TestASCIIFields3(t *testing.T) {
	for _, in := range []string{
		"", "a", "a b", "SPDXRef-A DEPENDS_ON SPDXRef-B", "  SPDXRef-A\tCONTAINS   SPDXRef-B  ",
		"SECURITY cpe23Type cpe:2.3:a:x:y:1:*:*:*:*:*:*:*", "a b c d e", "a b c ", "aaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbb c",
		"a\x01b c d", "a\u00a0b c d", "é b c", "a b c\u00a0d", "a\vb c d", "a\r\nb c",
	} {
		a, b, c, rest, ok := asciiFields3([]byte(in))
		if !ok {
			continue
		}
		f := bytes.Fields([]byte(in))
		want := [3]string{}
		for i := 0; i < 3 && i < len(f); i++ {
			want[i] = string(f[i])
		}
		if got := [3]string{string(a), string(b), string(c)}; got != want {
			t.Errorf("%q: fields %q, bytes.Fields %q", in, got, want)
		}
		if wantRest := len(f) > 3; wantRest != (len(rest) > 0) {
			t.Errorf("%q: rest %q, bytes.Fields %q", in, rest, f)
		}
	}
}
