package sbom

import (
	"reflect"
	"testing"

	"github.com/go-json-experiment/json"
)

// TestJSONWalkerMatchesUnmarshal holds the hand-written walkers to what
// json.Unmarshal with jsonOpts makes of the same value: case-insensitive
// names, null, duplicate members, empty arrays, merged objects and
// values of the wrong kind.
func TestJSONWalkerMatchesUnmarshal(t *testing.T) {
	comps := []string{
		`{"bom-ref":"a","type":"library","name":"x","version":"1","purl":"pkg:npm/x@1"}`,
		`{"BOM_REF":"a","Type":"LIBRARY","NAME":"x","bomref":"b","ſupplier":{"name":"S"}}`,
		`{"name":null,"supplier":null,"licenses":null,"hashes":[],"properties":[],"components":[]}`,
		`{"supplier":{"name":"A","url":["u1"]},"supplier":{"url":["u2"],"contact":[{"name":"c"}]}}`,
		`{"supplier":{"name":"A","address":{"country":"DE"}},"supplier":{"address":null}}`,
		`{"licenses":[{"license":{"id":"MIT"}},{"expression":"MIT OR Apache-2.0"},{"license":null},{}]}`,
		`{"hashes":[{"alg":"SHA-256","content":"ab"}],"hashes":[{"alg":"MD5"}]}`,
		`{"properties":[{"name":"syft:cpe23","value":"cpe:2.3:a:b:c"},{"name":"p","value":"\u00e9\"\\\/"}]}`,
		`{"externalReferences":[{"type":"vcs","url":"https://x","comment":"c"}],"pedigree":{"notes":"n"}}`,
		`{"components":[{"name":"child","components":[{"name":"grandchild","properties":[{"name":"a"}]}]},null]}`,
		`{"authors":[{"name":"a","email":"e","phone":"p"}],"author":"someone","publisher":"P <p@x>"}`,
		`{"name":"lone \ud800 surrogate"}`,
		`{"unknown":{"deep":[1,2,{"x":"}"}]},"name":"after"}`,
		`null`,
		`{"name":5}`,
		`{"supplier":"text"}`,
		`{"hashes":{}}`,
		`{"licenses":[{"license":"MIT"}]}`,
		`{"licenses":[{"license":{"name":"Vendor EULA","url":"https://v.example/eula"}}]}`,
		`{"swid":{"tagId":"regid.2007-11.com.example_x","name":"X"},"swid":null}`,
		`{"swid":{"tagId":"a"},"swid":{"name":"b"}}`,
		`{"evidence":{"copyright":[{"text":"(c) A"},{"text":null}],"identity":{"field":"purl","concludedValue":"pkg:npm/x"}}}`,
		`{"evidence":{"copyright":null,"identity":[{"field":"name","concludedValue":"n"},{"FIELD":"purl"}]}}`,
		`{"evidence":{"identity":null},"evidence":{"copyright":[]}}`,
		`{"pedigree":{"ancestors":[{"name":"a","supplier":{"name":"S"},"pedigree":{"variants":[{"name":"v"}]}}],"descendants":null,"notes":"n"}}`,
		`{"pedigree":{"variants":[{"purl":"pkg:x/y"}],"ancestors":[],"descendants":[{"publisher":"P"}]}}`,
		`{"evidence":{"identity":"x"}}`,
	}
	for _, in := range comps {
		var want cdxComp
		errWant := json.Unmarshal([]byte(in), &want, jsonOpts)
		var got cdxComp
		w := newJSONWalker()
		w.walk([]byte(in), position{})
		errGot := w.cdxComp(&got)
		if (errWant != nil) != (errGot != nil) {
			t.Errorf("%s: Unmarshal error %v, walker error %v", in, errWant, errGot)
			continue
		}
		if errWant == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\nwalker    %+v\nUnmarshal %+v", in, got, want)
		}
	}

	pkgs := []string{
		`{"SPDXID":"SPDXRef-p","name":"n","versionInfo":"1","supplier":"Organization: S","checksums":[{"algorithm":"SHA1","checksumValue":"ab"}]}`,
		`{"spdxid":"p","Name":"n","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:deb/x@1"}],"externalRefs":[]}`,
		`{"checksums":null,"externalRefs":null,"comment":null,"licenseConcluded":"MIT","license_declared":"MIT"}`,
		`{"name":"n","files":[{"x":1}],"hasFiles":["a"]}`,
		`{"sourceInfo":"built from x","attributionTexts":["(c) A","b"],"hasFiles":["SPDXRef-f","g"],"packageFileName":"x-1.rpm"}`,
		`null`,
		`{"name":["x"]}`,
		// Escapes, in names and values: the walk of an element with a
		// backslash anywhere takes the slower path for every string.
		`{"na\u006de":"x\"y","SPDXID":"SPDXRef-\\p","versionInfo":"1\\","comment":"tab\there"}`,
		`{"name":"plain","comment":"\\\""}`,
	}
	for _, in := range pkgs {
		var ref refSpdxJSONPackage
		errWant := json.Unmarshal([]byte(in), &ref, jsonOpts)
		var got spdxPkg
		got.Origin.Pointer = "/packages/0"
		w := newJSONWalker()
		w.walk([]byte(in), position{})
		errGot := w.spdxPackage(&got)
		if (errWant != nil) != (errGot != nil) {
			t.Errorf("%s: Unmarshal error %v, walker error %v", in, errWant, errGot)
			continue
		}
		if errWant != nil {
			continue
		}
		got.ID = normalizeSPDXID(got.ID)
		if want := ref.toPkg("/packages/0"); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\nwalker    %+v\nUnmarshal %+v", in, got, want)
		}
	}
}
