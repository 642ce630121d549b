package sbom

import (
	"bufio"
	"bytes"
	"io"
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
	detect, _ := filepath.Glob("../testdata/detect/detect.*")
	paths = append(paths, detect...)
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

// checkDoc asserts what every successful decode promises; visits is the
// number of times the visit function ran.
func checkDoc(t *testing.T, doc *Document, err error, visits int) {
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
	if doc.ComponentCount != visits {
		t.Fatalf("ComponentCount %d, visited %d", doc.ComponentCount, visits)
	}
	if doc.ServiceCount < 0 || doc.ServiceCount > doc.ComponentCount {
		t.Fatalf("ServiceCount %d of %d components", doc.ServiceCount, doc.ComponentCount)
	}
}

// fuzzDecoder runs one decoder on data with a counting visit function.
func fuzzDecoder(t *testing.T, data []byte, dec func(r *bufio.Reader, visit func(*Component) error) (*Document, error)) {
	visits := 0
	doc, err := dec(bufio.NewReader(bytes.NewReader(data)), func(c *Component) error {
		if c == nil {
			t.Fatal("nil component")
		}
		visits++
		return nil
	})
	checkDoc(t, doc, err, visits)
}

// inMemory adapts a decoder of data in memory to fuzzDecoder.
func inMemory(dec func([]byte) (*Document, error)) func(*bufio.Reader, func(*Component) error) (*Document, error) {
	return func(r *bufio.Reader, visit func(*Component) error) (*Document, error) {
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		d, err := dec(data)
		if err != nil {
			return nil, err
		}
		return emitAll(d, visit)
	}
}

func FuzzRead(f *testing.F) {
	seedFuzz(f, "")
	f.Fuzz(func(t *testing.T, data []byte) {
		visits := 0
		doc, err := Decode("fuzz", bytes.NewReader(data), Options{MaxBytes: 1 << 20}, func(*Component) error {
			visits++
			return nil
		})
		checkDoc(t, doc, err, visits)
	})
}

func FuzzDetect(f *testing.F) {
	seedFuzz(f, "")
	f.Fuzz(func(t *testing.T, data []byte) {
		format, err := Detect(data)
		if (err == nil) == (format == FormatUnknown) {
			t.Fatalf("format %q with error %v", format, err)
		}
		format, err = detect(data[:len(data)/2], false)
		if (err == nil) == (format == FormatUnknown) {
			t.Fatalf("prefix: format %q with error %v", format, err)
		}
	})
}

func FuzzCycloneDXJSON(f *testing.F) {
	seedFuzz(f, ".cdx.json", "cdx-1.2", "misleading")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, func(r *bufio.Reader, v func(*Component) error) (*Document, error) {
			return decodeCycloneDXJSON(r, v)
		})
	})
}

func FuzzCycloneDXXML(f *testing.F) {
	seedFuzz(f, ".cdx.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, func(r *bufio.Reader, v func(*Component) error) (*Document, error) {
			return decodeCycloneDXXML(r, v)
		})
	})
}

func FuzzSPDXJSON(f *testing.F) {
	seedFuzz(f, ".spdx.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, func(r *bufio.Reader, v func(*Component) error) (*Document, error) {
			return decodeSPDXJSON(r, "/packages/", v)
		})
	})
}

func FuzzSPDXYAML(f *testing.F) {
	seedFuzz(f, ".spdx.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, func(r *bufio.Reader, v func(*Component) error) (*Document, error) {
			data, err := io.ReadAll(r)
			if err != nil {
				return nil, err
			}
			return decodeSPDXYAML(data, v)
		})
	})
}

func FuzzSPDXTagValue(f *testing.F) {
	seedFuzz(f, "planted.spdx", ".spdx")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, func(r *bufio.Reader, v func(*Component) error) (*Document, error) {
			return decodeSPDXTagValue(r, 0, v, DefaultMaxStringBytes)
		})
	})
}

func FuzzSPDXRDF(f *testing.F) {
	seedFuzz(f, ".rdf")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, inMemory(func(d []byte) (*Document, error) { return decodeSPDXRDF(d, DefaultMaxDepth) }))
	})
}

func FuzzSPDX3(f *testing.F) {
	seedFuzz(f, "spdx3")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, inMemory(decodeSPDX3))
	})
}

func FuzzSyftJSON(f *testing.F) {
	seedFuzz(f, "syft")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, func(r *bufio.Reader, v func(*Component) error) (*Document, error) {
			return decodeSyftJSON(r, v)
		})
	})
}
