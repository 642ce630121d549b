package sbom

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// benchDir holds the big gzip'd SBOMs of the performance work; like the
// corpus, a fresh clone does not have it.
const benchDir = "../../shared/bench"

// benchSmall are the bench files the differential test reads by default;
// EMBARGO_BENCH_ALL=1 adds the 117-200 MB ones (minutes and gigabytes for
// the reference decoders).
var benchSmall = []string{"debroot", "npmbig", "gomod"}

// TestStreamingAgainstReference holds the streaming decoders to the
// reference ones (cyclonedx-go for CycloneDX, the previous whole-buffer
// readers for SPDX 2 and syft JSON) on every corpus file and, unless
// -short, the bench files: every component field, the dependency graph,
// the subject, the document fields, the count and the warnings.
func TestStreamingAgainstReference(t *testing.T) {
	var paths []string
	for _, e := range loadCorpusIndex(t) {
		paths = append(paths, filepath.Join(corpusDir, e.Path))
	}
	if !testing.Short() {
		bench, _ := filepath.Glob(filepath.Join(benchDir, "*.gz"))
		if len(bench) == 0 {
			t.Logf("no bench files in %s; corpus only", benchDir)
		}
		for _, p := range bench {
			name := filepath.Base(p)
			small := false
			for _, s := range benchSmall {
				small = small || strings.HasPrefix(name, s+".")
			}
			if small || os.Getenv("EMBARGO_BENCH_ALL") != "" {
				paths = append(paths, p)
			}
		}
	}
	compared := 0
	for _, path := range paths {
		rel := strings.TrimPrefix(strings.TrimPrefix(path, corpusDir+"/"), benchDir+"/")
		t.Run(rel, func(t *testing.T) {
			ref, format, refErr := readWithReference(path)
			ours, err := ReadFile(path, Options{})
			switch {
			case refErr != nil && err != nil:
				t.Logf("both fail: reference %v; ours %v", refErr, err)
				return
			case refErr != nil:
				t.Logf("reference fails (%v); ours reads %s with %d components", refErr, ours.Format, len(ours.Components))
				return
			case err != nil:
				t.Fatalf("reference reads %s with %d components, ours fails: %v", format, len(ref.Components), err)
			case ref == nil:
				t.Skipf("%s has no separate reference decoder", format)
			}
			compared++
			checkPositions(t, path, ours)
			compareDocs(t, ours, ref)
		})
	}
	t.Logf("compared %d of %d files with the reference decoders", compared, len(paths))
}

// readWithReference decodes path the way embargo did before streaming:
// whole file in memory, then the reference decoder of its format. It
// returns a nil document for formats that have no separate reference.
func readWithReference(path string) (*Document, Format, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, "", err
		}
		if raw, err = io.ReadAll(zr); err != nil {
			return nil, "", err
		}
	}
	data, _, err := toUTF8(raw)
	if err != nil {
		return nil, "", err
	}
	format, err := Detect(data)
	if err != nil {
		return nil, format, err
	}
	ref, ok := streamReferences[format]
	if !ok {
		return nil, format, nil
	}
	doc, err := ref(data)
	if err != nil {
		return nil, format, err
	}
	doc.Format = format
	return doc, format, nil
}

// streamReferences decode a whole input the independent way, per format;
// TestRegistryCoversEveryFormat requires an entry here or in
// noStreamReference for every registered format.
var streamReferences = map[Format]func(data []byte) (*Document, error){
	FormatCycloneDXJSON: func(data []byte) (*Document, error) { return refDecodeCycloneDX(data, false) },
	FormatCycloneDXXML:  func(data []byte) (*Document, error) { return refDecodeCycloneDX(data, true) },
	FormatSPDXJSON:      func(data []byte) (*Document, error) { return refDecodeSPDXJSON(data, false) },
	FormatSPDXYAML:      func(data []byte) (*Document, error) { return refDecodeSPDXJSON(data, true) },
	FormatSPDXTagValue:  refDecodeSPDXTagValue,
	FormatSyftJSON:      refDecodeSyftJSON,
}

// noStreamReference says, for each format without a reference above, how
// its decoder is checked instead.
var noStreamReference = map[Format]string{
	FormatSPDXRDF:   "decoded whole by its only decoder; held to tools-golang's package list where it reads the file (TestSPDXAgainstToolsGolang) and to the corpus counts",
	FormatSPDX3JSON: "decoded whole by its only decoder (no Go reference reads SPDX 3); held to the corpus counts and the fixtures",
}

// checkPositions holds the line and column of every component and file
// of a JSON document to the input: the byte there opens the component's
// object. It then clears them where the reference, which does not know
// positions, has none, so that compareDocs compares the rest.
func checkPositions(t *testing.T, path string, ours *Document) {
	t.Helper()
	if ours.Format != FormatCycloneDXJSON && ours.Format != FormatSPDXJSON && ours.Format != FormatSyftJSON {
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if raw, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	data, _, err := toUTF8(raw)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(data, []byte("\n"))
	bad := 0
	check := func(what string, o *Origin) {
		defer func() { o.Line, o.Column = 0, 0 }()
		switch {
		case bad >= 5:
		case strings.HasPrefix(o.Pointer, "/metadata/") && o.Line == 0 && o.Column == 0:
			// metadata is decoded with Unmarshal, which tells no positions
		case o.Pointer == "#SPDXRef-DOCUMENT" && o.Line == 0 && o.Column == 0:
			// the creators' element (spdxcreators.go) is the document's
		case o.Line < 1 || o.Line > len(lines) || o.Column < 1 || o.Column > len(lines[o.Line-1]):
			t.Errorf("%s at %s: line %d, column %d is outside the input", what, o.Pointer, o.Line, o.Column)
			bad++
		case lines[o.Line-1][o.Column-1] != '{':
			t.Errorf("%s at %s: line %d, column %d holds %q, not the object's opening brace", what, o.Pointer, o.Line, o.Column, lines[o.Line-1][o.Column-1])
			bad++
		}
	}
	for i := range ours.Components {
		check("component "+ours.Components[i].Name, &ours.Components[i].Origin)
	}
	for i := range ours.Files {
		check("file "+ours.Files[i].Name, &ours.Files[i].Origin)
	}
}

func compareDocs(t *testing.T, ours, ref *Document) {
	t.Helper()
	normalizeRef(ref)
	normalize(reflect.ValueOf(ours))
	normalize(reflect.ValueOf(ref))
	// The reference cannot know whether services came before components
	// in the file; both are compared with services last, each in order.
	servicesLast(ours)
	servicesLast(ref)
	if ours.ComponentCount != len(ours.Components) {
		t.Errorf("ComponentCount %d, len(Components) %d", ours.ComponentCount, len(ours.Components))
	}
	if len(ours.Components) != len(ref.Components) {
		t.Errorf("components: ours %d, reference %d", len(ours.Components), len(ref.Components))
	}
	bad := 0
	for i := 0; i < min(len(ours.Components), len(ref.Components)) && bad < 5; i++ {
		if d := diff(ours.Components[i], ref.Components[i]); d != "" {
			t.Errorf("component %d (%s): %s", i, ref.Components[i].Name, d)
			bad++
		}
	}
	fields := map[string][2]any{
		"Format":       {ours.Format, ref.Format},
		"SpecVersion":  {ours.SpecVersion, ref.SpecVersion},
		"Name":         {ours.Name, ref.Name},
		"Namespace":    {ours.Namespace, ref.Namespace},
		"Timestamp":    {ours.Timestamp, ref.Timestamp},
		"SubjectRef":   {ours.SubjectRef, ref.SubjectRef},
		"Subject":      {ours.Subject, ref.Subject},
		"Supplier":     {ours.Supplier, ref.Supplier},
		"Manufacturer": {ours.Manufacturer, ref.Manufacturer},
		"Authors":      {ours.Authors, ref.Authors},
		"Creators":     {ours.Creators, ref.Creators},
		"Warnings":     {ours.Warnings, ref.Warnings},
		"Files":        {ours.Files, ref.Files},
		"ServiceCount": {ours.ServiceCount, ref.ServiceCount},
	}
	for name, v := range fields {
		if d := diff(v[0], v[1]); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
	if !reflect.DeepEqual(ours.Dependencies, ref.Dependencies) {
		n := 0
		for k, v := range ref.Dependencies {
			if o, ok := ours.Dependencies[k]; !ok || !reflect.DeepEqual(o, v) {
				if n++; n <= 3 {
					t.Errorf("dependencies[%q]: ours %q (present %v), reference %q", k, o, ok, v)
				}
			}
		}
		t.Errorf("dependencies: ours %d refs, reference %d refs, %d differ", len(ours.Dependencies), len(ref.Dependencies), n)
	}
}

// normalizeRef undoes what the reference mapping got wrong in ways that
// do not matter: cyclonedx-go names a missing spec version "SpecVersion(0)".
func normalizeRef(ref *Document) {
	const zero = "SpecVersion(0)"
	if ref.SpecVersion == zero {
		ref.SpecVersion = ""
	}
	for i, w := range ref.Warnings {
		ref.Warnings[i] = strings.Replace(w, `"`+zero+`"`, `""`, 1)
	}
}

// normalize turns empty slices into nil throughout v, since the reference
// keeps the difference between an absent and an empty JSON array and the
// model does not promise it.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				normalize(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Len() == 0 && !v.IsNil() && v.CanSet() {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := 0; i < v.Len(); i++ {
			normalize(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := v.MapIndex(k)
			if e.Kind() == reflect.Slice && e.Len() == 0 && !e.IsNil() {
				v.SetMapIndex(k, reflect.Zero(e.Type()))
			}
		}
	}
}

// diff describes how a differs from b, field by field for structs.
func diff(a, b any) string {
	if reflect.DeepEqual(a, b) {
		return ""
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() == reflect.Struct && va.Type() == vb.Type() {
		var out []string
		for i := 0; i < va.NumField(); i++ {
			if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
				out = append(out, fmt.Sprintf("%s: ours %s, reference %s", va.Type().Field(i).Name, show(va.Field(i).Interface()), show(vb.Field(i).Interface())))
			}
		}
		return strings.Join(out, "; ")
	}
	return fmt.Sprintf("ours %s, reference %s", show(a), show(b))
}

func show(v any) string {
	s := fmt.Sprintf("%+v", v)
	if p := reflect.ValueOf(v); p.Kind() == reflect.Pointer && !p.IsNil() {
		s = fmt.Sprintf("&%+v", p.Elem().Interface())
	}
	return truncate(s, 300)
}

// servicesLast moves the services of d after its other components,
// keeping the order within each.
func servicesLast(d *Document) {
	slices.SortStableFunc(d.Components, func(a, b Component) int {
		return cmp.Compare(btoi(a.Type == "service"), btoi(b.Type == "service"))
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
