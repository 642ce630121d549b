package sbom

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestIsBinaryFileName(t *testing.T) {
	for name, want := range map[string]bool{
		"HCNetSDK.dll": true, "./lib/libhcnetsdk.so": true, `C:\VMS\dhnetsdk.DLL`: true,
		"libhcnetsdk.so.6": true, "lib/libdhnetsdk.so.3.2.1": true, "kavehost.exe": true,
		"klflt.sys": true, "libavnetsdk.dylib": true, "sdk.jar": true, "app.apk": true,
		"kes_win.msi": true, "libx.a": true, "x.lib": true,
		"README.md": false, "sdk.so.c": false, "libx.so.6a": false, "libx.so.": false, "Makefile": false,
		".so": false, "dir.dll/readme": false, "x.dllx": false, "v1.2": false, "": false,
	} {
		if got := isBinaryFileName(name); got != want {
			t.Errorf("isBinaryFileName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestBinaryFilesKept reads, in every SPDX format, a package whose files
// carry no copyright: the binaries and libraries among them are kept
// (with their pointer and holding package), the others are not.
func TestBinaryFilesKept(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string // name pointer parent
	}{
		{"binfiles.spdx.json", []string{
			"./bin/HCNetSDK.dll /files/0 SPDXRef-vms", "./lib/libdhnetsdk.so.3.2 /files/2 SPDXRef-vms"}},
		{"binfiles.spdx", []string{
			"./bin/HCNetSDK.dll #SPDXRef-F1 SPDXRef-vms", "./lib/libdhnetsdk.so.3.2 #SPDXRef-F3 SPDXRef-vms"}},
		{"binfiles.spdx.yaml", []string{
			"./bin/HCNetSDK.dll /files/0 SPDXRef-vms", "./lib/libdhnetsdk.so.3.2 /files/2 SPDXRef-vms"}},
		{"binfiles.spdx.rdf", []string{
			"./bin/HCNetSDK.dll #SPDXRef-F1 SPDXRef-vms", "./lib/libdhnetsdk.so.3.2 #SPDXRef-F3 SPDXRef-vms"}},
		{"binfiles.spdx3.json", []string{
			"HCNetSDK.dll /@graph/4 urn:vms:pkg", "lib/libdhnetsdk.so.3.2 /@graph/6 urn:vms:pkg"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := ReadFile(filepath.Join("testdata", tc.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range doc.Files {
				if f.Type == "file" {
					got = append(got, f.Name+" "+f.Origin.Pointer+" "+f.Parent)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(doc.Components) != 1 {
				t.Errorf("components %d, want 1 (files are not counted)", len(doc.Components))
			}
		})
	}
}

// TestBinaryFilesBound checks that files kept for their names alone stop
// at maxBinaryFiles, and that the rest are counted in a warning.
func TestBinaryFilesBound(t *testing.T) {
	var b binaryFiles
	kept := 0
	for i := 0; i < maxBinaryFiles+7; i++ {
		if b.keep("lib/x.so") {
			kept++
		}
	}
	if b.keep("README") {
		t.Error("kept a file that is no binary")
	}
	if kept != maxBinaryFiles || b.dropped != 7 {
		t.Fatalf("kept %d, dropped %d; want %d, 7", kept, b.dropped, maxBinaryFiles)
	}
	if w := b.warning(); !strings.HasPrefix(w, "7 files named like binaries") {
		t.Errorf("warning %q", w)
	}
	if w := (&binaryFiles{}).warning(); w != "" {
		t.Errorf("warning with nothing dropped: %q", w)
	}
}

// TestLicenseRefTexts checks that a package's LicenseRef licences are
// texts the licence signal reads, in the SPDX 2 formats that name them.
func TestLicenseRefTexts(t *testing.T) {
	want := "licenseDeclared=LicenseRef-Engine-EULA|licenseConcluded=MIT AND LicenseRef-Other"
	for _, file := range []string{"binfiles.spdx.json", "binfiles.spdx", "binfiles.spdx.yaml"} {
		doc, err := ReadFile(filepath.Join("testdata", file), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range doc.Components[0].Texts {
			if x.Kind == TextLicense {
				got = append(got, x.Field+"="+x.Value)
			}
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s: licence texts %q, want %q", file, got, want)
		}
	}
}

// TestCreatorsElement checks that an SPDX document's organisation and
// person creators (not its tools) are kept, in every SPDX 2 format, as one
// element of type "document" under the described package, as source
// information that can only mention an entity.
func TestCreatorsElement(t *testing.T) {
	want := "provenance creationInfo.creators[1] Organization: Writer Co (sbom@writer.example)|provenance creationInfo.creators[2] Person: Jane Writer"
	for _, file := range []string{"binfiles.spdx.json", "binfiles.spdx", "binfiles.spdx.yaml", "binfiles.spdx.rdf"} {
		doc, err := ReadFile(filepath.Join("testdata", file), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var docs []File
		for _, f := range doc.Files {
			if f.Type == "document" {
				docs = append(docs, f)
			}
		}
		if len(docs) != 1 {
			t.Fatalf("%s: %d document elements, want 1", file, len(docs))
		}
		f := docs[0]
		var got []string
		for _, x := range f.Texts {
			got = append(got, textKindName(x.Kind)+" "+x.Field+" "+x.Value)
		}
		if strings.Join(got, "|") != want || f.Parent != "SPDXRef-vms" || f.Name != "vms-bin" || f.Origin.Pointer != "#SPDXRef-DOCUMENT" {
			t.Errorf("%s: document element %+v, texts %q; want parent SPDXRef-vms, name vms-bin, texts %q", file, f, got, want)
		}
	}
}

// TestCreatorsElementSPDX3 is TestCreatorsElement for SPDX 3, whose
// creators are the agents of the creation information.
func TestCreatorsElementSPDX3(t *testing.T) {
	doc, err := ReadFile(filepath.Join("testdata", "binfiles.spdx3.json"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range doc.Files {
		if f.Type != "document" {
			continue
		}
		n++
		if len(f.Texts) != 1 || f.Texts[0].Kind != TextProvenance || f.Texts[0].Value != "Organization: VMS Corp" ||
			f.Texts[0].Field != "creationInfo.creators[0]" || f.Parent != "urn:vms:pkg" || f.Origin.Pointer != "/@graph/0" {
			t.Errorf("document element %+v", f)
		}
	}
	if n != 1 {
		t.Errorf("%d document elements, want 1", n)
	}
}

// TestSPDXFileParentsLeastContainer: a file no package lists in hasFiles
// gets the least (by id) element whose relationship contains it, whatever
// the map order; an owner from hasFiles wins; ids of every length are
// looked up.
func TestSPDXFileParentsLeastContainer(t *testing.T) {
	long := "SPDXRef-File-" + strings.Repeat("x", 300)
	for range 20 { // map order varies from run to run
		files := []File{{Ref: "SPDXRef-f", Type: "file"}, {Ref: "SPDXRef-g", Type: "file"}, {Ref: long, Type: "file"}, {Ref: "SPDXRef-h", Type: "file"}, {Ref: "LicenseRef-x", Type: "license", Parent: "p"}}
		deps := map[string][]string{
			"SPDXRef-zz": {"SPDXRef-f", long},
			"SPDXRef-b":  {"SPDXRef-f", "SPDXRef-g"},
			"SPDXRef-a":  {"SPDXRef-pkg", "SPDXRef-f"},
			"SPDXRef-g":  {"SPDXRef-g"}, // itself: never its own parent
			"SPDXRef-y":  {long, "SPDXRef-h", "LicenseRef-x"},
		}
		got := spdxFileParents(files, map[string]string{"SPDXRef-h": "SPDXRef-owner"}, deps)
		want := []string{"SPDXRef-a", "SPDXRef-b", "SPDXRef-y", "SPDXRef-owner", "p"}
		for i, f := range got {
			if f.Parent != want[i] {
				t.Fatalf("%.20s: parent %q, want %q", f.Ref, f.Parent, want[i])
			}
		}
	}
}
