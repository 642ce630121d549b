package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// renamedProfiles returns a copy of the test list whose profiles are
// renamed with prefix, so that none is the built-in default; def marks
// which one the list itself calls its default ("" for none).
func renamedProfiles(t *testing.T, id, prefix, def string) *vendorlists.List {
	t.Helper()
	l := loadTestList(t)
	l.ID = id
	l.Profiles = slices.Clone(l.Profiles)
	for i := range l.Profiles {
		l.Profiles[i].ID = prefix + l.Profiles[i].ID
		l.Profiles[i].Default = l.Profiles[i].ID == def
	}
	return l
}

// TestDefaultProfileFallback: with no --profile, the built-in default
// (us-commercial) binds when a list defines it; otherwise each list's own
// default profile, else its first profile.
func TestDefaultProfileFallback(t *testing.T) {
	tests := []struct {
		name  string
		lists []*vendorlists.List
		want  string
	}{
		{"built-in default", []*vendorlists.List{loadTestList(t)}, "us-commercial"},
		{"list's marked default", []*vendorlists.List{renamedProfiles(t, "a", "a-", "a-us-federal-contractor")}, "a-us-federal-contractor"},
		{"list's first profile", []*vendorlists.List{renamedProfiles(t, "a", "a-", "")}, "a-us-commercial"},
		{"one default per list", []*vendorlists.List{
			renamedProfiles(t, "a", "a-", "a-future"), renamedProfiles(t, "b", "b-", "b-fcc-subsidy-recipient"),
		}, "a-future,b-fcc-subsidy-recipient"},
		{"built-in default wins when any list has it", []*vendorlists.List{
			renamedProfiles(t, "a", "a-", "a-future"), loadTestList(t),
		}, "us-commercial"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(Config{Lists: tt.lists, AsOf: testAsOf})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(a.as.Profiles(), ","); got != tt.want {
				t.Errorf("profiles = %s, want %s", got, tt.want)
			}
		})
	}
	l := renamedProfiles(t, "a", "a-", "")
	l.Profiles = nil
	if _, err := New(Config{Lists: []*vendorlists.List{l}, AsOf: testAsOf}); err == nil || !strings.Contains(err.Error(), `unknown profile "us-commercial"`) {
		t.Errorf("a list without profiles: err = %v, want unknown profile us-commercial", err)
	}
}

// TestReuseWithoutPURL: an attribution reused for a second input with the
// same bytes gives the finding id a fresh decode of that input would
// give, also for components that have no purl (keyed by
// type/group/name@version) and none at all but a ref.
func TestReuseWithoutPURL(t *testing.T) {
	a := newTestAuditor(t, "us-federal-contractor")
	for _, c := range restampComponents() {
		fresh := func(input string) []Attribution {
			d := a.m.NewDocument(input)
			d.Visit(&c)
			return d.Finish(&sbom.Document{})
		}
		fa, fb := fresh("a.json"), fresh("b.json")
		if len(fa) == 0 {
			t.Fatalf("%s: no finding", c.Name)
		}
		re := reuse(&inputOutcome{found: fa}, sbom.Input{Path: "b.json"}, InputMeta{}).found
		got, want := a.assessAll(re), a.assessAll(fb)
		if got[0].ID != want[0].ID || got[0].Input != "b.json" {
			t.Errorf("%s (purl %q): reused %s/%s, fresh %s", c.Name, c.PURL, got[0].ID, got[0].Input, want[0].ID)
		}
		if first := a.assessAll(fa); got[0].ID == first[0].ID {
			t.Errorf("%s: reuse kept the first input's id", c.Name)
		}
		re[0].Evidence[0].Value = "changed"
		if fa[0].Evidence[0].Value == "changed" {
			t.Errorf("%s: reused attribution shares its evidence with the original", c.Name)
		}
	}
}

func restampComponents() []sbom.Component {
	return []sbom.Component{
		{Name: "kesl", Version: "11.4", PURL: "pkg:deb/debian/kesl@11.4?arch=amd64", Supplier: org("AO Kaspersky Lab")},
		{Name: "engine", Group: "oem", Version: "8.0", Type: "library", Supplier: org("AO Kaspersky Lab")},
		{Ref: "SPDXRef-engine", Supplier: org("AO Kaspersky Lab")},
	}
}
