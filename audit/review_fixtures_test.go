package audit_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/embargo-sbom/embargo/audit"
	"github.com/embargo-sbom/embargo/sbom"
	"github.com/embargo-sbom/embargo/vendorlists"
)

// reviewLabel is one row of testdata/review5/labels.tsv: a component of
// an SBOM written by an independent reviewer who had not read the
// matcher, with the verdict a compliance analyst expects under a profile.
type reviewLabel struct {
	file, component, expected, alsoOK, entity, profile, why string
}

// TestIndependentReviewFixtures audits the independent review's 117
// SBOMs (every format; testdata/review5) under each labelled profile and
// checks each labelled component's most severe finding: "prohibited" and
// "review" are verdicts, "integration" is review or info, "mention" is
// info, "clean" is no finding. A finding on a package's file or licence
// counts for the package. Judgement calls carry their decision in the
// label's last column.
func TestIndependentReviewFixtures(t *testing.T) {
	labels := readReviewLabels(t)
	lists, err := vendorlists.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	byProfile := map[string][]string{}
	for _, l := range labels {
		if !slices.Contains(byProfile[l.profile], l.file) {
			byProfile[l.profile] = append(byProfile[l.profile], l.file)
		}
	}
	found := map[[3]string][]audit.Finding{} // profile, file, component
	for profile, files := range byProfile {
		a, err := audit.New(audit.Config{Lists: lists, Profiles: []string{profile}, AsOf: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			doc, err := sbom.ReadFile(filepath.Join("..", "testdata", "review5", "sboms", file), sbom.Options{})
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, f := range a.Audit(doc) {
				found[[3]string{profile, file, f.Component.Name}] = append(found[[3]string{profile, file, f.Component.Name}], f)
				if (f.Component.Type == "file" || f.Component.Type == "license") && len(f.Path) > 0 {
					pkg := f.Path[len(f.Path)-1]
					if i := strings.LastIndexByte(pkg, '@'); i > 0 {
						pkg = pkg[:i]
					}
					found[[3]string{profile, file, pkg}] = append(found[[3]string{profile, file, pkg}], f)
				}
			}
		}
	}
	for _, l := range labels {
		t.Run(l.file+"/"+l.component, func(t *testing.T) {
			top := mostSevere(found[[3]string{l.profile, l.file, l.component}])
			got := ""
			if top != nil {
				got = string(top.Verdict)
			}
			if !labelAccepts(l.expected, got) && (l.alsoOK == "" || !labelAccepts(l.alsoOK, got)) {
				t.Fatalf("%s: got %q, want %s (or %q): %s", l.profile, got, l.expected, l.alsoOK, l.why)
			}
			if top != nil && got != "info" && l.entity != "-" && top.Entity.ID != l.entity {
				t.Errorf("attributed to %s, want %s", top.Entity.ID, l.entity)
			}
		})
	}
}

func readReviewLabels(t *testing.T) []reviewLabel {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "review5", "labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []reviewLabel
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 {
			continue // header
		}
		if len(f) != 7 {
			t.Fatalf("labels.tsv line %d: %d fields, want 7", i+1, len(f))
		}
		out = append(out, reviewLabel{f[0], f[1], f[2], f[3], f[4], f[5], f[6]})
	}
	if len(out) < 150 {
		t.Fatalf("%d labels, want the review's 157", len(out))
	}
	return out
}

var verdictRank = map[audit.Verdict]int{audit.VerdictProhibited: 3, audit.VerdictReview: 2, audit.VerdictInfo: 1}

func mostSevere(fs []audit.Finding) *audit.Finding {
	var top *audit.Finding
	for i := range fs {
		if top == nil || verdictRank[fs[i].Verdict] > verdictRank[top.Verdict] {
			top = &fs[i]
		}
	}
	return top
}

// labelAccepts reads a label as compare.py does.
func labelAccepts(label, verdict string) bool {
	switch label {
	case "prohibited", "review":
		return verdict == label
	case "integration":
		return verdict == "review" || verdict == "info"
	case "mention":
		return verdict == "info"
	case "clean":
		return verdict == ""
	}
	return false
}
