package sbom

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

func TestCleanReader(t *testing.T) {
	tests := []struct {
		name, in, want    string
		invalid, controls int
	}{
		{"ascii", `{"name":"zlib"}` + "\n\t\r", `{"name":"zlib"}` + "\n\t\r", 0, 0},
		{"multibyte", "АО «Лаборатория Касперского» 😀", "АО «Лаборатория Касперского» 😀", 0, 0},
		{"invalid bytes", "bad\xff\xfename", "bad\uFFFD\uFFFDname", 2, 0},
		{"truncated rune at end", "ok\xd0", "ok\uFFFD", 1, 0},
		{"control characters", "a\x07b\x1b[31mc\x00d\x7f", "a\uFFFDb\uFFFD[31mc\uFFFDd\uFFFD", 0, 4},
		{"long clean run then dirt", strings.Repeat("abcdefgh", 20) + "\x01", strings.Repeat("abcdefgh", 20) + "\uFFFD", 0, 1},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = strings.NewReader(tt.in)
			if oneByte {
				r = iotest.OneByteReader(r) // every rune split across reads
			}
			c := newCleanReader(r)
			got, err := io.ReadAll(c)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if string(got) != tt.want || c.invalid != tt.invalid || c.controls != tt.controls {
				t.Errorf("%s (one byte %v): %q invalid %d controls %d, want %q %d %d", tt.name, oneByte, got, c.invalid, c.controls, tt.want, tt.invalid, tt.controls)
			}
			if (c.warning() == "") != (tt.invalid+tt.controls == 0) {
				t.Errorf("%s: warning %q", tt.name, c.warning())
			}
		}
	}
}

func TestInvalidUTF8IsAuditedWithWarning(t *testing.T) {
	in := "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"bad\xff\x07name\"}]}"
	doc, err := Read("x.json", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Components) != 1 || doc.Components[0].Name != "bad\uFFFD\uFFFDname" {
		t.Errorf("components = %+v", doc.Components)
	}
	if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0], "invalid UTF-8") {
		t.Errorf("warnings = %v", doc.Warnings)
	}
}

func BenchmarkCleanReader(b *testing.B) {
	line := `    {"type":"library","name":"lodash","version":"4.17.21","purl":"pkg:npm/lodash@4.17.21"},` + "\n"
	data := strings.Repeat(line, 20000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := io.Copy(io.Discard, newCleanReader(strings.NewReader(data))); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPlainWord holds plainWord to a byte-by-byte check: every byte value
// at every position of words of plain bytes, and random words.
func TestPlainWord(t *testing.T) {
	slow := func(x uint64) bool {
		for i := 0; i < 8; i++ {
			if b := byte(x >> (8 * i)); b < 0x20 || b > 0x7e {
				return false
			}
		}
		return true
	}
	check := func(x uint64) {
		if got, want := plainWord(x), slow(x); got != want {
			t.Fatalf("plainWord(%#016x) = %v, want %v", x, got, want)
		}
	}
	for _, base := range []uint64{0x2020202020202020, 0x7e7e7e7e7e7e7e7e, 0x4142434445464748} {
		for pos := 0; pos < 8; pos++ {
			for v := 0; v < 256; v++ {
				check(base&^(0xff<<(8*pos)) | uint64(v)<<(8*pos))
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		check(rng.Uint64())
		// Mostly plain words with one or two odd bytes.
		x := 0x2020202020202020 + rng.Uint64()&0x1f1f1f1f1f1f1f1f
		x ^= uint64(rng.IntN(256)) << (8 * rng.IntN(8))
		check(x)
	}
}
