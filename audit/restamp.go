package audit

import "strings"

// keyOf is componentKey for a finding's component: the purl without
// qualifiers and subpath, else type/group/name@version, else the ref.
func keyOf(r ComponentRef) string {
	if r.PURL != "" {
		k, _, _ := strings.Cut(r.PURL, "?")
		k, _, _ = strings.Cut(k, "#")
		return k
	}
	if r.Name != "" {
		return r.Type + "/" + r.Group + "/" + r.Name + "@" + r.Version
	}
	return r.Ref
}

// Restamp gives a finding made for one input to another input with the
// same bytes: its input and its stable id change with the path.
func Restamp(f Finding, input string) Finding {
	f.Input = input
	f.ID = findingID(input, f.Entity.ID, keyOf(f.Component))
	f.Evidence = append([]Evidence(nil), f.Evidence...)
	f.Obligations = append([]Obligation(nil), f.Obligations...)
	f.Path = append([]string(nil), f.Path...)
	return f
}
