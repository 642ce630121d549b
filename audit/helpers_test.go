package audit

import (
	"os"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
	"gopkg.in/yaml.v3"
)

// d parses a YYYY-MM-DD date.
func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testAsOf is the as-of date of every test unless a test says otherwise.
var testAsOf = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func loadTestList(t testing.TB) *vendorlists.List {
	t.Helper()
	data, err := os.ReadFile("testdata/testlist.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var l vendorlists.List
	if err := yaml.Unmarshal(data, &l); err != nil {
		t.Fatalf("decode test list: %v", err)
	}
	l.Origin, l.SHA256 = "testdata/testlist.yaml", "test-digest"
	return &l
}

func newTestAuditor(t testing.TB, profiles ...string) *Auditor {
	t.Helper()
	a, err := New(Config{Lists: []*vendorlists.List{loadTestList(t)}, Profiles: profiles, AsOf: testAsOf})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

// findingFor returns the finding for entity id, or nil.
func findingFor(fs []Finding, entity string) *Finding {
	for i := range fs {
		if fs[i].Entity.ID == entity {
			return &fs[i]
		}
	}
	return nil
}

func hasEvidence(f *Finding, signal, field string) bool {
	for _, e := range f.Evidence {
		if e.Signal == signal && e.Field == field {
			return true
		}
	}
	return false
}

func org(name string) *sbom.Organization { return &sbom.Organization{Name: name} }
