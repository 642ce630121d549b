package sbom

import (
	"strings"
	"testing"
)

// TestJSONPositions: components, SPDX files and decode errors of JSON
// inputs carry the line and column where their object begins, counted
// after blank blocks and from CRLF inputs alike.
func TestJSONPositions(t *testing.T) {
	cdx := "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[\n  {\"name\":\"a\",\n   \"components\":[{\"name\":\"n\"}]},\r\n\t{\"name\":\"b\"}]}"
	doc, err := Read("x", strings.NewReader(cdx), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Origin{
		{Pointer: "/components/0", Line: 2, Column: 3},
		{Pointer: "/components/0/components/0", Line: 3, Column: 18},
		{Pointer: "/components/1", Line: 4, Column: 2},
	}
	for i, w := range want {
		if i >= len(doc.Components) || doc.Components[i].Origin != w {
			t.Errorf("component %d: origin %+v, want %+v", i, doc.Components[i].Origin, w)
		}
	}

	spdx := "{\"spdxVersion\":\"SPDX-2.3\",\n\"packages\":[{\"SPDXID\":\"SPDXRef-p\",\"name\":\"p\"}],\n\"files\":[\n {\"SPDXID\":\"SPDXRef-f\",\"fileName\":\"f\",\"copyrightText\":\"(c) X\",\"checksums\":[{}]}]}"
	doc, err = Read("x", strings.NewReader(spdx), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if o := doc.Components[0].Origin; o.Line != 2 || o.Column != 13 {
		t.Errorf("package origin %+v, want line 2, column 13", o)
	}
	if len(doc.Files) != 1 || doc.Files[0].Origin.Line != 4 || doc.Files[0].Origin.Column != 2 {
		t.Errorf("files %+v, want one at line 4, column 2", doc.Files)
	}

	bad := "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[\n {\"name\":\"a\"},\n {\"name\":5}]}"
	_, err = Read("x", strings.NewReader(bad), Options{})
	if err == nil || !strings.Contains(err.Error(), "line 3, column 2") {
		t.Errorf("error %v, want it at line 3, column 2", err)
	}
	broken := "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\n\"metadata\":{},\n\"serialNumber\":}"
	_, err = Read("x", strings.NewReader(broken), Options{})
	if err == nil || !strings.Contains(err.Error(), "line 3, column") {
		t.Errorf("error %v, want it on line 3", err)
	}
}
