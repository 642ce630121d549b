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
// in targets is reached (or the graph is exhausted): findings are few.
// The targets among a node's dependencies are taken first, and once the
// last is reached its siblings are not recorded: a subject that depends
// on all of a 100,000-component document directly (syft's shape) cost 30
// ms of map inserts, alone at the end of the audit, for findings one
// step away.
func newPathFinder(doc *sbom.Document, labels refLabels, targets []string) *pathFinder {
	pf := &pathFinder{parent: map[string]string{}, labels: labels, root: doc.SubjectRef}
	if pf.root == "" {
		return pf
	}
	left := newTargetSet(targets, pf.root)
	pf.parent[pf.root] = ""
	queue := []string{pf.root}
	for head := 0; head < len(queue) && left.n > 0; head++ {
		ref := queue[head]
		deps := doc.Dependencies[ref]
		for _, dep := range deps {
			if left.take(dep) {
				if _, seen := pf.parent[dep]; !seen {
					pf.parent[dep] = ref
					queue = append(queue, dep)
				}
			}
		}
		if left.n == 0 {
			break
		}
		if head == 0 && len(doc.Dependencies) > 64 {
			// Going on past the subject's own dependencies: size the
			// map and the queue for the graph once, instead of growing
			// them step by step.
			grown := make(map[string]string, len(doc.Dependencies)+1)
			for k, v := range pf.parent {
				grown[k] = v
			}
			pf.parent = grown
			queue = append(make([]string, 0, len(doc.Dependencies)+1), queue...)
		}
		for _, dep := range deps {
			if _, seen := pf.parent[dep]; !seen {
				pf.parent[dep] = ref
				queue = append(queue, dep)
			}
		}
	}
	return pf
}

// targetSet is the targets not reached yet; lens has bit len(ref)%256
// set for each, so that the many refs that are no target are turned away
// without hashing them.
type targetSet struct {
	refs map[string]bool
	lens [4]uint64
	n    int
}

func newTargetSet(targets []string, root string) *targetSet {
	t := &targetSet{refs: map[string]bool{}}
	for _, ref := range targets {
		if ref != "" && ref != root && !t.refs[ref] {
			t.refs[ref] = true
			t.lens[len(ref)>>6&3] |= 1 << (len(ref) & 63)
			t.n++
		}
	}
	return t
}

// take reports whether ref is a target not reached before, and marks it
// reached.
func (t *targetSet) take(ref string) bool {
	if t.lens[len(ref)>>6&3]&(1<<(len(ref)&63)) == 0 || !t.refs[ref] {
		return false
	}
	delete(t.refs, ref)
	t.n--
	return true
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
