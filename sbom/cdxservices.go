package sbom

import (
	"encoding/xml"
	"fmt"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
)

// CycloneDX services (top-level services[] and the services nested in
// them) are where a BOM names the third-party services a product calls: a
// carrier's SIP trunk, a cloud reputation service, a vendor API. Each is
// audited as a component of type "service": its provider is its supplier,
// its endpoints are URL texts that the domain signal reads, and its
// licences, references and properties are read as a component's.

// serviceType is the Component.Type of a CycloneDX service; no component
// type of CycloneDX has this name.
const serviceType = "service"

// services flattens a list of services depth-first, like components: a
// nested service's parent is the service that holds it.
func (s *cdxState) services(list []cdxComp, base, parent string) error {
	for i := range list {
		if err := s.service(&list[i], s.serviceIndex(base, i), parent); err != nil {
			return err
		}
	}
	return nil
}

func (s *cdxState) serviceIndex(base string, i int) string {
	if s.xml {
		return base + "/service[" + strconv.Itoa(i+1) + "]"
	}
	return base + "/" + strconv.Itoa(i)
}

// service emits in, a service at pointer ptr, and its nested services.
func (s *cdxState) service(in *cdxComp, ptr, parent string) error {
	c := &s.em.buf
	*c = s.component(in, ptr, parent)
	serviceComponent(c, in)
	before := s.em.count
	if err := s.em.emit(c, "bom-ref", func(w string) { s.warn.add(cdxWarnDedupComponents, w) }); err != nil {
		return err
	}
	s.doc.ServiceCount += s.em.count - before
	ref := c.Ref // c is reused by the nested services
	if parent != "" && ref != "" {
		s.doc.Dependencies[parent] = append(s.doc.Dependencies[parent], ref)
	}
	if in.Services != nil {
		return s.services(in.Services, ptr+"/services", ref)
	}
	return nil
}

// serviceComponent completes the component made of a service: its type,
// its provider as supplier (the organisation that provides the service),
// and its endpoints as URL texts.
func serviceComponent(c *Component, in *cdxComp) {
	c.Type = serviceType
	if c.Supplier == nil {
		c.Supplier = in.Provider.org()
	}
	for i, e := range in.Endpoints {
		if e != "" {
			c.Texts = append(c.Texts, Text{Kind: TextURL, Field: "endpoints[" + strconv.Itoa(i) + "]", Value: e})
		}
	}
}

// jsonServices reads the top-level services array, one service (with its
// nested services) at a time.
func (s *cdxState) jsonServices(dec *jsontext.Decoder, lines *jsonLines, w *jsonWalker) error {
	var in cdxComp
	_, err := forEachRawElement(dec, lines, func(raw []byte, i int, at position) error {
		w.cdx.reset()
		in = cdxComp{}
		w.walk(raw, at)
		if _, err := readObject(w, cdxServiceTable, &in); err != nil {
			return fmt.Errorf("services[%d]: %w", i, err)
		}
		return s.service(&in, "/services/"+strconv.Itoa(i), "")
	})
	return err
}

// cdxServiceTable reads a service into a cdxComp: the members a service
// shares with a component, and provider, endpoints and services.
var cdxServiceTable *jsonTable[cdxComp]

func init() {
	cdxServiceTable = newJSONTable(true,
		strField("bom-ref", func(c *cdxComp) *string { return &c.BOMRef }),
		ptrField("provider", cdxOrgTable, func(c *cdxComp) **cdxOrg { return &c.Provider }),
		internedField("group", func(c *cdxComp) *string { return &c.Group }),
		strField("name", func(c *cdxComp) *string { return &c.Name }),
		strField("version", func(c *cdxComp) *string { return &c.Version }),
		strField("description", func(c *cdxComp) *string { return &c.Description }),
		stringListField("endpoints", false, func(c *cdxComp) *[]string { return &c.Endpoints }),
		cdxLicensesField,
		cdxExtRefsField,
		cdxPropertiesField,
		jsonField[cdxComp]{"services", func(w *jsonWalker, c *cdxComp) error {
			list, present, err := readObjectList(w, cdxServiceTable, c.Services)
			if !present {
				list = nil
			}
			c.Services = list
			return err
		}},
	)
	cdxServiceTable.origin = func(c *cdxComp) *position { return &c.at }
}

// services reads the top-level <services>, one <service> at a time.
func (w *xmlWalker) services(s *cdxState) error {
	i := 0
	var in cdxComp
	return w.list("service", func(se *xml.StartElement) error {
		w.props = w.props[:0]
		in = cdxComp{}
		if err := w.comp(se, &in); err != nil {
			return err
		}
		i++
		return s.service(&in, "/bom/services/service["+strconv.Itoa(i)+"]", "")
	})
}

// serviceField reads the members of a <service> that a component does
// not have: provider, endpoints and nested services (w.comp reads the
// others).
func (w *xmlWalker) serviceField(se *xml.StartElement, in *cdxComp) error {
	switch se.Name.Local {
	case "provider":
		return w.org(&in.Provider)
	case "endpoints":
		return w.list("endpoint", func(*xml.StartElement) error {
			v, err := w.str()
			in.Endpoints = append(in.Endpoints, v)
			return err
		})
	}
	return w.list("service", func(se *xml.StartElement) error {
		in.Services = append(in.Services, cdxComp{})
		return w.comp(se, &in.Services[len(in.Services)-1])
	})
}

// The fields components and services share, read alike.
var (
	cdxLicensesField = jsonField[cdxComp]{"licenses", func(w *jsonWalker, c *cdxComp) error {
		list, present, err := readObjectList(w, cdxLicenseTable, []cdxLicense(c.Licenses))
		if !present {
			list = nil
		}
		c.Licenses = list
		return err
	}}
	// The lists below live in w.cdx until w.cdx.reset.
	cdxExtRefsField = jsonField[cdxComp]{"externalReferences", func(w *jsonWalker, c *cdxComp) (err error) {
		c.ExternalRefs, err = readArenaList(w, cdxExtRefTable, &w.cdx.extRefs)
		return err
	}}
	cdxPropertiesField = jsonField[cdxComp]{"properties", func(w *jsonWalker, c *cdxComp) (err error) {
		c.Properties, err = readArenaList(w, cdxPropertyTable, &w.cdx.props)
		return err
	}}
)
