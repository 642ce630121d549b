package audit

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestNewErrors(t *testing.T) {
	l := loadTestList(t)
	badRegime := loadTestList(t)
	badRegime.Profiles[0].Regimes = append(badRegime.Profiles[0].Regimes, "no-such-regime")
	badRule := loadTestList(t)
	badRule.Regimes[0].Obligations[0].DueRule = "weekly:2"
	tests := []struct {
		name string
		cfg  Config
		want []string
	}{
		{"no lists", Config{}, []string{"no vendor lists"}},
		{"unknown profile", Config{Lists: []*vendorlists.List{l}, Profiles: []string{"us-nope"}},
			[]string{`unknown profile "us-nope"`, "us-commercial", "us-federal-contractor"}},
		{"unknown regime", Config{Lists: []*vendorlists.List{badRegime}}, []string{`unknown regime "no-such-regime"`}},
		{"bad due rule", Config{Lists: []*vendorlists.List{badRule}}, []string{`"weekly:2"`}},
		{"nil list", Config{Lists: []*vendorlists.List{nil}}, []string{"nil list"}},
	}
	for _, tt := range tests {
		_, err := New(tt.cfg)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", tt.name, err, w)
			}
		}
	}
}

func TestProfileUnionAcrossLists(t *testing.T) {
	a := loadTestList(t)
	b := loadTestList(t)
	b.ID = "second"
	b.Entities = []vendorlists.Entity{{ID: "otherco", Name: "Other Co", Names: []vendorlists.Name{{Value: "Other Co"}}}}
	b.Profiles = []vendorlists.Profile{{ID: "us-commercial", Regimes: []string{"fcc-covered-list"}}}
	au, err := New(Config{Lists: []*vendorlists.List{a, b}, AsOf: testAsOf})
	if err != nil {
		t.Fatal(err)
	}
	c := sbom.Component{Name: "x", Supplier: org("Other Co")}
	f := findingFor(au.MatchComponent(&c), "otherco")
	if f == nil || f.Entity.List != "second" {
		t.Fatalf("finding %+v", f)
	}
	if len(f.Obligations) != 1 || f.Obligations[0].Regime != "fcc-covered-list" {
		t.Errorf("obligations %+v, want the second list's fcc-covered-list", f.Obligations)
	}
	if got := au.Lists(); len(got) != 2 || got[0].ID != "testlist" || got[0].Published != "2026-11-01" ||
		got[0].SHA256 != "test-digest" || got[0].Origin != "testdata/testlist.yaml" || got[1].ID != "second" {
		t.Errorf("Lists() = %+v", got)
	}
}

func TestFindingIDStable(t *testing.T) {
	a := newTestAuditor(t)
	b := newTestAuditor(t, "us-federal-contractor")
	c1 := sbom.Component{Name: "kesl", Version: "12", PURL: "pkg:deb/kaspersky/kesl@12?arch=amd64", Supplier: org("AO Kaspersky Lab")}
	c2 := c1
	c2.PURL = "pkg:deb/kaspersky/kesl@12?arch=arm64#x" // qualifiers and subpath do not count
	c3 := c1
	c3.PURL = "pkg:deb/kaspersky/kesl@13"
	id := func(au *Auditor, c sbom.Component, input string) string {
		doc := &sbom.Document{Path: input, Components: []sbom.Component{c}}
		fs := au.Audit(doc)
		if len(fs) != 1 {
			t.Fatalf("%d findings", len(fs))
		}
		return fs[0].ID
	}
	base := id(a, c1, "a.json")
	if !strings.HasPrefix(base, "EMB-") || len(base) != 20 {
		t.Errorf("id %q: want EMB- and 16 hex digits", base)
	}
	if id(a, c1, "a.json") != base || id(b, c1, "a.json") != base || id(a, c2, "a.json") != base {
		t.Error("id changed for the same input, entity and component")
	}
	if id(a, c3, "a.json") == base || id(a, c1, "b.json") == base {
		t.Error("id did not change with the component or the input")
	}
	noPURL := ComponentRef{Type: "library", Group: "g", Name: "kesl", Version: "1"}
	if got, want := match.ComponentKey(noPURL), "library/g/kesl@1"; got != want {
		t.Errorf("ComponentKey = %q, want %q", got, want)
	}
	if got := match.ComponentKey(ComponentRef{Ref: "SPDXRef-7"}); got != "SPDXRef-7" {
		t.Errorf("ComponentKey = %q, want the ref", got)
	}
}

func TestAuditPaths(t *testing.T) {
	doc := &sbom.Document{
		Path:       "app.cdx.json",
		SubjectRef: "app",
		Components: []sbom.Component{
			{Ref: "app", Name: "app", Version: "1.0"},
			{Ref: "lib", Name: "lib", Version: "2.0"},
			{Ref: "mid", Name: "mid"},
			{Ref: "kesl", Name: "kesl", Version: "12", Supplier: org("AO Kaspersky Lab"), Origin: sbom.Origin{Pointer: "/components/3", Line: 42}},
			{Ref: "orphan", Name: "klnagent64", Version: "1"},
		},
		Dependencies: map[string][]string{
			"app": {"lib", "mid"},
			"lib": {"mid"},
			"mid": {"kesl", "app"}, // a cycle back to the root
		},
	}
	fs := newTestAuditor(t).Audit(doc)
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2", len(fs))
	}
	if fs[0].Component.Name != "kesl" || fs[1].Component.Name != "klnagent64" {
		t.Fatalf("findings out of component order: %s, %s", fs[0].Component.Name, fs[1].Component.Name)
	}
	if want := []string{"app@1.0", "mid", "kesl@12"}; !slices.Equal(fs[0].Path, want) {
		t.Errorf("path %q, want %q", fs[0].Path, want)
	}
	if fs[1].Path == nil || len(fs[1].Path) != 0 {
		t.Errorf("unreachable component path %q, want empty", fs[1].Path)
	}
	if fs[0].Input != "app.cdx.json" {
		t.Errorf("input %q", fs[0].Input)
	}
	e := fs[0].Evidence[0]
	if e.Location != "/components/3" || e.Line != 42 || e.Rule != "kaspersky/name/kaspersky-lab" || e.Matched != "AO Kaspersky Lab" {
		t.Errorf("evidence %+v", e)
	}
	if got := newTestAuditor(t).Audit(&sbom.Document{Components: doc.Components[3:4]}); len(got) != 1 || len(got[0].Path) != 0 {
		t.Errorf("no subject: %+v", got)
	}
}

func TestSubjectPath(t *testing.T) {
	doc := &sbom.Document{SubjectRef: "kesl", Components: []sbom.Component{{Ref: "kesl", Name: "kesl", Supplier: org("Kaspersky Lab")}}}
	fs := newTestAuditor(t).Audit(doc)
	if len(fs) != 1 || !slices.Equal(fs[0].Path, []string{"kesl"}) {
		t.Errorf("subject path: %+v", fs)
	}
}

func TestConcurrentUse(t *testing.T) {
	a := newTestAuditor(t)
	cs := append(syntheticComponents(200), sbom.Component{Name: "kesl", Supplier: org("AO Kaspersky Lab")})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			n := 0
			for i := range cs {
				n += len(a.MatchComponent(&cs[i]))
			}
			if n != 1 {
				t.Errorf("%d findings, want 1", n)
			}
		})
	}
	wg.Wait()
}

func TestNoMatchDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	a := newTestAuditor(t)
	cs := syntheticComponents(30)
	// The further texts a decoder keeps, as in BenchmarkMatchTexts: a
	// copyright notice naming no one listed, an attribution, a licence.
	for i := range cs[:10] {
		cs[i].Texts = []sbom.Text{
			{Kind: sbom.TextCopyright, Field: "evidence.copyright[0].text", Value: "Copyright (c) 2021 The Foo Authors"},
			{Kind: sbom.TextCopyright, Field: "attributionTexts[0]", Value: "Includes software developed by the Foo Project"},
			{Kind: sbom.TextLicense, Field: "licenses[0].license.name", Value: "The Foo Public License"},
		}
	}
	n := testing.AllocsPerRun(20, func() {
		for i := range cs {
			a.MatchComponent(&cs[i])
		}
	})
	if n != 0 {
		t.Errorf("%v allocations matching components that match nothing", n)
	}
}
