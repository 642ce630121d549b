package match

import (
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// TestCodeHostOrganisation: any URL under a listed code-host organisation
// (github.com/KasperskyLab) is the organisation's code — a repository, a
// commit, a tree, a blob, a release, an archive — weighed by where it
// stands: a source or distribution reference says the entity makes the
// component, a pedigree commit that its code derives from the entity's,
// and a documentation or issue link only mentions it. A fork under
// another owner, or an owner named only in a query, is no one's.
func TestCodeHostOrganisation(t *testing.T) {
	m := embeddedMatcher(t)
	ref := func(typ, u string) []sbom.ExternalRef { return []sbom.ExternalRef{{Type: typ, URL: u}} }
	commit := func(u string) []sbom.Text {
		return []sbom.Text{{Kind: sbom.TextURL, Lineage: sbom.LineageAncestor, Field: "pedigree.commits[0].url", Value: u}}
	}
	const (
		integration = vendorlists.CategoryIntegration
		nonSec      = vendorlists.CategoryNonSecurity
		mention     = vendorlists.CategoryMention
	)
	tests := []struct {
		name     string
		c        sbom.Component
		category vendorlists.Category // "" for no attribution
		signal   string
	}{
		{"pedigree commit", sbom.Component{Name: "libfoo", Texts: commit("https://github.com/KasperskyLab/some-repo/commit/abc123")}, integration, "pedigree-ancestor"},
		{"pedigree commit over ssh", sbom.Component{Name: "libfoo", Texts: commit("git@github.com:KasperskyLab/some-repo.git")}, integration, "pedigree-ancestor"},
		{"pedigree commit, host and owner in capitals", sbom.Component{Name: "libfoo", Texts: commit("HTTPS://GITHUB.COM/KASPERSKYLAB/some-repo/commit/abc")}, integration, "pedigree-ancestor"},
		{"vcs tree", sbom.Component{Name: "libbar", ExternalRefs: ref("vcs", "https://github.com/KasperskyLab/some-repo/tree/main/src")}, nonSec, "vcs"},
		{"vcs blob", sbom.Component{Name: "libbar", ExternalRefs: ref("vcs", "https://github.com/KasperskyLab/some-repo/blob/main/a.c")}, nonSec, "vcs"},
		{"release download", sbom.Component{Name: "libbar", ExternalRefs: ref("distribution", "https://github.com/KasperskyLab/some-repo/releases/download/v1/x.tgz")}, nonSec, "vcs"},
		{"archive", sbom.Component{Name: "libbar", ExternalRefs: ref("source-distribution", "https://github.com/KasperskyLab/some-repo/archive/refs/tags/v1.tar.gz")}, nonSec, "vcs"},
		{"codeload archive", sbom.Component{Name: "libbar", ExternalRefs: ref("distribution", "https://codeload.github.com/KasperskyLab/some-repo/tar.gz/refs/tags/v1")}, nonSec, "vcs"},
		{"raw file", sbom.Component{Name: "libbar", ExternalRefs: ref("distribution", "https://raw.githubusercontent.com/KasperskyLab/some-repo/main/x.sh")}, nonSec, "vcs"},
		{"documentation only mentions", sbom.Component{Name: "libbar", ExternalRefs: ref("documentation", "https://github.com/KasperskyLab/some-repo/wiki")}, mention, "vcs"},
		{"issue tracker only mentions", sbom.Component{Name: "libbar", ExternalRefs: ref("issue-tracker", "https://github.com/KasperskyLab/some-repo/issues/7")}, mention, "vcs"},
		{"fork under another owner", sbom.Component{Name: "libfork", ExternalRefs: ref("vcs", "https://github.com/someone/kaspersky-fork"), Texts: commit("https://github.com/someone/kaspersky-fork/commit/def456")}, "", ""},
		{"owner in a query string", sbom.Component{Name: "libbaz", ExternalRefs: ref("issue-tracker", "https://github.com/someorg/baz/issues?q=KasperskyLab"), Texts: commit("https://github.com/search?q=org%3AKasperskyLab")}, "", ""},
		{"owner in a fragment", sbom.Component{Name: "libbaz", ExternalRefs: ref("vcs", "https://github.com/someorg/baz#KasperskyLab")}, "", ""},
		{"blog on another host", sbom.Component{Name: "libbaz", ExternalRefs: ref("website", "https://github.blog/2024-01-01-kasperskylab/")}, "", ""},
		{"owner name longer", sbom.Component{Name: "libbaz", ExternalRefs: ref("vcs", "https://github.com/KasperskyLabFans/x")}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := attributionFor(m.Attribute(&tt.c), "kaspersky")
			if !attributed(t, at, tt.category) {
				return
			}
			if at.Category != tt.category {
				t.Errorf("category %s, want %s (%s)", at.Category, tt.category, at.Reason)
			}
			found := false
			for _, e := range at.Evidence {
				found = found || e.Signal == tt.signal
			}
			if !found {
				t.Errorf("no %s evidence in %+v", tt.signal, at.Evidence)
			}
		})
	}
}
