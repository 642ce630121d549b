package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The import rules of the layout (README, "Layout"), checked on the
// module's real import graph: data flows sbom → audit → reports → cli,
// never back, and each heavy dependency enters through one package of its
// own, so that the rest of embargo neither links nor leaks it.

const module = "github.com/embargo-sbom/embargo"

// gateways: a dependency (a package path prefix) that only the named
// packages of the module may bring in; any other package that depends on
// it must do so through one of them.
var gateways = []struct {
	dep     string
	through []string
}{
	{"github.com/anchore/syft", []string{module + "/sbom/syftgen", module + "/cmd/embargo-scan"}},
	// syft's rpmdb cataloger reads SQLite databases through whatever
	// driver is registered, so sbom/syftgen registers this one too.
	{"modernc.org/sqlite", []string{module + "/audit/ledger/sqlite", module + "/sbom/syftgen"}},
	{"github.com/jackc/pgx", []string{module + "/audit/ledger/postgres"}},
}

// layers: no package under from may depend on a package under any of
// not.
var layers = []struct {
	from string
	not  []string
}{
	{module + "/sbom", []string{module + "/audit", module + "/reports", module + "/cmd"}},
	{module + "/audit", []string{module + "/reports", module + "/cmd"}},
	{module + "/reports", []string{module + "/cmd"}},
	{module + "/vendorlists", []string{module + "/sbom", module + "/audit", module + "/reports", module + "/cmd"}},
}

func TestImportRules(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	g := importGraph(t)
	if !g.dependsOn(module+"/sbom/syftgen", "github.com/anchore/syft") {
		t.Fatal("sbom/syftgen does not depend on syft: the graph is not the module's")
	}
	for _, p := range g.modulePackages() {
		for _, gw := range gateways {
			if slices.Contains(gw.through, p) || !g.dependsOn(p, gw.dep) {
				continue
			}
			if !slices.ContainsFunc(gw.through, func(via string) bool { return g.dependsOn(p, via) }) {
				t.Errorf("%s depends on %s other than through %s", p, gw.dep, strings.Join(gw.through, " or "))
			}
			for _, imp := range g.imports[p] {
				if under(imp, gw.dep) {
					t.Errorf("%s imports %s: only %s may", p, imp, strings.Join(gw.through, " or "))
				}
			}
		}
		for _, l := range layers {
			if !under(p, l.from) {
				continue
			}
			for _, not := range l.not {
				if dep, ok := g.dependsOnUnder(p, not); ok {
					t.Errorf("%s depends on %s: nothing under %s may depend on %s", p, dep, l.from, not)
				}
			}
		}
	}
}

// under reports whether package p is prefix or below it.
func under(p, prefix string) bool {
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}

type graph struct {
	imports map[string][]string
	deps    map[string]map[string]bool // transitive, memoised
}

// importGraph is every package the module's packages build with (test
// files excluded), with its direct imports.
func importGraph(t *testing.T) *graph {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}:{{range .Imports}} {{.}}{{end}}", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./...: %v", err)
	}
	g := &graph{imports: map[string][]string{}, deps: map[string]map[string]bool{}}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		p, imps, _ := strings.Cut(line, ":")
		g.imports[p] = strings.Fields(imps)
	}
	if len(g.modulePackages()) < 10 {
		t.Fatalf("go list gave %d packages of the module, want them all", len(g.modulePackages()))
	}
	return g
}

func (g *graph) modulePackages() []string {
	var out []string
	for p := range g.imports {
		if under(p, module) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func (g *graph) closure(p string) map[string]bool {
	if d, ok := g.deps[p]; ok {
		return d
	}
	d := map[string]bool{}
	g.deps[p] = d
	for _, imp := range g.imports[p] {
		d[imp] = true
		for x := range g.closure(imp) {
			d[x] = true
		}
	}
	return d
}

// dependsOn reports whether p depends, directly or not, on a package
// under prefix.
func (g *graph) dependsOn(p, prefix string) bool {
	_, ok := g.dependsOnUnder(p, prefix)
	return ok
}

func (g *graph) dependsOnUnder(p, prefix string) (string, bool) {
	var found []string
	for d := range g.closure(p) {
		if under(d, prefix) {
			found = append(found, d)
		}
	}
	if len(found) == 0 {
		return "", false
	}
	slices.Sort(found)
	return found[0], true
}
