package sbom

import (
	"encoding/xml"
	"strconv"
)

// CycloneDX pedigree patches: a patch's diff URL says where code applied
// to the component came from, as a pedigree commit does; the issues it
// resolves (their names, sources and references) only point at whoever
// reported or tracked them, so they are read as free text, which can
// only mention an entity unless it says the code comes from it.

// cdxPatch is the part of a pedigree patch that can name a vendor.
type cdxPatch struct {
	Diff     *cdxURL    `json:"diff" xml:"diff"`
	Resolves []cdxIssue `json:"resolves" xml:"resolves>issue"`
}

// cdxIssue is the part of a resolved issue that can name a vendor.
type cdxIssue struct {
	Name       string     `json:"name" xml:"name"`
	Source     *cdxSource `json:"source" xml:"source"`
	References []string   `json:"references" xml:"references>url"`
}

// cdxSource is where an issue was published.
type cdxSource struct {
	Name string `json:"name" xml:"name"`
	URL  string `json:"url" xml:"url"`
}

// patchTexts appends the texts of a pedigree's patches.
func patchTexts(list []cdxPatch, out []Text) []Text {
	for i := range list {
		p := &list[i]
		base := "pedigree.patches[" + strconv.Itoa(i) + "]"
		if p.Diff != nil && p.Diff.URL != "" {
			out = append(out, Text{Kind: TextURL, Lineage: LineageAncestor, Field: base + ".diff.url", Value: p.Diff.URL})
		}
		for j := range p.Resolves {
			is := &p.Resolves[j]
			ib := base + ".resolves[" + strconv.Itoa(j) + "]"
			add := func(field, v string) {
				if v != "" {
					out = append(out, Text{Kind: TextProvenance, Field: ib + field, Value: v})
				}
			}
			add(".name", is.Name)
			if is.Source != nil {
				add(".source.name", is.Source.Name)
				add(".source.url", is.Source.URL)
			}
			for k, r := range is.References {
				add(".references["+strconv.Itoa(k)+"]", r)
			}
		}
	}
	return out
}

// The JSON tables of a patch.
var (
	cdxPatchTable = newJSONTable(true,
		ptrField("diff", cdxURLTable, func(p *cdxPatch) **cdxURL { return &p.Diff }),
		jsonField[cdxPatch]{"resolves", func(w *jsonWalker, p *cdxPatch) error {
			list, present, err := readObjectList(w, cdxIssueTable, p.Resolves)
			if !present {
				list = nil
			}
			p.Resolves = list
			return err
		}},
	)
	cdxIssueTable = newJSONTable(true,
		strField("name", func(is *cdxIssue) *string { return &is.Name }),
		ptrField("source", cdxSourceTable, func(is *cdxIssue) **cdxSource { return &is.Source }),
		stringListField("references", false, func(is *cdxIssue) *[]string { return &is.References }),
	)
	cdxSourceTable = newJSONTable(true,
		strField("name", func(s *cdxSource) *string { return &s.Name }),
		strField("url", func(s *cdxSource) *string { return &s.URL }),
	)
)

// readPatches reads a pedigree's "patches" array.
func readPatches(w *jsonWalker, p *cdxPedigree) error {
	list, present, err := readObjectList(w, cdxPatchTable, p.Patches)
	if !present {
		list = nil
	}
	p.Patches = list
	return err
}

// patches reads a pedigree's <patches>.
func (w *xmlWalker) patches(pd *cdxPedigree) error {
	return w.list("patch", func(*xml.StartElement) error {
		var p cdxPatch
		err := w.children(func(se *xml.StartElement) error {
			switch se.Name.Local {
			case "diff":
				p.Diff = &cdxURL{}
				return w.children(func(se *xml.StartElement) error {
					if se.Name.Local != "url" {
						return w.skip()
					}
					var err error
					p.Diff.URL, err = w.str()
					return err
				})
			case "resolves":
				return w.list("issue", func(*xml.StartElement) error {
					p.Resolves = append(p.Resolves, cdxIssue{})
					return w.issue(&p.Resolves[len(p.Resolves)-1])
				})
			}
			return w.skip()
		})
		pd.Patches = append(pd.Patches, p)
		return err
	})
}

// issue reads an <issue>'s name, source and references.
func (w *xmlWalker) issue(is *cdxIssue) error {
	return w.children(func(se *xml.StartElement) error {
		var err error
		switch se.Name.Local {
		case "name":
			is.Name, err = w.str()
		case "source":
			is.Source = &cdxSource{}
			err = w.children(func(se *xml.StartElement) error {
				var err error
				switch se.Name.Local {
				case "name":
					is.Source.Name, err = w.str()
				case "url":
					is.Source.URL, err = w.str()
				default:
					err = w.skip()
				}
				return err
			})
		case "references":
			err = w.list("url", func(*xml.StartElement) error {
				u, err := w.str()
				is.References = append(is.References, u)
				return err
			})
		default:
			err = w.skip()
		}
		return err
	})
}
