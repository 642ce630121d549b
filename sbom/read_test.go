package sbom

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file        string
		format      Format
		spec        string
		components  int
		subject     string
		withPointer bool // every component has a source pointer
		withLine    bool // every component has a line number
	}{
		{"kaspersky-planted.cdx.json", FormatCycloneDXJSON, "1.6", 55, "acme-gateway", true, false},
		{"kaspersky-planted.spdx.json", FormatSPDXJSON, "SPDX-2.3", 56, "SPDXRef-acme-gateway", true, false},
		{"kaspersky-planted.spdx", FormatSPDXTagValue, "SPDX-2.3", 56, "SPDXRef-acme-gateway", true, true},
		{"misleading-name.xml", FormatCycloneDXJSON, "1.6", 2, "acme-kiosk", true, false},
		{"planted-1.7.cdx.json", FormatCycloneDXJSON, "1.7", 5, "acme-edge-router", true, false},
		{"planted-2.1-wrapper.spdx.yaml", FormatSPDXYAML, "SPDX-2.1", 4, "SPDXRef-acme-log-collector", true, false},
		{"planted-utf16.spdx.json", FormatSPDXJSON, "SPDX-2.3", 6, "SPDXRef-acme-vpn-client", true, false},
		{"planted.cdx-1.2.json", FormatCycloneDXJSON, "1.2", 4, "acme-legacy-proxy", true, false},
		{"planted.cdx.json.gz", FormatCycloneDXJSON, "1.6", 3, "acme-ids", true, false},
		{"planted.cdx.xml", FormatCycloneDXXML, "1.5", 6, "acme-mailguard", true, false},
		{"planted.spdx.rdf", FormatSPDXRDF, "SPDX-2.3", 6, "SPDXRef-acme-sensor", true, false},
		{"planted.spdx.yaml", FormatSPDXYAML, "SPDX-2.3", 6, "SPDXRef-acme-vpn-client", true, false},
		{"planted.spdx3.json", FormatSPDX3JSON, "3.0.1", 5, "https://acme-networks.example/spdx3/acme-nas-2.0.0/Package/acme-nas", true, false},
		{"planted.syft.json", FormatSyftJSON, "16.0.24", 4, "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := ReadFile(filepath.Join("..", "testdata", "sboms", tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.format || doc.SpecVersion != tt.spec {
				t.Errorf("format %s %s, want %s %s", doc.Format, doc.SpecVersion, tt.format, tt.spec)
			}
			if len(doc.Components) != tt.components {
				t.Errorf("components = %d, want %d", len(doc.Components), tt.components)
			}
			if doc.SubjectRef != tt.subject {
				t.Errorf("subject = %q, want %q", doc.SubjectRef, tt.subject)
			}
			if len(doc.SHA256) != 64 {
				t.Errorf("sha256 = %q", doc.SHA256)
			}
			for _, c := range doc.Components {
				if tt.withPointer && c.Origin.Pointer == "" {
					t.Errorf("component %q has no source pointer", c.Name)
				}
				if tt.withLine && c.Origin.Line == 0 {
					t.Errorf("component %q has no line", c.Name)
				}
			}
		})
	}
}

// TestSHA256IsOfFileBytes: the digest is of the bytes as stored, so that
// an auditor can check it with sha256sum, even for gzip input.
func TestSHA256IsOfFileBytes(t *testing.T) {
	path := filepath.Join("..", "testdata", "sboms", "planted.cdx.json.gz")
	doc, err := ReadFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if want := sha256Hex(raw); doc.SHA256 != want {
		t.Errorf("sha256 %s, want %s", doc.SHA256, want)
	}
}

const minimalCDX = `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"zlib","version":"1.3"}]}`

func TestDetect(t *testing.T) {
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(minimalCDX)
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(minimalCDX)
	tests := []struct {
		name    string
		data    string
		want    Format
		wantErr string
	}{
		{"cyclonedx json", minimalCDX, FormatCycloneDXJSON, ""},
		{"cyclonedx json, bomFormat last", `{"specVersion":"1.4","components":[],"bomFormat":"CycloneDX"}`, FormatCycloneDXJSON, ""},
		{"cyclonedx json without bomFormat", `{"specVersion":"1.4","components":[]}`, FormatCycloneDXJSON, ""},
		{"cyclonedx xml 1.0", `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.0" version="1"><components/></bom>`, FormatCycloneDXXML, ""},
		{"cyclonedx xml 1.7", `<bom xmlns="http://cyclonedx.org/schema/bom/1.7"/>`, FormatCycloneDXXML, ""},
		{"spdx json", `{"spdxVersion":"SPDX-2.3","packages":[]}`, FormatSPDXJSON, ""},
		{"spdx3", `{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}`, FormatSPDX3JSON, ""},
		{"spdx3 context array", `{"@context":["https://spdx.org/rdf/3.0.1/spdx-context.jsonld"],"@graph":[]}`, FormatSPDX3JSON, ""},
		{"syft", `{"artifacts":[],"source":{},"descriptor":{"name":"syft"},"schema":{"version":"16.0.0"}}`, FormatSyftJSON, ""},
		{"tag-value", "# comment\nSPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n", FormatSPDXTagValue, ""},
		{"yaml", "---\nspdxVersion: SPDX-2.3\nname: x\n", FormatSPDXYAML, ""},
		{"yaml 2.1 wrapper", "Document:\n  spdxVersion: SPDX-2.1\n", FormatSPDXYAML, ""},
		{"rdf", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"/>`, FormatSPDXRDF, ""},
		{"empty", "  \n", FormatUnknown, "empty"},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00\x00", FormatUnknown, "binary"},
		{"json no sbom", `{"name":"package.json","version":"1.0.0"}`, FormatUnknown, "JSON without bomFormat"},
		{"truncated json", `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[`, FormatUnknown, "invalid JSON at byte offset"},
		{"json array", `[1,2]`, FormatUnknown, "not an SBOM"},
		{"xml not sbom", `<html><body/></html>`, FormatUnknown, "root element <html>"},
		{"bom without namespace", `<bom version="1"/>`, FormatUnknown, "without a CycloneDX namespace"},
		{"plain text", "hello world\n", FormatUnknown, "text without SPDXVersion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect([]byte(tt.data))
			if got != tt.want {
				t.Errorf("Detect = %q, want %q (err %v)", got, tt.want, err)
			}
			if tt.wantErr == "" && err != nil {
				t.Errorf("unexpected error %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) && !errors.Is(err, ErrNotSBOM)) {
				t.Errorf("error %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
	t.Run("utf-16 both byte orders", func(t *testing.T) {
		for name, data := range map[string]string{"le without bom": utf16le, "be with bom": utf16be} {
			doc, err := Read(name, strings.NewReader(data), Options{})
			if err != nil || doc.Format != FormatCycloneDXJSON || len(doc.Components) != 1 {
				t.Errorf("%s: %v %+v", name, err, doc)
			}
		}
	})
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLimits(t *testing.T) {
	t.Run("gzip bomb stops at the limit", func(t *testing.T) {
		bomb := gzipped(t, bytes.Repeat([]byte{' '}, 64<<20)) // 64 MiB of spaces, ~64 KiB compressed
		_, err := Read("bomb.gz", bytes.NewReader(bomb), Options{MaxBytes: 1 << 20})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "after decompression") {
			t.Fatalf("err = %v, want ErrTooLarge after decompression", err)
		}
	})
	t.Run("plain input over the limit", func(t *testing.T) {
		_, err := Read("big", strings.NewReader(minimalCDX), Options{MaxBytes: 10})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
	t.Run("gzip input within the limit", func(t *testing.T) {
		doc, err := Read("ok.gz", bytes.NewReader(gzipped(t, []byte(minimalCDX))), Options{MaxBytes: 1 << 20})
		if err != nil || len(doc.Components) != 1 {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("corrupt gzip", func(t *testing.T) {
		data := gzipped(t, []byte(minimalCDX))
		_, err := Read("bad.gz", bytes.NewReader(data[:len(data)/2]), Options{})
		if err == nil || !strings.Contains(err.Error(), "gzip") {
			t.Fatalf("err = %v, want a gzip error", err)
		}
	})
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
