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
			"which bis-icts-2024 prohibits"},
		{"product on the day BIS takes effect", []string{"us-commercial"}, "2024-07-20",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictProhibited,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"which bis-icts-2024 prohibits"},
		{"product the day before BIS takes effect", []string{"us-commercial"}, "2024-07-19",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use",
			"bis-icts-2024 takes effect on 2024-07-20, so as of 2024-07-19 nothing prohibits it yet"},
		{"integration under BIS", []string{"us-commercial"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryIntegration, match.ConfidenceMedium), false, VerdictProhibited,
			"bis-icts-2024/no-new-agreements,bis-icts-2024/no-resale-integration,bis-icts-2024/existing-use", "Kaspersky Lab (AO Kaspersky Lab and affiliates) integration software"},
		{"non-security: BIS does not cover it", []string{"us-commercial"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictReview,
			"", "which no regime of profile us-commercial prohibits, so it needs review"},
		{"non-security: FAR 52.204-23 covers it", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictProhibited,
			"far-52-204-23/clause-effective,far-52-204-23/no-provide-or-use,far-52-204-23/report,far-52-204-23/follow-up-report",
			"which far-52-204-23 prohibits"},
		{"threat intelligence: NDAA 1634 covers it for agencies", []string{"us-federal-agency"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryThreatIntel, match.ConfidenceHigh), false, VerdictProhibited,
			"ndaa-fy2018-1634/use-ban", "which ndaa-fy2018-1634 prohibits"},
		{"mention is info with no obligations", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryMention, match.ConfidenceLow), false, VerdictInfo,
			"", "The component only mentions Kaspersky Lab"},
		{"contribution is never above review", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryContribution, match.ConfidenceMedium), false, VerdictReview,
			"", "Only the copyright names"},
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
			"which fcc-covered-list-2024, bis-icts-2024 prohibits"},
		// §889: Huawei unconditionally; Hikvision only for the uses
		// §889(f)(3)(B) names, which an SBOM cannot show.
		{"889 Huawei product is prohibited", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(s889, "huawei", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictProhibited,
			"far-52-204-25-part-a/no-provide,far-52-204-25-part-a/representation-provide,far-52-204-25-part-a/report,far-52-204-25-part-a/follow-up-report,far-52-204-25-part-b/no-use,far-52-204-25-part-b/representation-use",
			"which far-52-204-25-part-a, far-52-204-25-part-b prohibits"},
		{"889 Hikvision product needs the use question", []string{"us-federal-contractor"}, "2025-01-01",
			attribution(s889, "hikvision", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"far-52-204-25-part-a/no-provide,far-52-204-25-part-a/representation-provide,far-52-204-25-part-a/report,far-52-204-25-part-a/follow-up-report,far-52-204-25-part-b/no-use,far-52-204-25-part-b/representation-use",
			"prohibits it only for a use the SBOM cannot show, so it needs review: Is this video surveillance"},
		{"889 former Dahua units ask both questions once each", []string{"us-federal-agency"}, "2025-01-01",
			attribution(s889, "dahua-former-us-units", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"ndaa-fy2019-889-agency/no-procure,ndaa-fy2019-889-agency/waivers-ended",
			"needs review: Was the item produced while its maker was a Dahua subsidiary"},
		// Out of scope: every bound regime leaves non-security out.
		{"FCC 889 entry leaves Huawei non-security out of scope", []string{"fcc-subsidy-recipient"}, "2025-01-01",
			attribution(s889, "huawei", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictInfo,
			"", "which is outside the scope of every regime of profile fcc-subsidy-recipient that binds you (fcc-covered-list-2021)"},
		{"carrier regime is restricted to carriers: DJI non-security stays review", []string{"fcc-subsidy-recipient"}, "2026-03-01",
			attribution(fcc, "dji", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictReview,
			"", "which no regime of profile fcc-subsidy-recipient prohibits"},
		{"carrier non-security is out of scope", []string{"fcc-subsidy-recipient"}, "2026-03-01",
			attribution(fcc, "china-telecom-americas", vendorlists.CategoryNonSecurity, match.ConfidenceHigh), false, VerdictInfo,
			"", "(fcc-covered-list-carriers)"},
		{"DJI product before the FCC UAS entry takes effect", []string{"fcc-subsidy-recipient"}, "2026-02-19",
			attribution(fcc, "dji", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"fcc-covered-list-uas/no-subsidy-funds", "fcc-covered-list-uas takes effect on 2026-02-20"},
		{"DJI product once the FCC UAS entry is in force", []string{"fcc-subsidy-recipient"}, "2026-02-20",
			attribution(fcc, "dji", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictProhibited,
			"fcc-covered-list-uas/no-subsidy-funds", "which fcc-covered-list-uas prohibits"},
		{"profile that binds nothing for the list", []string{"us-federal-grantee"}, "2025-01-01",
			attribution(k, "kaspersky", vendorlists.CategoryProduct, match.ConfidenceHigh), false, VerdictReview,
			"", "which no regime of profile us-federal-grantee prohibits"},
		{"contribution is review even when out of scope elsewhere", []string{"fcc-subsidy-recipient"}, "2025-01-01",
			attribution(s889, "huawei", vendorlists.CategoryContribution, match.ConfidenceMedium), false, VerdictReview,
			"", "Only the copyright names"},
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
