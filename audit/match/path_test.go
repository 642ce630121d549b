package match

import (
	"fmt"
	"strings"
	"testing"

	"github.com/embargo-sbom/embargo/sbom"
)

// TestPathFinderShortestPaths: each target gets its shortest path from
// the subject, a target below another target included, whether the
// search stops at the subject's own dependencies or goes deeper, and an
// unreachable target gets none.
func TestPathFinderShortestPaths(t *testing.T) {
	// Many direct dependencies of the subject, so that the search sizes
	// its tables for the graph, and long and short refs alike.
	wide := make([]string, 0, 200)
	for i := range 200 {
		wide = append(wide, fmt.Sprintf("leaf-%03d", i))
	}
	long := "pkg:generic/" + strings.Repeat("x", 300)
	deps := map[string][]string{
		"root": append([]string{"a", "b", "direct", long}, wide...),
		"a":    {"c", "direct"},
		"c":    {"deep"},
		"b":    {"t1"},
		"t1":   {"t3"},
		"x":    {"unreachable"},
	}
	for i := range 100 {
		deps[fmt.Sprintf("other-%d", i)] = []string{"c"}
	}
	doc := &sbom.Document{SubjectRef: "root", Dependencies: deps}
	cases := []struct {
		targets []string
		want    map[string]string
	}{
		{[]string{"direct"}, map[string]string{"direct": "root>direct"}},
		{[]string{long, "leaf-199"}, map[string]string{long: "root>" + long, "leaf-199": "root>leaf-199"}},
		{[]string{"deep", "t3", "t1"}, map[string]string{"deep": "root>a>c>deep", "t3": "root>b>t1>t3", "t1": "root>b>t1"}},
		{[]string{"t3", "unreachable", "root"}, map[string]string{"t3": "root>b>t1>t3", "unreachable": "", "root": "root"}},
		{nil, map[string]string{"root": "root", "a": ""}},
	}
	for _, c := range cases {
		pf := newPathFinder(doc, newRefLabels(), c.targets)
		for ref, want := range c.want {
			if got := strings.Join(pf.pathTo(ref), ">"); got != want {
				t.Errorf("targets %q: path to %.20s = %q, want %q", c.targets, ref, got, want)
			}
		}
	}
}
