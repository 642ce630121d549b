package sbom

import "fmt"

// maxWarnings bounds the warnings kept per input, so that a hostile file
// cannot grow the report without limit.
const maxWarnings = 20

// addWarning appends w unless the list is full; the last slot then says
// how many more were dropped.
func addWarning(list []string, w string) []string {
	switch {
	case len(list) < maxWarnings:
		return append(list, w)
	case len(list) == maxWarnings:
		return append(list, "further warnings omitted")
	}
	return list
}

// warnings keeps a document's warnings in ordered groups, so that a
// streaming decoder reports them in a fixed order whatever the order of
// the document's parts; each group keeps one more than the bound, which is
// all that addWarning can show.
type warnings struct {
	groups [][]string
}

func newWarnings(groups int) *warnings {
	return &warnings{groups: make([][]string, groups)}
}

func (w *warnings) add(group int, msg string) {
	if len(w.groups[group]) <= maxWarnings {
		w.groups[group] = append(w.groups[group], msg)
	}
}

func (w *warnings) addf(group int, format string, args ...any) {
	if len(w.groups[group]) <= maxWarnings {
		w.add(group, fmt.Sprintf(format, args...))
	}
}

// list is every group in order, bounded as addWarning bounds.
func (w *warnings) list() []string {
	var out []string
	for _, g := range w.groups {
		for _, msg := range g {
			out = addWarning(out, msg)
		}
	}
	return out
}
