package match

import (
	"strings"
)

// An operating-system vendor stamps its own CPE on every package its
// distribution ships (p-cpe:/a:huawei:euleros:libcurl): the CPE names the
// distribution, not who wrote curl. Such findings are folded into one
// finding per document, entity and OS, which asks about the OS itself.

// stampKey identifies one OS of one entity of one list.
type stampKey struct {
	list, entity, vendor, product string
}

// osStamps returns the OS products the lists declare, or nil.
func (m *Matcher) osStamps() map[stampKey]bool {
	var out map[stampKey]bool
	for _, e := range m.ix.entries {
		for _, id := range e.ent.CPEVendors {
			for _, p := range id.OSProducts {
				if out == nil {
					out = map[stampKey]bool{}
				}
				out[stampKey{e.list.ID, e.ent.ID, NormalizeCPEVendor(id.Value), strings.ToLower(p)}] = true
			}
		}
	}
	return out
}

// stampOf returns the OS a finding's CPE evidence names, if any.
func stampOf(f *Attribution, stamps map[stampKey]bool) (stampKey, string, bool) {
	for _, ev := range f.Evidence {
		if ev.Signal != "cpe" {
			continue
		}
		vendor, product := cpeVendorProduct(ev.Value)
		k := stampKey{f.Entity.List, f.Entity.ID, NormalizeCPEVendor(vendor), strings.ToLower(product)}
		if stamps[k] {
			return k, ev.Value, true
		}
	}
	return stampKey{}, "", false
}

// collapseOSStamps keeps the first attribution of each OS stamp, marked
// as standing for the OS (assessment makes it a review of the OS), and
// drops the others; at stays aligned with found.
func (m *Matcher) collapseOSStamps(found []Attribution, at []string) ([]Attribution, []string) {
	stamps := m.osStamps()
	if stamps == nil {
		return found, at
	}
	groups := map[stampKey]int{} // index in outF
	outF, outAt := found[:0:0], at[:0:0]
	for i := range found {
		k, cpe, ok := stampOf(&found[i], stamps)
		if !ok {
			outF, outAt = append(outF, found[i]), append(outAt, at[i])
			continue
		}
		if g, seen := groups[k]; seen {
			stamp := outF[g].OSStamp
			stamp.Components++
			if osScore(&found[i], cpe) > osScore(&outF[g], stamp.CPE) {
				// The OS's own package stands for it better than the
				// first package the OS vendor stamped.
				outF[g], outAt[g] = found[i], at[i]
				stamp.CPE = cpe
				outF[g].OSStamp = stamp
			}
			continue
		}
		groups[k] = len(outF)
		f := found[i]
		f.OSStamp = &OSStamp{Product: k.product, CPE: cpe, Components: 1}
		outF, outAt = append(outF, f), append(outAt, at[i])
	}
	return outF, outAt
}

// osScore ranks how well a stamped component stands for the OS: its CPE
// names an operating system (part "o"), its name is the OS's release
// package ("cgsl-release", "euleros-release").
func osScore(f *Attribution, cpe string) int {
	score := 0
	if rest, ok := cpeBody(cpe); ok && len(rest) > 1 && (rest[0] == 'o' || rest[0] == 'O') && rest[1] == ':' {
		score += 2
	}
	if n := strings.ToLower(f.Component.Name); strings.HasSuffix(n, "-release") || strings.HasSuffix(n, "-release-server") {
		score++
	}
	return score
}

// cpeVendorProduct returns the raw vendor and product fields of a CPE 2.2
// URI or 2.3 formatted string (with or without the "p-" prefix some
// scanners use), "" when absent.
func cpeVendorProduct(s string) (string, string) {
	rest, ok := cpeBody(s)
	if !ok {
		return "", ""
	}
	f := splitCPE(rest)
	if len(f) < 3 {
		return "", ""
	}
	return f[1], f[2]
}

// splitCPE splits on colons not escaped by a backslash.
func splitCPE(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ':':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
