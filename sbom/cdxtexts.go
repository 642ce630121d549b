package sbom

import "strconv"

// cdxTexts collects the fields of a CycloneDX component that can name its
// maker beyond the dedicated ones: licence names, URLs, texts and
// licensors (cdxlicensing.go), SWID tag,
// evidence copyright and identity, and the makers and names of its
// pedigree ancestors, descendants and variants. It allocates nothing for
// a component that has none of them.
func cdxTexts(in *cdxComp, out []Text) []Text {
	out = licenseTexts(in.Licenses, "licenses", out)
	if sw := in.Swid; sw != nil {
		if sw.TagID != "" {
			out = append(out, Text{Kind: TextTagID, Field: "swid.tagId", Value: sw.TagID})
		}
		if sw.Name != "" && sw.Name != in.Name {
			out = append(out, Text{Kind: TextName, Field: "swid.name", Value: sw.Name})
		}
	}
	if ev := in.Evidence; ev != nil {
		for i, t := range ev.Copyright {
			if t.Text != "" {
				out = append(out, Text{Kind: TextCopyright, Field: "evidence.copyright[" + strconv.Itoa(i) + "].text", Value: t.Text})
			}
		}
		for i, id := range ev.Identity {
			if k := identityKind(id.Field); k != 0 && id.ConcludedValue != "" {
				out = append(out, Text{Kind: k, Field: "evidence.identity[" + strconv.Itoa(i) + "].concludedValue", Value: id.ConcludedValue})
			}
		}
		out = licenseTexts(ev.Licenses, "evidence.licenses", out)
	}
	if pd := in.Pedigree; pd != nil {
		out = relativeTexts(pd.Ancestors, LineageAncestor, "pedigree.ancestors", out)
		out = relativeTexts(pd.Descendants, LineageDescendant, "pedigree.descendants", out)
		out = relativeTexts(pd.Variants, LineageVariant, "pedigree.variants", out)
		out = commitTexts(pd.Commits, out)
		out = patchTexts(pd.Patches, out)
	}
	return out
}

// identityKind maps an evidence.identity field to the kind of its
// concluded value; 0 for fields that name no maker (version, hash).
func identityKind(field string) TextKind {
	switch field {
	case "name", "group", "swid":
		return TextName
	case "purl":
		return TextPURL
	case "cpe":
		return TextCPE
	}
	return 0
}

// relativeTexts flattens pedigree components, and their own pedigree,
// into texts of the given lineage.
func relativeTexts(list []cdxComp, lin Lineage, base string, out []Text) []Text {
	for i := range list {
		r := &list[i]
		p := base + "[" + strconv.Itoa(i) + "]"
		add := func(k TextKind, field, v string) {
			if v != "" {
				out = append(out, Text{Kind: k, Lineage: lin, Field: p + field, Value: v})
			}
		}
		if r.Supplier != nil {
			add(TextOrg, ".supplier.name", r.Supplier.Name)
			for j, u := range r.Supplier.URL {
				add(TextURL, ".supplier.url["+strconv.Itoa(j)+"]", u)
			}
		}
		if r.Manufacturer != nil {
			add(TextOrg, ".manufacturer.name", r.Manufacturer.Name)
		}
		add(TextOrg, ".publisher", r.Publisher)
		add(TextOrg, ".author", r.Author)
		for j, a := range r.Authors {
			add(TextOrg, ".authors["+strconv.Itoa(j)+"].name", a.Name)
		}
		add(TextName, ".name", r.Name)
		add(TextPURL, ".purl", r.PURL)
		add(TextCPE, ".cpe", r.CPE)
		add(TextCopyright, ".copyright", r.Copyright)
		for j, e := range r.ExternalRefs {
			add(TextURL, ".externalReferences["+strconv.Itoa(j)+"].url", e.URL)
		}
		for _, t := range cdxTexts(r, nil) {
			if t.Lineage == LineageOwn {
				t.Lineage = lin
			}
			t.Field = p + "." + t.Field
			out = append(out, t)
		}
	}
	return out
}
