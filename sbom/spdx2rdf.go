package sbom

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// spdxRDFDecoder reads SPDX 2 RDF/XML, whole.
var spdxRDFDecoder = decoder{
	format: FormatSPDXRDF,
	syntax: syntaxXML,
	identify: func(s *sniff) certainty {
		switch {
		case s.xmlRoot.Local != "RDF":
			return notThis
		case bytes.Contains(s.data, []byte("spdx.org/rdf/terms")):
			return declared
		case !s.complete:
			return guessed // the namespace may come later; checked on the whole input
		}
		return notThis
	},
	decode: decodeWhole(func(data []byte, opts Options) (*Document, error) {
		return decodeSPDXRDF(data, opts.maxDepth())
	}),
}

const (
	rdfNS  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	spdxNS = "http://spdx.org/rdf/terms#"
)

// xnode is a generic XML element: RDF/XML nests the same resource at any
// depth, so it is read as a tree and walked.
type xnode struct {
	name     xml.Name
	attrs    []xml.Attr
	children []*xnode
	text     strings.Builder
}

func (n *xnode) attr(space, local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local && (a.Name.Space == space || space == "") {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element with the SPDX-namespace name.
func (n *xnode) child(local string) *xnode {
	for _, c := range n.children {
		if c.name.Local == local {
			return c
		}
	}
	return nil
}

func (n *xnode) childText(local string) string {
	if c := n.child(local); c != nil {
		if r := c.attr(rdfNS, "resource"); r != "" {
			return rdfTerm(r)
		}
		return strings.TrimSpace(c.text.String())
	}
	return ""
}

// resourceID is the rdf:about / rdf:resource / rdf:nodeID of an element.
func (n *xnode) resourceID() string {
	for _, local := range []string{"about", "resource", "nodeID"} {
		if v := n.attr(rdfNS, local); v != "" {
			return v
		}
	}
	return ""
}

// rdfTerm turns "http://spdx.org/rdf/terms#noassertion" into
// "NOASSERTION" and "…#checksumAlgorithm_sha1" into "sha1".
func rdfTerm(uri string) string {
	if !strings.HasPrefix(uri, spdxNS) {
		return uri
	}
	t := strings.TrimPrefix(uri, spdxNS)
	switch t {
	case "noassertion":
		return "NOASSERTION"
	case "none":
		return "NONE"
	}
	if _, after, ok := strings.Cut(t, "_"); ok {
		return after
	}
	return t
}

// fragmentID maps "https://ns/doc#SPDXRef-Package" to "SPDXRef-Package".
func fragmentID(uri string) string {
	if i := strings.LastIndexByte(uri, '#'); i >= 0 {
		return uri[i+1:]
	}
	return uri
}

func parseXMLTree(data []byte, maxDepth int) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Entity = map[string]string{} // never expand custom entities
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("XML at byte offset %d: %w", dec.InputOffset(), err)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxDepth {
				return nil, fmt.Errorf("%w: XML elements nested deeper than %d", ErrLimit, maxDepth)
			}
			n := &xnode{name: t.Name, attrs: t.Attr}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text.Write(t)
		}
	}
	return root, nil
}

func decodeSPDXRDF(data []byte, maxDepth int) (*Document, error) {
	root, err := parseXMLTree(data, maxDepth)
	if err != nil {
		return nil, fmt.Errorf("decode SPDX RDF: %w", err)
	}
	r := &rdfReader{seen: map[string]bool{}}
	r.walk(root, nil)
	if r.doc.Version == "" && r.docNode == nil {
		return nil, fmt.Errorf("decode SPDX RDF: no spdx:SpdxDocument element")
	}
	return r.doc.document(), nil
}

type rdfReader struct {
	doc     spdxDoc
	docNode *xnode
	seen    map[string]bool
}

// walk visits every element; owner is the nearest enclosing SPDX element
// (the subject of a nested spdx:relationship).
func (r *rdfReader) walk(n *xnode, owner *xnode) {
	switch {
	case n.name.Space == spdxNS && n.name.Local == "SpdxDocument":
		r.document(n)
		owner = n
	case n.name.Space == spdxNS && n.name.Local == "Package" && n.attr(rdfNS, "about") != "":
		r.pkg(n)
		owner = n
	case n.name.Space == spdxNS && n.name.Local == "File":
		r.file(n)
		owner = n
	case n.name.Space == spdxNS && n.name.Local == "Snippet":
		owner = n
	case n.name.Space == spdxNS && n.name.Local == "ExtractedLicensingInfo":
		r.license(n)
	case n.name.Space == spdxNS && n.name.Local == "Relationship" && owner != nil:
		r.relationship(owner, n)
	}
	for _, c := range n.children {
		r.walk(c, owner)
	}
}

func (r *rdfReader) document(n *xnode) {
	if r.docNode != nil {
		return
	}
	r.docNode = n
	r.doc.Version = n.childText("specVersion")
	r.doc.Name = n.childText("name")
	r.doc.Namespace, _, _ = strings.Cut(n.attr(rdfNS, "about"), "#")
	if ci := n.child("creationInfo"); ci != nil {
		if c := ci.child("CreationInfo"); c != nil {
			r.doc.Created = c.childText("created")
			for _, x := range c.children {
				if x.name.Local == "creator" {
					r.doc.Creators = append(r.doc.Creators, strings.TrimSpace(x.text.String()))
				}
			}
		}
	}
	for _, c := range n.children {
		if c.name.Local == "describesPackage" {
			id := c.resourceID()
			if p := c.child("Package"); p != nil {
				id = p.resourceID()
			}
			r.doc.Describes = append(r.doc.Describes, fragmentID(id))
		}
	}
}

func (r *rdfReader) pkg(n *xnode) {
	id := fragmentID(n.attr(rdfNS, "about"))
	if r.seen[id] {
		return
	}
	r.seen[id] = true
	p := spdxPkg{
		ID: id, Name: n.childText("name"), Version: n.childText("versionInfo"),
		FileName: n.childText("packageFileName"), Supplier: n.childText("supplier"),
		Originator: n.childText("originator"), Download: n.childText("downloadLocation"),
		Homepage: n.childText("homepage"), Copyright: n.childText("copyrightText"),
		Summary: n.childText("summary"), Description: n.childText("description"),
		Comment:         cmp.Or(n.childText("comment")),
		Purpose:         n.childText("primaryPackagePurpose"),
		LicenseDeclared: n.childText("licenseDeclared"), LicenseConcluded: n.childText("licenseConcluded"),
		SourceInfo: n.childText("sourceInfo"),
		Origin:     Origin{Pointer: "#" + id},
	}
	for _, c := range n.children {
		switch c.name.Local {
		case "attributionText":
			p.Attributions = append(p.Attributions, strings.TrimSpace(c.text.String()))
		case "hasFile":
			f := c.resourceID()
			if x := c.child("File"); x != nil {
				f = x.resourceID()
			}
			if f != "" {
				p.HasFiles = append(p.HasFiles, fragmentID(f))
			}
		case "checksum":
			if cs := c.child("Checksum"); cs != nil {
				p.Checksums = append(p.Checksums, Hash{Algorithm: strings.ToUpper(cs.childText("algorithm")), Value: cs.childText("checksumValue")})
			}
		case "externalRef":
			if er := c.child("ExternalRef"); er != nil {
				p.Refs = append(p.Refs, spdxRef{
					Category: strings.ToUpper(strings.ReplaceAll(er.childText("referenceCategory"), "_", "-")),
					Type:     rdfRefType(er.childText("referenceType")),
					Locator:  er.childText("referenceLocator"),
					Comment:  er.childText("comment"),
				})
			}
		}
	}
	r.doc.Packages = append(r.doc.Packages, p)
}

// rdfRefType maps "http://spdx.org/rdf/references/purl" to "purl".
func rdfRefType(s string) string {
	if i := strings.LastIndexAny(s, "/#"); i >= 0 {
		return s[i+1:]
	}
	return s
}

func (r *rdfReader) relationship(owner, n *xnode) {
	typ := strings.ToUpper(n.childText("relationshipType"))
	rel := n.child("relatedSpdxElement")
	if rel == nil || typ == "" {
		return
	}
	target := rel.resourceID()
	if target == "" && len(rel.children) > 0 {
		target = rel.children[0].resourceID()
	}
	a := fragmentID(owner.resourceID())
	b := fragmentID(target)
	r.doc.Relationships = append(r.doc.Relationships, spdxRel{A: a, Type: typ, B: b})
	if typ == "DESCRIBES" && owner == r.docNode {
		r.doc.Describes = append(r.doc.Describes, b)
	}
}

// file keeps an spdx:File's name, copyright and attribution texts.
func (r *rdfReader) file(n *xnode) {
	id := fragmentID(n.attr(rdfNS, "about"))
	if id == "" || r.seen[id] {
		return
	}
	r.seen[id] = true
	f := spdxFile{ID: id, Name: n.childText("fileName"), Copyright: n.childText("copyrightText"), Origin: Origin{Pointer: "#" + id}}
	for _, c := range n.children {
		if c.name.Local == "attributionText" {
			f.Attributions = append(f.Attributions, strings.TrimSpace(c.text.String()))
		}
	}
	r.doc.Files = append(r.doc.Files, f)
}

// license keeps an spdx:ExtractedLicensingInfo's id, name and text.
func (r *rdfReader) license(n *xnode) {
	id := n.childText("licenseId")
	if id == "" {
		id = fragmentID(n.attr(rdfNS, "about"))
	}
	if id == "" || r.seen["license:"+id] {
		return
	}
	r.seen["license:"+id] = true
	r.doc.Licenses = append(r.doc.Licenses, spdxLicense{ID: id, Name: n.childText("name"), Text: n.childText("extractedText"), Origin: Origin{Pointer: "#" + id}})
}
