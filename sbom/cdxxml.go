package sbom

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// UnmarshalXML reads <license> and <expression> children in order, as
// cyclonedx-go does.
func (l *cdxLicenses) UnmarshalXML(d *xml.Decoder, _ xml.StartElement) error {
	list := cdxLicenses{}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if _, end := tok.(xml.EndElement); end {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "license":
			id := new(cdxLicenseID)
			if err := d.DecodeElement(id, &se); err != nil {
				return err
			}
			list = append(list, cdxLicense{License: id})
		case "expression", "expression-detailed":
			var expr struct {
				Text string `xml:",chardata"`
				Attr string `xml:"expression,attr"`
			}
			if err := d.DecodeElement(&expr, &se); err != nil {
				return err
			}
			list = append(list, cdxLicense{Expression: firstNonEmpty(expr.Attr, expr.Text)})
		default:
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	*l = list
	return nil
}

type cdxMetadataXML struct {
	Timestamp    string       `xml:"timestamp"`
	Tools        *cdxToolsXML `xml:"tools"`
	Authors      []cdxContact `xml:"authors>author"`
	Component    *cdxComp     `xml:"component"`
	Manufacture  *cdxOrg      `xml:"manufacture"`
	Manufacturer *cdxOrg      `xml:"manufacturer"`
	Supplier     *cdxOrg      `xml:"supplier"`
}

type cdxToolsXML struct {
	Tools      []cdxTool `xml:"tool"`
	Components []cdxTool `xml:"components>component"`
	Services   []cdxTool `xml:"services>service"`
}

type cdxDependencyXML struct {
	Ref       string `xml:"ref,attr"`
	DependsOn []struct {
		Ref string `xml:"ref,attr"`
	} `xml:"dependency"`
}

type cdxVulnerabilityXML struct {
	ID       string `xml:"id"`
	Analysis *struct {
		State         string `xml:"state"`
		Justification string `xml:"justification"`
	} `xml:"analysis"`
}

const cdxXMLNSPrefix = "http://cyclonedx.org/schema/bom/"

// decodeCycloneDXXML streams a CycloneDX XML BOM: one top-level
// <component> at a time is decoded with DecodeElement, checked, flattened
// and visited.
func decodeCycloneDXXML(r io.Reader, visit func(*Component) error) (*Document, error) {
	dec := xml.NewDecoder(r)
	s := newCDXState(true, visit)
	if err := s.xmlBOM(dec); err != nil {
		var ve *visitError
		if errors.As(err, &ve) {
			return nil, ve.err
		}
		line, col := dec.InputPos()
		return nil, fmt.Errorf("decode CycloneDX XML: line %d, column %d (byte offset %d): %w", line, col, dec.InputOffset(), err)
	}
	return s.finish(), nil
}

func (s *cdxState) xmlBOM(dec *xml.Decoder) error {
	root, err := xmlRoot(dec)
	if err != nil {
		return err
	}
	if root.Name.Local != "bom" {
		return fmt.Errorf("%w: root element <%s> is not a CycloneDX <bom>", ErrNotSBOM, root.Name.Local)
	}
	xmlns := ""
	for _, a := range root.Attr {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			xmlns = a.Value
		case a.Name.Space == "" && a.Name.Local == "serialNumber":
			s.serialNumber(a.Value)
		}
	}
	version := ""
	if v, ok := strings.CutPrefix(xmlns, cdxXMLNSPrefix); ok {
		version = v
	}
	s.specVersion(version)
	return xmlChildren(dec, func(se *xml.StartElement) error {
		switch se.Name.Local {
		case "metadata":
			var m cdxMetadataXML
			if err := dec.DecodeElement(&m, se); err != nil {
				return err
			}
			out := cdxMetadata{
				Timestamp: m.Timestamp, Authors: m.Authors, Component: m.Component,
				Manufacture: m.Manufacture, Manufacturer: m.Manufacturer, Supplier: m.Supplier,
			}
			if m.Tools != nil {
				out.Tools = toolNames(m.Tools.Tools, m.Tools.Components, m.Tools.Services)
			}
			return s.metadata(&out)
		case "components":
			s.hasComponents = true
			i := 0
			return xmlChildren(dec, func(se *xml.StartElement) error {
				if se.Name.Local != "component" {
					return dec.Skip()
				}
				var in cdxComp
				if err := dec.DecodeElement(&in, se); err != nil {
					return err
				}
				n := strconv.Itoa(i)
				i++
				return s.topComponent(&in, "/bom/components/component["+strconv.Itoa(i)+"]", "components["+n+"]", "", cdxWarnDedupComponents, true)
			})
		case "dependencies":
			i := 0
			return xmlChildren(dec, func(se *xml.StartElement) error {
				if se.Name.Local != "dependency" {
					return dec.Skip()
				}
				var d cdxDependencyXML
				if err := dec.DecodeElement(&d, se); err != nil {
					return err
				}
				deps := make([]string, len(d.DependsOn))
				for j, x := range d.DependsOn {
					deps[j] = x.Ref
				}
				s.dependency(i, d.Ref, deps, len(deps) > 0)
				i++
				return nil
			})
		case "vulnerabilities":
			i := 0
			return xmlChildren(dec, func(se *xml.StartElement) error {
				if se.Name.Local != "vulnerability" {
					return dec.Skip()
				}
				var v cdxVulnerabilityXML
				if err := dec.DecodeElement(&v, se); err != nil {
					return err
				}
				if v.Analysis != nil {
					s.checkVulnerability(i, v.ID, v.Analysis.State, v.Analysis.Justification)
				}
				i++
				return nil
			})
		}
		return dec.Skip()
	})
}

// xmlRoot reads up to the root element.
func xmlRoot(dec *xml.Decoder) (*xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("%w: no root element", ErrNotSBOM)
			}
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return &se, nil
		}
	}
}

// xmlChildren calls fn for each child element of the element just
// started; fn must consume the child. It returns after the end tag.
func xmlChildren(dec *xml.Decoder, fn func(*xml.StartElement) error) error {
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(&t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}
