package sbom

import (
	"cmp"
	"hash/maphash"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// SPDX 2.x is decoded by embargo's own lenient readers (spdx2json.go,
// spdx2tv.go, spdx2rdf.go): tools-golang, the reference decoder, rejects
// real SBOMs for small faults (a supplier without "Organization:", an
// e-mail in angle brackets, an RDF predicate it does not know). Its output
// is compared with ours in the differential test.

// spdxPkg is one SPDX 2 package in a serialisation-neutral form.
type spdxPkg struct {
	ID, Name, Version, FileName            string
	Supplier, Originator                   string
	Download, Homepage, Copyright          string
	Summary, Description, Comment, Purpose string
	LicenseConcluded, LicenseDeclared      string
	SourceInfo                             string
	Attributions                           []string
	HasFiles                               []string
	Checksums                              []Hash
	Refs                                   []spdxRef
	Origin                                 Origin
}

// spdxLicense is an extracted licence (hasExtractedLicensingInfos): its
// name and text can name a vendor ("Kaspersky Lab End User License
// Agreement").
type spdxLicense struct {
	ID, Name, Text string
	Origin         Origin
}

// spdxFile is the part of an SPDX 2 file that can name a maker.
type spdxFile struct {
	ID, Name, Copyright string
	Attributions        []string
	Origin              Origin
}

type spdxRef struct{ Category, Type, Locator, Comment string }

type spdxRel struct{ A, Type, B string }

// spdxDoc is a decoded SPDX 2 document before it becomes a Document.
type spdxDoc struct {
	Version, Name, Namespace, Created string
	Creators                          []string
	Describes                         []string
	Packages                          []spdxPkg
	Files                             []spdxFile
	Licenses                          []spdxLicense
	Relationships                     []spdxRel
	Warnings                          []string
}

// document builds a Document from a decoded spdxDoc, for the readers that
// decode in memory (RDF); components are collected.
func (s *spdxDoc) document() *Document {
	var comps []Component
	st := newSPDXState(func(c *Component) error {
		comps = append(comps, *c)
		return nil
	})
	for _, w := range s.Warnings {
		st.warn.add(spdxWarnScan, w)
	}
	st.version, st.created = s.Version, s.Created
	st.doc.SpecVersion, st.doc.Name, st.doc.Namespace, st.doc.Creators = s.Version, s.Name, s.Namespace, s.Creators
	st.describes = s.Describes
	for i := range s.Packages {
		// Collecting never fails.
		_ = st.pkg(&s.Packages[i])
	}
	for i := range s.Files {
		st.file(&s.Files[i])
	}
	for i := range s.Licenses {
		st.license(&s.Licenses[i])
	}
	for _, r := range s.Relationships {
		st.relationship(r.A, r.Type, r.B)
	}
	d := st.finish()
	d.Components = comps
	return d
}

// Warning groups of an SPDX 2 document, in the order they are reported.
const (
	spdxWarnCreators = iota
	spdxWarnFiles
	spdxWarnScan
	spdxWarnVersion
	spdxWarnCreated
	spdxWarnDedup
	spdxWarnGroups
)

// spdxState builds a Document from SPDX 2 parts as they stream past.
type spdxState struct {
	doc              *Document
	warn             *warnings
	em               emitter
	version, created string
	describes        []string          // documentDescribes, or DOCUMENT DESCRIBES in tag-value
	relSubject       string            // the subject as the relationships name it
	files            []File            // files with a copyright or attribution text, extracted licences
	fileOwner        map[string]string // file SPDXID → package SPDXID (hasFiles)
	licenseUser      map[string]string // LicenseRef id → the first package whose licence names it
	binaries         binaryFiles       // files kept for their names alone
	slabs            spdxSlabs
	nodes            map[uint64]*spdxNode // the elements relationshipNodes named, by digest
	nodeSeed         maphash.Seed
	nodeBlocks       [][]spdxNode // the nodes, in the order they were made
}

func newSPDXState(visit func(*Component) error) *spdxState {
	return &spdxState{
		nodeSeed: maphash.MakeSeed(),
		doc:      &Document{Dependencies: map[string][]string{}},
		warn:     newWarnings(spdxWarnGroups),
		em:       emitter{visit: visit},
	}
}

func (s *spdxState) pkg(p *spdxPkg) error {
	c := &s.em.buf
	*c = p.component(&s.slabs)
	for _, f := range p.HasFiles {
		s.ownFile(p.ID, normalizeSPDXID(f))
	}
	s.licenseUsers(p.ID, p.LicenseDeclared)
	s.licenseUsers(p.ID, p.LicenseConcluded)
	return s.em.emit(c, "SPDXID", func(w string) { s.warn.add(spdxWarnDedup, w) })
}

// relationship turns a relationship into a graph edge from the including
// element to the included one, and finds the subject.
func (s *spdxState) relationship(a, typ, b string) {
	deps := s.doc.Dependencies
	switch spdxRelKindOf(typ) {
	case spdxRelDescribes:
		if s.relSubject == "" && (a == "SPDXRef-DOCUMENT" || a == "") {
			s.relSubject = b
		}
	case spdxRelDescribedBy:
		if s.relSubject == "" {
			s.relSubject = a
		}
	case spdxRelForward:
		deps[a] = append(deps[a], b)
	case spdxRelBackward:
		deps[b] = append(deps[b], a)
	}
}

// spdxRelKind is what a relationship type makes of its two elements.
type spdxRelKind uint8

const (
	spdxRelOther       spdxRelKind = iota
	spdxRelDescribes               // the first element describes the second, the subject
	spdxRelDescribedBy             // the first element is the subject
	spdxRelForward                 // the first element includes the second
	spdxRelBackward                // the second element includes the first
)

func spdxRelKindOf(typ string) spdxRelKind {
	switch strings.ToUpper(typ) {
	case "DESCRIBES":
		return spdxRelDescribes
	case "DESCRIBED_BY":
		return spdxRelDescribedBy
	case "DEPENDS_ON", "CONTAINS", "STATIC_LINK", "DYNAMIC_LINK", "HAS_PREREQUISITE", "ANCESTOR_OF", "GENERATES":
		return spdxRelForward
	case "DEPENDENCY_OF", "CONTAINED_BY", "BUILD_DEPENDENCY_OF", "DEV_DEPENDENCY_OF",
		"RUNTIME_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF",
		"TEST_DEPENDENCY_OF", "PACKAGE_OF", "PREREQUISITE_FOR", "DESCENDANT_OF", "VARIANT_OF", "GENERATED_FROM":
		return spdxRelBackward
	}
	return spdxRelOther
}

// spdxNode is an element as the relationships of SPDX JSON name it: its
// id, held once, and the ids of the elements it includes, in the order
// the relationships say so. Looking an id up once and appending to its
// node, instead of interning the id and then reading and writing the
// graph's map under it, halves the lookups in maps of every element of
// the document, whose cache misses were most of the cost of reading a
// relationship.
type spdxNode struct {
	id   string
	deps []string
}

// node returns the node of id b, made on first use. Nodes are found by a
// 64-bit digest of their id, as dedup finds refs: a lookup then compares
// integers in the map and never reads the ids of other elements, which
// were cache misses; two ids of one document colliding is a 2⁻⁶⁴ event.
func (s *spdxState) node(b []byte) *spdxNode {
	return s.nodeKeyed(maphash.Bytes(s.nodeSeed, b), b)
}

// nodeKeyed is node for an id whose digest (with s.nodeSeed) is known.
func (s *spdxState) nodeKeyed(key uint64, b []byte) *spdxNode {
	if s.nodes == nil {
		s.nodes = make(map[uint64]*spdxNode, s.em.count)
	}
	if n, ok := s.nodes[key]; ok {
		return n
	}
	last := len(s.nodeBlocks) - 1
	if last < 0 || len(s.nodeBlocks[last]) == cap(s.nodeBlocks[last]) {
		s.nodeBlocks = append(s.nodeBlocks, make([]spdxNode, 0, slabBlock))
		last++
	}
	s.nodeBlocks[last] = append(s.nodeBlocks[last], spdxNode{id: string(b)})
	n := &s.nodeBlocks[last][len(s.nodeBlocks[last])-1]
	s.nodes[key] = n
	return n
}

// relationshipNodes is relationship for elements given as nodes; a nil
// node is the element with an empty id. The edges join the graph in
// finish.
func (s *spdxState) relationshipNodes(a *spdxNode, kind spdxRelKind, b *spdxNode) {
	if a == nil || b == nil {
		empty := s.node(nil)
		a, b = cmp.Or(a, empty), cmp.Or(b, empty)
	}
	switch kind {
	case spdxRelDescribes:
		if s.relSubject == "" && (a.id == "SPDXRef-DOCUMENT" || a.id == "") {
			s.relSubject = b.id
		}
	case spdxRelDescribedBy:
		if s.relSubject == "" {
			s.relSubject = a.id
		}
	case spdxRelForward:
		a.deps = append(a.deps, b.id)
	case spdxRelBackward:
		b.deps = append(b.deps, a.id)
	}
}

// graphNodes adds the edges held by nodes to the dependency graph. It
// walks the nodes in the order they were made (their blocks, in memory
// order, rather than the map) into a graph sized once: on 100k elements
// this runs alone at the end of the decode.
func (s *spdxState) graphNodes() {
	n := 0
	for _, block := range s.nodeBlocks {
		for i := range block {
			if len(block[i].deps) > 0 {
				n++
			}
		}
	}
	if len(s.doc.Dependencies) == 0 && n > 0 {
		s.doc.Dependencies = make(map[string][]string, n)
	}
	deps := s.doc.Dependencies
	for _, block := range s.nodeBlocks {
		for i := range block {
			node := &block[i]
			if len(node.deps) == 0 {
				continue
			}
			if prev := deps[node.id]; prev != nil {
				deps[node.id] = append(prev, node.deps...)
			} else {
				deps[node.id] = node.deps
			}
		}
	}
	s.nodes, s.nodeBlocks = nil, nil
}

// finish completes the document once all of it has been read.
func (s *spdxState) finish() *Document {
	d := s.doc
	s.graphNodes()
	if s.version == "" {
		s.warn.add(spdxWarnVersion, "spdxVersion is missing")
	}
	if t, err := time.Parse(time.RFC3339, s.created); err == nil {
		d.Timestamp = t
	} else {
		s.warn.addf(spdxWarnCreated, "creationInfo.created %q is not an RFC 3339 date-time", s.created)
	}
	d.SubjectRef = s.relSubject
	// Files first, then extracted licences, whatever order they came in.
	var licenses []File
	files := s.files[:0]
	for _, f := range s.files {
		if f.Type == "license" {
			f.Parent = s.licenseUser[f.Ref]
			licenses = append(licenses, f)
		} else {
			files = append(files, f)
		}
	}
	d.Files = append(spdxFileParents(files, s.fileOwner, d.Dependencies), licenses...)
	if len(s.describes) > 0 {
		d.SubjectRef = s.describes[0]
	}
	if f, ok := creatorsElement(d, d.SubjectRef, "#SPDXRef-DOCUMENT"); ok {
		d.Files = append(d.Files, f)
	}
	if w := s.binaries.warning(); w != "" {
		s.warn.add(spdxWarnFiles, w)
	}
	d.Warnings = s.warn.list()
	d.ComponentCount = s.em.count
	return d
}

// spdxSlabs hold the lists of the components an spdxState emits.
type spdxSlabs struct {
	texts    slab[Text]
	licenses slab[string]
	cpes     slab[CPE]
	extRefs  slab[ExternalRef]
	props    slab[Property]
}

func (p *spdxPkg) component(sl *spdxSlabs) Component {
	c := Component{
		Ref:         p.ID,
		Name:        p.Name,
		Version:     p.Version,
		Type:        lowerPurpose(p.Purpose),
		Copyright:   noAssertion(p.Copyright),
		Description: cmp.Or(p.Description, p.Summary),
		Comment:     p.Comment,
		Supplier:    spdxAgent(p.Supplier),
		Originator:  spdxAgent(p.Originator),
		Hashes:      p.Checksums,
		Origin:      p.Origin,
	}
	c.Texts = p.appendTexts(sl.texts.scratch())
	c.Licenses = sl.licenses.scratch()
	for _, l := range [...]string{p.LicenseDeclared, p.LicenseConcluded} {
		if l = noAssertion(l); l != "" {
			c.Licenses = appendUniq(c.Licenses, l)
		}
	}
	c.ExternalRefs = sl.extRefs.scratch()
	if u := noAssertion(p.Download); u != "" {
		c.ExternalRefs = append(c.ExternalRefs, ExternalRef{Type: "download", URL: u})
	}
	if u := noAssertion(p.Homepage); u != "" {
		c.ExternalRefs = append(c.ExternalRefs, ExternalRef{Type: "homepage", URL: u})
	}
	c.CPEs, c.Properties = sl.cpes.scratch(), sl.props.scratch()
	for _, r := range p.Refs {
		addSPDXRef(&c, r)
	}
	c.Texts, c.Licenses = sl.texts.keep(c.Texts), sl.licenses.keep(c.Licenses)
	c.ExternalRefs, c.CPEs, c.Properties = sl.extRefs.keep(c.ExternalRefs), sl.cpes.keep(c.CPEs), sl.props.keep(c.Properties)
	return c
}

// lowerPurpose is strings.ToLower without an allocation for the purposes
// SPDX defines.
func lowerPurpose(p string) string {
	switch p {
	case "APPLICATION":
		return "application"
	case "FRAMEWORK":
		return "framework"
	case "LIBRARY":
		return "library"
	case "CONTAINER":
		return "container"
	case "OPERATING-SYSTEM":
		return "operating-system"
	case "DEVICE":
		return "device"
	case "FIRMWARE":
		return "firmware"
	case "SOURCE":
		return "source"
	case "ARCHIVE":
		return "archive"
	case "FILE":
		return "file"
	case "INSTALL":
		return "install"
	case "OTHER":
		return "other"
	}
	return strings.ToLower(p)
}

func addSPDXRef(c *Component, r spdxRef) {
	switch t := r.Type; {
	case strings.EqualFold(t, "purl"):
		if c.PURL == "" {
			c.PURL = r.Locator
		} else if r.Locator != c.PURL {
			c.Properties = append(c.Properties, Property{Name: "spdx:purl", Value: r.Locator})
		}
	case strings.EqualFold(t, "cpe23Type"), strings.EqualFold(t, "cpe22Type"):
		c.CPEs = append(c.CPEs, CPE{Value: r.Locator, Source: "externalRef"})
	default:
		c.ExternalRefs = append(c.ExternalRefs, ExternalRef{Type: r.Category + ":" + r.Type, URL: r.Locator, Comment: r.Comment})
	}
}

var (
	agentParenEmail = regexp.MustCompile(`\s*\(([^()]*)\)\s*$`)
	agentAngleEmail = regexp.MustCompile(`\s*<([^<>]*)>\s*$`)
)

// spdxAgent parses "Organization: ACME Inc. (contact@acme.example)", and
// the common deviations: no type prefix, an e-mail in angle brackets.
func spdxAgent(value string) *Organization {
	value = strings.TrimSpace(noAssertion(value))
	if value == "" {
		return nil
	}
	o := &Organization{}
	for _, kind := range []string{"Organization", "Person", "Tool"} {
		if rest, ok := strings.CutPrefix(value, kind+":"); ok {
			o.Kind, value = kind, strings.TrimSpace(rest)
			break
		}
	}
	o.Name = value
	for _, re := range []*regexp.Regexp{agentParenEmail, agentAngleEmail} {
		m := re.FindStringSubmatchIndex(value)
		if m == nil {
			continue
		}
		email := strings.TrimSpace(value[m[2]:m[3]])
		o.Name = strings.TrimSpace(value[:m[0]])
		if email != "" {
			o.Emails = []string{email}
			o.Contact = []Contact{{Name: o.Name, Email: email}}
		}
		break
	}
	if o.Name == "" && len(o.Emails) == 0 {
		return nil
	}
	return o
}

func noAssertion(s string) string {
	switch strings.TrimSpace(s) {
	case "NOASSERTION", "NONE":
		return ""
	}
	return s
}

func appendUniq(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// normalizeSPDXID adds the SPDXRef- prefix that some writers drop.
func normalizeSPDXID(id string) string {
	id = strings.TrimSpace(id)
	if id == "" || strings.HasPrefix(id, "SPDXRef-") || strings.HasPrefix(id, "DocumentRef-") || id == "NOASSERTION" || id == "NONE" {
		return id
	}
	return "SPDXRef-" + id
}

// appendTexts appends the package fields beyond the dedicated ones that
// can name its maker: attribution texts, the source information, the
// package file name and LicenseRef licences.
func (p *spdxPkg) appendTexts(out []Text) []Text {
	for i, a := range p.Attributions {
		if a = noAssertion(a); a != "" {
			out = append(out, Text{Kind: TextCopyright, Field: "attributionTexts[" + strconv.Itoa(i) + "]", Value: a})
		}
	}
	if v := noAssertion(p.SourceInfo); v != "" {
		out = append(out, Text{Kind: TextProvenance, Field: "sourceInfo", Value: v})
	}
	if v := noAssertion(p.FileName); v != "" {
		out = append(out, Text{Kind: TextFileName, Field: "packageFileName", Value: v})
	}
	// A LicenseRef names a licence the writer made up, often after its
	// rightholder ("LicenseRef-Vendor-EULA"), whether or not its text is
	// extracted.
	if strings.Contains(p.LicenseDeclared, "LicenseRef-") {
		out = append(out, Text{Kind: TextLicense, Field: "licenseDeclared", Value: p.LicenseDeclared})
	}
	if strings.Contains(p.LicenseConcluded, "LicenseRef-") && p.LicenseConcluded != p.LicenseDeclared {
		out = append(out, Text{Kind: TextLicense, Field: "licenseConcluded", Value: p.LicenseConcluded})
	}
	return out
}

// ownFile records that package pkg holds file (hasFiles, or a file that
// follows its package in tag-value); the first owner wins.
func (s *spdxState) ownFile(pkg, file string) {
	if s.fileOwner == nil {
		s.fileOwner = map[string]string{}
	}
	if _, ok := s.fileOwner[file]; !ok {
		s.fileOwner[file] = pkg
	}
}

// file keeps a file that carries a copyright or attribution text, or
// whose name is a binary's (binaryfiles.go); other files are not kept, so
// that file-heavy documents cost little.
func (s *spdxState) file(f *spdxFile) {
	c := File{Ref: f.ID, Type: "file", Name: f.Name, Copyright: noAssertion(f.Copyright), Origin: f.Origin}
	for i, a := range f.Attributions {
		if a = noAssertion(a); a != "" {
			c.Texts = append(c.Texts, Text{Kind: TextCopyright, Field: "attributionTexts[" + strconv.Itoa(i) + "]", Value: a})
		}
	}
	if strings.TrimSpace(c.Copyright) == "" && len(c.Texts) == 0 && !s.binaries.keep(c.Name) {
		return
	}
	s.files = append(s.files, c)
}

// spdxFileParents sets each kept file's Parent: the package that lists it
// in hasFiles, else the first element whose relationship contains it.
func spdxFileParents(files []File, owner map[string]string, deps map[string][]string) []File {
	if len(files) == 0 {
		return nil
	}
	need := map[string]int{}
	// needLens has bit len(ref)%256 set for each ref in need: most edges
	// lead to packages, and one bit test turns them away without hashing
	// their long ids.
	var needLens [4]uint64
	for i := range files {
		if files[i].Type == "license" {
			continue // its parent is the package that uses it
		}
		if p, ok := owner[files[i].Ref]; ok {
			files[i].Parent = p
		} else if ref := files[i].Ref; ref != "" {
			need[ref] = i
			needLens[len(ref)>>6&3] |= 1 << (len(ref) & 63)
		}
	}
	if len(need) == 0 {
		return files
	}
	// The least parent by name, so that map order does not decide it;
	// without sorting every parent, which was a tenth of a second of one
	// core on a 100k-package document.
	for a, bs := range deps {
		for _, b := range bs {
			if needLens[len(b)>>6&3]&(1<<(len(b)&63)) == 0 {
				continue
			}
			if i, ok := need[b]; ok && a != b && (files[i].Parent == "" || a < files[i].Parent) {
				files[i].Parent = a
			}
		}
	}
	return files
}

// licenseUsers records the first package whose licence expression names
// each LicenseRef, so that an extracted licence's finding has its path.
func (s *spdxState) licenseUsers(pkg, expr string) {
	for rest := expr; ; {
		i := strings.Index(rest, "LicenseRef-")
		if i < 0 {
			return
		}
		rest = rest[i:]
		end := 0
		for end < len(rest) && (wordByte(rest[end]) || rest[end] == '-' || rest[end] == '.') {
			end++
		}
		if s.licenseUser == nil {
			s.licenseUser = map[string]string{}
		}
		if _, ok := s.licenseUser[rest[:end]]; !ok {
			s.licenseUser[rest[:end]] = pkg
		}
		rest = rest[end:]
	}
}

func wordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// license keeps an extracted licence whose name or text may name a
// vendor, as an element audited beside the files; its parent is the first
// package that uses it, found once the document is read.
func (s *spdxState) license(l *spdxLicense) {
	if c, ok := licenseElement(l); ok {
		s.files = append(s.files, c)
	}
}

func licenseElement(l *spdxLicense) (File, bool) {
	c := File{Ref: l.ID, Type: "license", Name: l.ID, Origin: l.Origin}
	if v := noAssertion(l.Name); v != "" {
		c.Texts = append(c.Texts, Text{Kind: TextLicense, Field: "extractedLicense.name", Value: v})
	}
	if v := noAssertion(l.Text); v != "" {
		c.Texts = append(c.Texts, Text{Kind: TextCopyright, Field: "extractedLicense.extractedText", Value: v})
	}
	return c, len(c.Texts) > 0
}
