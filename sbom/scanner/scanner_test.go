package scanner

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
)

// fullDocument has every field of the model set, strings with invalid
// UTF-8 and control bytes included, and more components than one frame.
func fullDocument(n int) *sbom.Document {
	org := &sbom.Organization{Name: "AO Kaspersky Lab\xff", Kind: "Organization", URLs: []string{"https://x"}, Emails: []string{"a@b"}, Country: "RU",
		Contact: []sbom.Contact{{Name: "n", Email: "e", Phone: "p"}}}
	doc := &sbom.Document{
		Path: "dir:/src", SHA256: "ab", Format: "syft-scan", SpecVersion: "16", Name: "n\x00", Namespace: "ns",
		Timestamp:  time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC),
		SubjectRef: "s", Subject: &sbom.Component{Name: "subject"}, Supplier: org, Manufacturer: org,
		Authors: []sbom.Contact{{Name: "a"}}, Creators: []string{"Tool: syft"},
		ComponentCount: n, Dependencies: map[string][]string{"a": {"b", "c"}}, Warnings: []string{"w"},
	}
	for i := range n {
		doc.Components = append(doc.Components, sbom.Component{
			Ref: fmt.Sprint("r", i), Type: "library", Name: fmt.Sprint("name\xc3", i), Group: "g", Version: "1", PURL: "pkg:deb/x",
			CPEs: []sbom.CPE{{Value: "cpe:2.3:a:x", Source: "cpe", Generated: true}}, Supplier: org, Manufacturer: org, Publisher: "p",
			Authors: []sbom.Contact{{Name: "au"}}, Originator: org, Copyright: "c", Description: "d", Comment: "c",
			Licenses: []string{"MIT"}, Hashes: []sbom.Hash{{Algorithm: "SHA-256", Value: "00"}},
			ExternalRefs: []sbom.ExternalRef{{Type: "vcs", URL: "u", Comment: "c"}}, Properties: []sbom.Property{{Name: "k", Value: "v"}},
			Parent: "p", Origin: sbom.Origin{Pointer: "/a", Line: 3},
		})
	}
	return doc
}

// TestRoundTrip: what one side writes the other reads back unchanged,
// across several component frames.
func TestRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, batchSize, 2*batchSize + 7} {
		want := fullDocument(n)
		var buf bytes.Buffer
		w, err := NewWriter(&buf, "test")
		if err != nil {
			t.Fatal(err)
		}
		var seen []Status
		_ = w.Status(Status{Stage: "cataloging", Packages: 3})
		if err := w.Document(want); err != nil {
			t.Fatal(err)
		}
		got, err := readStream(&buf, func(s Status) { seen = append(seen, s) })
		if err != nil {
			t.Fatalf("%d components: %v", n, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d components: document changed on the wire", n)
		}
		if len(seen) != 1 || seen[0].Packages != 3 {
			t.Errorf("progress = %+v", seen)
		}
	}
}

// TestProtocolCoversModel: the fingerprint changes when the model's shape
// does, so an embargo-scan built from another model is refused.
func TestProtocolCoversModel(t *testing.T) {
	var a, b strings.Builder
	describe(&a, reflect.TypeFor[frame](), map[reflect.Type]bool{})
	type component2 struct {
		sbom.Component
		Extra string
	}
	describe(&b, reflect.TypeFor[component2](), map[reflect.Type]bool{})
	for _, field := range []string{"Originator *sbom.Organization", "Origin sbom.Origin{Pointer string;Line int;Column int;}", "Generated bool", "Dependencies map[string][]string"} {
		if !strings.Contains(a.String(), field) {
			t.Errorf("fingerprint misses %q", field)
		}
	}
	if !strings.Contains(b.String(), "Extra string") {
		t.Error("a new field is not in the fingerprint")
	}
	if len(Protocol()) != 16 {
		t.Errorf("Protocol() = %q", Protocol())
	}
}

// TestReadStreamRejects: every stream that does not follow the format is
// an error, never a partial document.
func TestReadStreamRejects(t *testing.T) {
	doc := fullDocument(3)
	frames := func(fs ...frame) []byte {
		var buf bytes.Buffer
		enc := gob.NewEncoder(&buf)
		for _, f := range fs {
			if err := enc.Encode(&f); err != nil {
				t.Fatal(err)
			}
		}
		return buf.Bytes()
	}
	hello := frame{Kind: kindHello, Protocol: Protocol(), Version: "t"}
	head := *doc
	head.Components = nil
	for _, tt := range []struct {
		name   string
		stream []byte
		want   string
	}{
		{"empty", nil, "unexpected EOF"},
		{"garbage", []byte("panic: runtime error\n"), "malformed"},
		{"no hello", frames(frame{Kind: kindDocument, Document: &head}), "no hello"},
		{"other protocol", frames(frame{Kind: kindHello, Protocol: "0123456789abcdef", Version: "v0.1"}), "install both from the same version"},
		{"cut after hello", frames(hello), "unexpected EOF"},
		{"cut in components", frames(hello, frame{Kind: kindDocument, Document: &head}, frame{Kind: kindComponents, Components: doc.Components[:2]}), "unexpected EOF"},
		{"count mismatch", frames(hello, frame{Kind: kindDocument, Document: &head}, frame{Kind: kindComponents, Components: doc.Components[:2]}, frame{Kind: kindEnd, Count: 3}), "3 components announced, 2 received"},
		{"components before document", frames(hello, frame{Kind: kindComponents, Components: doc.Components}), "unexpected frame"},
		{"two documents", frames(hello, frame{Kind: kindDocument, Document: &head}, frame{Kind: kindDocument, Document: &head}), "unexpected frame"},
		{"data after end", append(frames(hello, frame{Kind: kindDocument, Document: &head}, frame{Kind: kindEnd}), 1, 2, 3), "after the end"},
		{"unknown kind", frames(hello, frame{Kind: 99}), "unexpected frame 99"},
	} {
		got, err := readStream(bytes.NewReader(tt.stream), nil)
		if err == nil || got != nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, %v; want an error with %q", tt.name, got != nil, err, tt.want)
		}
	}
	got, err := readStream(bytes.NewReader(frames(hello, frame{Kind: kindError, Error: `scan "registry:x": network is off`})), nil)
	var gen *errGenerate
	if got != nil || !errors.As(err, &gen) || err.Error() != `scan "registry:x": network is off` {
		t.Errorf("generation error: %v, %v", got, err)
	}
}

// The test binary doubles as a fake embargo-scan: with
// EMBARGO_FAKE_SCAN set, TestMain behaves as that mode says.
func TestMain(m *testing.M) {
	if mode := os.Getenv("EMBARGO_FAKE_SCAN"); mode != "" {
		os.Exit(fakeScan(mode, os.Args[len(os.Args)-1]))
	}
	os.Exit(m.Run())
}

func fakeScan(mode, source string) int {
	switch mode {
	case "ok", "wrong-path", "exit-after":
		doc := fullDocument(600)
		doc.Path = source
		if mode == "wrong-path" {
			doc.Path = "dir:/elsewhere"
		}
		w, _ := NewWriter(os.Stdout, "fake")
		_ = w.Document(doc)
		if mode == "exit-after" {
			return 3
		}
	case "panic":
		w, _ := NewWriter(os.Stdout, "fake")
		_ = w.Status(Status{Stage: "cataloging"})
		panic("boom in the cataloger")
	case "fail":
		w, _ := NewWriter(os.Stdout, "fake")
		_ = w.Error(errors.New(`open dir source "/nope": no such file`))
		return 1
	case "hang":
		w, _ := NewWriter(os.Stdout, "fake")
		_ = w.Status(Status{Stage: "cataloging"})
		time.Sleep(time.Minute)
	}
	return 0
}

// TestExec runs the fake child through every way it can end.
func TestExec(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		mode, want string
	}{
		{"ok", ""},
		{"panic", "boom in the cataloger"},
		{"fail", `open dir source "/nope": no such file`},
		{"wrong-path", `result is for "dir:/elsewhere"`},
		{"exit-after", "failed after sending its result: exit status 3"},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			t.Setenv("EMBARGO_FAKE_SCAN", tt.mode)
			doc, err := Exec(context.Background(), self, Request{Source: "dir:/src"})
			if tt.want == "" {
				if err != nil || doc == nil || len(doc.Components) != 600 || doc.Path != "dir:/src" {
					t.Fatalf("doc %v, err %v", doc != nil, err)
				}
				return
			}
			if err == nil || doc != nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want %q", err, tt.want)
			}
			if tt.mode != "fail" && !strings.Contains(err.Error(), `"dir:/src"`) {
				t.Errorf("error %q does not name the source", err)
			}
		})
	}
	t.Run("cancel", func(t *testing.T) {
		t.Setenv("EMBARGO_FAKE_SCAN", "hang")
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := Exec(ctx, self, Request{Source: "dir:/src", Progress: func(Status) {}})
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
			t.Fatalf("err %v after %v", err, time.Since(start))
		}
	})
}

func TestArgs(t *testing.T) {
	got := Request{Source: "-x", AllowNetwork: true, Outputs: []Output{{"spdx-json", "a b.json"}}, Progress: func(Status) {}}.args()
	want := []string{"--allow-network", "--progress", "--sbom-out", "spdx-json=a b.json", "--", "-x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("args = %q", got)
	}
}
