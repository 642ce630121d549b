package sbom

import (
	"path/filepath"
	"testing"
)

// TestPatchTexts reads pedigree patches in CycloneDX JSON and XML: a
// diff's URL is code the component derives from (an ancestor, as a
// commit), and the name, source and references of the issues a patch
// resolves are free text; a diff without a URL, an issue without a name
// and a patch without a diff keep nothing.
func TestPatchTexts(t *testing.T) {
	want := []string{
		"url ancestor pedigree.commits[0].url https://git.engine-maker.example/sdk/commit/1a2b",
		"url ancestor pedigree.patches[0].diff.url https://git.engine-maker.example/sdk/commit/3c4d.patch",
		"provenance  pedigree.patches[0].resolves[0].name Engine Maker advisory EM-1",
		"provenance  pedigree.patches[0].resolves[0].source.name Engine Maker PSIRT",
		"provenance  pedigree.patches[0].resolves[0].source.url https://psirt.engine-maker.example/",
		"provenance  pedigree.patches[0].resolves[0].references[0] https://psirt.engine-maker.example/em-1",
		"provenance  pedigree.patches[0].resolves[0].references[1] https://tracker.example/1",
	}
	for _, file := range []string{"patches.cdx.json", "patches.cdx.xml"} {
		t.Run(file, func(t *testing.T) {
			doc := checkFixtureTexts(t, file, want)
			// cyclonedx-go reads the same patches.
			path := filepath.Join("testdata", file)
			ref, _, err := readWithReference(path)
			if err != nil {
				t.Fatal(err)
			}
			checkPositions(t, path, doc)
			compareDocs(t, doc, ref)
		})
	}
}
