package sbom

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFuzz adds every fixture under testdata/ whose name contains one of
// the hints, so each target starts from real documents of its format.
func seedFuzz(f *testing.F, hints ...string) {
	f.Helper()
	paths, _ := filepath.Glob("../testdata/sboms/*")
	local, _ := filepath.Glob("testdata/*")
	for _, p := range append(paths, local...) {
		base := filepath.Base(p)
		for _, h := range hints {
			if strings.Contains(base, h) {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
				break
			}
		}
	}
	f.Add([]byte{})
	f.Add([]byte("{}"))
}

// checkDoc asserts what every successful decode promises.
func checkDoc(t *testing.T, doc *Document, err error) {
	t.Helper()
	if err != nil {
		if err.Error() == "" {
			t.Fatal("empty error message")
		}
		return
	}
	if doc == nil {
		t.Fatal("nil document without an error")
	}
	if doc.Dependencies == nil {
		t.Fatal("nil dependency map")
	}
	if len(doc.Warnings) > maxWarnings+1 {
		t.Fatalf("%d warnings, more than the bound", len(doc.Warnings))
	}
}

func FuzzRead(f *testing.F) {
	seedFuzz(f, "")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("fuzz", strings.NewReader(string(data)), Options{MaxBytes: 1 << 20})
		checkDoc(t, doc, err)
	})
}

func FuzzDetect(f *testing.F) {
	seedFuzz(f, "")
	f.Fuzz(func(t *testing.T, data []byte) {
		format, err := Detect(data)
		if (err == nil) == (format == FormatUnknown) {
			t.Fatalf("format %q with error %v", format, err)
		}
	})
}

func FuzzCycloneDXJSON(f *testing.F) {
	seedFuzz(f, ".cdx.json", "cdx-1.2", "misleading")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeCycloneDX(data, false)
		checkDoc(t, doc, err)
	})
}

func FuzzCycloneDXXML(f *testing.F) {
	seedFuzz(f, ".cdx.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeCycloneDX(data, true)
		checkDoc(t, doc, err)
	})
}

func FuzzSPDXJSON(f *testing.F) {
	seedFuzz(f, ".spdx.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeSPDXJSON(data, false)
		checkDoc(t, doc, err)
	})
}

func FuzzSPDXYAML(f *testing.F) {
	seedFuzz(f, ".spdx.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeSPDXJSON(data, true)
		checkDoc(t, doc, err)
	})
}

func FuzzSPDXTagValue(f *testing.F) {
	seedFuzz(f, "planted.spdx", ".spdx")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeSPDXTagValue(data)
		checkDoc(t, doc, err)
	})
}

func FuzzSPDXRDF(f *testing.F) {
	seedFuzz(f, ".rdf")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeSPDXRDF(data)
		checkDoc(t, doc, err)
	})
}

func FuzzSPDX3(f *testing.F) {
	seedFuzz(f, "spdx3")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeSPDX3(data)
		checkDoc(t, doc, err)
	})
}

func FuzzSyftJSON(f *testing.F) {
	seedFuzz(f, "syft")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeSyftJSON(data)
		checkDoc(t, doc, err)
	})
}
