package match

import "github.com/embargo-sbom/embargo/sbom"

// pathFinder answers shortest dependency paths from a document's subject,
// from one breadth-first search over the dependency graph.
type pathFinder struct {
	parent map[string]string // ref → the ref it was reached from
	labels map[string]string // ref → "name@version"
	root   string
}

func newPathFinder(doc *sbom.Document, labels map[string]string) *pathFinder {
	pf := &pathFinder{parent: map[string]string{}, labels: labels, root: doc.SubjectRef}
	if pf.root == "" {
		return pf
	}
	pf.parent[pf.root] = ""
	queue := []string{pf.root}
	for len(queue) > 0 {
		ref := queue[0]
		queue = queue[1:]
		for _, dep := range doc.Dependencies[ref] {
			if _, seen := pf.parent[dep]; !seen {
				pf.parent[dep] = ref
				queue = append(queue, dep)
			}
		}
	}
	return pf
}

func label(c sbom.Component) string {
	if c.Version == "" {
		return c.Name
	}
	return c.Name + "@" + c.Version
}

// pathTo returns the labels from the subject down to ref, or an empty
// path when ref is not reachable.
func (pf *pathFinder) pathTo(ref string) []string {
	if _, ok := pf.parent[ref]; !ok || ref == "" {
		return []string{}
	}
	var rev []string
	for r := ref; ; r = pf.parent[r] {
		rev = append(rev, pf.labelOf(r))
		if r == pf.root {
			break
		}
	}
	out := make([]string, len(rev))
	for i, l := range rev {
		out[len(rev)-1-i] = l
	}
	return out
}

func (pf *pathFinder) labelOf(ref string) string {
	if l, ok := pf.labels[ref]; ok {
		return l
	}
	return ref
}
