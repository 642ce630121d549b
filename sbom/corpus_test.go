package sbom

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real public SBOMs; a fresh clone does
// not have it, CI always does.
const corpusDir = "../../shared/corpus"

type corpusEntry struct {
	Path       string `json:"path"`
	Components *int   `json:"components_or_packages"`
	Intended   string `json:"intended"`
	Note       string `json:"note"`
}

func loadCorpusIndex(t *testing.T) []corpusEntry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, "index.json"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("skipping: %s is absent (fresh clone without ../shared)", corpusDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var idx []corpusEntry
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatalf("index.json: %v", err)
	}
	return idx
}

// countExceptions documents where our count differs from the independent
// count in index.json, and why our side is right.
var countExceptions = map[string]struct {
	want   int
	reason string
}{
	"cyclonedx-xml/dtrack__bom-issue2519.xml": {2179, "five components appear twice with the same bom-ref and identity " +
		"(the BOM was merged and re-serialised); a package reported twice is counted once"},
	"cyclonedx-json/bom-shelter__harp-darwin-amd64.sbom.json": {814, "cyclonedx-gomod lists the main module's 109 packages " +
		"under metadata.component.components; they are parts of the product and are audited, the index counts /components only"},
}

func TestCorpusCounts(t *testing.T) {
	for _, e := range loadCorpusIndex(t) {
		if e.Intended == "invalid" {
			continue
		}
		t.Run(e.Path, func(t *testing.T) {
			doc, err := ReadFile(filepath.Join(corpusDir, e.Path), Options{})
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			want := -1
			if e.Components != nil {
				want = *e.Components
			}
			if ex, ok := countExceptions[e.Path]; ok {
				want = ex.want
			}
			// The index counts components; services are audited as
			// components of type "service" but counted apart.
			if got := len(doc.Components) - doc.ServiceCount; got != want {
				t.Errorf("components = %d, index.json says %d (%s)", got, want, e.Note)
			}
		})
	}
}

// invalidWant names, for each invalid corpus file, what the error or a
// warning must say: the field at fault and, where it has one, the value it
// holds, so that a vague message ("not a recognised SBOM") fails the test.
var invalidWant = map[string][]string{
	"invalid/cdx-spec__invalid-bomformat-1.2.json":                         {"bomFormat", "AnotherFormat"},
	"invalid/cdx-spec__invalid-serialnumber-1.3.json":                      {"serialNumber", "urn:uuid:3e671687-395b-41f5-a30f"},
	"invalid/cdx-spec__invalid-metadata-timestamp-1.4.json":                {"timestamp", "2020-04-13"},
	"invalid/cdx-spec__invalid-dependency-1.5.json":                        {"dependencies[0]", "ref"},
	"invalid/cdx-spec__invalid-component-type-1.6.json":                    {"type", "foo"},
	"invalid/cdx-spec__invalid-missing-component-type-1.6.json":            {"no type"},
	"invalid/cdx-spec__invalid-hash-alg-1.6.json":                          {"algorithm", "FOO"},
	"invalid/cdx-spec__invalid-license-choice-1.6.json":                    {"license expression"},
	"invalid/cdx-spec__invalid-component-external-version-and-range.json":  {"versionRange"},
	"invalid/cdx-spec__invalid-namespace-1.1.xml":                          {"spec version", "11"},
	"invalid/cdx-spec__invalid-component-ref-1.2.xml":                      {"bom-ref", "123"},
	"invalid/cdx-spec__invalid-serialnumber-1.6.xml":                       {"serialNumber"},
	"invalid/cdx-spec__invalid-license-id-1.6.xml":                         {"Apache-2"},
	"invalid/guac__invalid-spdx.json":                                      {"spdxVersion", "2"},
	"invalid/guac__invalid-cyclonedx.json":                                 {"bomFormat", "CDX"},
	"invalid/guac__invalid-cyclonedx.xml":                                  {"XML", "byte offset"},
	"invalid/sbomqs__cdx-1-6-invalid-sbom.cdx.json":                        {"justification"},
	"invalid/spdx-python__spdx-trivy-vmware_log-intelligence-fluentd.json": {"checksums"},
	"invalid/spdx-python__invalid_creation_info.rdf.xml":                   {"spdxVersion"},
	"invalid/bom-shelter__powershell-2.2.6.spdx.json":                      {"invalid JSON", "offset 95876"},
	"invalid/syft__bad_example7-bin.spdx.json":                             {"creators[0]"},
}

// declaredBroken are files that declare themselves SBOMs with a wrong
// value; they must fail, not decode with a warning or be skipped.
var declaredBroken = map[string]bool{
	"invalid/cdx-spec__invalid-bomformat-1.2.json": true,
	"invalid/guac__invalid-spdx.json":              true,
	"invalid/guac__invalid-cyclonedx.json":         true,
}

func TestCorpusInvalid(t *testing.T) {
	seen := 0
	for _, e := range loadCorpusIndex(t) {
		if e.Intended != "invalid" {
			continue
		}
		seen++
		t.Run(e.Path, func(t *testing.T) {
			want, ok := invalidWant[e.Path]
			if !ok {
				t.Fatalf("no expectation for %s: add what its message must say to invalidWant", e.Path)
			}
			doc, err := ReadFile(filepath.Join(corpusDir, e.Path), Options{})
			var said string
			switch {
			case err != nil:
				said = err.Error()
				if errors.Is(err, ErrNotSBOM) && declaredBroken[e.Path] {
					t.Errorf("a declared but broken SBOM reads as no SBOM at all: %v", err)
				}
			case declaredBroken[e.Path]:
				t.Errorf("a declared but broken SBOM decoded (%d components, warnings %q); it must fail", len(doc.Components), doc.Warnings)
			case len(doc.Warnings) == 0:
				t.Fatalf("invalid input decoded (%d components) with no warning saying what is wrong", len(doc.Components))
			default:
				said = strings.Join(doc.Warnings, "\n")
			}
			for _, w := range want {
				if !strings.Contains(said, w) {
					t.Errorf("message does not say %q:\n%s", w, said)
				}
			}
		})
	}
	if seen > 0 && seen != len(invalidWant) {
		t.Errorf("%d invalid corpus files, %d expectations: remove the stale ones", seen, len(invalidWant))
	}
}
