package audit_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// listCase is one labelled component of testdata/lists (cases.json).
type listCase struct {
	Name     string            `json:"name"`
	Entity   string            `json:"entity"`
	Category string            `json:"category"`
	Row      string            `json:"row"`
	Supplier string            `json:"supplier"`
	Type     string            `json:"type"`
	Verdicts map[string]string `json:"verdicts"`
}

func (c listCase) want(profile string) string {
	if v, ok := c.Verdicts[profile]; ok {
		return v
	}
	return c.Verdicts["*"]
}

var listFixtures = []string{
	"lists.cdx.json", "lists.cdx.xml", "lists.spdx.json", "lists.spdx", "lists.spdx.yaml",
	"lists.spdx.rdf", "lists.spdx3.json", "lists.syft.json",
}

// TestListFixtures audits the labelled fixture in every format with all
// embedded lists under every profile, and checks each component's entity,
// category and verdict, that decoys give nothing, and that use-dependent
// verdicts name the question to answer.
func TestListFixtures(t *testing.T) {
	var spec struct {
		Profiles []string   `json:"profiles"`
		Cases    []listCase `json:"cases"`
	}
	data, err := os.ReadFile("../testdata/lists/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, profile := range spec.Profiles {
		a, err := audit.New(audit.Config{Lists: lists, Profiles: []string{profile}, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range listFixtures {
			t.Run(profile+"/"+file, func(t *testing.T) {
				doc, err := sbom.ReadFile(filepath.Join("..", "testdata", "lists", file), sbom.Options{})
				if err != nil {
					t.Fatal(err)
				}
				present := map[string]bool{}
				for _, c := range doc.Components {
					present[c.Name] = true
				}
				got := map[string]audit.Finding{}
				for _, f := range a.Audit(doc) {
					if _, dup := got[f.Component.Name]; dup {
						t.Errorf("%s: two findings", f.Component.Name)
					}
					got[f.Component.Name] = f
				}
				checked := 0
				for _, c := range spec.Cases {
					if !present[c.Name] {
						if !strings.HasSuffix(file, ".syft.json") || (c.Supplier == "" && (c.Type == "library" || c.Type == "file")) {
							t.Errorf("%s: component missing from the fixture", c.Name)
						}
						continue
					}
					checked++
					checkListCase(t, profile, c, got)
					delete(got, c.Name)
				}
				for name, f := range got {
					t.Errorf("%s: finding for a component cases.json does not list: %s/%s %s", name, f.Verdict, f.Category, f.Rationale)
				}
				if checked < 20 {
					t.Errorf("checked %d cases, want at least 20", checked)
				}
			})
		}
	}
}

func checkListCase(t *testing.T, profile string, c listCase, got map[string]audit.Finding) {
	t.Helper()
	want := c.want(profile)
	f, found := got[c.Name]
	switch {
	case want == "none" && found:
		t.Errorf("%s (%s): false positive %s/%s by %s: %s", c.Name, c.Row, f.Verdict, f.Category, f.Entity.ID, f.Rationale)
	case want != "none" && !found:
		t.Errorf("%s (%s): missed; want %s", c.Name, c.Row, want)
	case !found:
	case string(f.Verdict) != want || string(f.Category) != c.Category || f.Entity.ID != c.Entity:
		t.Errorf("%s (%s): got %s/%s/%s, want %s/%s/%s (%s)", c.Name, c.Row, f.Entity.ID, f.Category, f.Verdict,
			c.Entity, c.Category, want, f.Rationale)
	case f.Verdict == audit.VerdictReview && usesFourPurposes(c, profile) && profile != "us-commercial" && profile != "app-store-or-host" &&
		!strings.Contains(f.Rationale, "public safety"):
		t.Errorf("%s: a use-dependent review must ask about the four purposes: %s", c.Name, f.Rationale)
	}
}

// usesFourPurposes: §889's and the FCC List's use-dependent scope. The
// FCC rules do not reach a third party's product built on a device SDK
// (the cameras, not the VMS, need authorization), so no question is asked
// there.
func usesFourPurposes(c listCase, profile string) bool {
	if c.Category == "integration" && strings.HasPrefix(profile, "fcc-") {
		return false
	}
	switch c.Entity {
	case "hytera", "hikvision", "dahua", "dahua-former-us-units":
		return c.Category == "product" || c.Category == "integration"
	}
	return false
}

// TestDoDContractorExtendsFederalContractor: kaspersky.yaml defines no
// dod-contractor profile, yet a DoD contractor is a federal contractor, so
// FAR 52.204-23 binds it through "extends"; and the §889 report falls due
// one business day after discovery, skipping Thanksgiving, with the
// follow-up 10 business days after that.
func TestDoDContractorExtendsFederalContractor(t *testing.T) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a, err := audit.New(audit.Config{Lists: lists, Profiles: []string{"dod-contractor"},
		AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Discovered: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	kesl := sbom.Component{Name: "kesl", PURL: "pkg:deb/kaspersky/kesl@12.1.0", Supplier: &sbom.Organization{Name: "AO Kaspersky Lab"}}
	fs := a.MatchComponent(&kesl)
	if len(fs) != 1 || fs[0].Verdict != audit.VerdictProhibited || !hasObligation(fs[0], "far-52-204-23", "") {
		t.Fatalf("kesl under dod-contractor: %+v", fs)
	}
	fw := sbom.Component{Name: "s2350_firmware", Type: "firmware", Supplier: &sbom.Organization{Name: "Huawei Technologies Co., Ltd."}}
	fs = a.MatchComponent(&fw)
	if len(fs) != 1 || fs[0].Verdict != audit.VerdictProhibited {
		t.Fatalf("Huawei firmware under dod-contractor: %+v", fs)
	}
	for _, want := range []struct{ regime, due string }{
		{"far-52-204-25-part-a", "2026-11-27"}, // report: 1 business day, Thanksgiving skipped
		{"far-52-204-25-part-a", "2026-12-11"}, // follow-up: 10 business days after the report
		{"dfars-252-204-7018", "2026-12-01"},   // DFARS: 3 business days
		{"far-52-204-25-part-b", ""},
	} {
		if !hasObligation(fs[0], want.regime, want.due) {
			t.Errorf("no %s obligation due %q in %+v", want.regime, want.due, fs[0].Obligations)
		}
	}
}

func hasObligation(f audit.Finding, regime, due string) bool {
	for _, o := range f.Obligations {
		if o.Regime == regime && (due == "" || o.Due == due) {
			return true
		}
	}
	return false
}

// TestOSStampFolding: per document, OS-vendor CPE stamps fold into one
// finding per operating system; other findings of the same entity stay.
func TestOSStampFolding(t *testing.T) {
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a, err := audit.New(audit.Config{Lists: lists, Profiles: []string{"us-federal-contractor"}, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	stamped := func(name, cpe string) sbom.Component {
		return sbom.Component{Ref: name, Name: name, Version: "1", CPEs: []sbom.CPE{{Value: cpe}}}
	}
	one := &sbom.Document{Path: "one.cdx.json", Components: []sbom.Component{stamped("bash", "p-cpe:/a:zte:cgsl_main:bash")}}
	fs := a.Audit(one)
	if len(fs) != 1 || fs[0].Verdict != audit.VerdictReview || !strings.HasPrefix(fs[0].Rationale, "1 component carries the CPE of the operating system \"cgsl_main\"") {
		t.Fatalf("one stamp: %+v", fs)
	}
	mixed := &sbom.Document{Path: "mixed.cdx.json", Components: []sbom.Component{
		stamped("euleros-release", "cpe:/o:huawei:euleros:2.0"),
		stamped("libcurl", "p-cpe:/a:huawei:euleros:libcurl"),
		stamped("bash", "cpe:2.3:a:huawei:euleros:bash:*:*:*:*:*:*:*"),
		stamped("cgsl-samba", "p-cpe:/a:zte:cgsl_core:samba"),
		{Ref: "fw", Name: "s2350_firmware", Type: "firmware", Supplier: &sbom.Organization{Name: "Huawei Technologies Co., Ltd."}},
	}}
	got := map[string]audit.Finding{}
	for _, f := range a.Audit(mixed) {
		got[f.Component.Name] = f
	}
	if len(got) != 3 {
		t.Fatalf("want the EulerOS finding, the CGSL finding and the firmware, got %d: %+v", len(got), got)
	}
	if f := got["euleros-release"]; f.Verdict != audit.VerdictReview || !strings.HasPrefix(f.Rationale, "3 components carry") {
		t.Errorf("EulerOS: %s %s", f.Verdict, f.Rationale)
	}
	if f := got["cgsl-samba"]; f.Verdict != audit.VerdictReview || f.Entity.ID != "zte" {
		t.Errorf("CGSL: %+v", f)
	}
	if f := got["s2350_firmware"]; f.Verdict != audit.VerdictProhibited {
		t.Errorf("firmware folded or weakened: %s %s", f.Verdict, f.Rationale)
	}
}
