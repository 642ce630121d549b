package audit

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/embargo-sbom/embargo/sbom"
)

// InputMeta says whose SBOM an input is, from a --manifest row, so that
// findings and reports roll up per vendor and product.
type InputMeta struct {
	Vendor, Product, Version string
}

// ManifestRow is one line of a --manifest CSV.
type ManifestRow struct {
	InputMeta
	// SBOM is a path, directory, glob or source, resolved against the
	// manifest's directory when relative.
	SBOM string
	Line int
}

// manifestColumns are the columns a manifest must have, in any order.
var manifestColumns = []string{"vendor", "product", "version", "sbom"}

// ReadManifest reads a CSV manifest with a header naming the columns
// vendor, product, version and sbom (extra columns are ignored). Errors
// name the file and the line.
func ReadManifest(path string) ([]ManifestRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	defer f.Close()
	return parseManifest(path, f)
}

func parseManifest(path string, r io.Reader) ([]ManifestRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("manifest %s: header: %w", path, err)
	}
	col, err := manifestHeader(path, header)
	if err != nil {
		return nil, err
	}
	var rows []ManifestRow
	var errs []error
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// A *csv.ParseError names the line; FieldPos would panic here,
			// as a failed Read returns no fields.
			return nil, fmt.Errorf("manifest %s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		row, err := manifestRow(path, line, rec, col)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("manifest %s: no rows after the header", path))
	}
	return rows, errors.Join(errs...)
}

func manifestHeader(path string, header []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var missing []string
	for _, c := range manifestColumns {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("manifest %s:1: header lacks column(s) %s (want %s)", path, strings.Join(missing, ", "), strings.Join(manifestColumns, ","))
	}
	return col, nil
}

func manifestRow(path string, line int, rec []string, col map[string]int) (ManifestRow, error) {
	get := func(name string) string {
		if i := col[name]; i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	row := ManifestRow{InputMeta: InputMeta{Vendor: get("vendor"), Product: get("product"), Version: get("version")}, SBOM: get("sbom"), Line: line}
	if row.SBOM == "" {
		return row, fmt.Errorf("manifest %s:%d: the sbom column is empty", path, line)
	}
	if row.Vendor == "" {
		return row, fmt.Errorf("manifest %s:%d: the vendor column is empty", path, line)
	}
	if row.SBOM != "-" && !filepath.IsAbs(row.SBOM) && !strings.Contains(row.SBOM, ":") {
		row.SBOM = filepath.Join(filepath.Dir(path), row.SBOM)
	}
	return row, nil
}

// ExpandManifest resolves each row into inputs, each carrying its row's
// vendor, product and version.
func ExpandManifest(rows []ManifestRow) ([]sbom.Input, map[string]InputMeta) {
	var inputs []sbom.Input
	meta := map[string]InputMeta{}
	for _, r := range rows {
		for _, in := range sbom.ExpandInputs([]string{r.SBOM}) {
			inputs = append(inputs, in)
			meta[in.Path] = r.InputMeta
		}
	}
	return inputs, meta
}

// Shard keeps the inputs of shard i of n (1-based): an input belongs to
// the shard its path hashes to, so every shard of a CI matrix or an
// Indexed Job sees a fixed, disjoint part whatever the order of the list.
func Shard(inputs []sbom.Input, i, n int) []sbom.Input {
	if n <= 1 {
		return inputs
	}
	var out []sbom.Input
	for _, in := range inputs {
		h := fnv.New32a()
		h.Write([]byte(in.Path))
		if int(h.Sum32()%uint32(n)) == i-1 {
			out = append(out, in)
		}
	}
	return out
}

// ParseShard parses "I/N" with 1 <= I <= N.
func ParseShard(s string) (int, int, error) {
	var i, n int
	if _, err := fmt.Sscanf(s, "%d/%d", &i, &n); err != nil || n < 1 || i < 1 || i > n || fmt.Sprintf("%d/%d", i, n) != s {
		return 0, 0, fmt.Errorf("invalid shard %q: want I/N with 1 <= I <= N, e.g. 2/8", s)
	}
	return i, n, nil
}
