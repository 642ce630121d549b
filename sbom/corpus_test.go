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
			if got := len(doc.Components); got != want {
				t.Errorf("components = %d, index.json says %d (%s)", got, want, e.Note)
			}
		})
	}
}

func TestCorpusInvalid(t *testing.T) {
	for _, e := range loadCorpusIndex(t) {
		if e.Intended != "invalid" {
			continue
		}
		t.Run(e.Path, func(t *testing.T) {
			doc, err := ReadFile(filepath.Join(corpusDir, e.Path), Options{})
			if err != nil {
				if !strings.Contains(err.Error(), " ") {
					t.Errorf("unclear error %q", err)
				}
				t.Logf("failed as expected: %v", err)
				return
			}
			if len(doc.Warnings) == 0 {
				t.Errorf("invalid input decoded (%d components) with no warning saying what is wrong", len(doc.Components))
			}
		})
	}
}
