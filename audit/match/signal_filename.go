package match

import "strings"

// fileNameSignal matches the base name of a component named by a path
// ("/opt/vms/lib/libhcnetsdk.so", "C:\VMS\HCNetSDK.dll") against the
// package rules, as an unknown ecosystem: tools list bundled SDK files by
// path, and the file name is what identifies the vendor's SDK.
type fileNameSignal struct{}

func (fileNameSignal) match(ix *index, t *target, hits []hit) []hit {
	c := t.Component
	if len(ix.anyPkg) == 0 {
		return hits
	}
	base := c.Name
	var rules []*rule
	if i := lastSlash(c.Name); i >= 0 {
		if i == len(c.Name)-1 {
			return hits
		}
		base = c.Name[i+1:]
		rules = ix.appendPackages(rules, "", base, "", "")
	}
	if stem := binaryStem(base); len(stem) < len(base) {
		rules = ix.appendPackages(rules, "", stem, "", "")
	}
	return packageHits(hits, rules, c, field("name"), c.Name)
}

// binaryStem drops what a file name adds to the name a list gives: a
// Windows executable, library or driver extension ("klflt.sys" is
// klflt), and the version of a shared object ("libhcnetsdk.so.6" is
// libhcnetsdk.so). Other names come back as they are.
func binaryStem(name string) string {
	n := len(name)
	if n > 4 && name[n-4] == '.' {
		switch ext := name[n-3:]; {
		case strings.EqualFold(ext, "exe"), strings.EqualFold(ext, "dll"), strings.EqualFold(ext, "sys"):
			return name[:n-4]
		}
	}
	end := n
	for end > 0 && name[end-1] >= '0' && name[end-1] <= '9' {
		// Trailing ".N" groups, each all digits.
		k := end
		for k > 0 && name[k-1] >= '0' && name[k-1] <= '9' {
			k--
		}
		if k == 0 || name[k-1] != '.' {
			break
		}
		end = k - 1
	}
	if end < n && end >= 3 && strings.EqualFold(name[end-3:end], ".so") {
		return name[:end]
	}
	return name
}

// lastSlash is the index of the last slash or backslash in s, or -1: a byte loop,
// as strings.LastIndexAny builds a set on every call.
func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' || s[i] == '\\' {
			return i
		}
	}
	return -1
}
