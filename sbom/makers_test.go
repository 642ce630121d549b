package sbom

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSubjectMakers checks that the makers a CycloneDX BOM declares in
// its metadata reach the subject as texts that point at the metadata
// fields: the supplier and the 1.5 manufacture as organisations (only
// when the subject declares none of its own), the BOM's writers (1.6
// manufacturer, authors) as source information.
func TestSubjectMakers(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string // kind field value pointer
	}{
		{"makers.cdx.json", []string{
			"org metadata.supplier.name Distributor GmbH /metadata/supplier/name",
			"url metadata.supplier.url[0] https://distributor.example /metadata/supplier/url/0",
			"org metadata.manufacture.name Engine Maker Ltd /metadata/manufacture/name",
			"provenance metadata.manufacturer.name SBOM Services Inc /metadata/manufacturer/name",
			"provenance metadata.authors[0].name Jane Analyst /metadata/authors/0/name",
			"provenance metadata.authors[2].name SBOM Team /metadata/authors/2/name",
		}},
		{"makers.cdx.xml", []string{
			"org metadata.supplier.name Distributor GmbH /bom/metadata/supplier/name",
			"url metadata.supplier.url[0] https://distributor.example /bom/metadata/supplier/url[1]",
			"org metadata.manufacture.name Engine Maker Ltd /bom/metadata/manufacture/name",
			"provenance metadata.manufacturer.name SBOM Services Inc /bom/metadata/manufacturer/name",
			"provenance metadata.authors[0].name Jane Analyst /bom/metadata/authors/author[1]/name",
			"provenance metadata.authors[2].name SBOM Team /bom/metadata/authors/author[3]/name",
		}},
		// The subject's own supplier and manufacturer stand; the
		// document's are not added.
		{"makers-own.cdx.json", nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := ReadFile(filepath.Join("testdata", tc.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Subject == nil {
				t.Fatal("no subject")
			}
			var got []string
			for _, x := range doc.Subject.Texts {
				got = append(got, textKindName(x.Kind)+" "+x.Field+" "+x.Value+" "+x.Pointer)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("subject texts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, c := range doc.Components {
				if len(c.Texts) != 0 {
					t.Errorf("component %s got texts %v; only the subject takes the document's makers", c.Name, c.Texts)
				}
			}
		})
	}
}

func textKindName(k TextKind) string {
	switch k {
	case TextOrg:
		return "org"
	case TextURL:
		return "url"
	case TextProvenance:
		return "provenance"
	case TextCopyright:
		return "copyright"
	case TextLicense:
		return "license"
	case TextName:
		return "name"
	}
	return strconv.Itoa(int(k))
}
