package vendorlists

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func mustDefault(t *testing.T) *List {
	t.Helper()
	l, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return l
}

func TestDefault(t *testing.T) {
	l := mustDefault(t)
	data, err := embedded.ReadFile("data/kaspersky.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if l.ID != DefaultID || l.Origin != "embedded" || l.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("got id %q origin %q sha %q", l.ID, l.Origin, l.SHA256)
	}
	if p, ok := l.DefaultProfile(); !ok || p.ID != "us-commercial" {
		t.Errorf("default profile = %v, want us-commercial", p)
	}
	if e, ok := l.Entity("kaspersky"); !ok || e.Name != "Kaspersky Lab (AO Kaspersky Lab and affiliates)" {
		t.Errorf("entity kaspersky = %v", e)
	}
}

func TestEmbedded(t *testing.T) {
	lists, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, l := range lists {
		if ids[l.ID] {
			t.Errorf("embedded list id %q twice", l.ID)
		}
		ids[l.ID] = true
	}
	if !ids[DefaultID] {
		t.Errorf("embedded lists %v lack %q", ids, DefaultID)
	}
}

// TestEmbeddedCitations checks citations independently of Validate: every
// cited id is a source, and every source is cited somewhere.
func TestEmbeddedCitations(t *testing.T) {
	lists, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lists {
		cited := citedSources(l)
		for id, paths := range cited {
			if _, ok := l.Source(id); !ok {
				t.Errorf("%s: %s cites unknown source %q", l.ID, paths[0], id)
			}
		}
		for _, s := range l.Sources {
			if len(cited[s.ID]) == 0 {
				t.Errorf("%s: source %s is never cited", l.ID, s.ID)
			}
		}
	}
}

// TestNoUnconfirmedFacts: only notes may carry doubts; values are facts.
func TestNoUnconfirmedFacts(t *testing.T) {
	l := mustDefault(t)
	// Claims the fact sheet marks UNCONFIRMED; none may appear as a value.
	unconfirmed := []string{"UNCONFIRMED", "Government Security Solutions", "Aprotech", "ClearSwift", "eScan", "ZoneAlarm", "Blue Coat"}
	visitStrings(reflect.ValueOf(l), "list", "", func(path, field, s string) {
		if field == "Note" {
			return
		}
		for _, u := range unconfirmed {
			if strings.Contains(strings.ToLower(s), strings.ToLower(u)) {
				t.Errorf("%s = %q states %q as fact", path, s, u)
			}
		}
	})
	e, _ := l.Entity("kaspersky")
	for _, p := range e.PURLs {
		if p.Type == "docker" && strings.EqualFold(p.Namespace, "kasperskylab") {
			t.Error("docker namespace kasperskylab is UNCONFIRMED but listed")
		}
	}
	for _, r := range l.Regimes {
		if r.Jurisdiction == "PL" {
			t.Errorf("regime %s: Poland's date is UNCONFIRMED", r.ID)
		}
	}
}

func TestInterpretationsAreFlagged(t *testing.T) {
	l := mustDefault(t)
	e, _ := l.Entity("kaspersky")
	// Products whose category the fact sheet does not give need a note.
	for _, name := range []string{"KasperskyOS", "KLara", "TinyCheck", "Kaspersky IoT Secure Gateway"} {
		i := slices.IndexFunc(e.Products, func(p Product) bool { return p.Name == name })
		if i < 0 {
			t.Errorf("product %q missing", name)
			continue
		}
		if n := e.Products[i].Note; !strings.Contains(n, "INTERPRETATION") && !strings.Contains(n, "UNCONFIRMED") {
			t.Errorf("product %q: note %q does not flag the classification", name, n)
		}
	}
}
