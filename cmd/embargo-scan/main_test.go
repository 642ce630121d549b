package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/sbom/scanner"
	"github.com/embargo-sbom/embargo/sbom/syftgen"
)

// TestWireIsLossless: the document embargo receives through the wire is
// the one syftgen generates in-process, field for field, vendor evidence
// (dpkg maintainers, npm authors...) included.
func TestWireIsLossless(t *testing.T) {
	if testing.Short() {
		t.Skip("scans fixtures with syft")
	}
	ctx := context.Background()
	// the packages each fixture holds: the dpkg status file's four and the
	// npm lock file's root and two dependencies
	fixtures := map[string][]string{
		"dpkg": {"base-files", "kesl", "libc6", "perl-base"},
		"npm":  {"@kaspersky/hexa-ui", "console-frontend", "lodash"},
	}
	for _, fixture := range []string{"dpkg", "npm"} {
		src := "dir:" + filepath.Join("..", "..", "testdata", "scan", fixture)
		want, err := syftgen.Generate(ctx, src, syftgen.Config{})
		if err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		if code := run(ctx, []string{"--progress", src}, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d: %s", fixture, code, errb.String())
		}
		var stages []string
		got, err := scanner.Read(&out, func(s scanner.Status) { stages = append(stages, s.Stage) })
		if err != nil {
			t.Fatal(err)
		}
		if len(stages) == 0 || stages[len(stages)-1] != "done" {
			t.Errorf("%s: progress stages %q", fixture, stages)
		}
		w := *want.Document
		// the digest covers syft's own JSON, which records when it was made
		w.SHA256, got.SHA256 = "", ""
		// two scans, two times: the received one must be this scan's
		if got.Timestamp.Before(w.Timestamp.Truncate(time.Second)) || got.Timestamp.Location() != time.UTC && got.Timestamp.Location().String() != w.Timestamp.Location().String() {
			t.Errorf("%s: timestamp %v, generated in-process at %v", fixture, got.Timestamp, w.Timestamp)
		}
		w.Timestamp = got.Timestamp
		normalise(&w)
		normalise(got)
		if !reflect.DeepEqual(&w, got) {
			t.Errorf("%s: the document changed on the wire:\n%s", fixture, firstDiff(&w, got))
		}
		if names := componentNames(got); !slices.Equal(names, fixtures[fixture]) || !hasSupplier(got) {
			t.Errorf("%s: components %q, want %q; vendor evidence kept: %v", fixture, names, fixtures[fixture], hasSupplier(got))
		}
	}
}

// componentNames returns the document's component names, sorted.
func componentNames(d *sbom.Document) []string {
	var names []string
	for _, c := range d.Components {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	return names
}

// normalise makes empty slices nil, the one thing the wire does not keep.
func normalise(d *sbom.Document) {
	if len(d.Warnings) == 0 {
		d.Warnings = nil
	}
	if len(d.Components) == 0 {
		d.Components = nil
	}
	for i := range d.Components {
		nilEmpty(reflect.ValueOf(&d.Components[i]).Elem())
	}
	if d.Subject != nil {
		nilEmpty(reflect.ValueOf(d.Subject).Elem())
	}
	if len(d.Dependencies) == 0 {
		d.Dependencies = nil
	}
	for k, v := range d.Dependencies {
		if len(v) == 0 {
			d.Dependencies[k] = nil
		}
	}
}

func nilEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := range v.Len() {
			nilEmpty(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			nilEmpty(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				nilEmpty(v.Field(i))
			}
		}
	}
}

func hasSupplier(d *sbom.Document) bool {
	for _, c := range d.Components {
		if c.Supplier != nil || len(c.Authors) > 0 {
			return true
		}
	}
	return false
}

// TestGenerationFailure: a source that cannot be scanned is exit 1 with
// the reason in the stream, as embargo shows it.
func TestGenerationFailure(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"registry:example.invalid/x:1"}, &out, &errb); code != 1 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	_, err := scanner.Read(&out, nil)
	if err == nil || !strings.Contains(err.Error(), "network") {
		t.Errorf("err %v, want the network reason", err)
	}
}

// TestSBOMOut: --sbom-out is written by embargo-scan, in the format asked.
func TestSBOMOut(t *testing.T) {
	if testing.Short() {
		t.Skip("scans a fixture with syft")
	}
	file := filepath.Join(t.TempDir(), "x.spdx.json")
	var out, errb bytes.Buffer
	src := "dir:" + filepath.Join("..", "..", "testdata", "scan", "python")
	if code := run(context.Background(), []string{"--sbom-out", "spdx-json=" + file, src}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	doc, err := sbom.ReadFile(file, sbom.Options{})
	if err != nil || doc.Format != sbom.FormatSPDXJSON {
		t.Fatalf("--sbom-out: %v, %v", doc, err)
	}
	var bad bytes.Buffer
	if code := run(context.Background(), []string{"--sbom-out", "pdf=" + file, src}, &bad, &errb); code != 1 {
		t.Errorf("unknown format: exit %d", code)
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "run by embargo") {
		t.Errorf("no source: exit %d, %q", code, errb.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"version"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "protocol "+scanner.Protocol()) {
		t.Errorf("version: %d %q", code, out.String())
	}
}

// firstDiff shows where two documents' JSON forms first differ.
func firstDiff(a, b *sbom.Document) string {
	ja, _ := json.MarshalIndent(a, "", " ")
	jb, _ := json.MarshalIndent(b, "", " ")
	la, lb := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return strings.Join(la[max(0, i-5):min(len(la), i+3)], "\n") + "\n--- vs ---\n" + strings.Join(lb[max(0, i-5):min(len(lb), i+3)], "\n")
		}
	}
	if len(la) != len(lb) {
		return "lengths differ"
	}
	return "same JSON (a difference JSON does not show: nil versus empty, time zones)"
}
