package sbom

import (
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"
)

// TestLicensingTexts reads the licence fields that can name a vendor, in
// CycloneDX JSON and XML: licensor (an organisation that made the
// component), licensee and purchaser (mentions), licence texts (plain and
// base64), LicenseRef- identifiers and expressions, evidence licences and
// pedigree commit URLs (ancestors).
func TestLicensingTexts(t *testing.T) {
	want := []string{
		"license  licenses[0].license.name Commercial OEM licence",
		"copyright  licenses[0].license.text.content Rightholder: Engine Maker Ltd",
		"org  licenses[0].license.licensing.licensor.organization.name Engine Maker Ltd",
		"url  licenses[0].license.licensing.licensor.organization.url[0] https://engine-maker.example",
		"provenance  licenses[0].license.licensing.licensee.individual.name Jane Buyer",
		"provenance  licenses[0].license.licensing.purchaser.organization.name Reseller Inc",
		"license  licenses[1].license.id LicenseRef-Engine-EULA",
		"copyright  licenses[1].license.text.content Engine Maker EULA",
		"license  licenses[3].expression MIT OR LicenseRef-Engine-EULA",
		"license  evidence.licenses[0].license.name Engine Maker End User Licence",
		"org  evidence.licenses[0].license.licensing.licensor.individual.name E. Maker",
		"url ancestor pedigree.commits[0].url https://git.engine-maker.example/sdk/commit/1a2b",
	}
	for _, file := range []string{"licensing.cdx.json", "licensing.cdx.xml"} {
		t.Run(file, func(t *testing.T) { checkFixtureTexts(t, file, want) })
	}
}

// checkFixtureTexts reads testdata/file, which holds one component, and
// checks its texts, each as "kind lineage field value", against want; it
// returns the document.
func checkFixtureTexts(t *testing.T, file string, want []string) *Document {
	t.Helper()
	doc, err := ReadFile(filepath.Join("testdata", file), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Components) != 1 {
		t.Fatalf("%d components, want 1", len(doc.Components))
	}
	var got []string
	for _, x := range doc.Components[0].Texts {
		got = append(got, textKindName(x.Kind)+" "+string(x.Lineage)+" "+x.Field+" "+x.Value)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("texts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return doc
}

func TestLicenseTextCapped(t *testing.T) {
	long := strings.Repeat("é", maxLicenseText) // two bytes each
	v := licenseText(&cdxAttachedText{Content: long})
	if len(v) > maxLicenseText || len(v) < maxLicenseText-1 || !strings.HasPrefix(long, v) {
		t.Errorf("capped text has %d bytes, want at most %d on a character boundary", len(v), maxLicenseText)
	}
	if v := licenseText(&cdxAttachedText{Content: "not base64!", Encoding: "base64"}); v != "" {
		t.Errorf("bad base64 gives %q, want nothing", v)
	}
}

// TestLicenseTextReadCapped checks that a long licence text, plain or
// base64 with line breaks, is read capped and still gives its start.
func TestLicenseTextReadCapped(t *testing.T) {
	plain := "Rightholder: Engine Maker Ltd. " + strings.Repeat("x", 3*maxLicenseRead)
	b64 := base64.StdEncoding.EncodeToString([]byte(plain))
	var lines []string
	for len(b64) > 76 {
		lines = append(lines, b64[:76])
		b64 = b64[76:]
	}
	lines = append(lines, b64)
	for _, tc := range []struct{ enc, content string }{{"", plain}, {"base64", strings.Join(lines, "\n")}} {
		bom := `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"x","licenses":[{"license":{"name":"L","text":{"encoding":"` +
			tc.enc + `","content":"` + strings.ReplaceAll(tc.content, "\n", `\n`) + `"}}}]}]}`
		doc, err := Read("x.cdx.json", strings.NewReader(bom), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, x := range doc.Components[0].Texts {
			if x.Kind == TextCopyright {
				got = x.Value
			}
		}
		if len(got) != maxLicenseText || !strings.HasPrefix(plain, got) {
			t.Errorf("encoding %q: text of %d bytes (%.40q), want the first %d bytes", tc.enc, len(got), got, maxLicenseText)
		}
	}
}
