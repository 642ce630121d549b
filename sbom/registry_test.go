package sbom

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// formatFixtures is one fixture of testdata/sboms per format, for the
// tests below that run over every registered format.
var formatFixtures = map[Format]string{
	FormatCycloneDXJSON: "planted-1.7.cdx.json",
	FormatCycloneDXXML:  "planted.cdx.xml",
	FormatSPDXJSON:      "kaspersky-planted.spdx.json",
	FormatSPDXTagValue:  "kaspersky-planted.spdx",
	FormatSPDXYAML:      "planted.spdx.yaml",
	FormatSPDXRDF:       "planted.spdx.rdf",
	FormatSPDX3JSON:     "planted.spdx3.json",
	FormatSyftJSON:      "planted.syft.json",
}

// TestRegistryCoversEveryFormat: a format added to the registry must come
// with a fixture, a benchmark input and a reference decoder (or a reason
// it has none) in each differential test, so that no test skips it.
func TestRegistryCoversEveryFormat(t *testing.T) {
	formats := Formats()
	if len(formats) == 0 {
		t.Fatal("no decoders registered")
	}
	seen := map[Format]bool{}
	for _, f := range formats {
		if f == FormatUnknown || seen[f] {
			t.Errorf("format %q registered twice or empty", f)
		}
		seen[f] = true
		if _, ok := formatFixtures[f]; !ok {
			t.Errorf("%s: no fixture in formatFixtures", f)
		}
		if _, ok := decoderBenchInputs[f]; !ok {
			t.Errorf("%s: no input in decoderBenchInputs", f)
		}
		_, ref := streamReferences[f]
		if _, why := noStreamReference[f]; ref == why {
			t.Errorf("%s: needs exactly one of a streamReferences entry or a noStreamReference reason", f)
		}
		_, ref = toolsGolangReaders[f]
		if _, why := notToolsGolang[f]; ref == why {
			t.Errorf("%s: needs exactly one of a toolsGolangReaders entry or a notToolsGolang reason", f)
		}
	}
	for _, m := range []map[Format]string{formatFixtures, noStreamReference, notToolsGolang} {
		for f := range m {
			if !seen[f] {
				t.Errorf("%s is listed in a test table but not registered", f)
			}
		}
	}
}

// TestDecodeReproducible: for every registered format, two decodes of its
// fixture agree in everything, Read and Decode agree, and detection of the
// whole file names the format.
func TestDecodeReproducible(t *testing.T) {
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "testdata", "sboms", formatFixtures[f]))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := Detect(data); got != f && !bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
				t.Errorf("Detect = %s (%v), want %s", got, err, f)
			}
			a, err := Read("fixture", bytes.NewReader(data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := Read("fixture", bytes.NewReader(data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Format != f || len(a.Components) == 0 {
				t.Fatalf("format %s with %d components, want %s with some", a.Format, len(a.Components), f)
			}
			if d := diff(*a, *b); d != "" {
				t.Errorf("two reads differ: %s", d)
			}
			var visited []Component
			c, err := Decode("fixture", bytes.NewReader(data), Options{}, func(c *Component) error {
				visited = append(visited, *c)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			c.Components = visited
			if !reflect.DeepEqual(a, c) {
				t.Errorf("Read and Decode differ: %s", diff(*a, *c))
			}
		})
	}
}
