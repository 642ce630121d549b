package sbom

import (
	"encoding/base64"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CycloneDX licence fields that can name a vendor beyond a licence's
// name and URL: the 1.6 licensing block (licensor, licensee, purchaser),
// the licence text, LicenseRef- identifiers ("LicenseRef-Vendor-EULA")
// and the licences of component evidence; and, in a pedigree, the URLs
// of the commits the component derives from.

// cdxAttachedText is a licence text: content, possibly base64.
type cdxAttachedText struct {
	Content  string `json:"content" xml:",chardata"`
	Encoding string `json:"encoding" xml:"encoding,attr"`
}

// cdxLicensing is the part of a 1.6 licensing block that names parties.
type cdxLicensing struct {
	Licensor  *cdxParty `json:"licensor" xml:"licensor"`
	Licensee  *cdxParty `json:"licensee" xml:"licensee"`
	Purchaser *cdxParty `json:"purchaser" xml:"purchaser"`
}

// cdxParty is an organisation or an individual.
type cdxParty struct {
	Organization *cdxOrg     `json:"organization" xml:"organization"`
	Individual   *cdxContact `json:"individual" xml:"individual"`
}

// cdxURL is a pedigree commit: only its URL names where the code came
// from.
type cdxURL struct {
	URL string `json:"url" xml:"url"`
}

// maxLicenseText is how much of a licence text is kept: the rightholder
// clause of an EULA comes in its first lines, and a full text would cost
// a component hundreds of kilobytes. The decoders read at most
// maxLicenseRead bytes of it, room for the base64 of maxLicenseText bytes
// with line breaks.
const (
	maxLicenseText = 4096
	maxLicenseRead = 2 * maxLicenseText
)

// capText is the start of a licence text as read, at most maxLicenseRead
// bytes, copied.
func capText(b []byte) string {
	return string(b[:min(len(b), maxLicenseRead)])
}

// licenseTexts appends the texts of a licence list at base
// ("licenses", "evidence.licenses"): names and URLs of licences without
// an SPDX id, LicenseRef- identifiers, the start of licence texts, and
// the parties of their licensing. A licensor licenses the component, so
// it is read as an organisation that made it; a licensee or purchaser
// only bought it, which can only mention an entity.
func licenseTexts(list cdxLicenses, base string, out []Text) []Text {
	for i, l := range list {
		// The field's name is made only for a text kept: most licences
		// (an SPDX id or expression) keep none.
		field := func(suffix string) string { return base + "[" + strconv.Itoa(i) + "]" + suffix }
		if l.Expression != "" && strings.Contains(l.Expression, "LicenseRef-") {
			out = append(out, Text{Kind: TextLicense, Field: field(".expression"), Value: l.Expression})
		}
		id := l.License
		if id == nil {
			continue
		}
		if id.Name != "" && id.ID == "" {
			out = append(out, Text{Kind: TextLicense, Field: field(".license.name"), Value: id.Name})
		}
		if strings.Contains(id.ID, "LicenseRef-") {
			out = append(out, Text{Kind: TextLicense, Field: field(".license.id"), Value: id.ID})
		}
		if id.URL != "" {
			out = append(out, Text{Kind: TextURL, Field: field(".license.url"), Value: id.URL})
		}
		if t := id.Text; t != nil {
			if v := licenseText(t); v != "" {
				out = append(out, Text{Kind: TextCopyright, Field: field(".license.text.content"), Value: v})
			}
		}
		if lc := id.Licensing; lc != nil {
			b := field(".license.licensing")
			out = partyTexts(lc.Licensor, TextOrg, b+".licensor", out)
			out = partyTexts(lc.Licensee, TextProvenance, b+".licensee", out)
			out = partyTexts(lc.Purchaser, TextProvenance, b+".purchaser", out)
		}
	}
	return out
}

func partyTexts(p *cdxParty, k TextKind, base string, out []Text) []Text {
	if p == nil {
		return out
	}
	if o := p.Organization; o != nil {
		if o.Name != "" {
			out = append(out, Text{Kind: k, Field: base + ".organization.name", Value: o.Name})
		}
		if k == TextOrg {
			for j, u := range o.URL {
				if u != "" {
					out = append(out, Text{Kind: TextURL, Field: base + ".organization.url[" + strconv.Itoa(j) + "]", Value: u})
				}
			}
		}
	}
	if in := p.Individual; in != nil && in.Name != "" {
		out = append(out, Text{Kind: k, Field: base + ".individual.name", Value: in.Name})
	}
	return out
}

// licenseText is the start of a licence text, decoded from base64 if it
// is, cut at maxLicenseText bytes on a character boundary.
func licenseText(t *cdxAttachedText) string {
	v := t.Content
	if strings.EqualFold(t.Encoding, "base64") {
		enc := strings.Join(strings.Fields(v), "")
		if n := base64.StdEncoding.EncodedLen(maxLicenseText); len(enc) > n {
			enc = enc[:n]
		} else if len(v) >= maxLicenseRead {
			enc = enc[:len(enc)/4*4] // cut when read: whole quanta only
		}
		b, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			return ""
		}
		v = string(b)
	}
	v = strings.TrimSpace(v)
	if len(v) > maxLicenseText {
		cut := maxLicenseText
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		v = v[:cut]
	}
	return strings.Clone(v)
}

// commitTexts appends the URLs of a pedigree's commits: the component
// derives from that code, as from an ancestor.
func commitTexts(list []cdxURL, out []Text) []Text {
	for i, c := range list {
		if c.URL != "" {
			out = append(out, Text{Kind: TextURL, Lineage: LineageAncestor, Field: "pedigree.commits[" + strconv.Itoa(i) + "].url", Value: c.URL})
		}
	}
	return out
}

// The JSON tables of the fields above.
var (
	cdxAttachedTextTable = newJSONTable(true,
		jsonField[cdxAttachedText]{"content", func(w *jsonWalker, t *cdxAttachedText) error {
			b, err := w.stringBytes()
			t.Content = capText(b)
			return err
		}},
		internedField("encoding", func(t *cdxAttachedText) *string { return &t.Encoding }),
	)
	cdxLicensingTable = newJSONTable(true,
		ptrField("licensor", cdxPartyTable, func(l *cdxLicensing) **cdxParty { return &l.Licensor }),
		ptrField("licensee", cdxPartyTable, func(l *cdxLicensing) **cdxParty { return &l.Licensee }),
		ptrField("purchaser", cdxPartyTable, func(l *cdxLicensing) **cdxParty { return &l.Purchaser }),
	)
	cdxPartyTable = newJSONTable(true,
		ptrField("organization", cdxOrgTable, func(p *cdxParty) **cdxOrg { return &p.Organization }),
		ptrField("individual", cdxContactTable, func(p *cdxParty) **cdxContact { return &p.Individual }),
	)
	cdxURLTable = newJSONTable(true,
		strField("url", func(c *cdxURL) *string { return &c.URL }),
	)
)

// licenseText reads a licence's <text> element.
func (w *xmlWalker) licenseText(se *xml.StartElement) (*cdxAttachedText, error) {
	t := &cdxAttachedText{}
	t.Encoding, _ = attr(se, "encoding")
	b, err := w.textBytes()
	t.Content = capText(b)
	return t, err
}

// licensing reads a <licensing> element's parties.
func (w *xmlWalker) licensing() (*cdxLicensing, error) {
	lc := &cdxLicensing{}
	err := w.children(func(se *xml.StartElement) error {
		var p **cdxParty
		switch se.Name.Local {
		case "licensor":
			p = &lc.Licensor
		case "licensee":
			p = &lc.Licensee
		case "purchaser":
			p = &lc.Purchaser
		default:
			return w.skip()
		}
		if *p == nil {
			*p = &cdxParty{}
		}
		party := *p
		return w.children(func(se *xml.StartElement) error {
			switch se.Name.Local {
			case "organization":
				return w.org(&party.Organization)
			case "individual":
				c, err := w.contact()
				party.Individual = &c
				return err
			}
			return w.skip()
		})
	})
	return lc, err
}

// commits reads a pedigree's <commits>.
func (w *xmlWalker) commits(pd *cdxPedigree) error {
	return w.list("commit", func(*xml.StartElement) error {
		var c cdxURL
		err := w.children(func(se *xml.StartElement) error {
			if se.Name.Local != "url" {
				return w.skip()
			}
			var err error
			c.URL, err = w.str()
			return err
		})
		pd.Commits = append(pd.Commits, c)
		return err
	})
}
