package vendorlists_test

import (
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestOpenQuestionsAreReviews: where the fact sheets leave coverage open
// (TikTok after the USDS joint venture; Honor after it left Huawei), the
// embedded lists make the finding a review that asks the question, never a
// prohibition, while the covered entity's own component stays prohibited;
// and the Kaspersky names and file names the fact sheet gives (binaries by
// name or path, transliterated and Ukrainian names) are the product.
func TestOpenQuestionsAreReviews(t *testing.T) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	app := func(name, supplier, typ string) sbom.Component {
		return sbom.Component{Name: name, Type: typ, Version: "1.0", Supplier: &sbom.Organization{Name: supplier}}
	}
	cases := []struct {
		profile  string
		c        sbom.Component
		entity   string
		verdict  audit.Verdict
		question string // in the rationale, when set
	}{
		{"us-federal-contractor", app("TikTok", "TikTok USDS Joint Venture LLC", "application"), "tiktok-usds-jv", audit.VerdictReview, "post-joint-venture coverage open"},
		{"us-federal-agency", app("TikTok", "TikTok USDS Joint Venture", "application"), "tiktok-usds-jv", audit.VerdictReview, "successor"},
		{"us-federal-contractor", app("TikTok", "ByteDance Ltd.", "application"), "bytedance", audit.VerdictProhibited, ""},
		{"us-federal-contractor", app("honor-router-3-firmware", "Honor Device Co., Ltd.", "firmware"), "huawei-former-units", audit.VerdictReview, "sold its Honor business"},
		{"fcc-equipment-authorization", app("honor-router-3-firmware", "Honor Device Co., Ltd.", "firmware"), "huawei-former-units", audit.VerdictReview, "sold its Honor business"},
		{"us-federal-contractor", app("s2350_firmware", "Huawei Technologies Co., Ltd.", "firmware"), "huawei", audit.VerdictProhibited, ""},
		{"us-commercial", sbom.Component{Name: `C:\Program Files (x86)\Kaspersky Lab\NetworkAgent\klnagent.exe`, Type: "file"}, "kaspersky", audit.VerdictProhibited, ""},
		{"us-commercial", sbom.Component{Name: "kes_win.msi", Type: "application"}, "kaspersky", audit.VerdictProhibited, ""},
		{"us-commercial", app("kav-engine", "Laboratoriia Kasperskogo", "library"), "kaspersky", audit.VerdictProhibited, ""},
		{"us-commercial", app("kav-engine-ru", "AO Laboratoria Kasperskogo", "library"), "kaspersky", audit.VerdictProhibited, ""},
		{"us-commercial", app("antivirus-core", "ТОВ «Лабораторія Касперського»", "library"), "kaspersky", audit.VerdictProhibited, ""},
		{"us-federal-contractor", sbom.Component{Name: "/opt/kaspersky/ScanEngine/bin/kavhttpd", Type: "file"}, "kaspersky", audit.VerdictProhibited, ""},
		{"us-federal-contractor", sbom.Component{Name: "avp.exe", Type: "file", Version: "21.3"}, "kaspersky", audit.VerdictProhibited, ""},
		{"us-federal-contractor", sbom.Component{Name: "kavehost.exe", Type: "file"}, "kaspersky", audit.VerdictProhibited, ""},
	}
	for _, tc := range cases {
		a, err := audit.New(audit.Config{Lists: lists, Profiles: []string{tc.profile}, AsOf: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		fs := a.MatchComponent(&tc.c)
		if len(fs) != 1 {
			t.Errorf("%s by %v under %s: %d findings, want 1: %+v", tc.c.Name, tc.c.Supplier, tc.profile, len(fs), fs)
			continue
		}
		f := fs[0]
		if f.Entity.ID != tc.entity || f.Verdict != tc.verdict {
			t.Errorf("%s by %v under %s: %s/%s, want %s/%s (%s)", tc.c.Name, tc.c.Supplier, tc.profile, f.Entity.ID, f.Verdict, tc.entity, tc.verdict, f.Rationale)
		}
		if tc.question != "" && !strings.Contains(f.Rationale, tc.question) {
			t.Errorf("%s by %v under %s: the rationale does not ask the question (%q): %s", tc.c.Name, tc.c.Supplier, tc.profile, tc.question, f.Rationale)
		}
	}
}
