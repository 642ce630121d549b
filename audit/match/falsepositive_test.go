package match

import (
	"testing"

	"github.com/embargo-sbom/embargo/vendorlists"
)

func TestFalsePositiveFields(t *testing.T) {
	fp := falsePositive{src: &vendorlists.FalsePositive{ID: "x"}, eco: "pypi", name: "kasper", prefix: true}
	tests := []struct {
		f    facts
		want bool
	}{
		{facts{eco: "pypi", names: []string{"kasper-cache"}}, true},
		{facts{eco: "npm", names: []string{"kasper-cache"}}, false},
		{facts{eco: "pypi", names: []string{"casper"}}, false},
	}
	for _, tt := range tests {
		if got := fp.matches(&tt.f); got != tt.want {
			t.Errorf("matches(%+v) = %v, want %v", tt.f, got, tt.want)
		}
	}
	both := falsePositive{src: &vendorlists.FalsePositive{ID: "y"}, purl: "pkg:github/exabeamlabs/", org: "exabeam"}
	if both.matches(&facts{purl: "pkg:github/exabeamlabs/parsers@1"}) {
		t.Error("a false positive with two fields matched on one")
	}
	if !both.matches(&facts{purl: "pkg:github/exabeamlabs/parsers@1", orgs: []string{"exabeam"}}) {
		t.Error("a false positive with both fields set did not match")
	}
}
