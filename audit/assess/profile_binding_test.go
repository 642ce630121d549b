package assess

import (
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit/match"
	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestProfileBinding(t *testing.T) {
	ls := embedded(t)
	k, b, fcc := ls["kaspersky"], ls["bytedance"], ls["fcc-covered-list"]
	tests := []struct {
		name     string
		lists    []*vendorlists.List
		profiles []string
		selected string // Profiles()
		bound    string // regimes bound for Kaspersky, in order
		err      string
	}{
		{"default profile", []*vendorlists.List{k}, nil, "us-commercial", "bis-icts-2024,bis-entity-list-2024,ofac-eo14024-2024", ""},
		{"two profiles bind the union once each", []*vendorlists.List{k}, []string{"us-commercial", "us-federal-contractor"},
			"us-commercial,us-federal-contractor", "bis-icts-2024,bis-entity-list-2024,ofac-eo14024-2024,far-52-204-23", ""},
		// DoD contractors are federal contractors: the ByteDance list's
		// dod-contractor extends us-federal-contractor, which the
		// Kaspersky list defines.
		{"extends reaches a profile another list defines", []*vendorlists.List{k, b}, []string{"dod-contractor"},
			"dod-contractor", "far-52-204-23,bis-icts-2024,bis-entity-list-2024,ofac-eo14024-2024", ""},
		{"extends through the FCC list too", []*vendorlists.List{fcc, k}, []string{"dod-contractor"},
			"dod-contractor", "far-52-204-23,bis-icts-2024,bis-entity-list-2024,ofac-eo14024-2024", ""},
		{"a profile no loaded list defines", []*vendorlists.List{k}, []string{"dod-contractor"}, "", "",
			`unknown profile "dod-contractor" (known: fcc-subsidy-recipient, us-commercial, us-federal-agency, us-federal-contractor)`},
		{"no lists", nil, nil, "", "", `unknown profile "us-commercial" (known: )`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(Config{Lists: tt.lists, Profiles: tt.profiles, AsOf: d("2025-01-01")})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(a.Profiles(), ","); got != tt.selected {
				t.Errorf("profiles %s, want %s", got, tt.selected)
			}
			var ids []string
			for _, r := range a.regimes[k] {
				ids = append(ids, r.ID)
			}
			if got := strings.Join(ids, ","); got != tt.bound {
				t.Errorf("bound %s, want %s", got, tt.bound)
			}
		})
	}
}

func TestProfilesReturnsACopy(t *testing.T) {
	a := newAssessor(t, Config{Lists: []*vendorlists.List{embedded(t)["kaspersky"]}, AsOf: d("2025-01-01")})
	a.Profiles()[0] = "x"
	a.Warnings()
	if a.Profiles()[0] != "us-commercial" {
		t.Error("Profiles shares its slice")
	}
}

func TestFARClauseChoice(t *testing.T) {
	ls := embedded(t)
	k, b := ls["kaspersky"], ls["bytedance"]
	tests := []struct {
		lists    []*vendorlists.List
		profiles []string
		clause   string
		applied  string
		err      string
	}{
		{[]*vendorlists.List{k}, []string{"us-federal-contractor"}, "", "2023-12", ""},
		{[]*vendorlists.List{k}, []string{"us-federal-contractor"}, "2018-07", "2018-07", ""},
		{[]*vendorlists.List{k}, []string{"us-commercial"}, "2018-07", "", ""},
		{[]*vendorlists.List{b, k}, []string{"us-federal-contractor"}, "", "2023-12", ""},
		{[]*vendorlists.List{k}, []string{"us-federal-contractor"}, "2020-01", "", `new auditor: unknown FAR clause version "2020-01" (known: 2018-07, 2023-12)`},
		// Lists without versioned clauses accept any value.
		{[]*vendorlists.List{b}, []string{"us-federal-contractor"}, "2020-01", "", ""},
	}
	for _, tt := range tests {
		a, err := New(Config{Lists: tt.lists, Profiles: tt.profiles, FARClause: tt.clause, AsOf: d("2025-01-01")})
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("clause %q: error %v, want %q", tt.clause, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := a.ClauseApplied(); got != tt.applied {
			t.Errorf("%v clause %q: applied %q, want %q", tt.profiles, tt.clause, got, tt.applied)
		}
	}
}

// synthetic is a small list for the rules no embedded list exercises: a
// list-default profile, obligations without sources, a chain of
// follow-ups, a broken binding.
func synthetic() *vendorlists.List {
	eff := func(s string) vendorlists.Date { dt, _ := vendorlists.ParseDate(s); return dt }
	return &vendorlists.List{
		ID:      "synth",
		Sources: []vendorlists.Source{{ID: "S1", Title: "Statute one", URL: "https://example.gov/one"}, {ID: "S2", Title: "Rule two"}},
		Regimes: []vendorlists.Regime{
			{ID: "chain", Title: "Chain Act", Citation: "1 X 1", Covers: []vendorlists.Category{vendorlists.CategoryProduct},
				Sources: []string{"S1", "S9"}, Note: "Regime caveat.",
				Obligations: []vendorlists.Obligation{
					{ID: "first", Effective: eff("2020-01-01"), DueRule: "business-days:2", Note: "First note."},
					{ID: "second", Effective: eff("2020-01-01"), DueRule: "business-days:2", After: "first", Sources: []string{"S2"}},
					{ID: "third", Effective: eff("2020-01-01"), DueRule: "business-days:1", After: "second", Sources: []string{"S2"}},
					{ID: "orphan", Effective: eff("2020-01-01"), DueRule: "business-days:1", After: "missing", Sources: []string{"S2"}},
					{ID: "yearly", Effective: eff("2020-01-01"), DueRule: "annual:02-29", After: "first", Sources: []string{"S2"}},
					{ID: "fixed", Effective: eff("2020-01-01"), Due: eff("2026-02-02"), After: "first", Sources: []string{"S2"}},
				}},
			{ID: "loop", Title: "Loop Act", Covers: []vendorlists.Category{vendorlists.CategoryProduct},
				Obligations: []vendorlists.Obligation{
					{ID: "a", Effective: eff("2020-01-01"), DueRule: "business-days:1", After: "b", Sources: []string{"S1"}},
					{ID: "b", Effective: eff("2020-01-01"), DueRule: "business-days:1", After: "a", Sources: []string{"S1"}},
				}},
			{ID: "bad-rule", Obligations: []vendorlists.Obligation{{ID: "x", DueRule: "weekly:3"}}},
			{ID: "undated", Covers: []vendorlists.Category{vendorlists.CategoryProduct}, Obligations: []vendorlists.Obligation{{ID: "always", Sources: []string{"S1"}}}},
		},
		Entities: []vendorlists.Entity{{ID: "acme", Name: "Acme"}},
		Profiles: []vendorlists.Profile{
			{ID: "synth-user", Regimes: []string{"chain"}, Default: true},
			{ID: "loop-user", Regimes: []string{"loop"}},
			{ID: "undated-user", Regimes: []string{"undated"}},
			{ID: "broken", Regimes: []string{"nope"}},
			{ID: "bad", Regimes: []string{"bad-rule"}},
		},
	}
}

func TestDefaultProfileFromTheList(t *testing.T) {
	a := newAssessor(t, Config{Lists: []*vendorlists.List{synthetic()}, AsOf: d("2026-01-05")})
	if got := strings.Join(a.Profiles(), ","); got != "synth-user" {
		t.Errorf("profiles %s, want the list's default synth-user", got)
	}
	// With a list that defines us-commercial too, that one wins.
	b := newAssessor(t, Config{Lists: []*vendorlists.List{synthetic(), embedded(t)["kaspersky"], synthetic()}, AsOf: d("2026-01-05")})
	if got := strings.Join(b.Profiles(), ","); got != "us-commercial" {
		t.Errorf("profiles %s, want us-commercial", got)
	}
	// Two lists marking the same default bind it once.
	c := newAssessor(t, Config{Lists: []*vendorlists.List{synthetic(), synthetic()}, AsOf: d("2026-01-05")})
	if got := strings.Join(c.Profiles(), ","); got != "synth-user" {
		t.Errorf("profiles %s, want synth-user once", got)
	}
}

func TestBindingErrors(t *testing.T) {
	for profile, want := range map[string]string{
		"broken": `list "synth": profile "broken" binds unknown regime "nope"`,
		"bad":    `list "synth": regime "bad-rule": obligation "x": invalid due rule "weekly:3": unknown kind "weekly"`,
	} {
		_, err := New(Config{Lists: []*vendorlists.List{synthetic()}, Profiles: []string{profile}})
		if err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", profile, err, want)
		}
	}
}

// TestFollowUpChain: each obligation after another counts from the one
// before; an unknown predecessor or a loop leaves a date counted from
// identification rather than none, and never recurses for ever.
func TestFollowUpChain(t *testing.T) {
	l := synthetic()
	a := newAssessor(t, Config{Lists: []*vendorlists.List{l}, AsOf: d("2026-01-05"),
		Done: map[string]time.Time{"chain/second": d("2026-01-12")}})
	at := attribution(l, "acme", vendorlists.CategoryProduct, match.ConfidenceHigh)
	got := a.Assess(at, Dates{Identified: d("2026-01-02")}) // Friday
	want := map[string]struct {
		due    string
		latest bool
		text   string
	}{
		"first":  {"2026-01-06", false, "due in 1 day"},                                 // Mon 5, Tue 6
		"second": {"2026-01-08", true, "done on 2026-01-12, 4 days after the deadline"}, // from Tue 6: Wed 7, Thu 8
		"third":  {"2026-01-13", false, "due in 8 days"},                                // from the recorded 12th
		"orphan": {"2026-01-05", false, "due today"},                                    // unknown predecessor: from identification
		"yearly": {"2026-02-28", true, "due in 54 days at the latest"},                  // Feb 29 falls on Feb 28 in 2026
		"fixed":  {"2026-02-02", false, "due in 28 days"},
	}
	for _, o := range got.Obligations {
		w := want[o.ID]
		if o.Due != w.due || o.DueIsLatest != w.latest || o.Status.Text != w.text {
			t.Errorf("%s: due %s latest %v %q, want %s %v %q", o.ID, o.Due, o.DueIsLatest, o.Status.Text, w.due, w.latest, w.text)
		}
	}
	first := obligationByID(t, got.Obligations, "chain", "first")
	if strings.Join(first.Sources, ",") != "S1,S9" || len(first.Citations) != 2 ||
		first.Citations[0] != (Citation{ID: "S1", Title: "Statute one", URL: "https://example.gov/one"}) ||
		first.Citations[1] != (Citation{ID: "S9", Title: "S9"}) {
		t.Errorf("first: sources %v citations %+v (the regime's, unknown ids kept)", first.Sources, first.Citations)
	}
	if len(first.Notes) != 1 || first.Notes[0] != "First note." {
		t.Errorf("first notes %q", first.Notes)
	}
	if !got.FromIdentification {
		t.Error("FromIdentification false")
	}

	var cs CaveatSet
	a.Cite(&cs, "synth", got.Obligations)
	a.Cite(&cs, "synth", got.Obligations) // cited twice, listed once
	a.Cite(&cs, "other", got.Obligations) // a list not loaded cites nothing
	cv := cs.Caveats()
	if len(cv) < 3 || cv[0] != (Caveat{Regime: "chain", Text: "Regime caveat."}) ||
		cv[1] != (Caveat{Regime: "chain", Obligation: "first", Text: "First note."}) {
		t.Fatalf("caveats %+v", cv)
	}
	seen := map[Caveat]bool{}
	for _, c := range cv {
		if seen[c] {
			t.Errorf("caveat twice: %+v", c)
		}
		seen[c] = true
	}
	var empty CaveatSet
	if empty.Caveats() != nil {
		t.Error("empty caveat set is not nil")
	}

	loop := newAssessor(t, Config{Lists: []*vendorlists.List{l}, Profiles: []string{"loop-user"}, AsOf: d("2026-01-05")})
	lg := loop.Assess(at, Dates{Identified: d("2026-01-02")})
	// a after b after a ... : the ninth level (depth 8) counts 1
	// business day from identification (Mon 5), and each of the 8 levels
	// above it one more: Jan 6, 7, 8, 9, 12, 13, 14, 15.
	if a := obligationByID(t, lg.Obligations, "loop", "a"); a.Due != "2026-01-15" || !a.DueIsLatest {
		t.Errorf("loop a: %s latest %v, want 2026-01-15", a.Due, a.DueIsLatest)
	}

	un := newAssessor(t, Config{Lists: []*vendorlists.List{l}, Profiles: []string{"undated-user"}, AsOf: d("2026-01-05")})
	ug := un.Assess(at, un.Stateless())
	if ug.Verdict != VerdictProhibited || ug.Obligations[0].Status != (ObligationStatus{State: "in-force", Text: "in force"}) || ug.Obligations[0].Effective != "" {
		t.Errorf("undated regime: %s %+v", ug.Verdict, ug.Obligations)
	}
}
