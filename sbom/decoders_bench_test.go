package sbom

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// This file uses only the package's public API (Decode, the Format
// constants), so that scripts/bench-decode-base.sh can copy it into a
// checkout of the baseline and run the same benchmark there.

// decoderBenchInputs is one mid-size input per format for
// BenchmarkDecoders; TestRegistryCoversEveryFormat requires an entry for
// every registered format, so a new format cannot go unmeasured. Each
// returns the input, or "" and a reason to skip.
var decoderBenchInputs = map[Format]func(b *testing.B) []byte{
	FormatCycloneDXJSON: benchFile("gomod.cdx.json.gz"),
	FormatCycloneDXXML:  benchFile("gomod.cdx.xml.gz"),
	FormatSPDXJSON:      benchFile("gomod.spdx.json.gz"),
	FormatSPDXTagValue:  benchFile("gomod.spdx.gz"),
	FormatSPDXYAML:      corpusFile("spdx-yaml/spdx-python__SPDXYAMLExample-UTF-16.spdx.yaml"),
	FormatSPDXRDF:       corpusFile("spdx-rdf/spdx-python__SPDXRdfExample-UTF-16.spdx.rdf.xml"),
	FormatSPDX3JSON:     corpusFile("spdx3/sbomqs__perl-Mojolicious.spdx.json"),
	FormatSyftJSON:      func(*testing.B) []byte { return syntheticSyft(5000) },
}

// decoderBenchOrder fixes the order of the sub-benchmarks.
var decoderBenchOrder = []Format{
	FormatCycloneDXJSON, FormatCycloneDXXML, FormatSPDXJSON, FormatSPDXTagValue,
	FormatSPDXYAML, FormatSPDXRDF, FormatSPDX3JSON, FormatSyftJSON,
}

// BenchmarkDecoders decodes one input of each format from memory with a
// counting visit function (make bench-decode runs it here and on a
// baseline checkout, alternating, and prints the ratios).
func BenchmarkDecoders(b *testing.B) {
	for _, f := range decoderBenchOrder {
		b.Run(string(f), func(b *testing.B) {
			data := decoderBenchInputs[f](b)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			count := 0
			for b.Loop() {
				count = 0
				doc, err := Decode(string(f), bytes.NewReader(data), Options{}, func(*Component) error {
					count++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if doc.Format != f {
					b.Fatalf("decoded as %s, want %s", doc.Format, f)
				}
			}
			b.ReportMetric(float64(count)*float64(b.N)/b.Elapsed().Seconds(), "components/s")
		})
	}
}

func benchFile(name string) func(b *testing.B) []byte {
	return func(b *testing.B) []byte {
		p := filepath.Join(benchDir, name)
		if _, err := os.Stat(p); err != nil {
			b.Skipf("skipping: %v (fresh clone without ../shared)", err)
		}
		return gunzipFile(b, p)
	}
}

func corpusFile(name string) func(b *testing.B) []byte {
	return func(b *testing.B) []byte {
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			b.Skipf("skipping: %v (fresh clone without ../shared)", err)
		}
		return data
	}
}

// syntheticSyft is a syft JSON document of n artifacts: no corpus file is
// syft's own format.
func syntheticSyft(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"artifacts":[`)
	for i := range n {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"id":"id-%d","name":"pkg-%d","version":"1.%d.0","type":"go-module","purl":"pkg:golang/example.com/pkg-%d@1.%d.0",`+
			`"cpes":[{"cpe":"cpe:2.3:a:example:pkg-%d:1.%d.0:*:*:*:*:*:*:*","source":"syft-generated"}],`+
			`"licenses":[{"value":"MIT","spdxExpression":"MIT","type":"declared"}],"metadata":{"path":"/go/pkg-%d","h1Digest":"h1:abc"}}`,
			i, i, i, i, i, i, i, i)
	}
	buf.WriteString(`],"artifactRelationships":[`)
	for i := 1; i < n; i++ {
		if i > 1 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"parent":"id-0","child":"id-%d","type":"contains"}`, i)
	}
	buf.WriteString(`],"source":{"name":"example"},"descriptor":{"name":"syft","version":"1.0.0"},"schema":{"version":"16.0.24"}}`)
	return buf.Bytes()
}
