package sbom

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestLimitsPerComponent(t *testing.T) {
	nested := `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[` + strings.Repeat(`{"type":"library","name":"n","components":[`, 12) +
		`{"type":"library","name":"leaf"}` + strings.Repeat(`]}`, 12) + `]}`
	many := `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[`
	for i := range 50 {
		if i > 0 {
			many += ","
		}
		many += fmt.Sprintf(`{"type":"library","name":"c%d"}`, i)
	}
	many += "]}"
	long := `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"x","description":"` + strings.Repeat("d", 5000) + `"}]}`
	longLine := "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nPackageName: " + strings.Repeat("A", 200_000) + "\nSPDXID: SPDXRef-p\n"
	deepRDF := `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#">` +
		strings.Repeat("<x>", 50) + strings.Repeat("</x>", 50) + `</rdf:RDF>`
	tests := []struct {
		name, in string
		opts     Options
		want     string // "" = must decode
	}{
		{"components within limit", many, Options{MaxComponents: 50}, ""},
		{"too many components", many, Options{MaxComponents: 49}, "more than 49 components"},
		{"nesting within limit", nested, Options{MaxDepth: 13}, ""},
		{"nesting too deep", nested, Options{MaxDepth: 12}, "deeper than 12"},
		{"long value within limit", long, Options{MaxStringBytes: 5000}, ""},
		{"value too long", long, Options{MaxStringBytes: 4999}, "description of 5000 bytes"},
		{"tag-value line too long", longLine, Options{MaxStringBytes: 100_000}, "line is longer than 100000 bytes"},
		{"tag-value line within limit", longLine, Options{}, ""},
		{"RDF nested too deep", deepRDF, Options{MaxDepth: 20}, "nested deeper than 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("x", strings.NewReader(tt.in), tt.opts)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("err = %v, want ErrLimit mentioning %q", err, tt.want)
			}
		})
	}
}
