package match

import "github.com/embargo-sbom/embargo/sbom"

// Document matches the components of one document as they stream by
// (sbom.Decode), keeping only attributions and ref labels, so that a
// document never has to be held whole.
type Document struct {
	m       *Matcher
	input   string
	labels  refLabels // ref → "name@version", for dependency paths
	found   []Attribution
	foundAt []string // ref of each attribution's component
}

// NewDocument starts matching the document of input (its path).
func (m *Matcher) NewDocument(input string) *Document {
	return &Document{m: m, input: input, labels: newRefLabels()}
}

// Visit matches one component; it keeps nothing of c but strings.
func (d *Document) Visit(c *sbom.Component) {
	if c.Ref != "" && c.Name != "" {
		d.labels.set(c.Ref, label(*c))
	}
	for _, at := range d.m.Attribute(c) {
		at.Input = d.input
		d.found = append(d.found, at)
		d.foundAt = append(d.foundAt, c.Ref)
	}
}

// Finish matches the document's subject and files, folds OS stamps and
// adds dependency paths, once the graph is complete.
func (d *Document) Finish(doc *sbom.Document) []Attribution {
	if s := doc.Subject; s != nil {
		if s.Ref != "" && s.Name != "" {
			d.labels.set(s.Ref, label(*s))
		}
		for _, at := range d.m.Attribute(s) {
			at.Input = d.input
			d.found = append([]Attribution{at}, d.found...)
			d.foundAt = append([]string{s.Ref}, d.foundAt...)
		}
	}
	// SPDX files with a copyright or attribution text: an attribution of
	// one has the path of the package that holds it.
	for i := range doc.Files {
		f := doc.Files[i].Component()
		for _, at := range d.m.Attribute(&f) {
			at.Input = d.input
			d.found = append(d.found, at)
			d.foundAt = append(d.foundAt, f.Parent)
		}
	}
	if len(d.found) == 0 {
		return nil
	}
	d.found, d.foundAt = d.m.collapseOSStamps(d.found, d.foundAt)
	paths := newPathFinder(doc, d.labels, d.foundAt)
	for i := range d.found {
		d.found[i].Path = paths.pathTo(d.foundAt[i])
	}
	return d.found
}
