package sbom

// The previous, whole-buffer SPDX 2 decoder, kept as the reference for
// the streaming one (second to tools-golang, which rejects many real files).

import (
	"bytes"
	"fmt"
	"strings"
)

// refTvSection is what the tags after a section header describe.
type refTvSection int

const (
	refTvDocument refTvSection = iota
	refTvPackage
	refTvOther // file, snippet, licence, review, annotation
)

// refTvReader scans SPDX tag-value line by line, keeping the line of each
// package so that findings can cite it.
type refTvReader struct {
	doc     spdxDoc
	section refTvSection
	pkg     *spdxPkg
	// pending is an SPDXID line that came before its element's first tag,
	// an order some writers use.
	pending  string
	docIDSet bool
	file     *spdxFile
	license  *spdxLicense
}

func refDecodeSPDXTagValue(data []byte) (*Document, error) {
	r := &refTvReader{}
	if err := r.scan(data); err != nil {
		return nil, fmt.Errorf("decode SPDX tag-value: %w", err)
	}
	r.flush()
	return r.doc.refDocument(), nil
}

func (r *refTvReader) scan(data []byte) error {
	lineNo := 0
	for len(data) > 0 {
		var line []byte
		line, data = refCutLine(data)
		lineNo++
		text := strings.TrimSpace(string(line))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		tag, value, ok := strings.Cut(text, ":")
		if !ok {
			r.doc.warnf("line %d: %q is not a Tag: Value pair; ignored", lineNo, truncate(text, 60))
			continue
		}
		value = strings.TrimSpace(value)
		start := lineNo
		if strings.HasPrefix(value, "<text>") {
			var consumed int
			var err error
			value, data, consumed, err = refReadTextBlock(value, data)
			if err != nil {
				return fmt.Errorf("line %d: %w", start, err)
			}
			lineNo += consumed
		}
		r.tag(strings.TrimSpace(tag), value, start)
	}
	return nil
}

func refCutLine(data []byte) ([]byte, []byte) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return bytes.TrimSuffix(data[:i], []byte("\r")), data[i+1:]
	}
	return data, nil
}

// refReadTextBlock reads a <text>…</text> value that may span lines.
func refReadTextBlock(first string, rest []byte) (string, []byte, int, error) {
	body := strings.TrimPrefix(first, "<text>")
	if before, _, ok := strings.Cut(body, "</text>"); ok {
		return before, rest, 0, nil
	}
	var sb strings.Builder
	sb.WriteString(body)
	consumed := 0
	for len(rest) > 0 {
		var line []byte
		line, rest = refCutLine(rest)
		consumed++
		sb.WriteByte('\n')
		if before, _, ok := strings.Cut(string(line), "</text>"); ok {
			sb.WriteString(before)
			return sb.String(), rest, consumed, nil
		}
		sb.Write(line)
	}
	return "", nil, consumed, fmt.Errorf("<text> block is never closed")
}

func (r *refTvReader) flush() {
	if l := r.license; l != nil {
		r.license = nil
		r.doc.Licenses = append(r.doc.Licenses, *l)
	}
	if f := r.file; f != nil {
		r.file = nil
		if strings.TrimSpace(noAssertion(f.Copyright)) != "" || len(f.Attributions) > 0 || isBinaryFileName(f.Name) {
			f.ID = normalizeSPDXID(f.ID)
			if f.ID != "" {
				f.Origin.Pointer = "#" + f.ID
				if n := len(r.doc.Packages); n > 0 && r.doc.Packages[n-1].ID != "" {
					r.doc.Packages[n-1].HasFiles = append(r.doc.Packages[n-1].HasFiles, f.ID)
				}
			}
			r.doc.Files = append(r.doc.Files, *f)
		}
	}
	if r.pkg != nil {
		r.doc.Packages = append(r.doc.Packages, *r.pkg)
		r.pkg = nil
	}
}

func (r *refTvReader) tag(tag, value string, line int) {
	switch tag {
	case "PackageName":
		r.flush()
		r.section = refTvPackage
		r.pkg = &spdxPkg{Name: value, Origin: Origin{Line: line}}
		if r.pending != "" {
			r.pkg.ID = normalizeSPDXID(r.pending)
			r.pkg.Origin.Pointer = "#" + r.pkg.ID
			r.pending = ""
		}
		return
	case "FileName":
		r.flush()
		r.section = refTvOther
		r.file = &spdxFile{Name: value, ID: r.pending, Origin: Origin{Line: line}}
		r.pending = ""
		return
	case "LicenseID":
		r.flush()
		r.section = refTvOther
		r.license = &spdxLicense{ID: value, Origin: Origin{Line: line}}
		r.pending = ""
		return
	case "SnippetSPDXID", "Reviewer", "Annotator":
		r.flush()
		r.section = refTvOther
		r.pending = ""
		return
	case "SPDXID":
		r.spdxID(value)
		return
	case "Relationship":
		r.relationship(value)
		return
	}
	if r.section == refTvPackage {
		r.packageTag(tag, value)
		return
	}
	if r.license != nil {
		switch tag {
		case "ExtractedText":
			r.license.Text = value
		case "LicenseName":
			r.license.Name = value
		}
		return
	}
	if r.file != nil {
		switch tag {
		case "FileCopyrightText":
			r.file.Copyright = value
		case "FileAttributionText":
			r.file.Attributions = append(r.file.Attributions, value)
		}
		return
	}
	if r.section == refTvDocument {
		r.documentTag(tag, value)
	}
}

// spdxID assigns an SPDXID to the open package, or keeps it for the
// element that follows when the open one already has its id.
func (r *refTvReader) spdxID(value string) {
	switch {
	case r.section == refTvPackage && r.pkg != nil && r.pkg.ID == "":
		r.pkg.ID = normalizeSPDXID(value)
		r.pkg.Origin.Pointer = "#" + r.pkg.ID
	case r.section == refTvDocument && !r.docIDSet:
		r.docIDSet = true
	case r.file != nil && r.file.ID == "":
		r.file.ID = value
	default:
		r.pending = value
	}
}

func (r *refTvReader) documentTag(tag, value string) {
	switch tag {
	case "SPDXVersion":
		r.doc.Version = value
	case "DocumentName":
		r.doc.Name = value
	case "DocumentNamespace":
		r.doc.Namespace = value
	case "Creator":
		r.doc.Creators = append(r.doc.Creators, value)
	case "Created":
		r.doc.Created = value
	}
}

func (r *refTvReader) packageTag(tag, value string) {
	p := r.pkg
	switch tag {
	case "PackageVersion":
		p.Version = value
	case "PackageFileName":
		p.FileName = value
	case "PackageSupplier":
		p.Supplier = value
	case "PackageOriginator":
		p.Originator = value
	case "PackageDownloadLocation":
		p.Download = value
	case "PackageHomePage":
		p.Homepage = value
	case "PackageCopyrightText":
		p.Copyright = value
	case "PackageSummary":
		p.Summary = value
	case "PackageDescription":
		p.Description = value
	case "PackageComment":
		p.Comment = value
	case "PackageSourceInfo":
		p.SourceInfo = value
	case "PackageAttributionText":
		p.Attributions = append(p.Attributions, value)
	case "PrimaryPackagePurpose":
		p.Purpose = value
	case "PackageLicenseConcluded":
		p.LicenseConcluded = value
	case "PackageLicenseDeclared":
		p.LicenseDeclared = value
	case "PackageChecksum":
		if alg, v, ok := strings.Cut(value, ":"); ok {
			p.Checksums = append(p.Checksums, Hash{Algorithm: strings.TrimSpace(alg), Value: strings.TrimSpace(v)})
		}
	case "ExternalRef":
		if f := strings.Fields(value); len(f) >= 3 {
			p.Refs = append(p.Refs, spdxRef{Category: f[0], Type: f[1], Locator: strings.Join(f[2:], " ")})
		}
	case "ExternalRefComment":
		if n := len(p.Refs); n > 0 {
			p.Refs[n-1].Comment = value
		}
	}
}

func (r *refTvReader) relationship(value string) {
	f := strings.Fields(value)
	if len(f) < 3 {
		r.doc.warnf("relationship %q does not have three parts", value)
		return
	}
	r.doc.Relationships = append(r.doc.Relationships, spdxRel{A: normalizeSPDXID(f[0]), Type: f[1], B: normalizeSPDXID(f[2])})
	if strings.EqualFold(f[1], "DESCRIBES") && (f[0] == "SPDXRef-DOCUMENT") {
		r.doc.Describes = append(r.doc.Describes, normalizeSPDXID(f[2]))
	}
}
