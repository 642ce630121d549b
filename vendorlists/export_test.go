package vendorlists

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"
)

func TestExportRoundTrip(t *testing.T) {
	valid, err := Load(filepath.Join("testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []*List{mustDefault(t), valid} {
		t.Run(l.ID, func(t *testing.T) {
			out, err := Export(l)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Parse("exported.yaml", out)
			if err != nil {
				t.Fatalf("exported list does not parse: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(content(back), content(l)) {
				t.Error("exported list differs from the original after a round trip")
			}
			again, err := Export(back)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, out) {
				t.Error("exporting twice gives different bytes")
			}
		})
	}
}

// content drops what the loader adds, leaving what the YAML says.
func content(l *List) List {
	c := *l
	c.SHA256, c.Origin, c.lines, c.raw = "", "", nil, nil
	return c
}
