package assess

import (
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// embedded returns the embedded lists by id; the tests below assert
// verdicts and dates against their regimes, which cite the law.
func embedded(t *testing.T) map[string]*vendorlists.List {
	t.Helper()
	ls, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*vendorlists.List{}
	for _, l := range ls {
		m[l.ID] = l
	}
	return m
}

func newAssessor(t *testing.T, cfg Config) *Assessor {
	t.Helper()
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func attribution(l *vendorlists.List, entity string, cat vendorlists.Category, conf match.Confidence) *match.Attribution {
	name := entity
	if e, ok := l.Entity(entity); ok {
		name = e.Name
	}
	return &match.Attribution{
		Entity:   match.EntityRef{ID: entity, Name: name, List: l.ID},
		Category: cat, Confidence: conf, Reason: "the supplier is " + name, List: l,
	}
}

// inFile makes at a finding on a file inside another component, as the
// decoders report a copyrighted file of a package.
func inFile(at *match.Attribution) *match.Attribution {
	at.Component = match.ComponentRef{Name: "src/acl.c", Type: "file"}
	return at
}

func regimesOf(obs []Obligation) string {
	var out []string
	for _, o := range obs {
		out = append(out, o.Regime+"/"+o.ID)
	}
	return strings.Join(out, ",")
}

// TestVerdictPerCategoryAndRegime checks the verdict rules against the
// regimes of the embedded lists: BIS's Final Determination (89 FR 52434)
// covers Kaspersky products and integrations from 2024-07-20; FAR
// 52.204-23 and NDAA §1634 cover every Kaspersky "covered article"
// (non-security software too); the FCC Covered List entry reaches
// integrations only by its wording; §889 reaches Hikvision only for
// public-safety and similar uses; the FCC carriers' entries leave
// non-security software out of scope.
func TestVerdictPerCategoryAndRegime(t *testing.T) {
	ls := embedded(t)
	k, s889, fcc := ls["kaspersky"], ls["section-889"], ls["fcc-covered-list"]
	all := []*vendorlists.List{k, s889, fcc, ls["bytedance"]}
	tests := []struct {
		name     string
		profiles []string
		asOf     string
		at       *match.Attribution
		nameOnly bool
		want     Verdict
		regimes  string // obligations, regime/id in order
		why      string // in the rationale
	}{
		{"product under BIS after 2024-09-29", []string{"us-commercial"}, "2024-10-01",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictProhibited,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"which bis-icts-2024 covers: the obligations listed say what it requires"},
		{"product on the day BIS takes effect", []string{"us-commercial"}, "2024-07-20",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictProhibited,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"which bis-icts-2024 covers: the obligations listed say what it requires"},
		{"product the day before BIS takes effect", []string{"us-commercial"}, "2024-07-19",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"bis-icts-2024 takes effect on 2024-07-20, so as of 2024-07-19 nothing prohibits it yet"},
		{"integration under BIS", []string{"us-commercial"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryIntegration, match.ConfidenceMedium), false, VerdictProhibited,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use", "Kaspersky Lab (AO Kaspersky Lab and affiliates) integration software"},
		{"non-security: BIS does not cover it", []string{"us-commercial"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictReview,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"bis-icts-2024 (Commerce ICTS Final Determination on Kaspersky Lab, Inc.) binds you for this entity but names only its product and integration software as covered, so it needs review"},
		{"non-security: FAR 52.204-23 covers it", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictProhibited,
			"far-52-204-23/clause-effective,far-52-204-23/no-provide-or-use,far-52-204-23/report,far-52-204-23/follow-up-report",
			"which far-52-204-23 covers"},
		{"threat intelligence: NDAA 1634 covers it for agencies", []string{"us-federal-agency"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryThreatIntel, match.ConfidenceHigh), false, VerdictProhibited,
			"ndaa-fy2018-1634/use-ban", "which ndaa-fy2018-1634 covers"},
		{"mention is info with no obligations", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryMention, match.ConfidenceLow), false, VerdictInfo,
			"", "The component only mentions Kaspersky Lab"},
		// FAR 52.204-23 reaches software Kaspersky developed "in whole or
		// in part", BIS integrations of its code: both make the
		// contribution a question and give it their obligations.
		{"contribution is never above review", []string{"us-federal-contractor"}, "2025-01-01",
			inFile(attribution(k, "kaspersky", vendorlists.CategoryContribution, match.ConfidenceMedium)), false, VerdictReview,
			"far-52-204-23/clause-effective,far-52-204-23/no-provide-or-use,far-52-204-23/report,far-52-204-23/follow-up-report,bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"whether the entity developed the component in whole or in part, which far-52-204-23 covers; and whether the component integrates software or equipment of the entity that bis-icts-2024 covers"},
		{"a bare name is review even where a regime covers it", []string{"us-commercial"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceLow), true, VerdictReview,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"Only a name points to"},
		{"a bare integration asks whether it integrates", []string{"us-commercial"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryIntegration, match.ConfidenceLow), true, VerdictReview,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"whether it integrates Kaspersky Lab (AO Kaspersky Lab and affiliates) code needs review"},
		// fcc-covered-list covers products and only reaches integrations;
		// fcc-covered-list-2024 (from 2024-09-21) covers integrations.
		{"FCC wording reaches an integration before BIS and the 2024 entry", []string{"fcc-subsidy-recipient"}, "2024-07-19",
			attribution(k, "kaspersky", vendorlists.CategoryIntegration, match.ConfidenceMedium), false, VerdictReview,
			"fcc-covered-list-2024/no-subsidy-funds,bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use,fcc-covered-list/no-subsidy-funds,fcc-covered-list/annual-supply-chain-report",
			"fcc-covered-list-2024 takes effect on 2024-09-21, bis-icts-2024 takes effect on 2024-07-20, so as of 2024-07-19 nothing prohibits it yet; the wording of fcc-covered-list may reach it (see its caveats); it needs review"},
		{"FCC 2024 entry and BIS cover an integration", []string{"fcc-subsidy-recipient"}, "2024-09-21",
			attribution(k, "kaspersky", vendorlists.CategoryIntegration, match.ConfidenceMedium), false, VerdictProhibited,
			"fcc-covered-list-2024/no-subsidy-funds,bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use,fcc-covered-list/no-subsidy-funds,fcc-covered-list/annual-supply-chain-report",
			"which fcc-covered-list-2024 and bis-icts-2024 cover: the obligations listed say what each requires"},
		// §889: Huawei unconditionally; Hikvision only for the uses
		// §889(f)(3)(B) names, which an SBOM cannot show.
		{"889 Huawei product is prohibited", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(s889, "huawei", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictProhibited,
			"far-52-204-25-part-a/no-provide,far-52-204-25-part-a/representation-provide,far-52-204-25-part-a/report,far-52-204-25-part-a/follow-up-report,far-52-204-25-part-b/no-use,far-52-204-25-part-b/representation-use",
			"which far-52-204-25-part-a and far-52-204-25-part-b cover"},
		{"889 Hikvision product needs the use question", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(s889, "hikvision", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"far-52-204-25-part-a/no-provide,far-52-204-25-part-a/representation-provide,far-52-204-25-part-a/report,far-52-204-25-part-a/follow-up-report,far-52-204-25-part-b/no-use,far-52-204-25-part-b/representation-use",
			"far-52-204-25-part-a and far-52-204-25-part-b cover it only in a case the SBOM cannot show, so it needs review: Is this video surveillance"},
		{"889 former Dahua units ask both questions once each", []string{"us-federal-agency"}, "2025-01-01",
			attribution(s889, "dahua-former-us-units", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"ndaa-fy2019-889-agency/no-procure,ndaa-fy2019-889-agency/waivers-ended",
			"needs review: Was the item produced while its maker was a Dahua subsidiary"},
		// Out of scope: every bound regime leaves non-security out.
		{"FCC 889 entry leaves Huawei non-security out of scope", []string{"fcc-subsidy-recipient"}, "2025-01-01",
			attribution(s889, "huawei", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictInfo,
			"", "which is outside the scope of every regime of profile fcc-subsidy-recipient that binds you (fcc-covered-list-2021)"},
		// The UAS entry covers DJI products ("and all associated software"
		// is a question): a DJI SDK is review under it, with its duty.
		{"carrier regime is restricted to carriers: DJI non-security is a question under the UAS entry", []string{"fcc-subsidy-recipient"}, "2026-03-01",
			attribution(fcc, "dji", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictReview,
			"fcc-covered-list-uas/no-subsidy-funds", "fcc-covered-list-uas (FCC Covered List entry 12 (UAS and UAS critical components; DJI and Autel)) binds you for this entity"},
		{"carrier non-security is out of scope", []string{"fcc-subsidy-recipient"}, "2026-03-01",
			attribution(fcc, "china-telecom-americas", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictInfo,
			"", "(fcc-covered-list-carriers)"},
		{"DJI product before the FCC UAS entry takes effect", []string{"fcc-subsidy-recipient"}, "2026-02-19",
			attribution(fcc, "dji", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"fcc-covered-list-uas/no-subsidy-funds", "fcc-covered-list-uas takes effect on 2026-02-20"},
		{"DJI product once the FCC UAS entry is in force", []string{"fcc-subsidy-recipient"}, "2026-02-20",
			attribution(fcc, "dji", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictProhibited,
			"fcc-covered-list-uas/no-subsidy-funds", "which fcc-covered-list-uas covers"},
		{"profile that binds nothing for the list", []string{"us-federal-grantee"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"", "which no regime of profile us-federal-grantee prohibits"},
		// Authorship is not production (other-regimes-facts §4): the FCC
		// entry covers equipment Huawei produced, so a Huawei copyright
		// is information only (this was review before).
		{"contribution is info where no bound regime turns on authorship", []string{"fcc-subsidy-recipient"}, "2025-01-01",
			inFile(attribution(s889, "huawei", vendorlists.CategoryContribution, match.ConfidenceMedium)), false, VerdictInfo,
			"", "(fcc-covered-list-2021) cover what it produces or provides, not what it wrote, so it is shown for information only"},
		{"ByteDance contribution is info under FAR 52.204-27", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(ls["bytedance"], "bytedance", vendorlists.CategoryContribution, match.ConfidenceMedium), false, VerdictInfo,
			"", "(far-52-204-27) cover what it produces or provides"},
		{"889 contribution is a question of integration under Part A and B", []string{"us-federal-contractor"}, "2025-01-01",
			inFile(attribution(s889, "huawei", vendorlists.CategoryContribution, match.ConfidenceMedium)), false, VerdictReview,
			"far-52-204-25-part-a/no-provide,far-52-204-25-part-a/representation-provide,far-52-204-25-part-a/report,far-52-204-25-part-a/follow-up-report,far-52-204-25-part-b/no-use,far-52-204-25-part-b/representation-use",
			"whether the component integrates software or equipment of the entity that far-52-204-25-part-a and far-52-204-25-part-b cover, in which case the obligations listed apply"},
		{"contribution under BIS alone is a question of integration", []string{"us-commercial"}, "2025-01-01",
			inFile(attribution(k, "kaspersky", vendorlists.CategoryContribution, match.ConfidenceMedium)), false, VerdictReview,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"so it needs review under bis-icts-2024 (Commerce ICTS Final Determination on Kaspersky Lab, Inc.): whether the component integrates software or equipment of the entity that bis-icts-2024 covers"},
		// Without outOfScope data, §889 Part A and B cover integrations:
		// a Huawei copyright stays a question under them (openEuler's
		// libboundscheck too, until the list puts contributions out of
		// their scope); FAR 52.204-23 alone makes it an "in part" one.
		{"package copyright under FAR 52.204-23 is a question of in-part development", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryContribution, match.ConfidenceMedium), false, VerdictReview,
			"far-52-204-23/clause-effective,far-52-204-23/no-provide-or-use,far-52-204-23/report,far-52-204-23/follow-up-report,bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"whether the entity developed the component in whole or in part, which far-52-204-23 covers"},
		{"DJI package copyright under a contractor profile is info", []string{"us-federal-contractor"}, "2026-03-01",
			attribution(fcc, "dji", vendorlists.CategoryContribution, match.ConfidenceMedium), false, VerdictInfo,
			"", "(far-52-240-1) are shown for context and prohibit no category"},
		// M7: software a §889 company wrote is a question under the
		// service prong and Part B; a ByteDance SDK under 52.204-27.
		{"889 Huawei non-security is a question under Part A and B", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(s889, "huawei", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictReview,
			"far-52-204-25-part-a/no-provide,far-52-204-25-part-a/representation-provide,far-52-204-25-part-a/report,far-52-204-25-part-a/follow-up-report,far-52-204-25-part-b/no-use,far-52-204-25-part-b/representation-use",
			`far-52-204-25-part-a (NDAA FY2019 §889(a)(1)(A) "Part A" — FAR 52.204-25 (do not provide covered telecommunications)) and far-52-204-25-part-b`},
		{"ByteDance SDK is a question under FAR 52.204-27", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(ls["bytedance"], "bytedance", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictReview,
			"far-52-204-27/no-covered-application",
			"far-52-204-27 (FAR 52.204-27 Prohibition on a ByteDance Covered Application (Jun 2023)) binds you for this entity but names only its product software as covered"},
		{"DJI SDK under a contractor profile names the drone act for context", []string{"us-federal-contractor"}, "2026-03-01",
			attribution(fcc, "dji", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictReview,
			"", "far-52-240-1 (American Security Drone Act — FAR 52.240-1) binds you for this entity for context only"},
		{"a bare name names the regime that covers it", []string{"us-commercial"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceLow), true, VerdictReview,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"nothing corroborates it, so it needs review; if it is, bis-icts-2024 covers it."},
		{"a bare name no regime covers names the regime that makes it a question", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(ls["bytedance"], "bytedance", vendorlists.CategoryNonSecurity, match.ConfidenceLow), true, VerdictReview,
			"far-52-204-27/no-covered-application",
			"so it needs review; if it is, whether far-52-204-27 reaches it is a further question."},
		{"a bare former Dahua unit asks the production-date question", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(s889, "dahua-former-us-units", vendorlists.CategoryProduct, match.ConfidenceLow), true, VerdictReview,
			"far-52-204-25-part-a/no-provide,far-52-204-25-part-a/representation-provide,far-52-204-25-part-a/report,far-52-204-25-part-a/follow-up-report,far-52-204-25-part-b/no-use,far-52-204-25-part-b/representation-use",
			"cover it only in a case the SBOM cannot show: Was the item produced while its maker was a Dahua subsidiary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAssessor(t, Config{Lists: all, Profiles: tt.profiles, AsOf: d(tt.asOf)})
			at := tt.at
			at.NameOnly = tt.nameOnly
			got := a.Assess(at, a.Stateless())
			if got.Verdict != tt.want {
				t.Errorf("verdict %s, want %s (%s)", got.Verdict, tt.want, got.Rationale)
			}
			if got.Category != at.Category || got.Confidence != at.Confidence {
				t.Errorf("category/confidence %s/%s, want %s/%s", got.Category, got.Confidence, at.Category, at.Confidence)
			}
			if r := regimesOf(got.Obligations); r != tt.regimes {
				t.Errorf("obligations\n got %s\nwant %s", r, tt.regimes)
			}
			if got.Obligations == nil {
				t.Error("obligations nil, want an empty list at least")
			}
			if !strings.Contains(got.Rationale, tt.why) {
				t.Errorf("rationale %q\nlacks %q", got.Rationale, tt.why)
			}
			if !strings.Contains(got.Rationale, at.Reason) {
				t.Errorf("rationale %q lacks the reason %q", got.Rationale, at.Reason)
			}
		})
	}
}

func TestOSStampIsAReviewOfTheOS(t *testing.T) {
	k := embedded(t)["kaspersky"]
	a := newAssessor(t, Config{Lists: []*vendorlists.List{k}, AsOf: d("2025-01-01")})
	for _, n := range []int{1, 7} {
		at := attribution(k, "kaspersky", vendorlists.CategoryNonSecurity, match.ConfidenceMedium)
		at.OSStamp = &match.OSStamp{Product: "kasperskyos", CPE: "cpe:2.3:o:kaspersky:kasperskyos:1:*:*:*:*:*:*:*", Components: n}
		got := a.Assess(at, a.Stateless())
		if got.Verdict != VerdictReview || got.Category != vendorlists.CategoryProduct {
			t.Errorf("stamp: %s/%s, want review/product", got.Verdict, got.Category)
		}
		want := "7 components carry the CPE"
		if n == 1 {
			want = "1 component carries the CPE"
		}
		if !strings.HasPrefix(got.Rationale, want) || !strings.Contains(got.Rationale, `"kasperskyos"`) ||
			!strings.Contains(got.Rationale, "(e.g. cpe:2.3:o:kaspersky:kasperskyos:1") {
			t.Errorf("stamp rationale %q", got.Rationale)
		}
	}
}

func TestVerdictRank(t *testing.T) {
	for v, want := range map[Verdict]int{
		VerdictProhibited: 3, VerdictReview: 2, VerdictInfo: 1, VerdictWaived: 0, VerdictBaseline: 0, "": 0,
	} {
		if got := v.Rank(); got != want {
			t.Errorf("%q.Rank() = %d, want %d", v, got, want)
		}
	}
}

// TestAsOfIgnoresTimeOfDay: the CLI's default as-of carries a time of
// day; an effective date equal to the as-of date is in force that day.
func TestAsOfIgnoresTimeOfDay(t *testing.T) {
	k := embedded(t)["kaspersky"]
	at := time.Date(2024, 7, 20, 23, 59, 0, 0, time.FixedZone("X", -7*3600))
	a := newAssessor(t, Config{Lists: []*vendorlists.List{k}, AsOf: at})
	if !a.AsOf().Equal(d("2024-07-20")) || !a.Discovered().Equal(d("2024-07-20")) || a.DiscoveredGiven() {
		t.Fatalf("as-of %v, discovered %v (given %v)", a.AsOf(), a.Discovered(), a.DiscoveredGiven())
	}
	got := a.Assess(attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), a.Stateless())
	if got.Verdict != VerdictProhibited {
		t.Fatalf("verdict %s on the effective date", got.Verdict)
	}
	want := map[string]ObligationStatus{
		"no-new-agreements":     {"in-force", 0, "takes effect today"},
		"no-resale-integration": {"upcoming", 71, "takes effect in 71 days"},
		"existing-use":          {"upcoming", 71, "takes effect in 71 days"},
	}
	for _, o := range got.Obligations {
		if o.Status != want[o.ID] {
			t.Errorf("%s: %+v, want %+v", o.ID, o.Status, want[o.ID])
		}
	}
}
