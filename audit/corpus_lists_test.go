package audit_test

import (
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// sharedCorpusDir holds real, public SBOMs; a fresh clone has none.
const (
	sharedCorpusDir = "../../shared/corpus"
	sharedBenchDir  = "../../shared/bench"
)

// corpusReviews are the review findings the public corpus legitimately
// gives with every embedded list loaded, keyed "file|component|entity",
// each with the reason it is right. Anything else is a false positive.
var corpusReviews = map[string]string{}

// TestCorpusFalsePositiveBudget audits every SBOM of the public corpus with
// all embedded lists under every profile they define: the corpus holds no
// restricted vendor's product, so no finding may be prohibited, and every
// review finding must be one listed above.
func TestCorpusFalsePositiveBudget(t *testing.T) {
	var files []string
	err := filepath.WalkDir(sharedCorpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(path) != ".md" && filepath.Base(path) != "index.json" {
			files = append(files, path)
		}
		return nil
	})
	if err != nil || len(files) == 0 {
		t.Skipf("corpus not available (%v): the budget needs ../shared next to the repository", err)
	}
	// The real (not synthetic) bench SBOMs too: a Debian archive, an npm
	// tree and Go modules, tens of thousands of real packages.
	if !testing.Short() {
		for _, name := range []string{"debroot", "npmbig", "gomod", "debarchive"} {
			files = append(files, filepath.Join(sharedBenchDir, name+".cdx.json.gz"))
		}
	}
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	auditors := map[string]*audit.Auditor{}
	for _, p := range allProfiles(lists) {
		a, err := audit.New(audit.Config{Lists: lists, Profiles: []string{p}, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		auditors[p] = a
	}
	seen, infos := map[string]bool{}, map[string]bool{}
	audited := 0
	for _, path := range files {
		doc, err := sbom.ReadFile(path, sbom.Options{})
		if err != nil {
			if strings.HasPrefix(path, sharedBenchDir) {
				t.Errorf("%s: %v", path, err)
			}
			continue // the corpus keeps invalid SBOMs on purpose
		}
		audited++
		rel := strings.TrimPrefix(strings.TrimPrefix(path, sharedCorpusDir+"/"), "../../shared/")
		for p, a := range auditors {
			for _, f := range a.Audit(doc) {
				key := rel + "|" + f.Component.Name + "|" + f.Entity.ID
				switch f.Verdict {
				case audit.VerdictProhibited:
					t.Errorf("%s under %s: prohibited %s/%s: %s", key, p, f.Entity.ID, f.Category, f.Rationale)
				case audit.VerdictInfo:
					infos[key] = true
				case audit.VerdictReview:
					seen[key] = true
					if _, ok := corpusReviews[key]; !ok {
						t.Errorf("%s under %s: unexpected review: %s", key, p, f.Rationale)
					}
				}
			}
		}
	}
	for key := range corpusReviews {
		if !seen[key] {
			t.Errorf("%s: listed review no longer found", key)
		}
	}
	t.Logf("audited %d corpus SBOMs under %d profiles: %d review and %d info findings", audited, len(auditors), len(seen), len(infos))
	for k := range infos {
		t.Logf("info: %s", k)
	}
	if audited < 100 {
		t.Errorf("audited %d corpus SBOMs, want at least 100", audited)
	}
}

func allProfiles(lists []*vendorlists.List) []string {
	var ids []string
	for _, l := range lists {
		for _, p := range l.Profiles {
			if !slices.Contains(ids, p.ID) {
				ids = append(ids, p.ID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}
