package match

import (
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestEmbeddedIdentifierClasses: identifiers an independent review found
// unread, against the embedded lists: install paths and registry keys,
// binary and soname spellings of listed file names, an application named
// after an entity whose products are applications, signer properties,
// and their decoys.
func TestEmbeddedIdentifierClasses(t *testing.T) {
	m := embeddedMatcher(t)
	prop := func(n, v string) []sbom.Property { return []sbom.Property{{Name: n, Value: v}} }
	tests := []struct {
		name     string
		c        sbom.Component
		entity   string // "" for no attribution
		category vendorlists.Category
		signal   string
	}{
		{"file under the Linux install root", sbom.Component{Name: "/opt/kaspersky/ScanEngine/bin/kavhttpd2"}, "kaspersky", vendorlists.CategoryProduct, "path"},
		{"syft location under the install root", sbom.Component{Name: "libfoo", Properties: prop("syft:location:0:path", "/opt/kaspersky/kesl/lib/libfoo.so")}, "kaspersky", vendorlists.CategoryProduct, "path"},
		{"Windows install directory", sbom.Component{Name: `C:\Program Files (x86)\Kaspersky Lab\NetworkAgent\x.dll`}, "kaspersky", vendorlists.CategoryProduct, "path"},
		{"registry key, other spelling", sbom.Component{Name: `HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\KasperskyLab\protected`}, "kaspersky", vendorlists.CategoryProduct, "path"},
		{"registry key in free text is no path", sbom.Component{Name: "antiav_detectreg.py", Description: `checks HKLM\SOFTWARE\KasperskyLab`}, "", "", ""},
		{"look-alike directory", sbom.Component{Name: "/opt/kasperskytte/bin/tool"}, "", "", ""},
		{"driver file name", sbom.Component{Name: "klflt.sys"}, "kaspersky", vendorlists.CategoryProduct, "package-name"},
		{"versioned soname", sbom.Component{Name: "/usr/lib/libhcnetsdk.so.6"}, "hikvision", "", "package-name"},
		{"TikTok application", sbom.Component{Name: "TikTok", Type: "application"}, "bytedance", vendorlists.CategoryProduct, "product"},
		{"library named after TikTok", sbom.Component{Name: "tiktok-scraper", Type: "library"}, "bytedance", vendorlists.CategoryMention, "name"},
		{"TikTok downloader application", sbom.Component{Name: "TikTok Downloader", Type: "application"}, "bytedance", vendorlists.CategoryMention, "name"},
		{"signer property", sbom.Component{Name: "agent", Properties: prop("signer", "AO Kaspersky Lab")}, "kaspersky", vendorlists.CategoryProduct, "property"},
		{"Ukrainian legal form", sbom.Component{Name: "x", Supplier: &sbom.Organization{Name: "АТ «Лабораторія Касперського»"}}, "kaspersky", vendorlists.CategoryProduct, "supplier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ats := m.Attribute(&tt.c)
			var got *Attribution
			for i := range ats {
				if ats[i].Entity.ID == tt.entity || tt.entity == "" {
					got = &ats[i]
					break
				}
			}
			if tt.entity == "" {
				if got != nil {
					t.Fatalf("attributed to %s (%s): %s", got.Entity.ID, got.Category, got.Reason)
				}
				return
			}
			if got == nil {
				t.Fatalf("not attributed to %s (%d attributions)", tt.entity, len(ats))
			}
			if tt.category != "" && got.Category != tt.category {
				t.Errorf("category %s, want %s (%s)", got.Category, tt.category, got.Reason)
			}
			var sigs []string
			for _, e := range got.Evidence {
				sigs = append(sigs, e.Signal)
			}
			if !strings.Contains(" "+strings.Join(sigs, " ")+" ", " "+tt.signal+" ") {
				t.Errorf("evidence %v, want a %s signal", sigs, tt.signal)
			}
		})
	}
}

func TestBinaryStem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"klflt.sys", "klflt"}, {"AVP.EXE", "AVP"}, {"HCNetSDK.dll", "HCNetSDK"},
		{"libhcnetsdk.so.6", "libhcnetsdk.so"}, {"libx.so.1.2.3", "libx.so"}, {"libx.so", "libx.so"},
		{"python3.11", "python3.11"}, {"v1.2", "v1.2"}, {".exe", ".exe"}, {"a.so.x1", "a.so.x1"},
	} {
		if got := binaryStem(tt.in); got != tt.want {
			t.Errorf("binaryStem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPathAnchors(t *testing.T) {
	ix := &index{keys: map[string]*rule{}}
	for _, v := range []string{"/opt/KasperskyOS-Community-Edition-", `HKLM\SOFTWARE\KasperskyLab`, "/opt/kaspersky/", `\Kaspersky Lab\`, "/usr/share/hikvision/"} {
		ix.paths = nil
		if err := ix.addPaths(&entry{ent: &vendorlists.Entity{ID: "x", Paths: []vendorlists.PathRule{{Value: v, Kind: vendorlists.PathPrefix}}}}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(ix.pathAnchors, ",") != "kaspersky,hikvision" {
		t.Fatalf("anchors %q, want the shortest of each family", ix.pathAnchors)
	}
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"/opt/kaspersky/x", true}, {`C:\KASPERSKY LAB\x`, true}, {"/x/HikVision", true},
		{"kaspersky", false}, // no path
		{"/opt/kasper/x", false}, {"/k/a/s/p", false}, {"/", false}, {"/kaspersk", false},
	} {
		if got := hasAnchor(tt.s, ix) && (strings.ContainsAny(tt.s, "/\\")); got != tt.want {
			t.Errorf("hasAnchor(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
