package vendorlists

import (
	"strings"
	"testing"
)

// TestValidateScopes: the fields that narrow a regime or widen a profile
// are checked against the list.
func TestValidateScopes(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(l *List)
		want   string
	}{
		{"regime names an unknown entity", func(l *List) { l.Regimes[0].Entities = []string{"huawei", "nokia"} },
			`entity "nokia" is not in entities`},
		{"condition names an unknown entity", func(l *List) { l.Regimes[0].Conditions[0].Entities = []string{"nokia"} },
			`entity "nokia" is not in entities`},
		{"condition without a question", func(l *List) { l.Regimes[0].Conditions[0].Question = " " },
			"required value is missing"},
		{"condition without a source", func(l *List) { l.Regimes[0].Conditions[0].Sources = nil },
			"no sources cited"},
		{"out of scope and covered", func(l *List) { l.Regimes[0].OutOfScope = []Category{CategoryProduct} },
			`category "product" is both covered and out of scope`},
		{"unknown out-of-scope category", func(l *List) { l.Regimes[0].OutOfScope = []Category{"firmware"} },
			`unknown category "firmware"`},
		{"profile extends itself", func(l *List) { l.Profiles[0].Extends = []string{l.Profiles[0].ID} },
			"extends itself"},
		{"bad OS product", func(l *List) { l.Entities[0].CPEVendors[0].OSProducts = []string{"Euler OS"} },
			`cpe product "Euler OS"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseEmbedded("data/section-889.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Validate(); err != nil {
				t.Fatalf("embedded list invalid before the change: %v", err)
			}
			tt.mutate(l)
			err = l.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want an error with %q", err, tt.want)
			}
		})
	}
}
