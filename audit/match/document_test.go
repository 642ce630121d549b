package match

import (
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// TestDocumentPathsAndOSStamps matches one document with a subject, a
// dependency graph, an SPDX file and EulerOS-stamped packages: Huawei's
// EulerOS stamps p-cpe:/a:huawei:euleros:<package> on every package it
// ships (section-889 list, osProducts), which folds into one attribution
// for the OS counting the stamped packages.
func TestDocumentPathsAndOSStamps(t *testing.T) {
	m := embeddedMatcher(t)
	doc := &sbom.Document{
		Path:       "fw.spdx.json",
		SubjectRef: "app",
		Subject:    &sbom.Component{Ref: "app", Name: "gateway", Version: "2.0"},
		Components: []sbom.Component{
			{Ref: "mid", Name: "middleware", Version: "1"},
			{Ref: "lib", Name: "libcurl", Version: "7.1", CPEs: []sbom.CPE{{Value: "p-cpe:/a:huawei:euleros:libcurl"}}},
			{Ref: "kes", Name: "kesl", Version: "12", Supplier: org("AO Kaspersky Lab")},
			{Ref: "ssl", Name: "openssl", CPEs: []sbom.CPE{{Value: "cpe:2.3:a:huawei:euleros:openssl:1.1:*:*:*:*:*:*:*"}}},
			{Ref: "", Name: "klnagent64"},  // no ref: no path
			{Ref: "loose", Name: "kav4fs"}, // not reachable from the subject
			{Ref: "zte", Name: "samba", CPEs: []sbom.CPE{{Value: "cpe:/a:zte:cgsl_main:samba"}}},
			// The OS's own package stands for the stamp, though it comes later.
			{Ref: "rel", Name: "cgsl-release", CPEs: []sbom.CPE{{Value: "cpe:/o:zte:cgsl_main:6"}}},
		},
		Files: []sbom.File{{Ref: "f1", Name: "scan.c", Copyright: "Copyright 2019 AO Kaspersky Lab", Parent: "mid"}},
		Dependencies: map[string][]string{
			"app": {"mid", "lib", "zte", "rel"},
			"mid": {"kes", "ssl", "unnamed"},
			"kes": {"app"}, // a cycle is walked once
		},
	}
	got := matchDocument(m, doc)
	type want struct {
		entity, path string
		stamp        *OSStamp
	}
	wants := map[string]want{
		"lib":   {"huawei", "gateway@2.0 > libcurl@7.1", &OSStamp{Product: "euleros", CPE: "p-cpe:/a:huawei:euleros:libcurl", Components: 2}},
		"kes":   {"kaspersky", "gateway@2.0 > middleware@1 > kesl@12", nil},
		"":      {"kaspersky", "", nil},
		"loose": {"kaspersky", "", nil},
		"rel":   {"zte", "gateway@2.0 > cgsl-release", &OSStamp{Product: "cgsl_main", CPE: "cpe:/o:zte:cgsl_main:6", Components: 2}},
		"f1":    {"kaspersky", "gateway@2.0 > middleware@1", nil},
	}
	if len(got) != len(wants) {
		for _, at := range got {
			t.Logf("%s %s %v", at.Component.Ref, at.Entity.ID, at.Path)
		}
		t.Fatalf("%d attributions, want %d (the second EulerOS package folds into the first)", len(got), len(wants))
	}
	for _, at := range got {
		w, ok := wants[at.Component.Ref]
		if !ok {
			t.Errorf("unexpected attribution of %s to %s", at.Component.Ref, at.Entity.ID)
			continue
		}
		if at.Entity.ID != w.entity || strings.Join(at.Path, " > ") != w.path || at.Input != "fw.spdx.json" || at.Path == nil {
			t.Errorf("%s: %s path %q input %q; want %s path %q", at.Component.Ref, at.Entity.ID, at.Path, at.Input, w.entity, w.path)
		}
		switch {
		case w.stamp == nil && at.OSStamp != nil:
			t.Errorf("%s: stamped %+v", at.Component.Ref, *at.OSStamp)
		case w.stamp != nil && (at.OSStamp == nil || *at.OSStamp != *w.stamp):
			t.Errorf("%s: stamp %+v, want %+v", at.Component.Ref, at.OSStamp, *w.stamp)
		}
	}
	// The file's attribution comes after the components', in order.
	if got[len(got)-1].Component.Ref != "f1" {
		t.Errorf("last attribution %s, want the file", got[len(got)-1].Component.Ref)
	}
}

// TestSubjectComesFirst: the document's subject is matched too, and its
// attribution leads, with a path of itself.
func TestSubjectComesFirst(t *testing.T) {
	m := embeddedMatcher(t)
	doc := &sbom.Document{
		Path: "x.cdx.json", SubjectRef: "s",
		Subject:      &sbom.Component{Ref: "s", Name: "kesl", Supplier: org("AO Kaspersky Lab")},
		Components:   []sbom.Component{{Ref: "k", Name: "klnagent64", Version: "14"}},
		Dependencies: map[string][]string{"s": {"k"}},
	}
	got := matchDocument(m, doc)
	if len(got) != 2 || got[0].Component.Ref != "s" || strings.Join(got[0].Path, ">") != "kesl" ||
		got[1].Component.Ref != "k" || strings.Join(got[1].Path, ">") != "kesl>klnagent64@14" {
		t.Fatalf("got %+v", got)
	}
	if none := matchDocument(m, &sbom.Document{Components: []sbom.Component{{Name: "left-pad"}}}); none != nil {
		t.Errorf("nothing attributed, got %+v", none)
	}
}

func TestCPEVendorProduct(t *testing.T) {
	for _, tt := range []struct{ in, vendor, product string }{
		{"cpe:2.3:a:huawei:euleros:2.0:*:*:*:*:*:*:*", "huawei", "euleros"},
		{"CPE:2.3:o:zte:cgsl_main:6", "zte", "cgsl_main"},
		{"cpe:/o:huawei:s2350_firmware", "huawei", "s2350_firmware"},
		{"p-cpe:/a:huawei:euleros:libcurl", "huawei", "euleros"},
		{"P-CPE:/a:huawei:euleros", "huawei", "euleros"},
		{`cpe:2.3:a:kaspersky\:lab:kes:*`, `kaspersky\:lab`, "kes"},
		{"cpe:/a:huawei", "", ""},
		{"cpe:2.3:", "", ""},
		{"cpe:/", "", ""},
		{"p-", "", ""},
		{"huawei:euleros", "", ""},
		{"", "", ""},
	} {
		v, p := cpeVendorProduct(tt.in)
		if v != tt.vendor || p != tt.product {
			t.Errorf("cpeVendorProduct(%q) = %q, %q; want %q, %q", tt.in, v, p, tt.vendor, tt.product)
		}
	}
	if got := strings.Join(splitCPE(`a:b\:c:d\\:e`), "|"); got != `a|b\:c|d\\|e` {
		t.Errorf("splitCPE = %q", got)
	}
}
