package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// TestDuplicates: equal files are found, large and small; files of one
// size that differ only in the middle, beyond what the head and tail
// samples read, are not; a missing file is left to the audit.
func TestDuplicates(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 3*sampleBytes/16) // three samples long
	bigOther := bytes.Clone(big)
	bigOther[len(big)/2] = 'X' // differs only in the middle
	small, smallOther := []byte(`{"a":1}`), []byte(`{"a":2}`)
	files := []struct {
		name string
		data []byte
	}{
		{"big1", big}, {"small1", small}, {"big2", bigOther}, {"big3", big}, {"small2", smallOther}, {"small3", small},
	}
	var inputs []sbom.Input
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, sbom.Input{Path: p})
	}
	inputs = append(inputs, sbom.Input{Path: filepath.Join(dir, "missing")}, sbom.Input{Path: "-"})
	got := duplicates(inputs)
	want := map[int]int{3: 0, 5: 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("duplicates = %v, want %v", got, want)
	}
}
