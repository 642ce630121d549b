package match

import (
	"hash/maphash"

	"github.com/embargo-sbom/embargo/sbom"
)

// refLabels maps a component's ref to its "name@version" label. It keys
// by a 64-bit digest of the ref, not the ref itself: refs are often long
// purls, and keeping 100,000 of them alive while a huge document streams
// by would cost more than the rest of the decode (the dependency graph
// keeps its own copy). Two refs colliding is a 2⁻⁶⁴ event that at worst
// mislabels one step of a dependency path.
type refLabels struct {
	seed maphash.Seed
	m    map[uint64]string
}

func newRefLabels() refLabels {
	return refLabels{seed: maphash.MakeSeed(), m: map[uint64]string{}}
}

func (l refLabels) set(ref, label string) { l.m[maphash.String(l.seed, ref)] = label }

func (l refLabels) get(ref string) (string, bool) {
	s, ok := l.m[maphash.String(l.seed, ref)]
	return s, ok
}

// pathFinder answers shortest dependency paths from a document's subject,
// from one breadth-first search over the dependency graph.
type pathFinder struct {
	parent map[string]string // ref → the ref it was reached from
	labels refLabels
	root   string
}

// newPathFinder searches breadth first from the subject until every ref
// in targets is reached (or the graph is exhausted): findings are few,
// and a 100,000-component graph took 50 ms to walk whole.
func newPathFinder(doc *sbom.Document, labels refLabels, targets []string) *pathFinder {
	pf := &pathFinder{parent: map[string]string{}, labels: labels, root: doc.SubjectRef}
	if pf.root == "" {
		return pf
	}
	left := map[string]bool{}
	for _, t := range targets {
		if t != "" && t != pf.root {
			left[t] = true
		}
	}
	if len(left) > 0 {
		// Sized for the whole graph at once: growing the map and the
		// queue step by step was most of the search.
		pf.parent = make(map[string]string, len(doc.Dependencies)+1)
	}
	pf.parent[pf.root] = ""
	queue := make([]string, 1, len(doc.Dependencies)+1)
	queue[0] = pf.root
	for head := 0; head < len(queue) && len(left) > 0; head++ {
		ref := queue[head]
		for _, dep := range doc.Dependencies[ref] {
			if _, seen := pf.parent[dep]; !seen {
				pf.parent[dep] = ref
				queue = append(queue, dep)
				delete(left, dep)
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
	if l, ok := pf.labels.get(ref); ok {
		return l
	}
	return ref
}
