package sbom

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// bigArray is a JSON array of n objects made by item, well past the 64 KiB
// that detection sniffs.
func bigArray(n int, item func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = item(i)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestDecodeStreaming(t *testing.T) {
	comps := bigArray(2000, func(i int) string {
		return fmt.Sprintf(`{"type":"library","bom-ref":"c%d","name":"pkg-%d","version":"1.%d","purl":"pkg:npm/pkg-%d@1.%d"}`, i, i, i, i, i)
	})
	artifacts := bigArray(2000, func(i int) string {
		return fmt.Sprintf(`{"id":"a%d","name":"pkg-%d","version":"1.%d","type":"npm","purl":"pkg:npm/pkg-%d@1.%d","cpes":[],"licenses":[]}`, i, i, i, i, i)
	})
	tests := []struct {
		name    string
		data    string
		format  Format
		count   int
		wantErr error
	}{
		{"bomFormat after a huge components array", `{"components":` + comps + `,"specVersion":"1.6","bomFormat":"CycloneDX"}`, FormatCycloneDXJSON, 2000, nil},
		{"huge components array and no CycloneDX key", `{"components":` + comps + `,"name":"package.json"}`, "", 0, ErrNotSBOM},
		{"wrong bomFormat after the components", `{"components":` + comps + `,"bomFormat":"SPDX"}`, "", 0, ErrInvalidSBOM},
		{"syft descriptor after a huge artifacts array", `{"artifacts":` + artifacts + `,"source":{"name":"x"},"descriptor":{"name":"syft","version":"1.0"},"schema":{"version":"16.0.0"}}`, FormatSyftJSON, 2000, nil},
		{"spdxVersion after a huge packages array", `{"packages":` + bigArray(2000, func(i int) string {
			return fmt.Sprintf(`{"SPDXID":"SPDXRef-p%d","name":"pkg-%d","versionInfo":"1.%d"}`, i, i, i)
		}) + `,"spdxVersion":"SPDX-2.3","creationInfo":{"created":"2024-01-01T00:00:00Z"}}`, FormatSPDXJSON, 2000, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			visits := 0
			doc, err := Decode("x", strings.NewReader(tt.data), Options{}, func(c *Component) error {
				if want := fmt.Sprintf("pkg-%d", visits); c.Name != want {
					t.Fatalf("visit %d: name %q, want %q", visits, c.Name, want)
				}
				visits++
				return nil
			})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.format || doc.ComponentCount != tt.count || visits != tt.count || doc.Components != nil {
				t.Errorf("format %s, count %d, visits %d, components %d; want %s, %d", doc.Format, doc.ComponentCount, visits, len(doc.Components), tt.format, tt.count)
			}
		})
	}
}

func TestDecodeVisitError(t *testing.T) {
	stop := errors.New("stop here")
	for _, file := range []string{"kaspersky-planted.cdx.json", "planted.cdx.xml", "kaspersky-planted.spdx.json", "kaspersky-planted.spdx", "planted.syft.json", "planted.spdx.rdf"} {
		t.Run(file, func(t *testing.T) {
			doc, err := ReadFile("../testdata/sboms/"+file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.ComponentCount != len(doc.Components) {
				t.Errorf("ComponentCount %d, %d components", doc.ComponentCount, len(doc.Components))
			}
			visits := 0
			_, err = Decode(file, strings.NewReader(mustRead(t, "../testdata/sboms/"+file)), Options{}, func(*Component) error {
				visits++
				return stop
			})
			if err != stop || visits != 1 {
				t.Errorf("err = %v after %d visits, want the visit error itself after 1", err, visits)
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
